package org.orrery.analysis;

/**
 * Projections of 2-D correlation functions and the analytic random counts of a periodic box.
 *
 * <ul>
 *   <li><b>Projected correlation</b> (Davis &amp; Peebles 1983; Corrfunc's {@code wp} convention): {@code wp(rp) = 2
 *       Σ_j ξ(rp, π_j) Δπ}, the sum over the {@code npi} π bins of width {@code Δπ = pimax / npi} (π ≥ 0 only; the
 *       factor 2 counts π &lt; 0). Unit: that of rp.
 *   <li><b>Multipoles</b>: {@code ξ_ℓ(s) = (2ℓ + 1) ∫_0^1 ξ(s, μ) P_ℓ(μ) dμ} (ξ is even in μ since counts use |μ|),
 *       with ξ constant inside each μ bin and P_ℓ integrated exactly over the bin: {@code ξ_ℓ = (2ℓ+1) Σ_j ξ(s, μ_j)
 *       [Q_ℓ(μ_{j+1}) − Q_ℓ(μ_j)]}, Q_ℓ the antiderivative of P_ℓ (Q_0 = μ, Q_2 = (μ³ − μ)/2, Q_4 = (7μ⁵ − 10μ³ +
 *       3μ)/8). μ bins are [j, j+1)·μmax/nμ; with μmax &lt; 1 the range [μmax, 1] contributes nothing (a truncated
 *       multipole). A NaN bin gives NaN.
 *   <li><b>Analytic randoms in a periodic cube</b> of side L (pair fraction of a uniform random catalog): (rp, π) bin
 *       {@code π (rp_{k+1}² − rp_k²) · 2Δπ / L³}; (s, μ) bin {@code 4π/3 (s_{k+1}³ − s_k³) · Δμ / L³}.
 * </ul>
 *
 * Stateless; all arrays are flat, primary bin major ({@code primary * sub + subBin}).
 */
public final class SurveyEstimators {
    private SurveyEstimators() {}

    /** wp per rp bin from ξ(rp, π) (flat, {@code npi} π bins per rp bin). */
    public static double[] wp(double[] xiRpPi, int npi, double pimax) {
        int nrp = xiRpPi.length / npi;
        double dpi = pimax / npi;
        double[] out = new double[nrp];
        for (int k = 0; k < nrp; k++) {
            double s = 0;
            for (int j = 0; j < npi; j++) {
                s += xiRpPi[k * npi + j];
            }
            out[k] = 2 * s * dpi;
        }
        return out;
    }

    /** Antiderivative of the Legendre polynomial P_ℓ (ℓ = 0, 2, 4). */
    public static double legendreIntegral(int ell, double mu) {
        return switch (ell) {
            case 0 -> mu;
            case 2 -> (mu * mu * mu - mu) / 2;
            case 4 -> {
                double m2 = mu * mu;
                yield (7 * m2 * m2 * mu - 10 * m2 * mu + 3 * mu) / 8;
            }
            default -> throw new IllegalArgumentException("multipole order must be 0, 2 or 4, got " + ell);
        };
    }

    /** ξ_ℓ per s bin from ξ(s, μ) (flat, {@code nmu} μ bins of width μmax/nmu per s bin). */
    public static double[] multipole(double[] xiSMu, int nmu, double mumax, int ell) {
        int ns = xiSMu.length / nmu;
        double[] weight = new double[nmu];
        for (int j = 0; j < nmu; j++) {
            weight[j] = (2 * ell + 1)
                    * (legendreIntegral(ell, (j + 1) * mumax / nmu) - legendreIntegral(ell, j * mumax / nmu));
        }
        double[] out = new double[ns];
        for (int k = 0; k < ns; k++) {
            double s = 0;
            for (int j = 0; j < nmu; j++) {
                s += weight[j] * xiSMu[k * nmu + j];
            }
            out[k] = s;
        }
        return out;
    }

    /** ξ_0, ξ_2, ξ_4 concatenated (3 × ns values). */
    public static double[] multipoles(double[] xiSMu, int nmu, double mumax) {
        int ns = xiSMu.length / nmu;
        double[] out = new double[3 * ns];
        for (int l = 0; l < 3; l++) {
            System.arraycopy(multipole(xiSMu, nmu, mumax, 2 * l), 0, out, l * ns, ns);
        }
        return out;
    }

    /** Random pair fraction per (rp, π) bin in a periodic cube. */
    public static double[] periodicRandomRpPi(double[] rpEdges, int npi, double pimax, double period) {
        int nrp = rpEdges.length - 1;
        double[] out = new double[nrp * npi];
        double v = period * period * period;
        double dpi = pimax / npi;
        for (int k = 0; k < nrp; k++) {
            double area = Math.PI * (rpEdges[k + 1] * rpEdges[k + 1] - rpEdges[k] * rpEdges[k]);
            for (int j = 0; j < npi; j++) {
                out[k * npi + j] = area * 2 * dpi / v;
            }
        }
        return out;
    }

    /** Random pair fraction per (s, μ) bin in a periodic cube. */
    public static double[] periodicRandomSMu(double[] sEdges, int nmu, double mumax, double period) {
        int ns = sEdges.length - 1;
        double[] out = new double[ns * nmu];
        double v = period * period * period;
        for (int k = 0; k < ns; k++) {
            double shell = 4.0 / 3.0 * Math.PI * (Math.pow(sEdges[k + 1], 3) - Math.pow(sEdges[k], 3));
            for (int j = 0; j < nmu; j++) {
                out[k * nmu + j] = shell * (mumax / nmu) / v;
            }
        }
        return out;
    }
}
