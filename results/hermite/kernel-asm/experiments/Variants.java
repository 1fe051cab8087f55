import jdk.incubator.vector.*;
import java.util.*;
public class Variants {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int L = 4;
    static void register(Map<String,Exp.K> m) { m.put("p1", Variants::p1); m.put("p2", Variants::p2); m.put("fm", Variants::fm); m.put("s1", Variants::s1); m.put("p3", Variants::p3); }

    // software pipelined distance 1: A(j+1) (div, sqrt) then B(j)
    static void p1(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        final DoubleVector px = DoubleVector.fromArray(S, p, 0);
        final DoubleVector py = DoubleVector.fromArray(S, p, L);
        final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
        final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
        final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
        final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        DoubleVector rn, wn;
        {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j0]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j0]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j0]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            rn = one.div(r2);
            wn = DoubleVector.broadcast(S, m[j0]).mul(rn).mul(rn.sqrt());
        }
        final int last = j1 - 1;
        for (int j = j0; j < j1; j++) {
            final DoubleVector rinv2 = rn;
            final DoubleVector w = wn;
            final int jn = Math.min(j + 1, last);
            {
                final DoubleVector dx = DoubleVector.broadcast(S, x[jn]).sub(px);
                final DoubleVector dy = DoubleVector.broadcast(S, y[jn]).sub(py);
                final DoubleVector dz = DoubleVector.broadcast(S, z[jn]).sub(pz);
                final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
                rn = one.div(r2);
                wn = DoubleVector.broadcast(S, m[jn]).mul(rn).mul(rn.sqrt());
            }
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
            final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
            final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
            ax = ax.add(w.mul(dx));
            ay = ay.add(w.mul(dy));
            az = az.add(w.mul(dz));
            final DoubleVector b = three.mul(dx.mul(ux).add(dy.mul(uy)).add(dz.mul(uz))).mul(rinv2);
            jx = jx.add(w.mul(ux.sub(b.mul(dx))));
            jy = jy.add(w.mul(uy.sub(b.mul(dy))));
            jz = jz.add(w.mul(uz.sub(b.mul(dz))));
        }
        ax.intoArray(acc, k); ay.intoArray(acc, stride + k); az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k); jy.intoArray(acc, 4 * stride + k); jz.intoArray(acc, 5 * stride + k);
    }

    // chunked two-phase: A for chunk c+1 into buf, B for chunk c from buf
    static final int C = 8;
    static final ThreadLocal<double[]> BUF = ThreadLocal.withInitial(() -> new double[4 * C * L]);
    static void aChunk(double[] x, double[] y, double[] z, double[] m, int ja, int jb, DoubleVector px, DoubleVector py, DoubleVector pz, DoubleVector e, double[] buf, int off) {
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int j = ja, o = off; j < jb; j++, o += 2 * L) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector rinv2 = one.div(r2);
            rinv2.intoArray(buf, o);
            DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt()).intoArray(buf, o + L);
        }
    }
    static void p2(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        final double[] buf = BUF.get();
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        final DoubleVector px = DoubleVector.fromArray(S, p, 0);
        final DoubleVector py = DoubleVector.fromArray(S, p, L);
        final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
        final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
        final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
        final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        int half = 0;
        aChunk(x, y, z, m, j0, Math.min(j1, j0 + C), px, py, pz, e, buf, 0);
        for (int c0 = j0; c0 < j1; c0 += C) {
            final int c1 = Math.min(j1, c0 + C);
            final int nh = half ^ (2 * C * L);
            if (c1 < j1) aChunk(x, y, z, m, c1, Math.min(j1, c1 + C), px, py, pz, e, buf, nh);
            for (int j = c0, o = half; j < c1; j++, o += 2 * L) {
                final DoubleVector rinv2 = DoubleVector.fromArray(S, buf, o);
                final DoubleVector w = DoubleVector.fromArray(S, buf, o + L);
                final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
                final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
                final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
                final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
                final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
                final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
                ax = ax.add(w.mul(dx));
                ay = ay.add(w.mul(dy));
                az = az.add(w.mul(dz));
                final DoubleVector b = three.mul(dx.mul(ux).add(dy.mul(uy)).add(dz.mul(uz))).mul(rinv2);
                jx = jx.add(w.mul(ux.sub(b.mul(dx))));
                jy = jy.add(w.mul(uy.sub(b.mul(dy))));
                jz = jz.add(w.mul(uz.sub(b.mul(dz))));
            }
            half = nh;
        }
        ax.intoArray(acc, k); ay.intoArray(acc, stride + k); az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k); jy.intoArray(acc, 4 * stride + k); jz.intoArray(acc, 5 * stride + k);
    }

    // FMA (different bits; evidence only): same loop with fma where GCC contracts
    static void fm(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        final DoubleVector px = DoubleVector.fromArray(S, p, 0);
        final DoubleVector py = DoubleVector.fromArray(S, p, L);
        final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
        final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
        final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
        final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        for (int j = j0; j < j1; j++) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
            final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
            final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
            final DoubleVector r2 = dz.fma(dz, dy.fma(dy, dx.mul(dx))).add(e);
            final DoubleVector rinv2 = one.div(r2);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt());
            ax = w.fma(dx, ax);
            ay = w.fma(dy, ay);
            az = w.fma(dz, az);
            final DoubleVector b = three.mul(dz.fma(uz, dy.fma(uy, dx.mul(ux)))).mul(rinv2);
            jx = w.fma(b.neg().fma(dx, ux), jx);
            jy = w.fma(b.neg().fma(dy, uy), jy);
            jz = w.fma(b.neg().fma(dz, uz), jz);
        }
        ax.intoArray(acc, k); ay.intoArray(acc, stride + k); az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k); jy.intoArray(acc, 4 * stride + k); jz.intoArray(acc, 5 * stride + k);
    }

    // split: loop A (force, stores rinv2 and w per j), loop B (jerk)
    static final ThreadLocal<double[]> SB = ThreadLocal.withInitial(() -> new double[2 * 4096 * L]);
    static void s1(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        final double[] buf = SB.get();
        {
            final DoubleVector e = DoubleVector.broadcast(S, eps2);
            final DoubleVector one = DoubleVector.broadcast(S, 1.0);
            final DoubleVector px = DoubleVector.fromArray(S, p, 0);
            final DoubleVector py = DoubleVector.fromArray(S, p, L);
            final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
            DoubleVector ax = DoubleVector.fromArray(S, acc, k);
            DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
            DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
            for (int j = j0, o = 0; j < j1; j++, o += 2 * L) {
                final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
                final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
                final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
                final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
                final DoubleVector rinv2 = one.div(r2);
                final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt());
                rinv2.intoArray(buf, o);
                w.intoArray(buf, o + L);
                ax = ax.add(w.mul(dx));
                ay = ay.add(w.mul(dy));
                az = az.add(w.mul(dz));
            }
            ax.intoArray(acc, k); ay.intoArray(acc, stride + k); az.intoArray(acc, 2 * stride + k);
        }
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        final DoubleVector px = DoubleVector.fromArray(S, p, 0);
        final DoubleVector py = DoubleVector.fromArray(S, p, L);
        final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
        final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
        final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
        final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        for (int j = j0, o = 0; j < j1; j++, o += 2 * L) {
            final DoubleVector rinv2 = DoubleVector.fromArray(S, buf, o);
            final DoubleVector w = DoubleVector.fromArray(S, buf, o + L);
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
            final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
            final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
            final DoubleVector b = three.mul(dx.mul(ux).add(dy.mul(uy)).add(dz.mul(uz))).mul(rinv2);
            jx = jx.add(w.mul(ux.sub(b.mul(dx))));
            jy = jy.add(w.mul(uy.sub(b.mul(dy))));
            jz = jz.add(w.mul(uz.sub(b.mul(dz))));
        }
        jx.intoArray(acc, 3 * stride + k); jy.intoArray(acc, 4 * stride + k); jz.intoArray(acc, 5 * stride + k);
    }

    // software pipelined through memory: A(j+D) stores 1/s^2 and w into a ring of slots, B(j) loads them
    static final int D = 2, SLOTS = 4;
    static void p3(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        final double[] buf = p; // slots after the 8 L coordinates/constants
        final int base = 8 * L;
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        final DoubleVector px = DoubleVector.fromArray(S, p, 0);
        final DoubleVector py = DoubleVector.fromArray(S, p, L);
        final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
        final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
        final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
        final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        final int last = j1 - 1;
        for (int j = j0; j < Math.min(j1, j0 + D); j++) {
            final int o = base + 2 * L * (j & (SLOTS - 1));
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector rn = one.div(r2);
            rn.intoArray(buf, o);
            DoubleVector.broadcast(S, m[j]).mul(rn).mul(rn.sqrt()).intoArray(buf, o + L);
        }
        for (int j = j0; j < j1; j++) {
            final int jn = Math.min(j + D, last);
            {
                final int o = base + 2 * L * (jn & (SLOTS - 1));
                final DoubleVector dx = DoubleVector.broadcast(S, x[jn]).sub(px);
                final DoubleVector dy = DoubleVector.broadcast(S, y[jn]).sub(py);
                final DoubleVector dz = DoubleVector.broadcast(S, z[jn]).sub(pz);
                final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
                final DoubleVector rn = one.div(r2);
                rn.intoArray(buf, o);
                DoubleVector.broadcast(S, m[jn]).mul(rn).mul(rn.sqrt()).intoArray(buf, o + L);
            }
            final int o = base + 2 * L * (j & (SLOTS - 1));
            final DoubleVector rinv2 = DoubleVector.fromArray(S, buf, o);
            final DoubleVector w = DoubleVector.fromArray(S, buf, o + L);
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
            final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
            final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
            ax = ax.add(w.mul(dx));
            ay = ay.add(w.mul(dy));
            az = az.add(w.mul(dz));
            final DoubleVector b = three.mul(dx.mul(ux).add(dy.mul(uy)).add(dz.mul(uz))).mul(rinv2);
            jx = jx.add(w.mul(ux.sub(b.mul(dx))));
            jy = jy.add(w.mul(uy.sub(b.mul(dy))));
            jz = jz.add(w.mul(uz.sub(b.mul(dz))));
        }
        ax.intoArray(acc, k); ay.intoArray(acc, stride + k); az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k); jy.intoArray(acc, 4 * stride + k); jz.intoArray(acc, 5 * stride + k);
    }
}
