package org.orrery.physics.image;

import java.util.Arrays;

/**
 * Exact two-dimensional median filter with the semantics of {@code scipy.ndimage.median_filter(x, size=k)} (default
 * {@code mode='reflect'}), bit for bit.
 *
 * <p><b>Definition.</b> Images are flat row-major arrays, pixel (x, y) at {@code a[y * nx + x]} (numpy's {@code d[y,
 * x]}). For output pixel (x, y) the window holds the k·k input samples at offsets {@code dy, dx} in {@code -(k/2) ...
 * k-1-(k/2)} (integer division; for even k the window reaches one pixel further up/left than down/right, e.g. k = 50:
 * −25 … +24). Samples outside the image are reflected about the edge with the edge sample repeated ({@code d c b a | a
 * b c d | d c b a}): index i maps to {@code i mod 2n}, and to {@code 2n-1-(i mod 2n)} if that is ≥ n; this holds even
 * when the window is larger than the image. The output is the element of 0-based rank {@code (k*k)/2} of the sorted
 * window: the middle for odd k, the <em>upper</em> middle for even k (never an average), so the output is always one of
 * the input values and has the input's type.
 *
 * <p><b>Special values.</b> NaN has no place in an order, and SciPy's result with NaN is undefined: images containing
 * NaN are rejected with {@link IllegalArgumentException} naming the first NaN pixel. ±Infinity are ordered values. −0.0
 * and +0.0 are ordered −0.0 &lt; +0.0, so when both are the selected rank's neighbours the sign of a zero result may
 * differ from SciPy's (the value compares equal).
 *
 * <p><b>Algorithm</b> (no per-window sort; O(k) work per pixel plus one global sort). The image is padded by reflection
 * to (ny+k−1)×(nx+k−1) so that every window is a plain k×k rectangle and every sample is a distinct element. All padded
 * samples are ranked once by a stable LSD radix sort on their order-preserving 64-bit keys (ties broken by position, so
 * ranks are unique and the selected value is exact). The output is cut into b×b blocks (b = max(k, 16)); the (b+k−1)²
 * padded samples a block's windows can touch get block-local ranks in sorted order, and the block is walked in a snake
 * order so each step adds and removes one row or column of k samples in a bitset over local ranks while a pointer to
 * the element of rank (k·k)/2 is moved by counting set bits word by word (the bitset is dense, about k²/(b+k−1)² ≥ 1/4
 * for k ≥ 16, so the pointer moves a few words per step). This is the block/bit-parallel scheme of J. Suomela, "Median
 * filtering is equivalent to sorting" (arXiv:1406.1717) and its 2-D implementation mf2d, with SciPy's window placement
 * and edge rule.
 *
 * <p>Stateless and thread-safe; allocates O((ny+k)(nx+k)) temporary memory per call.
 */
public final class MedianFilter {
    private MedianFilter() {}

    /** Smallest block side: small windows still get blocks large enough to amortise their sort. */
    private static final int MIN_BLOCK = 16;

    /**
     * Reflects index {@code i} (any int) into [0, n) with SciPy's {@code mode='reflect'} rule ({@code d c b a | a b c d
     * | d c b a}).
     */
    public static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        long period = 2L * n;
        long m = Math.floorMod((long) i, period);
        return (int) (m >= n ? period - 1 - m : m);
    }

    /** The median-filtered image of {@code a} (ny rows of nx), window k×k; a new array. */
    public static double[] filter(double[] a, int ny, int nx, int k) {
        check(a.length, ny, nx, k);
        int nan = ImageStats.firstNaN(a);
        if (nan >= 0) {
            throw nanError(nan, nx);
        }
        if (k == 1) {
            return a.clone();
        }
        return gather(a, selectSources(a, ny, nx, k));
    }

    /** {@code a[src[i]]} for every i. */
    private static double[] gather(double[] a, int[] src) {
        double[] out = new double[src.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[src[i]];
        }
        return out;
    }

    /** As {@link #filter(double[], int, int, int)} for float32 images (output float32, exact). */
    public static float[] filter(float[] a, int ny, int nx, int k) {
        check(a.length, ny, nx, k);
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (Float.isNaN(a[i])) {
                throw nanError(i, nx);
            }
            d[i] = a[i];
        }
        if (k == 1) {
            return a.clone();
        }
        int[] src = selectSources(d, ny, nx, k);
        float[] out = new float[ny * nx];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[src[i]];
        }
        return out;
    }

    /**
     * The high-pass image {@code a - filter(a, k)} of the teaching activity's {@code process_image(frame, filtersize)};
     * each difference is one IEEE subtraction.
     */
    public static double[] highPass(double[] a, int ny, int nx, int k) {
        double[] m = filter(a, ny, nx, k);
        for (int i = 0; i < m.length; i++) {
            m[i] = a[i] - m[i];
        }
        return m;
    }

    /** float32 high-pass: each difference is one float32 subtraction, as NumPy does for float32 arrays. */
    public static float[] highPass(float[] a, int ny, int nx, int k) {
        float[] m = filter(a, ny, nx, k);
        for (int i = 0; i < m.length; i++) {
            m[i] = a[i] - m[i];
        }
        return m;
    }

    private static void check(int len, int ny, int nx, int k) {
        if (ny < 1 || nx < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + nx + "x" + ny);
        }
        if ((long) ny * nx != len) {
            throw new IllegalArgumentException("image array has " + len + " values, expected " + nx + "x" + ny);
        }
        if (k < 1) {
            throw new IllegalArgumentException("median window must be at least 1, got " + k);
        }
        if ((long) (ny + k - 1) * (nx + k - 1) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image plus window too large: " + nx + "x" + ny + " with k=" + k);
        }
    }

    private static IllegalArgumentException nanError(int i, int nx) {
        return new IllegalArgumentException("NaN pixel at x=" + (i % nx) + ", y=" + (i / nx)
                + " (the median filter needs ordered values; replace or mask NaN first)");
    }

    /** For every output pixel, the flat input index of the selected window element. */
    static int[] selectSources(double[] a, int ny, int nx, int k) {
        final int lo = k / 2;
        final int py = ny + k - 1;
        final int px = nx + k - 1;
        // Padded image as indices into a (reflection).
        int[] rowSrc = new int[py];
        int[] colSrc = new int[px];
        for (int i = 0; i < py; i++) {
            rowSrc[i] = reflect(i - lo, ny);
        }
        for (int j = 0; j < px; j++) {
            colSrc[j] = reflect(j - lo, nx);
        }
        int[] order = sortedOrder(paddedKeys(a, rowSrc, colSrc, nx));
        final int b = Math.max(k, MIN_BLOCK);
        final int nby = (ny + b - 1) / b;
        final int nbx = (nx + b - 1) / b;
        final int span = b + k - 1; // padded extent of a full block's windows
        int[][] rowBuckets = rowBuckets(order, px, ny, k, b, nby);
        order = null;

        int[] out = new int[ny * nx];
        MedianBlocks.Scratch w = new MedianBlocks.Scratch(span, nbx);
        for (int r = 0; r < nby; r++) {
            int[] bucket = rowBuckets[r];
            rowBuckets[r] = null;
            MedianBlocks.blockRow(bucket, r, w, rowSrc, colSrc, ny, nx, k, b, nbx, span, px, out);
        }
        return out;
    }

    /*
     * The steps of selectSources, one hot loop per method: a method with several hot loops is compiled by C2 again
     * for each loop it is found running in (on-stack replacement at each loop's entry, then the normal entry); a
     * method with one loop is compiled at most twice, and a small one quickly (docs/performance.md, JIT churn).
     */

    /** Order-preserving keys of the padded image, row by row. */
    private static long[] paddedKeys(double[] a, int[] rowSrc, int[] colSrc, int nx) {
        int py = rowSrc.length;
        int px = colSrc.length;
        long[] keys = new long[py * px];
        for (int i = 0; i < py; i++) {
            keysRow(a, rowSrc[i] * nx, colSrc, keys, i * px);
        }
        return keys;
    }

    /** Keys of one padded row: input row starting at {@code base}, written from {@code keys[at]}. */
    private static void keysRow(double[] a, int base, int[] colSrc, long[] keys, int at) {
        for (int j = 0; j < colSrc.length; j++) {
            keys[at + j] = sortKey(a[base + colSrc[j]]);
        }
    }

    /**
     * The global order split into block-row buckets (each keeps sorted order). Block row r (top r·b, height bh) holds
     * the padded rows [r·b, r·b + bh + k − 1); as b ≥ k a padded row y belongs to r = min(nby − 1, y / b) and, when y −
     * r·b &lt; k − 1, also to r − 1 (a full-height row).
     */
    private static int[][] rowBuckets(int[] order, int px, int ny, int k, int b, int nby) {
        int[][] rowBuckets = new int[nby][];
        int[] rowFill = new int[nby];
        for (int r = 0; r < nby; r++) {
            int bh = Math.min(b, ny - r * b);
            rowBuckets[r] = new int[(bh + k - 1) * px];
        }
        for (int p : order) {
            int y = p / px;
            int r = Math.min(nby - 1, y / b);
            if (r > 0 && y - r * b < k - 1) {
                rowBuckets[r - 1][rowFill[r - 1]++] = p;
            }
            rowBuckets[r][rowFill[r]++] = p;
        }
        return rowBuckets;
    }

    /** Order-preserving signed 64-bit key of a non-NaN double (−0.0 sorts just below +0.0). */
    static long sortKey(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /**
     * Indices 0..n−1 sorted by key, ties by index (stable LSD radix sort, 16-bit digits; digits all samples share are
     * skipped).
     */
    static int[] sortedOrder(long[] keys) {
        int n = keys.length;
        long[] k1 = new long[n];
        int[] i1 = new int[n];
        long[] k0 = new long[n];
        int[] i0 = new int[n];
        unsignedKeys(keys, k0, i0);
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            histogram(k0, shift, count);
            if (count[(int) (k0[0] >>> shift) & 0xFFFF] == n) {
                continue; // every key has this digit: the pass would not move anything
            }
            exclusiveSums(count);
            scatter(k0, i0, k1, i1, shift, count);
            long[] tk = k0;
            k0 = k1;
            k1 = tk;
            int[] ti = i0;
            i0 = i1;
            i1 = ti;
        }
        return i0;
    }

    /** Keys flipped to unsigned order, and the identity permutation. */
    private static void unsignedKeys(long[] keys, long[] k0, int[] i0) {
        for (int i = 0; i < keys.length; i++) {
            k0[i] = keys[i] ^ Long.MIN_VALUE;
            i0[i] = i;
        }
    }

    /** Counts of the 16-bit digit at {@code shift}. */
    private static void histogram(long[] k0, int shift, int[] count) {
        for (long key : k0) {
            count[(int) (key >>> shift) & 0xFFFF]++;
        }
    }

    /** Counts replaced by their exclusive prefix sums (each digit's first output position). */
    private static void exclusiveSums(int[] count) {
        int sum = 0;
        for (int d = 0; d < count.length; d++) {
            int c = count[d];
            count[d] = sum;
            sum += c;
        }
    }

    /** One stable counting-sort pass on the digit at {@code shift}. */
    private static void scatter(long[] k0, int[] i0, long[] k1, int[] i1, int shift, int[] pos) {
        for (int i = 0; i < k0.length; i++) {
            long key = k0[i];
            int at = pos[(int) (key >>> shift) & 0xFFFF]++;
            k1[at] = key;
            i1[at] = i0[i];
        }
    }
}
