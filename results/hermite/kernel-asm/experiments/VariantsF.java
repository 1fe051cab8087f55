import jdk.incubator.vector.*;
import java.util.*;
public class VariantsF {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int L = 4;
    static void register(Map<String,ExpF.K> m, Map<String,Integer> g) { m.put("f1", VariantsF::f1); g.put("f1",1); m.put("f2", VariantsF::f2); g.put("f2",2); m.put("ff", VariantsF::ff); g.put("ff",1); m.put("q1", VariantsF::q1); g.put("q1",1); m.put("u2", VariantsF::u2); g.put("u2",1); m.put("h1", VariantsF::h1); g.put("h1",1); m.put("h2", VariantsF::h2); g.put("h2",2); m.put("g1", VariantsF::g1); g.put("g1",1); m.put("g2", VariantsF::g2); g.put("g2",2); }
    static void f2(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px0 = DoubleVector.fromArray(S, x, i);
        final DoubleVector py0 = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz0 = DoubleVector.fromArray(S, z, i);
        final DoubleVector px1 = DoubleVector.fromArray(S, x, i + L);
        final DoubleVector py1 = DoubleVector.fromArray(S, y, i + L);
        final DoubleVector pz1 = DoubleVector.fromArray(S, z, i + L);
        DoubleVector sx0 = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy0 = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz0 = DoubleVector.fromArray(S, accZ, k);
        DoubleVector sx1 = DoubleVector.fromArray(S, accX, k + L);
        DoubleVector sy1 = DoubleVector.fromArray(S, accY, k + L);
        DoubleVector sz1 = DoubleVector.fromArray(S, accZ, k + L);
        for (int j = j0; j < j1; j++) {
            final DoubleVector xj = DoubleVector.broadcast(S, x[j]);
            final DoubleVector yj = DoubleVector.broadcast(S, y[j]);
            final DoubleVector zj = DoubleVector.broadcast(S, z[j]);
            final DoubleVector mj = DoubleVector.broadcast(S, m[j]);
            final DoubleVector dx0 = xj.sub(px0);
            final DoubleVector dy0 = yj.sub(py0);
            final DoubleVector dz0 = zj.sub(pz0);
            final DoubleVector dx1 = xj.sub(px1);
            final DoubleVector dy1 = yj.sub(py1);
            final DoubleVector dz1 = zj.sub(pz1);
            final DoubleVector r20 =
                    dx0.mul(dx0).add(dy0.mul(dy0)).add(dz0.mul(dz0)).add(e);
            final DoubleVector r21 =
                    dx1.mul(dx1).add(dy1.mul(dy1)).add(dz1.mul(dz1)).add(e);
            final DoubleVector w0 = mj.mul(one.div(r20.mul(r20.sqrt())));
            final DoubleVector w1 = mj.mul(one.div(r21.mul(r21.sqrt())));
            sx0 = sx0.add(dx0.mul(w0));
            sy0 = sy0.add(dy0.mul(w0));
            sz0 = sz0.add(dz0.mul(w0));
            sx1 = sx1.add(dx1.mul(w1));
            sy1 = sy1.add(dy1.mul(w1));
            sz1 = sz1.add(dz1.mul(w1));
        }
        sx0.intoArray(accX, k);
        sy0.intoArray(accY, k);
        sz0.intoArray(accZ, k);
        sx1.intoArray(accX, k + L);
        sy1.intoArray(accY, k + L);
        sz1.intoArray(accZ, k + L);
    }
    static void f1(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, x, i);
        final DoubleVector py = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz = DoubleVector.fromArray(S, z, i);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        for (int j = j0; j < j1; j++) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(one.div(r2.mul(r2.sqrt())));
            sx = sx.add(dx.mul(w));
            sy = sy.add(dy.mul(w));
            sz = sz.add(dz.mul(w));
        }
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
    }
    static void g1(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, x, i);
        final DoubleVector py = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz = DoubleVector.fromArray(S, z, i);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        for (long jj = j0; jj < j1; jj++) {
            final int j = (int) jj;
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(one.div(r2.mul(r2.sqrt())));
            sx = sx.add(dx.mul(w));
            sy = sy.add(dy.mul(w));
            sz = sz.add(dz.mul(w));
        }
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
    }
    static void g2(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px0 = DoubleVector.fromArray(S, x, i);
        final DoubleVector py0 = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz0 = DoubleVector.fromArray(S, z, i);
        final DoubleVector px1 = DoubleVector.fromArray(S, x, i + L);
        final DoubleVector py1 = DoubleVector.fromArray(S, y, i + L);
        final DoubleVector pz1 = DoubleVector.fromArray(S, z, i + L);
        DoubleVector sx0 = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy0 = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz0 = DoubleVector.fromArray(S, accZ, k);
        DoubleVector sx1 = DoubleVector.fromArray(S, accX, k + L);
        DoubleVector sy1 = DoubleVector.fromArray(S, accY, k + L);
        DoubleVector sz1 = DoubleVector.fromArray(S, accZ, k + L);
        for (long jj = j0; jj < j1; jj++) {
            final int j = (int) jj;
            final DoubleVector xj = DoubleVector.broadcast(S, x[j]);
            final DoubleVector yj = DoubleVector.broadcast(S, y[j]);
            final DoubleVector zj = DoubleVector.broadcast(S, z[j]);
            final DoubleVector mj = DoubleVector.broadcast(S, m[j]);
            final DoubleVector dx0 = xj.sub(px0);
            final DoubleVector dy0 = yj.sub(py0);
            final DoubleVector dz0 = zj.sub(pz0);
            final DoubleVector dx1 = xj.sub(px1);
            final DoubleVector dy1 = yj.sub(py1);
            final DoubleVector dz1 = zj.sub(pz1);
            final DoubleVector r20 =
                    dx0.mul(dx0).add(dy0.mul(dy0)).add(dz0.mul(dz0)).add(e);
            final DoubleVector r21 =
                    dx1.mul(dx1).add(dy1.mul(dy1)).add(dz1.mul(dz1)).add(e);
            final DoubleVector w0 = mj.mul(one.div(r20.mul(r20.sqrt())));
            final DoubleVector w1 = mj.mul(one.div(r21.mul(r21.sqrt())));
            sx0 = sx0.add(dx0.mul(w0));
            sy0 = sy0.add(dy0.mul(w0));
            sz0 = sz0.add(dz0.mul(w0));
            sx1 = sx1.add(dx1.mul(w1));
            sy1 = sy1.add(dy1.mul(w1));
            sz1 = sz1.add(dz1.mul(w1));
        }
        sx0.intoArray(accX, k);
        sy0.intoArray(accY, k);
        sz0.intoArray(accZ, k);
        sx1.intoArray(accX, k + L);
        sy1.intoArray(accY, k + L);
        sz1.intoArray(accZ, k + L);
    }
    static void h1(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, x, i);
        final DoubleVector py = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz = DoubleVector.fromArray(S, z, i);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        for (int c0 = j0; c0 < j1; c0 += 64) {
          final int len = Math.min(64, j1 - c0);
          for (int jj = 0; jj < len; jj++) {
            final int j = c0 + jj;
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(one.div(r2.mul(r2.sqrt())));
            sx = sx.add(dx.mul(w));
            sy = sy.add(dy.mul(w));
            sz = sz.add(dz.mul(w));
        }}
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
    }
    static void h2(
            double[] x,
            double[] y,
            double[] z,
            double[] m,
            int j0,
            int j1,
            double eps2,
            int i,
            int k,
            double[] accX,
            double[] accY,
            double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px0 = DoubleVector.fromArray(S, x, i);
        final DoubleVector py0 = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz0 = DoubleVector.fromArray(S, z, i);
        final DoubleVector px1 = DoubleVector.fromArray(S, x, i + L);
        final DoubleVector py1 = DoubleVector.fromArray(S, y, i + L);
        final DoubleVector pz1 = DoubleVector.fromArray(S, z, i + L);
        DoubleVector sx0 = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy0 = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz0 = DoubleVector.fromArray(S, accZ, k);
        DoubleVector sx1 = DoubleVector.fromArray(S, accX, k + L);
        DoubleVector sy1 = DoubleVector.fromArray(S, accY, k + L);
        DoubleVector sz1 = DoubleVector.fromArray(S, accZ, k + L);
        for (int c0 = j0; c0 < j1; c0 += 64) {
          final int len = Math.min(64, j1 - c0);
          for (int jj = 0; jj < len; jj++) {
            final int j = c0 + jj;
            final DoubleVector xj = DoubleVector.broadcast(S, x[j]);
            final DoubleVector yj = DoubleVector.broadcast(S, y[j]);
            final DoubleVector zj = DoubleVector.broadcast(S, z[j]);
            final DoubleVector mj = DoubleVector.broadcast(S, m[j]);
            final DoubleVector dx0 = xj.sub(px0);
            final DoubleVector dy0 = yj.sub(py0);
            final DoubleVector dz0 = zj.sub(pz0);
            final DoubleVector dx1 = xj.sub(px1);
            final DoubleVector dy1 = yj.sub(py1);
            final DoubleVector dz1 = zj.sub(pz1);
            final DoubleVector r20 =
                    dx0.mul(dx0).add(dy0.mul(dy0)).add(dz0.mul(dz0)).add(e);
            final DoubleVector r21 =
                    dx1.mul(dx1).add(dy1.mul(dy1)).add(dz1.mul(dz1)).add(e);
            final DoubleVector w0 = mj.mul(one.div(r20.mul(r20.sqrt())));
            final DoubleVector w1 = mj.mul(one.div(r21.mul(r21.sqrt())));
            sx0 = sx0.add(dx0.mul(w0));
            sy0 = sy0.add(dy0.mul(w0));
            sz0 = sz0.add(dz0.mul(w0));
            sx1 = sx1.add(dx1.mul(w1));
            sy1 = sy1.add(dy1.mul(w1));
            sz1 = sz1.add(dz1.mul(w1));
        }}
        sx0.intoArray(accX, k);
        sy0.intoArray(accY, k);
        sz0.intoArray(accZ, k);
        sx1.intoArray(accX, k + L);
        sy1.intoArray(accY, k + L);
        sz1.intoArray(accZ, k + L);
    }

    static void q1(double[] x, double[] y, double[] z, double[] m, int j0, int j1, double eps2, int i, int k, double[] accX, double[] accY, double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, x, i);
        final DoubleVector py = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz = DoubleVector.fromArray(S, z, i);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        DoubleVector dx = DoubleVector.broadcast(S, x[j0]).sub(px);
        DoubleVector dy = DoubleVector.broadcast(S, y[j0]).sub(py);
        DoubleVector dz = DoubleVector.broadcast(S, z[j0]).sub(pz);
        DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
        DoubleVector w = DoubleVector.broadcast(S, m[j0]).mul(one.div(r2.mul(r2.sqrt())));
        final int last = j1 - 1;
        for (int j = j0; j < j1; j++) {
            final int jn = Math.min(j + 1, last);
            final DoubleVector dxn = DoubleVector.broadcast(S, x[jn]).sub(px);
            final DoubleVector dyn = DoubleVector.broadcast(S, y[jn]).sub(py);
            final DoubleVector dzn = DoubleVector.broadcast(S, z[jn]).sub(pz);
            final DoubleVector r2n = dxn.mul(dxn).add(dyn.mul(dyn)).add(dzn.mul(dzn)).add(e);
            final DoubleVector wn = DoubleVector.broadcast(S, m[jn]).mul(one.div(r2n.mul(r2n.sqrt())));
            sx = sx.add(dx.mul(w));
            sy = sy.add(dy.mul(w));
            sz = sz.add(dz.mul(w));
            dx = dxn; dy = dyn; dz = dzn; w = wn;
        }
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
    }
    // two j per iteration (manual unroll), no pipelining
    static void u2(double[] x, double[] y, double[] z, double[] m, int j0, int j1, double eps2, int i, int k, double[] accX, double[] accY, double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, x, i);
        final DoubleVector py = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz = DoubleVector.fromArray(S, z, i);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        int j = j0;
        for (; j + 1 < j1; j += 2) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector dxn = DoubleVector.broadcast(S, x[j + 1]).sub(px);
            final DoubleVector dyn = DoubleVector.broadcast(S, y[j + 1]).sub(py);
            final DoubleVector dzn = DoubleVector.broadcast(S, z[j + 1]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector r2n = dxn.mul(dxn).add(dyn.mul(dyn)).add(dzn.mul(dzn)).add(e);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(one.div(r2.mul(r2.sqrt())));
            final DoubleVector wn = DoubleVector.broadcast(S, m[j + 1]).mul(one.div(r2n.mul(r2n.sqrt())));
            sx = sx.add(dx.mul(w)).add(dxn.mul(wn));
            sy = sy.add(dy.mul(w)).add(dyn.mul(wn));
            sz = sz.add(dz.mul(w)).add(dzn.mul(wn));
        }
        for (; j < j1; j++) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(one.div(r2.mul(r2.sqrt())));
            sx = sx.add(dx.mul(w));
            sy = sy.add(dy.mul(w));
            sz = sz.add(dz.mul(w));
        }
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
    }

    // FMA where GCC contracts (DIFFERENT BITS; evidence only)
    static void ff(double[] x, double[] y, double[] z, double[] m, int j0, int j1, double eps2, int i, int k, double[] accX, double[] accY, double[] accZ) {
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector px = DoubleVector.fromArray(S, x, i);
        final DoubleVector py = DoubleVector.fromArray(S, y, i);
        final DoubleVector pz = DoubleVector.fromArray(S, z, i);
        DoubleVector sx = DoubleVector.fromArray(S, accX, k);
        DoubleVector sy = DoubleVector.fromArray(S, accY, k);
        DoubleVector sz = DoubleVector.fromArray(S, accZ, k);
        for (int j = j0; j < j1; j++) {
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector r2 = dz.fma(dz, dy.fma(dy, dx.mul(dx))).add(e);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(one.div(r2.mul(r2.sqrt())));
            sx = dx.fma(w, sx);
            sy = dy.fma(w, sy);
            sz = dz.fma(w, sz);
        }
        sx.intoArray(accX, k);
        sy.intoArray(accY, k);
        sz.intoArray(accZ, k);
    }
}
