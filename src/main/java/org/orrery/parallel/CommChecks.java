package org.orrery.parallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A value-by-value self-test of every {@link Comm} operation a backend provides, run on all ranks of a real job (the
 * {@code commcheck} program calls it): broadcasts of every element type from a non-zero root, v-collectives with a
 * zero-length block, gathers, reductions (SUM/MAX/MIN on longs and doubles, exact integers so every order gives the
 * same bits), point-to-point with tags, wildcards, probes and short receives, the error protocol ({@link Comm#agree}),
 * the direct-buffer variants, and an MPI error (a truncated receive) that must surface as {@link MpiFailure}.
 *
 * <p>Besides counting mismatches it returns a digest (64-bit FNV-1a over the bits of everything every rank received,
 * combined in rank order): it depends only on the rank count, so equal digests from two backends mean they delivered
 * the same bits.
 */
public final class CommChecks {
    private CommChecks() {}

    /** Mismatches found on all ranks together, and the digest of all received data (hex). */
    public record Outcome(long mismatches, String digest) {}

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** Running FNV-1a digest and mismatch count of one rank. */
    private static final class Tally {
        long digest = FNV_OFFSET;
        long bad;

        void mix(long v) {
            for (int i = 0; i < 8; i++) {
                digest = (digest ^ ((v >>> (8 * i)) & 0xff)) * FNV_PRIME;
            }
        }

        void expect(boolean ok) {
            if (!ok) {
                bad++;
            }
        }

        void expect(long got, long want) {
            mix(got);
            expect(got == want);
        }

        void expect(double got, double want) {
            mix(Double.doubleToRawLongBits(got));
            expect(Double.doubleToRawLongBits(got) == Double.doubleToRawLongBits(want));
        }
    }

    /** collective: runs every check on every rank; returns the job-wide outcome on every rank. */
    public static Outcome everyOperation(Comm comm) {
        Tally t = new Tally();
        int p = comm.size();
        int r = comm.rank();
        int last = p - 1;
        double t0 = comm.wtime();
        comm.barrier(); // collective
        t.expect(comm.wtime() >= t0
                && !comm.processorName().isEmpty()
                && !comm.libraryVersion().isEmpty()
                && !comm.backendName().isEmpty());

        // Broadcasts from the last rank, into the middle of arrays.
        long[] l = new long[6];
        int[] i = new int[6];
        byte[] b = new byte[300];
        if (r == last) {
            for (int k = 0; k < 4; k++) {
                l[1 + k] = Long.MIN_VALUE + 3L * k;
                i[1 + k] = -7 * k - 1;
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (k * 37);
            }
        }
        comm.bcast(l, 1, 4, last); // collective
        comm.bcast(i, 1, 4, last); // collective
        comm.bcast(b, 0, b.length, last); // collective
        for (int k = 0; k < 4; k++) {
            t.expect(l[1 + k], Long.MIN_VALUE + 3L * k);
            t.expect(i[1 + k], -7 * k - 1);
        }
        t.expect(l[0] == 0 && l[5] == 0 && i[0] == 0 && i[5] == 0);
        for (int k = 0; k < b.length; k++) {
            t.expect(b[k], (byte) (k * 37));
        }
        String s = comm.bcastString(r == last ? "Ωmega α⁴ ☉" : "", last); // collective
        t.expect(s.equals("Ωmega α⁴ ☉"));
        t.expect(comm.bcastLong(r == 0 ? -42L : 0, 0), -42L); // collective

        // Blocks of r items (rank 0 sends nothing).
        int[] counts = new int[p];
        int[] displs = new int[p];
        for (int q = 0, d = 0; q < p; q++) {
            counts[q] = q;
            displs[q] = d;
            d += q;
        }
        int total = displs[last] + counts[last];
        long[] lmine = new long[r];
        double[] dmine = new double[r];
        byte[] bmine = new byte[r];
        for (int k = 0; k < r; k++) {
            lmine[k] = 1000L * r + k;
            dmine[k] = r + k / 8.0;
            bmine[k] = (byte) -(r + k);
        }
        long[] lall = new long[total];
        comm.allGatherv(lmine, 0, lall, counts, displs); // collective
        double[] dall = new double[total];
        comm.gatherv(dmine, 0, dall, counts, displs, last); // collective
        byte[] ball = new byte[total];
        comm.gatherv(bmine, 0, ball, counts, displs, last); // collective
        for (int q = 0; q < p; q++) {
            for (int k = 0; k < q; k++) {
                t.expect(lall[displs[q] + k], 1000L * q + k);
                if (r == last) {
                    t.expect(dall[displs[q] + k], q + k / 8.0);
                    t.expect(ball[displs[q] + k], (byte) -(q + k));
                }
            }
        }
        Comm.Gathered<byte[]> gb = comm.gatherVariable(bmine, 0); // collective
        Comm.Gathered<double[]> gd = comm.gatherVariable(dmine, 0); // collective
        if (r == 0) {
            t.expect(Arrays.equals(gb.counts(), counts) && Arrays.equals(gd.displs(), displs));
            for (int q = 0; q < p; q++) {
                for (int k = 0; k < q; k++) {
                    t.expect(gb.data()[displs[q] + k], (byte) -(q + k));
                    t.expect(gd.data()[displs[q] + k], q + k / 8.0);
                }
            }
        }
        int[] ig = comm.allGather(-r - 1); // collective
        long[] lg = comm.allGather(Long.MAX_VALUE - r); // collective
        for (int q = 0; q < p; q++) {
            t.expect(ig[q], -q - 1);
            t.expect(lg[q], Long.MAX_VALUE - q);
        }

        reductions(comm, t);
        pointToPoint(comm, t);
        direct(comm, t);

        // The error protocol: a failure on ranks >= 1 (rank 0 alone in a singleton) reaches every rank.
        comm.agree(null); // collective
        int firstFailing = p == 1 ? 0 : 1;
        try {
            comm.agree(r >= firstFailing ? "rank " + r + " failed" : null); // collective
            t.expect(false);
        } catch (Spmd.AgreedError e) {
            t.expect(e.getMessage().equals("rank " + firstFailing + " failed"));
        }

        // An MPI error (a destination rank that does not exist) must arrive as an exception with
        // MPI's message. (A truncated receive is no portable test: Open MPI 4.1.4's MPI_Sendrecv to
        // self truncates silently and returns MPI_SUCCESS.)
        if (!(comm instanceof SerialComm)) {
            try {
                comm.send(new byte[1], 1, p + 7, 0);
                t.expect(false);
            } catch (MpiFailure e) {
                t.expect(e.getMessage().toLowerCase(Locale.ROOT).contains("rank"));
            }
        }

        long[] digests = comm.allGather(t.digest); // collective
        Tally all = new Tally();
        for (long d : digests) {
            all.mix(d);
        }
        long bad = comm.allReduce(t.bad, Comm.Op.SUM); // collective
        return new Outcome(bad, String.format("%016x", all.digest));
    }

    private static void reductions(Comm comm, Tally t) {
        int p = comm.size();
        int r = comm.rank();
        long n = p;
        for (Comm.Op op : Comm.Op.values()) {
            long[] lv = {r - 5L, (long) r * r, -r};
            comm.reduce(lv, 3, op, p - 1); // collective
            double[] dv = {r + 0.5, -2.0 * r - 1, r * 0.25 + 0.125
            }; // no signed zeros: MAX/MIN of +-0 differ between MPIs
            comm.reduce(dv, 3, op, 0); // collective
            long[] la = {r, Long.MIN_VALUE + r};
            comm.allReduce(la, 2, op); // collective
            double[] da = {r * 0.5 - 0.75, -r - 0.5};
            comm.allReduce(da, 2, op); // collective
            if (r == p - 1) {
                t.expect(lv[0], pick(op, n * (n - 1) / 2 - 5 * n, n - 6, -5));
                t.expect(lv[1], pick(op, (n - 1) * n * (2 * n - 1) / 6, (n - 1) * (n - 1), 0));
                t.expect(lv[2], pick(op, -n * (n - 1) / 2, 0, -(n - 1)));
            }
            if (r == 0) {
                t.expect(dv[0], pick(op, n * (n - 1) / 2.0 + 0.5 * n, n - 0.5, 0.5));
                t.expect(dv[1], pick(op, -(double) n * n, -1, -(2.0 * n - 1)));
                t.expect(dv[2], pick(op, 0.25 * n * (n - 1) / 2.0 + 0.125 * n, 0.25 * (n - 1) + 0.125, 0.125));
            }
            t.expect(la[0], pick(op, n * (n - 1) / 2, n - 1, 0));
            t.expect(
                    la[1],
                    op == Comm.Op.SUM
                            ? Long.MIN_VALUE * n + n * (n - 1) / 2
                            : op == Comm.Op.MAX ? Long.MIN_VALUE + n - 1 : Long.MIN_VALUE);
            t.expect(da[0], pick(op, 0.5 * n * (n - 1) / 2.0 - 0.75 * n, 0.5 * (n - 1) - 0.75, -0.75));
            t.expect(da[1], pick(op, -n * (n - 1) / 2.0 - 0.5 * n, -0.5, -(n - 0.5)));
        }
    }

    private static long pick(Comm.Op op, long sum, long max, long min) {
        return op == Comm.Op.SUM ? sum : op == Comm.Op.MAX ? max : min;
    }

    private static double pick(Comm.Op op, double sum, double max, double min) {
        return op == Comm.Op.SUM ? sum : op == Comm.Op.MAX ? max : min;
    }

    private static void pointToPoint(Comm comm, Tally t) {
        int p = comm.size();
        int r = comm.rank();
        int right = (r + 1) % p;
        int left = (r - 1 + p) % p;
        long[] ring = new long[r + 1];
        Arrays.fill(ring, 10L * r);
        long[] got = new long[p + 2];
        int n = comm.sendRecv(ring, ring.length, right, got, left, 5);
        t.expect(n, left + 1);
        for (int k = 0; k < n; k++) {
            t.expect(got[k], 10L * left);
        }
        // Every rank > 0 reports to rank 0: bytes (tag 100 + r), doubles (tag 200), longs (tag 300), bytes again (tag
        // 400).
        if (r > 0) {
            byte[] msg = ("from " + r).getBytes(StandardCharsets.UTF_8);
            comm.send(msg, msg.length, 0, 100 + r);
            comm.send(new double[] {r / 4.0, -r}, 2, 0, 200);
            comm.send(new long[] {r, r, r}, 3, 0, 300);
            comm.send(new byte[r], r, 0, 400);
            return;
        }
        for (int k = 1; k < p; k++) {
            Comm.Received m;
            while ((m = comm.iprobeBytes(Comm.ANY_SOURCE, 100 + k)) == null) {
                Thread.onSpinWait();
            }
            byte[] buf = new byte[64];
            Comm.Received got1 = comm.recv(buf, m.source(), m.tag());
            t.expect(got1.source() == k
                    && got1.count() == m.count()
                    && new String(buf, 0, got1.count(), StandardCharsets.UTF_8).equals("from " + k));
            double[] dv = new double[5];
            Comm.Received got2 = comm.recv(dv, k, Comm.ANY_TAG);
            t.expect(got2.tag(), 200);
            t.expect(got2.count(), 2);
            t.expect(dv[0], k / 4.0);
            t.expect(dv[1], -k);
        }
        boolean[] seen = new boolean[p];
        for (int k = 1; k < p; k++) {
            long[] lv = new long[3];
            Comm.Received got3 = comm.recv(lv, Comm.ANY_SOURCE, 300);
            seen[got3.source()] = lv[0] == got3.source() && lv[2] == got3.source() && got3.count() == 3;
            Comm.Received pr = comm.probeBytes(got3.source(), 400);
            byte[] z = new byte[pr.count()];
            t.expect(comm.recv(z, pr.source(), 400).count() == got3.source()); // arrival order varies: not digested
        }
        for (int k = 1; k < p; k++) {
            t.expect(seen[k]);
        }
    }

    private static DoubleBuffer directDoubles(int n) {
        return ByteBuffer.allocateDirect(8 * Math.max(1, n))
                .order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
    }

    private static void direct(Comm comm, Tally t) {
        int p = comm.size();
        int r = comm.rank();
        DoubleBuffer b = directDoubles(1000);
        for (int k = 0; k < 1000 && r == 0; k++) {
            b.put(k, k - 0.5);
        }
        comm.bcast(b, 1000, 0); // collective
        t.expect(b.get(999), 998.5);
        t.expect(b.position(), 0);
        int[] counts = new int[p];
        int[] displs = new int[p];
        for (int q = 0; q < p; q++) {
            counts[q] = 2;
            displs[q] = 3 * q;
        }
        DoubleBuffer send = directDoubles(2);
        send.put(0, r).put(1, -r);
        DoubleBuffer recv = directDoubles(3 * p);
        comm.allGatherv(send, 2, recv, counts, displs); // collective
        for (int q = 0; q < p; q++) {
            t.expect(recv.get(3 * q), q);
            t.expect(recv.get(3 * q + 1), -q);
        }
        DoubleBuffer sum = directDoubles(2);
        comm.reduce(send, sum, 2, Comm.Op.SUM, 0); // collective
        if (r == 0) {
            t.expect(sum.get(0), p * (p - 1) / 2.0);
        }
        DoubleBuffer in = directDoubles(4);
        int n = comm.sendRecv(send, 2, (r + 1) % p, in, 4, (r - 1 + p) % p, 9);
        t.expect(n, 2);
        t.expect(in.get(0), (r - 1 + p) % p);
    }
}
