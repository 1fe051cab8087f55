package org.orrery.parallel;

import java.nio.DoubleBuffer;
import org.orrery.parallel.Comm.Received;

/**
 * The point-to-point side of {@link NativeComm} (send, recv, sendRecv, probe, iprobe) through the shim: arrays are
 * copied into {@link ShimMemory}'s scratch buffers and back, direct buffers go to MPI as they are; a receive copies
 * back only the count its status reports ({@code MPI_Get_count}), and {@link Comm#ANY_SOURCE}/{@link Comm#ANY_TAG}
 * become the MPI's own wildcards in the shim. Not thread-safe (MPI_THREAD_FUNNELED).
 */
final class NativeMessages {
    private final ShimMemory m;

    NativeMessages(ShimMemory m) {
        this.m = m;
    }

    int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        DirectScratch s = m.out.fit(sendCount, 8);
        s.doubles.put(0, send, 0, sendCount);
        DirectScratch r = m.in.fit(recv.length, 8);
        NativeMpi.sendrecv(
                m.outAt(),
                m.outBytes(),
                sendCount,
                dest,
                m.inAt(),
                m.inBytes(),
                recv.length,
                source,
                NativeMpi.DOUBLE,
                tag,
                m.statusAt());
        r.doubles.get(0, recv, 0, m.count());
        return m.count();
    }

    int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        DirectScratch s = m.out.fit(sendCount, 8);
        s.longs.put(0, send, 0, sendCount);
        DirectScratch r = m.in.fit(recv.length, 8);
        NativeMpi.sendrecv(
                m.outAt(),
                m.outBytes(),
                sendCount,
                dest,
                m.inAt(),
                m.inBytes(),
                recv.length,
                source,
                NativeMpi.LONG,
                tag,
                m.statusAt());
        r.longs.get(0, recv, 0, m.count());
        return m.count();
    }

    int sendRecv(DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        Comm.checkDirect(send, sendCount, "sendRecv");
        Comm.checkDirect(recv, recvCapacity, "sendRecv");
        NativeMpi.sendrecv(
                m.sendAt(send),
                ShimMemory.bytes(send),
                sendCount,
                dest,
                m.recvAt(recv),
                ShimMemory.bytes(recv),
                recvCapacity,
                source,
                NativeMpi.DOUBLE,
                tag,
                m.statusAt());
        return m.count();
    }

    void send(byte[] buf, int count, int dest, int tag) {
        DirectScratch s = m.out.fit(count, 1);
        s.bytes.put(0, buf, 0, count);
        NativeMpi.send(m.outAt(), m.outBytes(), count, NativeMpi.BYTE, dest, tag);
    }

    void send(double[] buf, int count, int dest, int tag) {
        DirectScratch s = m.out.fit(count, 8);
        s.doubles.put(0, buf, 0, count);
        NativeMpi.send(m.outAt(), m.outBytes(), count, NativeMpi.DOUBLE, dest, tag);
    }

    void send(long[] buf, int count, int dest, int tag) {
        DirectScratch s = m.out.fit(count, 8);
        s.longs.put(0, buf, 0, count);
        NativeMpi.send(m.outAt(), m.outBytes(), count, NativeMpi.LONG, dest, tag);
    }

    Received recv(byte[] buf, int source, int tag) {
        DirectScratch r = m.in.fit(buf.length, 1);
        NativeMpi.recv(m.inAt(), m.inBytes(), buf.length, NativeMpi.BYTE, source, tag, m.statusAt());
        r.bytes.get(0, buf, 0, m.count());
        return m.received();
    }

    Received recv(double[] buf, int source, int tag) {
        DirectScratch r = m.in.fit(buf.length, 8);
        NativeMpi.recv(m.inAt(), m.inBytes(), buf.length, NativeMpi.DOUBLE, source, tag, m.statusAt());
        r.doubles.get(0, buf, 0, m.count());
        return m.received();
    }

    Received recv(long[] buf, int source, int tag) {
        DirectScratch r = m.in.fit(buf.length, 8);
        NativeMpi.recv(m.inAt(), m.inBytes(), buf.length, NativeMpi.LONG, source, tag, m.statusAt());
        r.longs.get(0, buf, 0, m.count());
        return m.received();
    }

    Received probeBytes(int source, int tag) {
        NativeMpi.probe(source, tag, NativeMpi.BYTE, m.statusAt());
        return m.received();
    }

    Received iprobeBytes(int source, int tag) {
        return NativeMpi.iprobe(source, tag, NativeMpi.BYTE, m.statusAt()) ? m.received() : null;
    }
}
