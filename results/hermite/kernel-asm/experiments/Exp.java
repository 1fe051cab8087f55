import jdk.incubator.vector.*;
import java.lang.management.*;
import java.util.*;

public class Exp {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int L = 4;
    static final int JB = 2048;
    interface K { void run(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1); }

    static void v0(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
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
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector rinv2 = one.div(r2);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt());
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

    static void v1(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        for (int j = j0; j < j1; j++) {
            final DoubleVector px = DoubleVector.fromArray(S, p, 0);
            final DoubleVector py = DoubleVector.fromArray(S, p, L);
            final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
            final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
            final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
            final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
            final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
            final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(e);
            final DoubleVector rinv2 = one.div(r2);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt());
            ax = ax.add(w.mul(dx));
            ay = ay.add(w.mul(dy));
            az = az.add(w.mul(dz));
            final DoubleVector b = three.mul(dx.mul(ux).add(dy.mul(uy)).add(dz.mul(uz))).mul(rinv2);
            jx = jx.add(w.mul(ux.sub(b.mul(dx))));
            jy = jy.add(w.mul(uy.sub(b.mul(dy))));
            jz = jz.add(w.mul(uz.sub(b.mul(dz))));
            jz.intoArray(acc, 5 * stride + k);
        }
        ax.intoArray(acc, k); ay.intoArray(acc, stride + k); az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k); jy.intoArray(acc, 4 * stride + k); jz.intoArray(acc, 5 * stride + k);
    }

    static void v2(double[][] d, int n, double eps2, double[] p, double[] acc, int k, int stride, int j0, int j1) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        final DoubleVector e = DoubleVector.broadcast(S, eps2);
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector three = DoubleVector.broadcast(S, 3.0);
        DoubleVector ax = DoubleVector.fromArray(S, acc, k);
        DoubleVector ay = DoubleVector.fromArray(S, acc, stride + k);
        DoubleVector az = DoubleVector.fromArray(S, acc, 2 * stride + k);
        DoubleVector jx = DoubleVector.fromArray(S, acc, 3 * stride + k);
        DoubleVector jy = DoubleVector.fromArray(S, acc, 4 * stride + k);
        DoubleVector jz = DoubleVector.fromArray(S, acc, 5 * stride + k);
        for (int j = j0; j < j1; j++) {
            final DoubleVector px = DoubleVector.fromArray(S, p, 0);
            final DoubleVector py = DoubleVector.fromArray(S, p, L);
            final DoubleVector pz = DoubleVector.fromArray(S, p, 2 * L);
            final DoubleVector qx = DoubleVector.fromArray(S, p, 3 * L);
            final DoubleVector qy = DoubleVector.fromArray(S, p, 4 * L);
            final DoubleVector qz = DoubleVector.fromArray(S, p, 5 * L);
            final DoubleVector dx = DoubleVector.broadcast(S, x[j]).sub(px);
            final DoubleVector dy = DoubleVector.broadcast(S, y[j]).sub(py);
            final DoubleVector dz = DoubleVector.broadcast(S, z[j]).sub(pz);
            final DoubleVector ux = DoubleVector.broadcast(S, vx[j]).sub(qx);
            final DoubleVector uy = DoubleVector.broadcast(S, vy[j]).sub(qy);
            final DoubleVector uz = DoubleVector.broadcast(S, vz[j]).sub(qz);
            final DoubleVector r2 = dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).add(DoubleVector.fromArray(S, p, 6 * L));
            final DoubleVector rinv2 = one.div(r2);
            final DoubleVector w = DoubleVector.broadcast(S, m[j]).mul(rinv2).mul(rinv2.sqrt());
            ax = ax.add(w.mul(dx));
            ay = ay.add(w.mul(dy));
            az = az.add(w.mul(dz));
            final DoubleVector b = three.mul(dx.mul(ux).add(dy.mul(uy)).add(dz.mul(uz))).mul(rinv2);
            jx = jx.add(w.mul(ux.sub(b.mul(dx))));
            jy = jy.add(w.mul(uy.sub(b.mul(dy))));
            jz = jz.add(w.mul(uz.sub(b.mul(dz))));
            jz.intoArray(acc, 5 * stride + k);
        }
        ax.intoArray(acc, k); ay.intoArray(acc, stride + k); az.intoArray(acc, 2 * stride + k);
        jx.intoArray(acc, 3 * stride + k); jy.intoArray(acc, 4 * stride + k); jz.intoArray(acc, 5 * stride + k);
    }

    // reference: scalar sequential
    static double[] ref(double[][] d, int n, double eps2) {
        double[] x=d[0],y=d[1],z=d[2],vx=d[3],vy=d[4],vz=d[5],m=d[6];
        double[] out = new double[6*n];
        for (int i = 0; i < n; i++) {
            double ax=0,ay=0,az=0,jx=0,jy=0,jz=0;
            for (int j = 0; j < n; j++) {
                double dx=x[j]-x[i], dy=y[j]-y[i], dz=z[j]-z[i];
                double ux=vx[j]-vx[i], uy=vy[j]-vy[i], uz=vz[j]-vz[i];
                double r2 = dx*dx+dy*dy+dz*dz+eps2;
                double rinv2 = 1.0/r2;
                double w = m[j]*rinv2*Math.sqrt(rinv2);
                ax += w*dx; ay += w*dy; az += w*dz;
                double b = 3.0*(dx*ux+dy*uy+dz*uz)*rinv2;
                jx += w*(ux-b*dx); jy += w*(uy-b*dy); jz += w*(uz-b*dz);
            }
            out[6*i]=ax;out[6*i+1]=ay;out[6*i+2]=az;out[6*i+3]=jx;out[6*i+4]=jy;out[6*i+5]=jz;
        }
        return out;
    }

    static double[] eval(K kern, double[][] d, int n, double eps2) {
        double[] acc = new double[6*n];
        double[] p = new double[16*L]; for (int l = 0; l < L; l++) p[6*L+l] = eps2;
        for (int j0 = 0; j0 < n; j0 += JB) {
            int j1 = Math.min(n, j0+JB);
            for (int k = 0; k < n; k += L) {
                for (int l = 0; l < L; l++) { for (int c = 0; c < 6; c++) p[c*L+l] = d[c][k+l]; }
                kern.run(d, n, eps2, p, acc, k, n, j0, j1);
            }
        }
        double[] out = new double[6*n];
        for (int k = 0; k < n; k++) for (int c = 0; c < 6; c++) out[6*k+c] = acc[c*n+k];
        return out;
    }

    static double[][] data(int n) {
        long s = 88172645463325252L;
        double[][] d = new double[7][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 6; c++) {
                s ^= s << 13; s ^= s >>> 7; s ^= s << 17;
                d[c][i] = (s >>> 11) * 0x1.0p-53 - (c >= 3 ? 0.5 : 0.0);
            }
            d[6][i] = 1.0/n;
        }
        return d;
    }

    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int rounds = Integer.parseInt(a[1]);
        String[] names = a[2].split(",");
        Map<String,K> ks = new LinkedHashMap<>();
        ks.put("v0", Exp::v0); ks.put("v1", Exp::v1); ks.put("v2", Exp::v2);
        Variants.register(ks);
        double[][] d = data(n);
        double eps2 = 1e-4;
        int nr = Math.min(n, 1024);
        double[][] dr = data(nr);
        double[] r = ref(dr, nr, eps2);
        for (String nm : names) {
            double[] o = eval(ks.get(nm), dr, nr, eps2);
            if (!Arrays.equals(o, r)) System.out.println(nm + " BITS DIFFER");
        }
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        for (String nm : names) for (int w = 0; w < 3; w++) eval(ks.get(nm), d, n, eps2);
        double[][] rates = new double[names.length][rounds];
        for (int rr = 0; rr < rounds; rr++) {
            for (int q = 0; q < names.length; q++) {
                long c0 = tb.getCurrentThreadCpuTime();
                eval(ks.get(names[q]), d, n, eps2);
                long c1 = tb.getCurrentThreadCpuTime();
                rates[q][rr] = (double) n * n / ((c1 - c0) * 1e-9);
            }
        }
        for (int q = 0; q < names.length; q++) {
            double[] x = rates[q].clone(); Arrays.sort(x);
            System.out.printf("%-6s median %.3e  max %.3e%n", names[q], x[rounds/2], x[rounds-1]);
        }
    }
}
