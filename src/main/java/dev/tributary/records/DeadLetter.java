package dev.tributary.records;

import dev.tributary.event.DeadLetterReason;
import dev.tributary.event.EventDecodeException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A refused input record as it goes to the dead-letter topic (DESIGN.md §2: bad input is never
 * silently dropped): where it came from, its key and headers, why it was refused, and its original
 * bytes. JSON ({@code docs/wire-formats.md}):
 * <pre>{"type":"dead_letter","task":"income","topic":"income.events","partition":0,"offset":42,
 *  "key":"dS0xNw==","headers":[{"key":"trace","value":"YWJj"}],
 *  "reason":"NON_FINITE","message":"feature 'f3' is not a finite number: 1e999",
 *  "original":"eyJmZWF0dXJlcyI6...","original_bytes":31,"original_sha256":"9f2c…","original_truncated":false,
 *  "ts":1763884800000}</pre>
 * {@code key}, header values and {@code original} are standard base64, so that any bytes (invalid
 * UTF-8 too) survive; {@code key} and {@code original} are {@code null} when the input record had
 * none (a tombstone has no value). {@code original_bytes} and {@code original_sha256} always describe
 * the whole original value, so a dead letter whose {@code original} holds only a prefix
 * ({@code original_truncated}) still identifies the record: the prefix is kept for an
 * {@link DeadLetterReason#OVERSIZED} record (at most {@link #OVERSIZED_PREFIX_BYTES}) and whenever the
 * whole record would not fit the dead-letter topic ({@link DeadLetterJson#write(DeadLetter, int)}).
 * {@code ts} is the input record's timestamp, not the time of refusal, so that re-processing the same
 * input yields the same dead letter.
 *
 * <p>{@link #fromJson} is a tolerant reader: it requires the fields of the first version (type, task,
 * topic, partition, offset, reason, message, original, ts), reads the later ones when present and
 * ignores fields it does not know.
 *
 * @param task           the task whose topic the record came from
 * @param topic          the topic the record came from
 * @param partition      its partition, or -1 when unknown
 * @param offset         its offset, or -1 when unknown
 * @param key            the input record's key, or {@code null}
 * @param headers        the input record's headers, in order (never {@code null})
 * @param reason         short machine-friendly code, a {@link DeadLetterReason} name
 * @param message        what was wrong, for people
 * @param original       the record value as received, or its first bytes (see above); {@code null} for a tombstone
 * @param originalBytes  the size of the whole original value (0 for a tombstone)
 * @param originalSha256 SHA-256 of the whole original value in lower-case hex, or {@code null} for a tombstone
 *                       (and in dead letters written before the field existed)
 * @param timestamp      the record timestamp, epoch milliseconds
 */
public record DeadLetter(String task, String topic, int partition, long offset, byte[] key, List<Header> headers,
                         String reason, String message, byte[] original, long originalBytes, String originalSha256,
                         long timestamp) {
    /** The value of the {@code type} field that marks dead-letter records among monitoring records. */
    public static final String TYPE = "dead_letter";
    /** How much of a record larger than the decoder's limit ({@link DeadLetterReason#OVERSIZED}) is kept. */
    public static final int OVERSIZED_PREFIX_BYTES = 64 * 1024;

    /** One header of the input record; {@code value} may be {@code null}. */
    public record Header(String key, byte[] value) {
        public Header {
            Objects.requireNonNull(key, "header key");
            value = value == null ? null : value.clone();
        }

        @Override
        public byte[] value() {
            return value == null ? null : value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + (value == null ? "null" : value.length + " bytes");
        }
    }

    public DeadLetter {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        if (partition < -1) {
            throw new IllegalArgumentException("partition must be >= -1 (-1 = unknown), found " + partition);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1 (-1 = unknown), found " + offset);
        }
        if (original != null && original.length > originalBytes) {
            throw new IllegalArgumentException("original holds " + original.length + " bytes, more than originalBytes "
                    + originalBytes);
        }
        key = key == null ? null : key.clone();
        original = original == null ? null : original.clone();
    }

    /**
     * The dead letter of a record whose whole value is at hand: its size and SHA-256 are computed here,
     * and a value larger than {@code keepBytes} keeps only its first {@code keepBytes} bytes.
     */
    public static DeadLetter of(String task, String topic, int partition, long offset, byte[] key, List<Header> headers,
                                DeadLetterReason reason, String message, byte[] value, int keepBytes, long timestamp) {
        byte[] kept = value == null || value.length <= keepBytes ? value : Arrays.copyOf(value, keepBytes);
        return new DeadLetter(task, topic, partition, offset, key, headers, reason.name(), message, kept,
                value == null ? 0 : value.length, sha256(value), timestamp);
    }

    /** The dead letter for a record that {@link EventCodec#decode} refused, without key or headers. */
    public static DeadLetter of(EventDecodeException refusal, String task, String topic, int partition, long offset,
                                byte[] original, long timestamp) {
        Objects.requireNonNull(refusal, "refusal");
        return of(task, topic, partition, offset, null, List.of(), refusal.reason(), refusal.getMessage(),
                original, Integer.MAX_VALUE, timestamp);
    }

    /** SHA-256 of {@code bytes} in lower-case hex, or {@code null} for {@code null}. */
    public static String sha256(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Whether {@link #original()} holds only the first bytes of the record's value. */
    public boolean originalTruncated() {
        return original != null && original.length < originalBytes;
    }

    /** A copy of the key, or {@code null}. */
    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** A copy of the original bytes (or of their first bytes), or {@code null} for a tombstone. */
    @Override
    public byte[] original() {
        return original == null ? null : original.clone();
    }

    /** The same dead letter with {@code original} cut to its first {@code bytes} bytes (no-op if shorter). */
    DeadLetter withOriginalPrefix(int bytes) {
        if (original == null || original.length <= bytes) {
            return this;
        }
        return new DeadLetter(task, topic, partition, offset, key, headers, reason, message,
                Arrays.copyOf(original, bytes), originalBytes, originalSha256, timestamp);
    }

    /** The same dead letter without headers and key, saying so in its message. */
    DeadLetter withoutKeyAndHeaders() {
        return new DeadLetter(task, topic, partition, offset, null, List.of(), reason,
                message + " (key and headers too large for the dead-letter topic: left out)", original, originalBytes,
                originalSha256, timestamp);
    }

    /** The dead letter's JSON, UTF-8, fields in the documented order, everything kept. */
    public static byte[] toJson(DeadLetter d) {
        return DeadLetterJson.write(d, Integer.MAX_VALUE);
    }

    /**
     * The dead letter's JSON in at most {@code maxBytes} bytes: the original is cut to a prefix when the
     * whole would not fit, and when even that does not, the key and headers are left out.
     *
     * @throws IllegalArgumentException when not even the fixed fields fit
     */
    public static byte[] toJson(DeadLetter d, int maxBytes) {
        return DeadLetterJson.write(d, maxBytes);
    }

    /**
     * Reads a dead letter written by {@link #toJson}.
     *
     * @throws IllegalArgumentException naming the field when the JSON is not a dead letter
     */
    public static DeadLetter fromJson(byte[] json) {
        return DeadLetterJson.read(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && task.equals(d.task) && topic.equals(d.topic) && partition == d.partition
                && offset == d.offset && Arrays.equals(key, d.key) && headers.equals(d.headers)
                && reason.equals(d.reason) && message.equals(d.message) && Arrays.equals(original, d.original)
                && originalBytes == d.originalBytes && Objects.equals(originalSha256, d.originalSha256)
                && timestamp == d.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, topic, partition, offset, Arrays.hashCode(key), headers, reason, message,
                Arrays.hashCode(original), originalBytes, originalSha256, timestamp);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + task + ", " + topic + "-" + partition + "@" + offset
                + (key == null ? "" : ", key " + new String(key, StandardCharsets.UTF_8)) + ", " + reason + ": "
                + message + ", " + (original == null ? "tombstone" : originalBytes + " bytes"
                + (originalTruncated() ? " (" + original.length + " kept)" : "")) + ", ts=" + timestamp + "]";
    }
}
