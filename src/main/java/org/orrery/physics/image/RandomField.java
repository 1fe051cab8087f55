package org.orrery.physics.image;

/**
 * The teaching activity's smooth random images ({@code generate_fake_data}): a field whose Fourier spectrum has
 * uniformly random phases and a Gaussian amplitude,
 *
 * <pre>
 *   S(fx, fy) = exp(−ρ² / (max ρ / D)²) · exp(i φ),   ρ = sqrt(fx² + fy²),  φ ~ U[0, 2π)
 *   image(x, y) = Re[ (1 / (nx·ny)) Σ S(fx, fy) exp(2πi (fx·x/nx + fy·y/ny)) ]   (numpy.fft.ifft2)
 * </pre>
 *
 * with integer frequencies in NumPy's {@code fftfreq} order (0, 1, …, ⌈n/2⌉−1, −⌊n/2⌋, …, −1), max ρ over the grid and
 * D = 50 in the activity. Values are dimensionless (of order 1e-4 for 1000×1000). Phases are drawn row-major from
 * SplitMix64 (G. Steele et al., OOPSLA 2014) seeded by {@link #seedFor}(seed, image index), one stream per image, so an
 * image depends only on (seed, index, size) and never on the rank that makes it. The 2-D inverse DFT is done as row
 * then column transforms with {@link Fft} (exact length, Bluestein), StrictMath everywhere: the same bits on every JVM.
 * NumPy's generator differs, so the images are statistically, not numerically, the activity's.
 */
public final class RandomField {
    private RandomField() {}

    /** The activity's Gaussian width divisor: width = max ρ / 50. */
    public static final double DEFAULT_WIDTH_DIVISOR = 50;
    /** Default base seed of the generator command. */
    public static final long DEFAULT_SEED = 20240601L;

    /** Seed of image {@code index}'s stream: SplitMix64's finaliser of (seed, index). */
    public static long seedFor(long seed, long index) {
        return mix(seed * 0x9E3779B97F4A7C15L + mix(index + 0x632BE59BD9B4E019L));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A SplitMix64 stream. */
    public static final class SplitMix64 {
        private long state;

        public SplitMix64(long seed) {
            state = seed;
        }

        public long nextLong() {
            state += 0x9E3779B97F4A7C15L;
            return mix(state);
        }

        /** Uniform in [0, 1) with 53 random bits. */
        public double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }
    }

    /** Integer frequency of FFT bin i of n, NumPy's {@code fftfreq(n) * n}. */
    static int freq(int i, int n) {
        return i < (n - 1) / 2 + 1 ? i : i - n;
    }

    /** The image, ny rows of nx, row-major. */
    public static double[] generate(int ny, int nx, double widthDivisor, long streamSeed) {
        if (ny < 1 || nx < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + nx + "x" + ny);
        }
        if (!(widthDivisor > 0) || Double.isInfinite(widthDivisor)) {
            throw new IllegalArgumentException("width divisor must be positive and finite, got " + widthDivisor);
        }
        int n = ny * nx;
        double maxRho2 = 0;
        for (int y = 0; y < ny; y++) {
            double fy = freq(y, ny);
            for (int x = 0; x < nx; x++) {
                double fx = freq(x, nx);
                maxRho2 = Math.max(maxRho2, fx * fx + fy * fy);
            }
        }
        double width = Math.sqrt(maxRho2) / widthDivisor;
        double w2 = width * width;
        double[] re = new double[n];
        double[] im = new double[n];
        SplitMix64 rng = new SplitMix64(streamSeed);
        for (int y = 0, p = 0; y < ny; y++) {
            double fy = freq(y, ny);
            for (int x = 0; x < nx; x++, p++) {
                double fx = freq(x, nx);
                double phase = 2 * Math.PI * rng.nextDouble();
                double amp = w2 > 0 ? StrictMath.exp(-(fx * fx + fy * fy) / w2) : 1.0;
                re[p] = amp * StrictMath.cos(phase);
                im[p] = amp * StrictMath.sin(phase);
            }
        }
        Fft rows = new Fft(nx);
        for (int y = 0; y < ny; y++) {
            rows.inverse(re, im, y * nx, 1);
        }
        Fft cols = ny == nx ? rows : new Fft(ny);
        for (int x = 0; x < nx; x++) {
            cols.inverse(re, im, x, nx);
        }
        double norm = 1.0 / ((double) nx * ny);
        for (int p = 0; p < n; p++) {
            re[p] *= norm;
        }
        return re;
    }

    /** The textbook's small test images: {@code np.random.rand(ny, nx) * scale}, one stream per image. */
    public static double[] uniform(int ny, int nx, double scale, long streamSeed) {
        SplitMix64 rng = new SplitMix64(streamSeed);
        double[] a = new double[ny * nx];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble() * scale;
        }
        return a;
    }
}
