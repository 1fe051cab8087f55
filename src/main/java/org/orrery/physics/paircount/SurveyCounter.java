package org.orrery.physics.paircount;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cell-list pair counter for the survey binnings ((rp, π), (s, μ), θ) with per-patch jackknife counts in the same pass.
 * It walks exactly the neighbourhood {@link CellCounter} walks (same {@link GridSpec}, same {@link LocalGrid}, same
 * half-neighbourhood for auto-counts and the same "a pair belongs to the plane of its lower-x point" rule), so a rank
 * owning planes {@code [planeFrom, planeTo)} plus {@code refine} halo planes counts each pair exactly once and the
 * distributed decomposition of the r mode applies unchanged. {@link #autoBlock} and {@link #crossBlock} restrict the
 * primary cells to a block of columns too ({@link Blocks}), for a rank that also holds the columns within
 * {@code refine} of its block on both y sides. The grid must be built from {@link SurveyBinning#gridBins()}; the
 * z-window is {@link SurveyBinning#zReach()} (pimax for box (rp, π), whose cells are sized by rpmax alone as in
 * Corrfunc's DDrppi).
 *
 * <p><b>Patch labels</b> are the points' labels ({@link PointSet#label}), integers in [0, K), carried through the
 * exchanges and the cell lists; with K = 0 they are ignored. <b>Weights</b> (optional, the points' weights) give, per
 * histogram, the exact sum of the pair products {@code fl(w_i·w_j)} ({@link ExactSum}; Corrfunc's
 * {@code pair_product}). Each pair is binned by {@link PairBinner} (Corrfunc's conventions, see {@link SurveyBinning}).
 *
 * <p><b>Threads.</b> Planes are handed to threads dynamically; each thread accumulates exact integer counts and the
 * thread totals are added at the end, so results are identical for any thread count, any rank count and any order.
 */
public final class SurveyCounter {
    /** Default cells per rmax along x and y for the survey modes (mode r in a box uses {@link PairCounter}'s). */
    public static final int DEFAULT_REFINE = 2;

    /** A {@code refine} that lets {@link #refine} choose (what {@code paircount} passes without {@code --refine}). */
    public static final int AUTO_REFINE = 0;

    /** Points per cell of the refine-1 grid below which θ through the vector kernel is counted at refine 1 (2). */
    static final double THETA_REFINE_1 = 400;

    static final double THETA_REFINE_2 = 2200;

    private SurveyCounter() {}

    /** Auto-count (unordered pairs) of the pairs owned by planes [planeFrom, planeTo) of {@code g}. */
    public static SurveyCounts auto(
            LocalGrid g, int planeFrom, int planeTo, SurveyBinning b, int patches, int threads) {
        return run(
                g, g, true, new int[] {planeFrom, planeTo, 0, g.ncy}, b, patches, null, threads, PairKernelPath.SURVEY);
    }

    /**
     * Auto-count of the pairs owned by the block of cells: planes [planeFrom, planeTo) times columns [columnFrom,
     * columnTo) ({@link Blocks}; {@code g} must hold the block's halo).
     */
    public static SurveyCounts autoBlock(LocalGrid g, int[] block, SurveyBinning b, int patches, int threads) {
        return run(g, g, true, block, b, patches, null, threads, PairKernelPath.SURVEY);
    }

    /**
     * As {@link #autoBlock(LocalGrid, int[], SurveyBinning, int, int)} with exact weight sums in the window
     * {@code sums} (null: unweighted; else the grid must be weighted).
     */
    public static SurveyCounts autoBlock(
            LocalGrid g, int[] block, SurveyBinning b, int patches, ExactSum sums, int threads) {
        return run(g, g, true, block, b, patches, sums, threads, PairKernelPath.SURVEY);
    }

    /** Cross-count of the pairs owned by a block (see {@link #autoBlock}). */
    public static SurveyCounts crossBlock(
            LocalGrid g1, LocalGrid g2, int[] block, SurveyBinning b, int patches, int threads) {
        return crossBlock(g1, g2, block, b, patches, null, threads);
    }

    /** Weighted cross-count of the pairs owned by a block ({@code sums} null: unweighted). */
    public static SurveyCounts crossBlock(
            LocalGrid g1, LocalGrid g2, int[] block, SurveyBinning b, int patches, ExactSum sums, int threads) {
        checkSame(g1, g2);
        return run(g1, g2, false, block, b, patches, sums, threads, PairKernelPath.SURVEY);
    }

    private static void checkSame(LocalGrid g1, LocalGrid g2) {
        if (!g1.spec.equals(g2.spec) || g1.p0 != g2.p0 || g1.nplanes != g2.nplanes) {
            throw new IllegalArgumentException("cross-count grids differ");
        }
    }

    /** Cross-count D1 ({@code g1}) × D2 ({@code g2}) of the pairs owned by planes [planeFrom, planeTo). */
    public static SurveyCounts cross(
            LocalGrid g1, LocalGrid g2, int planeFrom, int planeTo, SurveyBinning b, int patches, int threads) {
        checkSame(g1, g2);
        return run(
                g1,
                g2,
                false,
                new int[] {planeFrom, planeTo, 0, g1.ncy},
                b,
                patches,
                null,
                threads,
                PairKernelPath.SURVEY);
    }

    static int[] labels(LocalGrid g, int patches) {
        if (patches == 0) {
            return null;
        }
        if (g.label == null) {
            throw new IllegalArgumentException("jackknife count of points without patch labels");
        }
        for (int i = 0; i < g.n; i++) {
            if (g.label[i] < 0 || g.label[i] >= patches) {
                throw new IllegalArgumentException("patch label " + g.label[i] + " outside [0, " + patches + ")");
            }
        }
        return g.label;
    }

    private static double[] weights(LocalGrid g, ExactSum sums) {
        if (sums == null) {
            return null;
        }
        if (g.w == null) {
            throw new IllegalArgumentException("weighted count of unweighted points");
        }
        return g.w;
    }

    /** {@code block}: planes [block[0], block[1]) times columns [block[2], block[3]). */
    private static SurveyCounts run(
            LocalGrid g1,
            LocalGrid g2,
            boolean auto,
            int[] block,
            SurveyBinning b,
            int patches,
            ExactSum sums,
            int threads,
            PairKernelPath.Survey kernel) {
        int planeFrom = block[0];
        int planeTo = block[1];
        int c0 = block[2];
        int c1 = block[3];
        if (planeFrom < g1.p0 || planeTo > g1.p0 + g1.nplanes || planeTo < planeFrom) {
            throw new IllegalArgumentException("planes [" + planeFrom + ", " + planeTo + ") outside the local grid");
        }
        if (c0 < 0 || c1 > g1.ncy || c1 < c0) {
            throw new IllegalArgumentException("columns [" + c0 + ", " + c1 + ") outside the grid");
        }
        if (!(g1.spec.rmax() >= b.gridRadius())) {
            throw new IllegalArgumentException("grid built for radius " + g1.spec.rmax() + " < " + b.gridRadius());
        }
        int[] p1 = labels(g1, patches);
        int[] p2 = auto ? p1 : labels(g2, patches);
        double[] w1 = weights(g1, sums);
        double[] w2 = auto ? w1 : weights(g2, sums);
        PairBinner binner = new PairBinner(b);
        int nplanes = planeTo - planeFrom;
        int nt = Math.max(1, Math.min(threads, nplanes));
        SurveyCounts[] parts = new SurveyCounts[nt];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger slot = new AtomicInteger();
        Runnable work = () -> {
            SurveyCounts mine = new SurveyCounts(b.size(), patches, sums);
            parts[slot.getAndIncrement()] = mine;
            SurveyWalker walker = new SurveyWalker(binner, b, g1.spec, mine, p1, p2, w1, w2, kernel);
            for (int t = next.getAndIncrement(); t < nplanes; t = next.getAndIncrement()) {
                if (auto) {
                    walker.autoPlane(g1, planeFrom + t, c0, c1);
                } else {
                    walker.crossPlane(g1, g2, planeFrom + t, c0, c1);
                }
            }
        };
        PlaneThreads.run(nt, "survey-paircount", work);
        SurveyCounts out = new SurveyCounts(b.size(), patches, sums);
        for (SurveyCounts c : parts) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Single-process count of a whole catalog: the one-rank case of the decomposition (owns all planes; in a periodic
     * box its own first planes shifted by +L are its halo). {@code d} holds box coordinates or sky points as Cartesian
     * positions ({@link SkyPoints}), weight = patch when {@code patches > 0}.
     */
    public static SurveyCounts auto(PointSet d, SurveyBinning b, int patches, int refine, int threads) {
        return auto(d, b, patches, null, refine, threads);
    }

    /** Single-process auto-count with exact weight sums ({@code sums} null: unweighted). */
    public static SurveyCounts auto(PointSet d, SurveyBinning b, int patches, ExactSum sums, int refine, int threads) {
        GridSpec g = spec(b, refine, sums != null || patches > 0, d);
        return autoBlock(grid(g, d, threads), new int[] {0, g.ncx(), 0, g.ncy()}, b, patches, sums, threads);
    }

    /** Single-process cross-count D1 × D2 (see {@link #auto(PointSet, SurveyBinning, int, int, int)}). */
    public static SurveyCounts cross(PointSet d1, PointSet d2, SurveyBinning b, int patches, int refine, int threads) {
        return cross(d1, d2, b, patches, null, refine, threads);
    }

    /** Single-process weighted cross-count D1 × D2 ({@code sums} null: unweighted). */
    public static SurveyCounts cross(
            PointSet d1, PointSet d2, SurveyBinning b, int patches, ExactSum sums, int refine, int threads) {
        GridSpec g = spec(b, refine, sums != null || patches > 0, d1, d2);
        LocalGrid g1 = grid(g, d1, threads);
        LocalGrid g2 = grid(g, d2, threads);
        return crossBlock(g1, g2, new int[] {0, g.ncx(), 0, g.ncy()}, b, patches, sums, threads);
    }

    /**
     * Single-process unweighted auto-count without patches through the survey kernel {@code kernel} (null: the scalar
     * rule of {@link PairBinner} pair by pair): what tests compare the two paths with.
     */
    static SurveyCounts autoWith(PointSet d, SurveyBinning b, int refine, int threads, PairKernelPath.Survey kernel) {
        GridSpec g = spec(b, refine, d);
        LocalGrid lg = grid(g, d, threads);
        return run(lg, lg, true, new int[] {0, g.ncx(), 0, g.ncy()}, b, 0, null, threads, kernel);
    }

    /** As {@link #autoWith} for the cross-count D1 × D2. */
    static SurveyCounts crossWith(
            PointSet d1, PointSet d2, SurveyBinning b, int refine, int threads, PairKernelPath.Survey kernel) {
        GridSpec g = spec(b, refine, d1, d2);
        LocalGrid g1 = grid(g, d1, threads);
        LocalGrid g2 = grid(g, d2, threads);
        return run(g1, g2, false, new int[] {0, g.ncx(), 0, g.ncy()}, b, 0, null, threads, kernel);
    }

    /**
     * Cells per rmax for a count of {@code n} points within the x, y bounds lo..hi: {@code refine} itself unless it is
     * {@link #AUTO_REFINE}, then {@link #DEFAULT_REFINE}, except for θ counted by the vector kernel (unweighted, no
     * patches: {@code perPair} false). There it follows k, the points per cell of the refine-1 grid: refine 1 for k
     * below {@link #THETA_REFINE_1}, 2 below {@link #THETA_REFINE_2}, else 3. Smaller cells shorten the runs of
     * partners but add cell visits (5, 13 and 25 per point at refine 1, 2 and 3), and the vector kernel rejects a
     * partner in a fraction of a visit's cost; the thresholds are where the measured counting times cross
     * (docs/paircount-survey.md, session 13). Decided from global values only, so every rank chooses the same.
     */
    public static int refine(int refine, SurveyBinning b, double[] lo, double[] hi, long n, boolean perPair) {
        if (refine != AUTO_REFINE) {
            return refine;
        }
        if (b.mode() != SurveyBinning.Mode.THETA || perPair || PairKernelPath.SURVEY == null) {
            return DEFAULT_REFINE;
        }
        GridSpec one = GridSpec.create(b.gridBins(), b.period(), lo, hi, n, 1);
        double k = (double) n / ((double) one.ncx() * one.ncy());
        return k < THETA_REFINE_1 ? 1 : k < THETA_REFINE_2 ? 2 : 3;
    }

    /** The global grid for a survey count of these catalogs (what every rank must share). */
    public static GridSpec spec(SurveyBinning b, int refine, PointSet... sets) {
        return spec(b, refine, false, sets);
    }

    /** As {@link #spec(SurveyBinning, int, PointSet...)}; {@code perPair}: weighted or with patches. */
    static GridSpec spec(SurveyBinning b, int refine, boolean perPair, PointSet... sets) {
        long n = 0;
        for (PointSet s : sets) {
            PairCounter.checkInBox(s, b.period(), "catalog");
            n += s.size();
        }
        double[] lo = new double[2];
        double[] hi = new double[2];
        PairCounter.bounds(lo, hi, sets);
        return GridSpec.create(b.gridBins(), b.period(), lo, hi, n, refine(refine, b, lo, hi, n, perPair));
    }

    private static LocalGrid grid(GridSpec g, PointSet s, int threads) {
        PairCounter.assignPlanes(g, s);
        PointSet halo = s.emptyLike(16);
        int hw = g.haloWidth(g.ncx());
        PairCounter.selectHalo(g, s, g.ncx(), g.ncx() + hw, halo);
        return LocalGrid.build(g, 0, g.ncx() + hw, threads, s, halo);
    }
}
