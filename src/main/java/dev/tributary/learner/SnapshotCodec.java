package dev.tributary.learner;

import dev.tributary.optim.FlatState;

import dev.tributary.util.ByteArrayDataOutput;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.CRC32;

/**
 * The learner snapshot format (DESIGN.md §4.5). Layout, big-endian:
 * <pre>
 *   int    magic "TRIB"
 *   int    format version ({@value #VERSION}; 1 to 6 are still read)
 *   UTF    spec fingerprint ({@link dev.tributary.spec.TopologySpec#fingerprint()}; before version 5
 *          {@link dev.tributary.spec.TopologySpec#legacyFingerprint()})
 *   int    payload length
 *   byte[] payload: named parts (UTF name, int length, bytes; {@link StateParts}): parameters,
 *          optimizer, loss-weighting, feature-encoder, target-scalers, task-sampler (buffers,
 *          reservoirs, random state), dropout-rng, metrics, counters (per task, skipped steps),
 *          reactions (cooldowns, learning-rate boosts), monitors (UTF layout, then gate health,
 *          drift detectors, task affinity). Versions 3 to 5 wrote the same components in the same
 *          order without names, the monitors as a section of their own (UTF layout, int length).
 *   long   CRC32 of the payload
 * </pre>
 * Monitoring settings are not part of the fingerprint, so a snapshot may meet a learner whose monitors
 * are arranged differently (monitoring switched off, other signals watched): the monitor section is
 * then skipped and the monitors start afresh; the model and everything it learns from are restored
 * as always. Versions 1 and 2 kept gate health after the metrics and (v2) the drift detectors at the end.
 * The header and checksum are verified before anything is read into the learner, so an unknown
 * version, corrupt bytes or another spec's snapshot are refused with nothing loaded.
 */
final class SnapshotCodec {
    static final int MAGIC = 0x54524942;
    /**
     * Version 7 adds the part {@code embedding-row-steps} (each embedding row's own update count, for
     * lazy Adam); before it, every row counts as updated at every step. Version 6 writes the payload as named parts ({@link StateParts}), each framed by its name and
     * length, so that a part that does not fit is refused by name. Version 5 identifies the spec by {@link dev.tributary.spec.TopologySpec#fingerprint()}, a hash of
     * an explicit canonical form of the layout fields; versions 1 to 4 carry
     * {@link dev.tributary.spec.TopologySpec#legacyFingerprint()} and are checked against it. Version 4 writes the binary metrics' score histograms compactly (varint gaps and counts: the
     * snapshot shrank by ~20%; the histogram reads either layout). Version 3 added the drift-reaction
     * state and task affinity, and moved gate health and the drift detectors into a monitor section
     * that is skipped when the learner's monitors are arranged differently. Version 2 added the drift
     * detectors; version 1 snapshots are still read (fresh detectors).
     */
    static final int VERSION = 7;

    private SnapshotCodec() {
    }

    static byte[] write(Learner l) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(l.parameterCount() * 12 + 4096);
        write(l, out);
        return out.toByteArray();
    }

    /**
     * Appends the snapshot to {@code out}: header (magic, version, fingerprint, payload length), the
     * payload, its CRC-32. Written in place, the length and the monitor section's size patched after.
     */
    static void write(Learner l, ByteArrayDataOutput out) {
        try {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(l.spec.fingerprint());
            int lengthAt = out.size();
            out.writeInt(0);
            int start = out.size();
            writePayload(l, out);
            out.setInt(lengthAt, out.size() - start);
            out.writeLong(out.crc32(start));
        } catch (IOException e) {
            throw new IllegalStateException("could not write learner snapshot", e);
        }
    }

    private static void writePayload(Learner l, ByteArrayDataOutput p) throws IOException {
        StateParts.write(StateParts.of(l), p);
    }

    static void read(Learner l, byte[] bytes) {
        int version = bytes != null && bytes.length >= 8 ? java.nio.ByteBuffer.wrap(bytes).getInt(4) : -1;
        byte[] payload = verify(bytes, version >= 5 ? l.spec.fingerprint() : l.spec.legacyFingerprint());
        if (version >= 6) {
            try {
                StateParts.read(StateParts.of(l), payload);
            } catch (IOException e) {
                throw new SnapshotException("snapshot payload is corrupt: " + e.getMessage(), e);
            }
            return;
        }
        readBeforeVersion6(l, version, payload);
    }

    /** Formats 1 to 5: the components one after the other, without names. */
    private static void readBeforeVersion6(Learner l, int version, byte[] payload) {
        try {
            DataInputStream p = new DataInputStream(new ByteArrayInputStream(payload));
            FlatState.read(p, l.trainer.params, "parameters");
            l.trainer.optimizer().readState(p);
            l.trainer.optimizer().assumeDenseHistory();
            l.trainer.weighting().readState(p);
            l.encoder.readState(p);
            for (var t : l.targets) {
                t.readState(p);
            }
            l.sampler.readState(p);
            l.dropoutRng.setState(p.readLong());
            for (var m : l.metrics) {
                m.readState(p);
            }
            if (version <= 2) {
                readOldGateHealth(l, p);
            }
            for (int t = 0; t < l.consumed.length; t++) {
                l.consumed[t] = p.readLong();
                l.labelled[t] = p.readLong();
            }
            l.trainer.skippedNonFinite = p.readLong();
            if (version == 2) {
                l.monitors.drift.readVersion2(p);
            }
            if (version >= 3) {
                l.reactions.readState(p);
                readMonitors(l, p);
            }
            if (p.available() != 0) {
                throw new SnapshotException("snapshot payload has " + p.available() + " unread bytes");
            }
        } catch (IOException e) {
            throw new SnapshotException("snapshot payload does not fit this learner: " + e.getMessage(), e);
        }
    }

    /** Versions 1 and 2: a flag, then gate health; kept if the learner has gate health, else skipped. */
    private static void readOldGateHealth(Learner l, DataInputStream p) throws IOException {
        if (!p.readBoolean()) {
            return;
        }
        var gates = l.monitors.gates != null ? l.monitors.gates
                : new dev.tributary.eval.GateHealth(l.tasks.size(), l.net.gateWidth(0), 1000);
        gates.readState(p);
    }

    /** The monitor section: read if it was written by monitors arranged as the learner's, else skipped. */
    private static void readMonitors(Learner l, DataInputStream p) throws IOException {
        String layout = p.readUTF();
        int length = p.readInt();
        if (length < 0 || length > p.available()) {
            throw new SnapshotException("snapshot monitor section is truncated: length " + length);
        }
        byte[] section = new byte[length];
        p.readFully(section);
        if (!layout.equals(l.monitors.layout())) {
            return;
        }
        DataInputStream m = new DataInputStream(new ByteArrayInputStream(section));
        l.monitors.readState(m);
        if (m.available() != 0) {
            throw new SnapshotException("snapshot monitor section has " + m.available() + " unread bytes");
        }
    }

    /** Checks magic, version, fingerprint and checksum; returns the payload. */
    static byte[] verify(byte[] bytes, String fingerprint) {
        if (bytes == null || bytes.length < 16) {
            throw new SnapshotException("not a Tributary snapshot: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new SnapshotException(String.format("not a Tributary snapshot: magic 0x%08X", magic));
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new SnapshotException("snapshot format version " + version + " is not supported (this build reads "
                        + "1 to " + VERSION + ")");
            }
            String found = in.readUTF();
            if (!found.equals(fingerprint)) {
                throw new SnapshotException("snapshot was written for a different model (spec fingerprint " + found
                        + ", this spec has " + fingerprint + "): tasks, features, model sizes, optimizer or weighting type"
                        + " or sampler sizes differ");
            }
            int length = in.readInt();
            if (length < 0 || length > in.available() - Long.BYTES) {
                throw new SnapshotException("snapshot is truncated or corrupt: payload length " + length);
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            long expected = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(payload);
            if (crc.getValue() != expected) {
                throw new SnapshotException("snapshot is corrupt: checksum mismatch");
            }
            return payload;
        } catch (IOException e) {
            throw new SnapshotException("snapshot is truncated or corrupt", e);
        }
    }

}
