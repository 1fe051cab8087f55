package org.orrery.parallel;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the ranks of one JVM share ({@link ThreadComm}): a rendezvous for collectives and a mailbox per rank.
 *
 * <p>Collectives: each rank deposits a private copy of what it contributes in a slot, all meet at the rendezvous, then
 * each reads the others' slots. Two slot arrays alternate (by the collective's sequence number, the same on every rank
 * since collectives are called in the same order): a rank can write collective k + 2's slot only after every rank has
 * arrived at collective k + 1, that is, after every rank has finished reading collective k. So one rendezvous per
 * collective, and a caller may change its buffers as soon as the call returns (deposits are copies).
 *
 * <p>Waiting, at the rendezvous and for a message: a short spin (20 µs, {@code -Dorrery.threadSpinNanos}; for the
 * step-by-step collectives of a small N-body run), then the thread sleeps on a monitor until woken, so a waiting rank
 * leaves its core to the others and to the JVM's compiler threads.
 */
final class ThreadWorld {
    static final long SPIN_NANOS = Long.getLong("orrery.threadSpinNanos", 20_000);

    final int size;

    /** The common clock origin ({@link ThreadComm#wtime}). */
    final long t0 = System.nanoTime();

    private final Object[][] slots;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile long generation;
    private final Object gate = new Object();
    private final Mailbox[] boxes;

    ThreadWorld(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ranks: " + size + " (at least 1)");
        }
        this.size = size;
        this.slots = new Object[2][size];
        this.boxes = new Mailbox[size];
        for (int r = 0; r < size; r++) {
            boxes[r] = new Mailbox();
        }
    }

    /** Deposits {@code mine} as collective {@code seq}'s contribution of {@code rank}; returns every rank's. */
    Object[] exchange(int rank, long seq, Object mine) {
        Object[] s = slots[(int) (seq & 1)];
        s[rank] = mine;
        await();
        return s;
    }

    /** Returns when every rank has called it (a barrier). */
    private void await() {
        long g = generation;
        if (arrived.incrementAndGet() == size) {
            arrived.set(0); // nobody else leaves before the generation changes below
            synchronized (gate) {
                generation = g + 1;
                gate.notifyAll();
            }
            return;
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (generation == g && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        synchronized (gate) {
            while (generation == g) {
                waitOn(gate);
            }
        }
    }

    Mailbox box(int rank) {
        return boxes[rank];
    }

    @SuppressWarnings("WaitNotInLoop") // every caller waits in a loop on its own condition
    private static void waitOn(Object monitor) {
        try {
            monitor.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MpiFailure("interrupted while waiting for another rank", e);
        }
    }

    /** A message: its sender, tag, a private copy of the data (a primitive array) and its length. */
    static final class Message {
        final int source;
        final int tag;
        final Object data;
        final int count;
        /** Set (under the mailbox's lock) when a receive took it. */
        boolean taken;

        Message(int source, int tag, Object data, int count) {
            this.source = source;
            this.tag = tag;
            this.data = data;
            this.count = count;
        }
    }

    /** One rank's incoming messages, in arrival order (so messages from one sender never overtake each other). */
    static final class Mailbox {
        private final ArrayDeque<Message> queue = new ArrayDeque<>();
        private volatile long posted;

        void put(Message m) {
            synchronized (this) {
                queue.add(m);
                posted++;
                notifyAll();
            }
        }

        /** Returns when a receive has taken {@code m} (a large send completes when matched, as MPI's does). */
        void awaitTaken(Message m) {
            synchronized (this) {
                while (!m.taken) {
                    waitOn(this);
                }
            }
        }

        /**
         * The first message matching {@code source} and {@code tag} (wildcards {@link Comm#ANY_SOURCE},
         * {@link Comm#ANY_TAG}), removed when {@code remove}; waits for one when {@code block}, else null when none.
         */
        Message take(int source, int tag, boolean remove, boolean block) {
            long spinUntil = 0;
            while (true) {
                long seen;
                synchronized (this) {
                    Message m = find(source, tag, remove);
                    if (m != null || !block) {
                        return m;
                    }
                    seen = posted;
                }
                if (spinUntil == 0) {
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                synchronized (this) {
                    while (posted == seen) {
                        waitOn(this);
                    }
                }
            }
        }

        private Message find(int source, int tag, boolean remove) {
            for (Iterator<Message> it = queue.iterator(); it.hasNext(); ) {
                Message m = it.next();
                if ((source == Comm.ANY_SOURCE || m.source == source) && (tag == Comm.ANY_TAG || m.tag == tag)) {
                    if (remove) {
                        it.remove();
                        m.taken = true;
                        notifyAll(); // a sender may wait for it (awaitTaken)
                    }
                    return m;
                }
            }
            return null;
        }
    }
}
