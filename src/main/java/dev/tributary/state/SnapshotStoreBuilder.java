package dev.tributary.state;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds a {@link SnapshotStore}: RocksDB underneath, change-logged to a compacted topic whose
 * {@code max.message.bytes} fits a chunk. Record caching is always off (the store writes only at
 * commit anyway).
 */
public final class SnapshotStoreBuilder implements StoreBuilder<SnapshotStore> {
    private final String name;
    private final Map<String, String> logConfig = new HashMap<>(Map.of(
            "cleanup.policy", "compact",
            "max.message.bytes", Integer.toString(2 * SnapshotStore.CHUNK_BYTES)));
    private boolean logging = true;

    public SnapshotStoreBuilder(String name) {
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public SnapshotStoreBuilder withCachingEnabled() {
        return this;
    }

    @Override
    public SnapshotStoreBuilder withCachingDisabled() {
        return this;
    }

    @Override
    public SnapshotStoreBuilder withLoggingEnabled(Map<String, String> config) {
        logging = true;
        logConfig.putAll(config);
        return this;
    }

    @Override
    public SnapshotStoreBuilder withLoggingDisabled() {
        logging = false;
        return this;
    }

    @Override
    public SnapshotStore build() {
        StoreBuilder<KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>> b = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled();
        b = logging ? b.withLoggingEnabled(logConfig) : b.withLoggingDisabled();
        return new SnapshotStore(b.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return logging;
    }

    @Override
    public String name() {
        return name;
    }
}
