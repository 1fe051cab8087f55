import jdk.incubator.vector.*;
import java.lang.management.*;
import java.util.*;

public class ExpF {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int L = 4;
    static final int JB = 4096;
    interface K { void run(double[] x, double[] y, double[] z, double[] m, int j0, int j1, double eps2, int i, int k, double[] ax, double[] ay, double[] az); }
    static double[] ref(double[][] d, int n, double eps2) {
        double[] x=d[0],y=d[1],z=d[2],m=d[6];
        double[] out = new double[3*n];
        for (int i = 0; i < n; i++) {
            double sx=0,sy=0,sz=0;
            for (int j = 0; j < n; j++) {
                double dx=x[j]-x[i], dy=y[j]-y[i], dz=z[j]-z[i];
                double r2 = dx*dx+dy*dy+dz*dz+eps2;
                double w = m[j]*(1.0/(r2*Math.sqrt(r2)));
                sx += dx*w; sy += dy*w; sz += dz*w;
            }
            out[3*i]=sx; out[3*i+1]=sy; out[3*i+2]=sz;
        }
        return out;
    }
    static double[] eval(K kern, int group, double[][] d, int n, double eps2) {
        double[] ax = new double[n], ay = new double[n], az = new double[n];
        for (int j0 = 0; j0 < n; j0 += JB) {
            int j1 = Math.min(n, j0+JB);
            for (int k = 0; k < n; k += group*L) kern.run(d[0], d[1], d[2], d[6], j0, j1, eps2, k, k, ax, ay, az);
        }
        double[] out = new double[3*n];
        for (int k = 0; k < n; k++) { out[3*k]=ax[k]; out[3*k+1]=ay[k]; out[3*k+2]=az[k]; }
        return out;
    }
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int rounds = Integer.parseInt(a[1]);
        String[] names = a[2].split(",");
        Map<String,K> ks = new LinkedHashMap<>();
        Map<String,Integer> gs = new HashMap<>();
        VariantsF.register(ks, gs);
        double[][] d = Exp.data(n);
        double eps2 = 1e-4;
        int nr = Math.min(n, 1024);
        double[][] dr = Exp.data(nr);
        double[] r = ref(dr, nr, eps2);
        for (String nm : names) {
            double[] o = eval(ks.get(nm), gs.get(nm), dr, nr, eps2);
            if (!Arrays.equals(o, r)) System.out.println(nm + " BITS DIFFER");
        }
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        for (String nm : names) for (int w = 0; w < 3; w++) eval(ks.get(nm), gs.get(nm), d, n, eps2);
        double[][] rates = new double[names.length][rounds];
        for (int rr = 0; rr < rounds; rr++) {
            for (int q = 0; q < names.length; q++) {
                long c0 = tb.getCurrentThreadCpuTime();
                eval(ks.get(names[q]), gs.get(names[q]), d, n, eps2);
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
