package org.orrery.physics.paircount;

/** Sorts one column's points of a {@link LocalGrid} by (z, id) in place; per-thread scratch. */
final class ColumnSorter {
    final double[] kz;
    final long[] kid;
    final int[] perm;
    final double[] tz;
    final long[] tid;
    final int[] tp;
    final double[] tmp;
    final int[] itmp;

    ColumnSorter(int capacity) {
        kz = new double[capacity];
        kid = new long[capacity];
        perm = new int[capacity];
        tz = new double[capacity];
        tid = new long[capacity];
        tp = new int[capacity];
        tmp = new double[capacity];
        itmp = new int[capacity];
    }

    void sort(double[] x, double[] y, double[] z, double[] w, int[] lab, long[] id, int from, int to) {
        boolean sorted = true;
        for (int i = from + 1; i < to && sorted; i++) {
            sorted = !LocalGrid.less(z[i], id[i], z[i - 1], id[i - 1]);
        }
        if (sorted) {
            return;
        }
        int len = to - from;
        System.arraycopy(z, from, kz, 0, len);
        System.arraycopy(id, from, kid, 0, len);
        for (int j = 0; j < len; j++) {
            perm[j] = j;
        }
        LocalGrid.sort(kz, kid, perm, tz, tid, tp, 0, len);
        System.arraycopy(kz, 0, z, from, len);
        System.arraycopy(kid, 0, id, from, len);
        permute(x, from, len);
        permute(y, from, len);
        if (w != null) {
            permute(w, from, len);
        }
        if (lab != null) {
            for (int j = 0; j < len; j++) {
                itmp[j] = lab[from + perm[j]];
            }
            System.arraycopy(itmp, 0, lab, from, len);
        }
    }

    private void permute(double[] a, int from, int len) {
        for (int j = 0; j < len; j++) {
            tmp[j] = a[from + perm[j]];
        }
        System.arraycopy(tmp, 0, a, from, len);
    }
}
