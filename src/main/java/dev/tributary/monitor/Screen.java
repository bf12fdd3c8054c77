package dev.tributary.monitor;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Shows successive frames of text on a terminal. In place, each frame overwrites the previous one
 * (ANSI: the screen cleared once, then per frame cursor home, each line cleared to its end, the rest
 * of the screen cleared); appended, frames follow one another separated by a blank line, for output
 * that is not a terminal (a file, a pipe, a test). It changes no terminal mode (the cursor stays
 * visible), so a process killed mid-frame leaves the terminal as it was. Thread-safe.
 */
public final class Screen implements AutoCloseable {
    static final String HOME = "\033[H";
    static final String CLEAR_SCREEN = "\033[2J";
    static final String CLEAR_TO_LINE_END = "\033[K";
    static final String CLEAR_BELOW = "\033[J";

    private final PrintStream out;
    private final boolean inPlace;
    private boolean started;
    private boolean closed;

    /** @param inPlace overwrite each frame with the next (a terminal), or append them */
    public Screen(PrintStream out, boolean inPlace) {
        this.out = Objects.requireNonNull(out, "out");
        this.inPlace = inPlace;
    }

    /**
     * Whether standard output is an interactive terminal that understands ANSI escapes: there is a
     * console and {@code TERM} is set and not {@code dumb}.
     */
    public static boolean stdoutIsTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.isEmpty() && !"dumb".equals(term);
    }

    public boolean inPlace() {
        return inPlace;
    }

    /** Shows {@code frame}, replacing the previous one when in place. */
    public synchronized void show(String frame) {
        if (closed) {
            return;
        }
        if (!inPlace) {
            out.print(started ? "\n" + frame : frame);
            started = true;
            out.flush();
            return;
        }
        StringBuilder sb = new StringBuilder(frame.length() + 256);
        if (!started) {
            sb.append(CLEAR_SCREEN);
            started = true;
        }
        sb.append(HOME);
        frame.lines().forEach(line -> sb.append(line).append(CLEAR_TO_LINE_END).append('\n'));
        sb.append(CLEAR_BELOW);
        out.print(sb);
        out.flush();
    }

    /** Later frames are ignored. */
    @Override
    public synchronized void close() {
        closed = true;
        out.flush();
    }
}
