package org.orrery.parallel;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who a rank was and how it ended, so that the launcher can name a rank that was killed: when mpirun ends because a
 * rank died by a signal (the kernel's out-of-memory killer, {@code kill -9}), only the launcher is left to say which
 * rank on which host it was, and the dead rank can say nothing itself.
 *
 * <p>{@code launch/orrery} gives every rank one directory, {@value #ENV} (on a path every host sees: the working
 * directory for ranks on several hosts, else {@code $TMPDIR}). Each rank writes there, into {@code rank-<r>}, one line
 * {@code start <rank> <host> <pid>} before MPI starts ({@link #register}), then a second line when it ends in any way
 * it can observe: {@code end} from a shutdown hook (a normal exit, {@code System.exit}, a {@code SIGTERM} or
 * {@code SIGINT} without a handler) or {@code signal <NAME>} from {@link StopSignals}' handlers. Open MPI stops the
 * surviving ranks of a job with {@code SIGCONT}, {@code SIGTERM} and about a second later {@code SIGKILL}, so each
 * survivor leaves one of these lines first; a rank with only its {@code start} line was killed without a warning. The
 * launcher reads the files after mpirun has ended and deletes the directory in every case. Without {@value #ENV}, or
 * when its directory is not there (a host that does not share it), nothing is written.
 *
 * <p>The exit status, under Open MPI. Open MPI's mpirun answers a rank that exits with a non-zero status by stopping
 * the job's other processes: {@code SIGCONT}, a second's sleep, {@code SIGTERM}, another second, {@code SIGKILL}, even
 * when every rank has already finalised and is exiting with the same status. Every bad input (exit 2) and every
 * preempted run (exit 75) would wait those two seconds. So when the launcher asks for it
 * ({@value #RELAY_ENV}{@code =1}, exported with Open MPI only), a rank that ends in order with a non-zero status writes
 * {@code exit <status>} and exits 0 ({@link #exitStatus}); the launcher exits with the status it finds there when
 * mpirun itself ends with 0. A rank that fails alone still aborts the job (and is stopped with the grace period), and a
 * rank that cannot write the line exits with its status. Without the launcher (mpirun java ... by hand) nothing
 * changes.
 *
 * <p>Each line is one {@code write} in append mode, so a reader never sees half a line from a living writer.
 */
public final class RankRegistry {
    /** The environment variable naming the run's directory. */
    public static final String ENV = "ORRERY_RANKS_DIR";

    /** The environment variable ({@code 1}) with which the launcher asks for the exit status in the registry. */
    public static final String RELAY_ENV = "ORRERY_EXIT_RELAY";

    private static volatile Path file;

    private RankRegistry() {}

    /**
     * Writes this rank's {@code start} line into {@code dir} (null: the directory {@value #ENV} names) and installs the
     * shutdown hook that writes {@code end}. Does nothing without a directory, or when the line cannot be written.
     */
    public static synchronized void register(int rank, String dir) {
        if (file != null || dir == null || dir.isEmpty() || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        Path f = Path.of(dir, "rank-" + rank);
        if (append(
                f,
                "start " + rank + " " + host() + " " + ProcessHandle.current().pid())) {
            file = f;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> append(f, "end"), "rank-registry-end"));
        }
    }

    /** {@link #register(int, String)} into the directory the launcher exported. */
    public static void register(int rank) {
        register(rank, System.getenv(ENV));
    }

    /** Notes that signal {@code name} (e.g. {@code "SIGTERM"}) reached this rank. */
    static void signalled(String name) {
        Path f = file;
        if (f != null) {
            append(f, "signal " + name);
        }
    }

    /** Notes that this rank ends now by its own decision (e.g. before an abort or a halt, which run no hooks). */
    static void ended() {
        Path f = file;
        if (f != null) {
            append(f, "end");
        }
    }

    /**
     * The status this rank's process exits with when its job ends in order with {@code code}: 0 after writing
     * {@code exit <code>} when the launcher relays the status ({@value #RELAY_ENV}) and the line was written, else
     * {@code code}.
     */
    static int exitStatus(int code) {
        return exitStatus(code, "1".equals(System.getenv(RELAY_ENV)));
    }

    /** {@link #exitStatus(int)} with the launcher's request given. */
    static int exitStatus(int code, boolean relay) {
        Path f = file;
        if (code == 0 || !relay || f == null) {
            return code;
        }
        return append(f, "exit " + code) ? 0 : code;
    }

    /** Forgets the registration (unit tests; the shutdown hook stays). */
    static synchronized void forget() {
        file = null;
    }

    private static boolean append(Path f, String line) {
        try {
            Files.write(
                    f,
                    (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            return true;
        } catch (IOException | SecurityException e) {
            // the registry only improves a message: a rank that cannot write it is reported as unknown
            return false;
        }
    }

    /** This machine's host name (the kernel's, else the resolver's, else "localhost"), without spaces. */
    static String host() {
        String h = "";
        try {
            h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException | SecurityException e) {
            h = "";
        }
        if (h.isEmpty()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "localhost";
            }
        }
        return h.replaceAll("\\s+", "_");
    }
}
