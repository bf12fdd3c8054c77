package dev.tributary.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The aggregator's record on {@code tributary.metrics} in partitioned mode, keyed {@code aggregator},
 * one per metrics interval:
 * <pre>
 * {"type":"model_rounds","ts":…,"global_version":812,"replicas":4,"rounds":812,"deltas":3190,
 *  "waits":35,"duplicates":0,"closed_all":770,"closed_wait":30,"closed_timeout":12,
 *  "last_round":{"deltas":4,"bytes":181240,"ms":41},"max_round":{"bytes":190112,"ms":1000},
 *  "open_round":{"deltas":1,"bytes":45210,"ms":12}}
 * </pre>
 * {@code closed_*} count the rounds closed because every replica had sent, because a waiting replica
 * said so, and because the round timed out; a round's {@code ms} is the wall-clock time from its first
 * delta to its close (the most an update lags behind the earliest delta in it).
 */
public final class RoundsCodec {
    /** The {@code type} field of these records. */
    public static final String TYPE = "model_rounds";
    private static final JsonFactory JSON = new JsonFactory();

    private RoundsCodec() {
    }

    /** The values of one record. */
    public record Rounds(long globalVersion, int replicas, long rounds, long deltas, long waits, long duplicates,
                         long closedAll, long closedWait, long closedTimeout, long lastRoundDeltas,
                         long lastRoundBytes, long maxRoundBytes, long lastRoundMs, long maxRoundMs,
                         int openDeltas, long openBytes, long openMs) {
    }

    /** Reads a record {@link #encode} wrote (a tolerant reader: fields added later are ignored). */
    public static MonitorRecord.Rounds read(JsonNode n) {
        JsonNode last = n.path("last_round");
        return new MonitorRecord.Rounds(Fields.integer(n, TYPE, "ts"), Fields.integer(n, TYPE, "global_version"),
                (int) Fields.integer(n, TYPE, "replicas"), Fields.integer(n, TYPE, "rounds"),
                n.path("closed_all").asLong(), n.path("closed_wait").asLong(), n.path("closed_timeout").asLong(),
                last.path("deltas").asLong(), last.path("bytes").asLong(), last.path("ms").asLong(),
                n.path("max_round").path("ms").asLong());
    }

    public static byte[] encode(Rounds r, long timestamp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
            g.writeNumberField("ts", timestamp);
            g.writeNumberField("global_version", r.globalVersion());
            g.writeNumberField("replicas", r.replicas());
            g.writeNumberField("rounds", r.rounds());
            g.writeNumberField("deltas", r.deltas());
            g.writeNumberField("waits", r.waits());
            g.writeNumberField("duplicates", r.duplicates());
            g.writeNumberField("closed_all", r.closedAll());
            g.writeNumberField("closed_wait", r.closedWait());
            g.writeNumberField("closed_timeout", r.closedTimeout());
            g.writeObjectFieldStart("last_round");
            g.writeNumberField("deltas", r.lastRoundDeltas());
            g.writeNumberField("bytes", r.lastRoundBytes());
            g.writeNumberField("ms", r.lastRoundMs());
            g.writeEndObject();
            g.writeObjectFieldStart("max_round");
            g.writeNumberField("bytes", r.maxRoundBytes());
            g.writeNumberField("ms", r.maxRoundMs());
            g.writeEndObject();
            g.writeObjectFieldStart("open_round");
            g.writeNumberField("deltas", r.openDeltas());
            g.writeNumberField("bytes", r.openBytes());
            g.writeNumberField("ms", r.openMs());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
