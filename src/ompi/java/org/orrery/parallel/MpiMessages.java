package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Status;
import org.orrery.parallel.Comm.Received;

/**
 * The point-to-point side of {@link MpiComm} over Open MPI's Java bindings: send, recv, sendRecv, probe, iprobe. Arrays
 * travel through {@link OmpiScratch}'s direct buffers; a receive copies back only the count its status reports (the
 * bindings leave the tail of a shorter message stale). {@link Comm#ANY_SOURCE}/{@link Comm#ANY_TAG} map to MPI's
 * wildcards. Not thread-safe (MPI_THREAD_FUNNELED).
 */
final class MpiMessages {
    private final Intracomm comm;
    private final OmpiScratch scratch;

    MpiMessages(Intracomm comm, OmpiScratch scratch) {
        this.comm = comm;
        this.scratch = scratch;
    }

    private static int src(int source) {
        return source == Comm.ANY_SOURCE ? MPI.ANY_SOURCE : source;
    }

    private static int tag(int tag) {
        return tag == Comm.ANY_TAG ? MPI.ANY_TAG : tag;
    }

    private static Received received(Status st, Datatype type) throws MPIException {
        return new Received(st.getSource(), st.getTag(), st.getCount(type));
    }

    int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        DoubleBuffer s = scratch.dSend(sendCount);
        s.put(send, 0, sendCount);
        DoubleBuffer r = scratch.dRecv(recv.length);
        try {
            Status st = comm.sendRecv(s, sendCount, MPI.DOUBLE, dest, tag, r, recv.length, MPI.DOUBLE, source, tag);
            int n = st.getCount(MPI.DOUBLE);
            r.position(0);
            r.get(recv, 0, n);
            return n;
        } catch (MPIException e) {
            throw MpiComm.failure("sendRecv", e);
        }
    }

    int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        LongBuffer s = scratch.lSend(sendCount);
        s.put(send, 0, sendCount);
        LongBuffer r = scratch.lRecv(recv.length);
        try {
            Status st = comm.sendRecv(s, sendCount, MPI.LONG, dest, tag, r, recv.length, MPI.LONG, source, tag);
            int n = st.getCount(MPI.LONG);
            r.position(0);
            r.get(recv, 0, n);
            return n;
        } catch (MPIException e) {
            throw MpiComm.failure("sendRecv", e);
        }
    }

    int sendRecv(DoubleBuffer send, int sendCount, int dest, DoubleBuffer recv, int recvCapacity, int source, int tag) {
        Comm.checkDirect(send, sendCount, "sendRecv");
        Comm.checkDirect(recv, recvCapacity, "sendRecv");
        try {
            return comm.sendRecv(send, sendCount, MPI.DOUBLE, dest, tag, recv, recvCapacity, MPI.DOUBLE, source, tag)
                    .getCount(MPI.DOUBLE);
        } catch (MPIException e) {
            throw MpiComm.failure("sendRecv", e);
        }
    }

    void send(byte[] buf, int count, int dest, int tag) {
        ByteBuffer s = scratch.bSend(count);
        s.put(buf, 0, count);
        try {
            comm.send(s, count, MPI.BYTE, dest, tag);
        } catch (MPIException e) {
            throw MpiComm.failure("send", e);
        }
    }

    void send(double[] buf, int count, int dest, int tag) {
        DoubleBuffer s = scratch.dSend(count);
        s.put(buf, 0, count);
        try {
            comm.send(s, count, MPI.DOUBLE, dest, tag);
        } catch (MPIException e) {
            throw MpiComm.failure("send", e);
        }
    }

    void send(long[] buf, int count, int dest, int tag) {
        LongBuffer s = scratch.lSend(count);
        s.put(buf, 0, count);
        try {
            comm.send(s, count, MPI.LONG, dest, tag);
        } catch (MPIException e) {
            throw MpiComm.failure("send", e);
        }
    }

    Received recv(byte[] buf, int source, int tag) {
        ByteBuffer r = scratch.bRecv(buf.length);
        try {
            Received got = received(comm.recv(r, buf.length, MPI.BYTE, src(source), tag(tag)), MPI.BYTE);
            r.position(0);
            r.get(buf, 0, got.count());
            return got;
        } catch (MPIException e) {
            throw MpiComm.failure("recv", e);
        }
    }

    Received recv(double[] buf, int source, int tag) {
        DoubleBuffer r = scratch.dRecv(buf.length);
        try {
            Received got = received(comm.recv(r, buf.length, MPI.DOUBLE, src(source), tag(tag)), MPI.DOUBLE);
            r.position(0);
            r.get(buf, 0, got.count());
            return got;
        } catch (MPIException e) {
            throw MpiComm.failure("recv", e);
        }
    }

    Received recv(long[] buf, int source, int tag) {
        LongBuffer r = scratch.lRecv(buf.length);
        try {
            Received got = received(comm.recv(r, buf.length, MPI.LONG, src(source), tag(tag)), MPI.LONG);
            r.position(0);
            r.get(buf, 0, got.count());
            return got;
        } catch (MPIException e) {
            throw MpiComm.failure("recv", e);
        }
    }

    Received probeBytes(int source, int tag) {
        try {
            return received(comm.probe(src(source), tag(tag)), MPI.BYTE);
        } catch (MPIException e) {
            throw MpiComm.failure("probe", e);
        }
    }

    Received iprobeBytes(int source, int tag) {
        try {
            Status st = comm.iProbe(src(source), tag(tag));
            return st == null ? null : received(st, MPI.BYTE);
        } catch (MPIException e) {
            throw MpiComm.failure("iProbe", e);
        }
    }
}
