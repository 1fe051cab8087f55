package org.orrery.physics.image;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Discrete Fourier transform of any length n on top of commons-math3's power-of-two FFT, by Bluestein's chirp-z
 * algorithm (L. Bluestein 1970; see e.g. Oppenheim &amp; Schafer, Discrete-Time Signal Processing, §9.6): with jm = (j²
 * + m² − (j−m)²)/2 the length-n DFT becomes a convolution with the chirp e^{∓iπt²/n}, done by FFTs of length L = the
 * smallest power of two ≥ 2n−1.
 *
 * <p>{@link #inverse} computes the <em>unnormalised</em> inverse transform X[j] = Σ_m x[m] e^{+2πi jm/n} (NumPy's
 * {@code ifft} times n). Chirp angles use t² mod 2n so they stay exact for large t, and StrictMath sin/cos, so results
 * are the same bits on every JVM. Rounding error is O(ε log n) relative to the largest input. An instance caches the
 * chirp for one n and is not thread-safe (it owns scratch arrays).
 */
public final class Fft {
    private final int n;
    private final int len;
    private final double[] wRe; // w_t = exp(+i pi t^2 / n), t in [0, n)
    private final double[] wIm;
    private final double[][] chirpSpectrum; // FFT of conj(w) wrapped to length len
    private final double[][] work;

    public Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        }
        this.n = n;
        int l = 1;
        while (l < 2 * n - 1) {
            l <<= 1;
        }
        this.len = l;
        wRe = new double[n];
        wIm = new double[n];
        long twoN = 2L * n;
        for (int t = 0; t < n; t++) {
            long t2 = ((long) t * t) % twoN;
            double ang = Math.PI * t2 / n;
            wRe[t] = StrictMath.cos(ang);
            wIm[t] = StrictMath.sin(ang);
        }
        chirpSpectrum = new double[2][len];
        for (int t = 0; t < n; t++) {
            chirpSpectrum[0][t] = wRe[t];
            chirpSpectrum[1][t] = -wIm[t];
            if (t > 0) {
                chirpSpectrum[0][len - t] = wRe[t];
                chirpSpectrum[1][len - t] = -wIm[t];
            }
        }
        FastFourierTransformer.transformInPlace(chirpSpectrum, DftNormalization.STANDARD, TransformType.FORWARD);
        work = new double[2][len];
    }

    public int length() {
        return n;
    }

    /**
     * In place: {@code (re[off + s*j], im[off + s*j])} for j in [0, n) become the unnormalised inverse DFT of
     * themselves (stride s lets columns of a row-major array be transformed).
     */
    public void inverse(double[] re, double[] im, int off, int stride) {
        double[] ar = work[0];
        double[] ai = work[1];
        java.util.Arrays.fill(ar, 0.0);
        java.util.Arrays.fill(ai, 0.0);
        for (int m = 0, p = off; m < n; m++, p += stride) {
            double xr = re[p];
            double xi = im[p];
            ar[m] = xr * wRe[m] - xi * wIm[m];
            ai[m] = xr * wIm[m] + xi * wRe[m];
        }
        FastFourierTransformer.transformInPlace(work, DftNormalization.STANDARD, TransformType.FORWARD);
        double[] br = chirpSpectrum[0];
        double[] bi = chirpSpectrum[1];
        for (int i = 0; i < len; i++) {
            double r = ar[i] * br[i] - ai[i] * bi[i];
            double q = ar[i] * bi[i] + ai[i] * br[i];
            ar[i] = r;
            ai[i] = q;
        }
        FastFourierTransformer.transformInPlace(work, DftNormalization.STANDARD, TransformType.INVERSE);
        for (int j = 0, p = off; j < n; j++, p += stride) {
            double cr = ar[j];
            double ci = ai[j];
            re[p] = cr * wRe[j] - ci * wIm[j];
            im[p] = cr * wIm[j] + ci * wRe[j];
        }
    }
}
