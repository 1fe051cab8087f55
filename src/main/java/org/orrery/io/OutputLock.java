package org.orrery.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.orrery.model.UserError;

/**
 * A run's claim on its output directory: the file {@value #NAME} in it, holding the program, host, process id and
 * process start time of the owner. It is taken atomically (the content is written to a private temporary file which is
 * then hard-linked to the lock name, which fails if the name exists), so of two runs started into one directory exactly
 * one proceeds. A lock left by a process that no longer runs on this host (or whose pid now belongs to a process
 * started at another time) is stale and taken over, with a notice. A live lock, or one from another host (whose owner
 * cannot be checked from here), refuses the run with one line and exit status {@value #BUSY}: the input is fine, the
 * directory is busy. {@link #close()} removes the lock if it is still this process's; a shutdown hook does the same on
 * SIGINT/SIGTERM. Directories created by {@link #acquire} are removed by {@link #abandon()} when they are still empty.
 */
public final class OutputLock implements AutoCloseable {
    /** Name of the lock file inside the output directory. */
    public static final String NAME = ".orrery.lock";
    /** Largest difference between two readings of one process's start time (see {@link #startedElsewhen}). */
    static final Duration START_SLACK = Duration.ofSeconds(3);

    /** Exit status when the directory belongs to another live run (an environment condition). */
    public static final int BUSY = 1;

    private final Path dir;
    private final Path file;
    private final String content;
    private final List<Path> created;
    private final Thread hook;
    private boolean released;

    private OutputLock(Path dir, String content, List<Path> created) {
        this.dir = dir;
        this.file = dir.resolve(NAME);
        this.content = content;
        this.created = created;
        this.hook = new Thread(this::release, "orrery-output-lock");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Creates {@code dir} if needed and takes its lock for {@code program}. Stale locks are taken over after
     * {@code notice} is told why. Throws {@link UserError} (exit {@value #BUSY}) when another live run holds it or the
     * directory cannot be written.
     */
    public static OutputLock acquire(Path dir, String program, Consumer<String> notice) {
        List<Path> created = createDirectories(dir);
        long pid = ProcessHandle.current().pid();
        String me = describe(program, host(), pid, startOf(ProcessHandle.current()), bootTicks(pid));
        Path lock = dir.resolve(NAME);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryCreate(dir, lock, me)) {
                return new OutputLock(dir, me, created);
            }
            String held = read(lock);
            if (held == null) {
                continue; // removed meanwhile: try again
            }
            String why = staleReason(held);
            if (why == null) {
                throw new UserError(
                        "output directory " + dir + " is in use by another run ("
                                + held.strip().replace('\n', ' ')
                                + "); wait for it to end or choose another output directory",
                        BUSY);
            }
            notice.accept("taking over the stale lock " + lock + " (" + why + ")");
            Path aside = dir.resolve(NAME + "." + ProcessHandle.current().pid() + ".stale");
            try {
                // Only one of several takers wins this rename; the others see the new owner's lock next time.
                Files.move(lock, aside, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(aside);
            } catch (NoSuchFileException e) {
                notice.accept("the stale lock " + lock + " was taken over by another run meanwhile");
            } catch (IOException e) {
                throw new UserError("cannot take over the stale lock " + lock + ": " + e.getMessage(), BUSY);
            }
        }
        throw new UserError("output directory " + dir + " is being claimed by several runs at once; start one", BUSY);
    }

    private static List<Path> createDirectories(Path dir) {
        List<Path> created = new ArrayList<>();
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            created.add(0, p);
            p = p.getParent();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new UserError(
                    "output directory " + dir + " is not writable: " + IoFailures.reason(e), IoFailures.EXIT_CODE);
        }
        return created;
    }

    private static boolean tryCreate(Path dir, Path lock, String content) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, NAME + ".", ".tmp");
            Files.write(tmp, content.getBytes(StandardCharsets.UTF_8));
            try {
                Files.createLink(lock, tmp);
            } catch (UnsupportedOperationException e) {
                // A file system without hard links: CREATE_NEW is atomic too (the lock holds only a
                // few bytes, so a reader never sees a part-written lock in practice).
                Files.write(
                        lock,
                        content.getBytes(StandardCharsets.UTF_8),
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | SecurityException e) {
            throw new UserError("output directory " + dir + " is not writable: " + e.getMessage(), BUSY);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the temporary file is hidden and named after the lock; nothing depends on it
                    tmp = null;
                }
            }
        }
    }

    /** Why the lock {@code held} is stale, or null if its owner may be alive. */
    static String staleReason(String held) {
        String host = field(held, "host");
        String pid = field(held, "pid");
        if (host == null || pid == null) {
            return held.isBlank() ? null : "it is not an Orrery lock file I can read";
        }
        if (!host.equals(host())) {
            return null;
        }
        long p;
        try {
            p = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return "its pid '" + pid + "' is not a number";
        }
        Optional<ProcessHandle> h = ProcessHandle.of(p);
        if (h.isEmpty() || !h.get().isAlive()) {
            return "pid " + p + " on " + host + " is no longer running";
        }
        String ticks = field(held, "start-ticks");
        String nowTicks = bootTicks(p);
        boolean other = (ticks != null && !ticks.equals("unknown") && !nowTicks.equals("unknown"))
                ? !ticks.equals(nowTicks)
                : startedElsewhen(field(held, "started"), h.get().info().startInstant());
        if (other) {
            return "pid " + p + " now belongs to another process";
        }
        return null;
    }

    /**
     * Without start ticks: true if the lock's recorded start time and the live process's are clearly different. Linux
     * derives a start instant from the boot time in whole seconds ({@code btime} of /proc/stat), which moves by a
     * second when the clock is adjusted, so two JVMs may see one process start a second apart: only a difference over
     * {@link #START_SLACK} counts (a pid reused that quickly is not a concern).
     */
    static boolean startedElsewhen(String recorded, Optional<Instant> now) {
        if (recorded == null || recorded.equals("unknown") || now.isEmpty()) {
            return false;
        }
        try {
            return Duration.between(Instant.parse(recorded), now.get()).abs().compareTo(START_SLACK) > 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String field(String text, String key) {
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return null;
    }

    private static String describe(String program, String host, long pid, String started, String ticks) {
        return String.format(
                Locale.ROOT,
                "program=%s%nhost=%s%npid=%d%nstarted=%s%nstart-ticks=%s%n",
                program,
                host,
                pid,
                started,
                ticks);
    }

    /**
     * The process's start in clock ticks since boot (field 22 of Linux's /proc/PID/stat), which no clock adjustment
     * moves; "unknown" elsewhere.
     */
    static String bootTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ", -1);
            return rest.length > 19 ? rest[19] : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toString).orElse("unknown");
    }

    private static String read(Path lock) {
        try {
            return Files.readString(lock, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** This machine's host name (the kernel's, else the resolver's, else "localhost"). */
    public static String host() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | SecurityException e) {
            // not Linux: ask the resolver below
            return resolverHost();
        }
        return resolverHost();
    }

    private static String resolverHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock (if still ours). */
    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) release itself
            released = true;
        }
    }

    /**
     * Releases the lock and removes the directories {@link #acquire} created if they are empty (a run that wrote
     * nothing).
     */
    public void abandon() {
        close();
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                return; // not empty (or not ours to remove): keep it and its parents
            }
        }
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (content.equals(read(file))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a lock we cannot remove is stale once we exit: the next run takes it over
                released = true;
            }
        }
    }

    @Override
    public String toString() {
        return "lock " + file + " of " + dir;
    }
}
