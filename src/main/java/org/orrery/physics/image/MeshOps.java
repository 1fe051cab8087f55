package org.orrery.physics.image;

import java.util.Arrays;

/**
 * The two low-resolution mesh steps of photutils 1.6's {@code Background2D}:
 *
 * <ul>
 *   <li>{@link #fillExcluded}: boxes excluded for too many masked pixels get Shepard inverse-distance weights from the
 *       10 nearest good boxes (photutils' {@code ShepardIDWInterpolator}, n_neighbors = 10, power = 1, reg = 0;
 *       distances in mesh units): v = Σ v_i/d_i / Σ 1/d_i. Good boxes keep their value. Neighbours at equal distance
 *       are taken in mesh order (row-major); SciPy's k-d tree may pick others of a tie at the 10th place — then the
 *       filled value differs beyond rounding (see {@code Background2DTest}).
 *   <li>{@link #medianFilter}: {@code scipy.ndimage.generic_filter(mesh, nanmedian, size=(fy, fx), mode='constant',
 *       cval=NaN)}: the median of the window's in-mesh values (the window is cut at the mesh edges), the mean of the
 *       two middle values for an even count.
 * </ul>
 *
 * Pure; thread-safe.
 */
final class MeshOps {
    private MeshOps() {}

    static double[] fillExcluded(double[] values, boolean[] good, int my, int mx) {
        int ngood = 0;
        for (boolean g : good) {
            ngood += g ? 1 : 0;
        }
        int[] gy = new int[ngood];
        int[] gx = new int[ngood];
        double[] gv = new double[ngood];
        int k = 0;
        for (int i = 0; i < good.length; i++) {
            if (good[i]) {
                gy[k] = i / mx;
                gx[k] = i % mx;
                gv[k++] = values[i];
            }
        }
        double[] out = new double[my * mx];
        Integer[] order = new Integer[ngood];
        double[] d = new double[ngood];
        int nn = Math.min(10, ngood);
        for (int i = 0; i < out.length; i++) {
            if (good[i]) {
                out[i] = values[i];
                continue;
            }
            int y = i / mx;
            int x = i % mx;
            for (int j = 0; j < ngood; j++) {
                double dy = gy[j] - y;
                double dx = gx[j] - x;
                d[j] = Math.sqrt(dy * dy + dx * dx);
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
            double wsum = 0;
            double vsum = 0;
            for (int j = 0; j < nn; j++) {
                double w = 1.0 / d[order[j]];
                wsum += w;
                vsum += w * gv[order[j]];
            }
            out[i] = vsum / wsum;
        }
        return out;
    }

    static double[] medianFilter(double[] mesh, int my, int mx, int fy, int fx) {
        if (fy == 1 && fx == 1) {
            return mesh.clone();
        }
        double[] out = new double[mesh.length];
        double[] win = new double[fy * fx];
        double[] scratch = new double[fy * fx];
        for (int y = 0; y < my; y++) {
            for (int x = 0; x < mx; x++) {
                int n = 0;
                for (int yy = Math.max(0, y - fy / 2); yy <= Math.min(my - 1, y + fy / 2); yy++) {
                    for (int xx = Math.max(0, x - fx / 2); xx <= Math.min(mx - 1, x + fx / 2); xx++) {
                        double v = mesh[yy * mx + xx];
                        if (!Double.isNaN(v)) {
                            win[n++] = v;
                        }
                    }
                }
                out[y * mx + x] = NanStats.median(win, n, scratch);
            }
        }
        return out;
    }
}
