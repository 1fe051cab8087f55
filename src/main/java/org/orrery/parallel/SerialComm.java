package org.orrery.parallel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;

/**
 * A communicator of size 1: every collective is the identity, and messages a rank sends to itself are queued for its
 * own receives. Lets kernels and whole programs run in unit tests without MPI. Multi-rank behaviour is only ever tested
 * under a real {@code mpirun}.
 */
public final class SerialComm implements Comm {
    private final long t0 = System.nanoTime();
    /** A message this rank sent to itself: a copy of the payload (byte[], double[] or long[]) and its tag. */
    private record SelfMessage(Object payload, int tag) {}

    private final ArrayDeque<SelfMessage> selfMessages = new ArrayDeque<>();

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public double wtime() {
        return (System.nanoTime() - t0) * 1e-9;
    }

    @Override
    public String processorName() {
        return hostName();
    }

    /** This host's name, or {@code localhost} when it cannot be resolved (the communicators without MPI). */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void barrier() {}

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        checkRoot(root);
    }

    @Override
    public void bcast(long[] buf, int off, int count, int root) {
        checkRoot(root);
    }

    @Override
    public void bcast(int[] buf, int off, int count, int root) {
        checkRoot(root);
    }

    @Override
    public void bcast(byte[] buf, int off, int count, int root) {
        checkRoot(root);
    }

    @Override
    public String bcastString(String s, int root) {
        checkRoot(root);
        return s;
    }

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        System.arraycopy(send, sendOff, recv, displs[0], counts[0]);
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        System.arraycopy(send, sendOff, recv, displs[0], counts[0]);
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        checkRoot(root);
        System.arraycopy(send, sendOff, recv, displs[0], counts[0]);
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        checkRoot(root);
        System.arraycopy(send, sendOff, recv, displs[0], counts[0]);
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        checkRoot(root);
        System.arraycopy(send, sendOff, recv, displs[0], counts[0]);
    }

    @Override
    public int[] allGather(int value) {
        return new int[] {value};
    }

    @Override
    public long[] allGather(long value) {
        return new long[] {value};
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        checkRoot(root);
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        checkRoot(root);
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {}

    @Override
    public void allReduce(double[] buf, int count, Op op) {}

    @Override
    public int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        checkRoot(dest);
        checkRoot(source);
        if (sendCount > recv.length) {
            throw new IllegalArgumentException("sendRecv: " + sendCount + " > receive capacity " + recv.length);
        }
        System.arraycopy(send, 0, recv, 0, sendCount);
        return sendCount;
    }

    @Override
    public int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        checkRoot(dest);
        checkRoot(source);
        if (sendCount > recv.length) {
            throw new IllegalArgumentException("sendRecv: " + sendCount + " > receive capacity " + recv.length);
        }
        System.arraycopy(send, 0, recv, 0, sendCount);
        return sendCount;
    }

    @Override
    public void send(byte[] buf, int count, int dest, int tag) {
        checkRoot(dest);
        selfMessages.add(new SelfMessage(java.util.Arrays.copyOf(buf, count), tag));
    }

    @Override
    public void send(double[] buf, int count, int dest, int tag) {
        checkRoot(dest);
        selfMessages.add(new SelfMessage(java.util.Arrays.copyOf(buf, count), tag));
    }

    @Override
    public void send(long[] buf, int count, int dest, int tag) {
        checkRoot(dest);
        selfMessages.add(new SelfMessage(java.util.Arrays.copyOf(buf, count), tag));
    }

    private SelfMessage take(int tag, Class<?> type) {
        for (SelfMessage m : selfMessages) {
            if ((tag == ANY_TAG || m.tag() == tag) && type.isInstance(m.payload())) {
                selfMessages.remove(m);
                return m;
            }
        }
        throw new IllegalStateException("SerialComm: receive with no matching message (would deadlock)");
    }

    @Override
    public Received recv(byte[] buf, int source, int tag) {
        SelfMessage m = take(tag, byte[].class);
        byte[] d = (byte[]) m.payload();
        System.arraycopy(d, 0, buf, 0, d.length);
        return new Received(0, m.tag(), d.length);
    }

    @Override
    public Received recv(double[] buf, int source, int tag) {
        SelfMessage m = take(tag, double[].class);
        double[] d = (double[]) m.payload();
        System.arraycopy(d, 0, buf, 0, d.length);
        return new Received(0, m.tag(), d.length);
    }

    @Override
    public Received recv(long[] buf, int source, int tag) {
        SelfMessage m = take(tag, long[].class);
        long[] d = (long[]) m.payload();
        System.arraycopy(d, 0, buf, 0, d.length);
        return new Received(0, m.tag(), d.length);
    }

    @Override
    public Received probeBytes(int source, int tag) {
        for (SelfMessage m : selfMessages) {
            if ((tag == ANY_TAG || m.tag() == tag) && m.payload() instanceof byte[] b) {
                return new Received(0, m.tag(), b.length);
            }
        }
        throw new IllegalStateException("SerialComm: probe with no matching message (would deadlock)");
    }

    @Override
    public Received iprobeBytes(int source, int tag) {
        for (SelfMessage m : selfMessages) {
            if ((tag == ANY_TAG || m.tag() == tag) && m.payload() instanceof byte[] b) {
                return new Received(0, m.tag(), b.length);
            }
        }
        return null;
    }

    @Override
    public void agree(String errorOrNull) {
        if (errorOrNull != null) {
            throw new Spmd.AgreedError(errorOrNull);
        }
    }

    @Override
    public void abort(int code) {
        throw new IllegalStateException("abort(" + code + ") called on SerialComm");
    }

    private static void checkRoot(int r) {
        if (r != 0 && r != ANY_SOURCE) {
            throw new IllegalArgumentException("rank " + r + " does not exist in a communicator of size 1");
        }
    }
}
