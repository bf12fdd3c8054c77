package dev.tributary.util;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The contract of every {@link Stateful} component (River's {@code check_estimator} for state): a test
 * class implements this interface for one component and inherits the checks.
 * <ul>
 *   <li>a copy restored from the state written mid-stream shows what the original shows, and the two
 *       stay bit-identical as both go on with the same input;</li>
 *   <li>the state reads back to the same bytes, and the reader consumes exactly what the writer wrote;</li>
 *   <li>the state depends on the input (so the checks above are not vacuous);</li>
 *   <li>truncated state is refused with an exception, never read as something else.</li>
 * </ul>
 *
 * @param <T> the component
 */
public interface StatefulContract<T extends Stateful> {

    /** A fresh instance, from the same configuration every call. */
    T create();

    /** Feeds {@code steps} inputs drawn from {@code rng} (the component's own kind of input). */
    void feed(T subject, Rng rng, int steps);

    /**
     * What the component shows the world (outputs, statistics, weights), as a value whose
     * {@code equals} is exact (boxed doubles compare bit for bit).
     */
    Object observe(T subject);

    /** Inputs before the state is taken and again after. */
    default int steps() {
        return 400;
    }

    @Test
    default void shouldContinueBitIdenticallyAfterARestoreMidStream() {
        T original = create();
        feed(original, new Rng(1), steps());
        byte[] state = stateOf(original);
        T copy = create();
        restore(copy, state);
        assertArrayEquals(state, stateOf(copy), "the state reads back to the same bytes");
        assertEquals(observe(original), observe(copy), "the restored copy shows what the original shows");
        feed(original, new Rng(2), steps());
        feed(copy, new Rng(2), steps());
        assertEquals(observe(original), observe(copy), "both went on with the same input");
        assertArrayEquals(stateOf(original), stateOf(copy));
    }

    @Test
    default void shouldHaveStateThatDependsOnTheInput() {
        T fresh = create();
        T fed = create();
        feed(fed, new Rng(3), steps());
        assertFalse(Arrays.equals(stateOf(fresh), stateOf(fed)), "feeding changed nothing in the state");
    }

    @Test
    default void shouldRefuseTruncatedState() {
        T fed = create();
        feed(fed, new Rng(4), steps());
        byte[] state = stateOf(fed);
        for (int cut : new int[] {0, state.length / 2, state.length - 1}) {
            byte[] prefix = Arrays.copyOf(state, cut);
            assertThrows(Exception.class, () -> restore(create(), prefix),
                    "state cut to " + cut + " of " + state.length + " bytes was accepted");
        }
    }

    static byte[] stateOf(Stateful s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@code state} into {@code s}; fails when the reader leaves bytes unread. */
    static void restore(Stateful s, byte[] state) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(state);
        try {
            s.readState(new DataInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.available() > 0) {
            throw new IllegalStateException(bytes.available() + " bytes of state left unread");
        }
    }
}
