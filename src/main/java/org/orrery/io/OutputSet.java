package org.orrery.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The files of one run, published together or not at all (rank 0). {@link #open} takes the output directory's
 * {@link OutputLock}; every output is then written through {@link #stage}: the writer writes (atomically, fsynced, as
 * {@link AtomicFile} does) to a hidden temporary name beside the target, {@code .NAME.orrery-PID.part}. {@link #commit}
 * renames every staged file onto its target in the order staged, removes the previous run's files this run no longer
 * writes ({@link #retire}), syncs the directories and releases the lock. {@link #abandon} (a failed run, or the JVM
 * stopped by a signal before the commit) deletes the temporaries and removes the directories {@code open} created if
 * they are still empty: the previous run's files stay untouched and no partial new ones appear.
 *
 * <p>The renames of a commit are each atomic, not atomic as a group: a power cut in the milliseconds of the commit can
 * leave some targets new and some old; everything before the commit (the long part of a run) cannot.
 */
public final class OutputSet implements AutoCloseable {
    private final OutputLock lock;
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private final Set<Path> retired = new LinkedHashSet<>();
    private final Thread hook;
    private boolean finished;

    private OutputSet(OutputLock lock) {
        this.lock = lock;
        this.hook = new Thread(this::abandonOnShutdown, "orrery-output-set");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Creates {@code dir} if needed and takes its lock for {@code program} (stale locks are taken over after telling
     * {@code notice}); a busy or unwritable directory throws {@link org.orrery.model.UserError} with exit status 1.
     */
    public static OutputSet open(Path dir, String program, Consumer<String> notice) {
        return new OutputSet(OutputLock.acquire(dir, program, notice));
    }

    /** The lock held on the output directory. */
    public OutputLock lock() {
        return lock;
    }

    /**
     * The temporary path to write {@code target}'s content to; the file becomes {@code target} at {@link #commit}.
     * Staging the same target twice returns the same path.
     */
    public synchronized Path stage(Path target) {
        if (finished) {
            throw new IllegalStateException("output set already committed or abandoned");
        }
        Path t = target.toAbsolutePath().normalize();
        retired.remove(t);
        return staged.computeIfAbsent(t, k -> stagedPath(k, token()));
    }

    /**
     * The token that names this set's temporaries (this process's id): other processes that write files of the set
     * (ranks other than 0) find their temporary paths with {@link #stagedPath} and it, after rank 0 has staged them.
     */
    public long token() {
        return ProcessHandle.current().pid();
    }

    /** The temporary path {@link #stage} gives {@code target} in the set whose {@link #token} is {@code token}. */
    public static Path stagedPath(Path target, long token) {
        Path t = target.toAbsolutePath().normalize();
        return t.resolveSibling("." + t.getFileName() + ".orrery-" + token + ".part");
    }

    /** Writes {@code target} (at commit) with {@code writer}. */
    public void write(Path target, AtomicFile.Writer writer) {
        AtomicFile.write(stage(target), writer);
    }

    /** Writes the text file {@code target} (UTF-8, at commit). */
    public void writeString(Path target, String text) {
        AtomicFile.writeString(stage(target), text);
    }

    /** An earlier run's file that this run does not write: removed at commit, so old and new never mix. */
    public synchronized void retire(Path target) {
        Path t = target.toAbsolutePath().normalize();
        if (!staged.containsKey(t)) {
            retired.add(t);
        }
    }

    /**
     * Retires every file in the output directory whose name matches {@code glob} (e.g.
     * {@code "paircount*.{csv,fits,png}"}) and that this run did not stage: an earlier run's outputs that this run's
     * options do not produce, so that old and new never stand side by side.
     */
    public void retireOthers(String glob) {
        Path dir = lock.file().getParent();
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    retire(p);
                }
            }
        } catch (IOException e) {
            throw IoFailures.writing(dir, e);
        }
    }

    /**
     * Publishes every staged file and releases the directory; an I/O failure throws (exit 1) after {@link #abandon}.
     */
    public synchronized void commit() {
        if (finished) {
            return;
        }
        Path current = null;
        try {
            Set<Path> dirs = new LinkedHashSet<>();
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                current = e.getKey();
                if (!Files.exists(e.getValue())) {
                    continue; // staged but never written (a writer that chose to skip): nothing to publish
                }
                try {
                    Files.move(
                            e.getValue(), current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(e.getValue(), current, StandardCopyOption.REPLACE_EXISTING);
                }
                dirs.add(current.getParent());
            }
            for (Path r : retired) {
                current = r;
                Files.deleteIfExists(r);
                dirs.add(r.getParent());
            }
            for (Path d : dirs) {
                syncDirectory(d);
            }
        } catch (IOException e) {
            abandon();
            throw IoFailures.writing(current, e);
        }
        finished = true;
        removeHook();
        lock.close();
    }

    /** Deletes every temporary and releases the directory, removing it if this run created it and it is empty. */
    public synchronized void abandon() {
        deleteTemporaries();
        finished = true;
        removeHook();
        lock.abandon();
    }

    /** {@link #abandon} unless committed: use in try-with-resources so every failure cleans up. */
    @Override
    public void close() {
        if (!finished) {
            abandon();
        }
    }

    /** The targets staged so far, in order. */
    public synchronized List<Path> targets() {
        return new ArrayList<>(staged.keySet());
    }

    /** Deletes the temporaries; false if one could not be (hidden and named after its target and pid: harmless). */
    private boolean deleteTemporaries() {
        boolean all = true;
        for (Path tmp : staged.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                all = false;
            }
        }
        return all;
    }

    private void abandonOnShutdown() {
        synchronized (this) {
            if (finished) {
                return;
            }
            deleteTemporaries();
            finished = true;
        }
        lock.abandon();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook sees finished and does nothing
            return;
        }
    }

    /** Makes the renames in {@code dir} durable (where the platform can open a directory). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every platform opens directories; the renames are still atomic, only their durability is the OS's
            return;
        }
    }
}
