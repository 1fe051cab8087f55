package org.orrery.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Children die with their parent, and temporary folders go with it: while a guard is open, a JVM shutdown (normal exit,
 * SIGINT, SIGTERM, SIGHUP) first sends SIGTERM to the guarded process and every descendant (collected before anything
 * is signalled, so that ranks whose mpirun dies first are not orphaned), waits up to {@value #GRACE_SECONDS} s, then
 * SIGKILLs the survivors; and removes the guarded folders recursively. SIGKILL of this JVM cannot be caught: for that
 * case the launched programs' own locks are stale and taken over by the next run.
 */
public final class ProcessGuard implements AutoCloseable {
    /** Seconds between SIGTERM and SIGKILL. */
    public static final int GRACE_SECONDS = 3;

    private final Thread hook;

    private ProcessGuard(Runnable onShutdown) {
        this.hook = new Thread(onShutdown, "orrery-process-guard");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code pb}'s process already guarded: the shutdown hook is in place before the process exists, so a SIGINT
     * that arrives while it starts still takes it and its descendants down (the hook waits for the start to finish).
     * {@link Guarded#close()} disarms the guard.
     */
    public static Guarded start(ProcessBuilder pb) throws IOException {
        Object lock = new Object();
        AtomicReference<Process> started = new AtomicReference<>();
        ProcessGuard guard = new ProcessGuard(() -> {
            synchronized (lock) {
                Process p = started.get();
                if (p != null) {
                    killTree(p.toHandle());
                }
            }
        });
        try {
            synchronized (lock) {
                started.set(pb.start());
            }
        } catch (IOException | RuntimeException e) {
            guard.close();
            throw e;
        }
        return new Guarded(started.get(), guard);
    }

    /** A process started by {@link #start} with the guard that kills it if this JVM shuts down first. */
    public record Guarded(Process process, ProcessGuard guard) implements AutoCloseable {
        @Override
        public void close() {
            guard.close();
        }
    }

    /** Deletes {@code dir} and everything in it if this JVM shuts down before {@link #close()}. */
    public static ProcessGuard deleteOnExit(Path dir) {
        return new ProcessGuard(() -> deleteTree(dir));
    }

    /** SIGTERM to {@code root} and all its descendants, then SIGKILL to those still alive after the grace period. */
    public static void killTree(ProcessHandle root) {
        List<ProcessHandle> all =
                Stream.concat(Stream.of(root), root.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    h.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Deletes {@code dir} recursively (best effort: what cannot be deleted stays). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("orrery: could not remove the temporary folder " + dir + ": " + IoFailures.reason(e));
        }
    }

    /** Disarms the guard (the process ended, or the folder was removed, normally). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs anyway, which is what shutdown needs.
            Thread.currentThread().interrupt();
        }
    }
}
