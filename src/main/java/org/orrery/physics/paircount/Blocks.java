package org.orrery.physics.paircount;

import java.util.ArrayList;
import java.util.List;

/**
 * Domain decomposition of the {@link GridSpec} cell grid (planes along x, columns along y) into 2-D blocks balanced by
 * point count: {@code S} slabs of whole planes along x, slab i shared by the ranks {@code [slabRank[i],
 * slabRank[i+1])}, each of which owns a contiguous range of columns. With one rank per slab this is the slab
 * decomposition ({@link Slabs}); with several it is a k-d split (x first, then y inside each slab) whose halo stays
 * bounded when the number of ranks exceeds the planes per rmax.
 *
 * <p><b>Balance.</b> Slab boundaries are placed where the cumulative per-plane count is nearest to {@code total *
 * slabRank[i] / ranks} (so a slab's points are proportional to its ranks, exact integer rank counts); inside a slab,
 * column boundaries by {@link Slabs#balance} on that slab's per-column counts. Pure and deterministic: every rank
 * computes the same layout from the same globally reduced counts. Blocks may be empty (more ranks than occupied cells).
 *
 * <p><b>Ownership.</b> The cell walk of {@link SurveyCounter} (and {@link CellCounter}) visits each pair once from one
 * primary cell (p, cy): the cell of the pair's lower-x point, or for two points in one plane the lower-y column, or for
 * one column the earlier point in (z, id) order. The rank owning (p, cy) counts the pair: primary cells are
 * partitioned, so every pair is counted exactly once. From (p, cy) the walk reaches cells (p + ox, cy + oy), {@code 0
 * <= ox <= R}, {@code |oy| <= R} (R = refine), so a rank owning planes [x0, x1) and columns [y0, y1) holds planes [x0,
 * x1 + R) (unwrapped: planes past the box are images shifted by +L in x, as for slabs) times columns [y0 - R, y1 + R)
 * (wrapped modulo the columns in a periodic box, where the walk applies the ±L shift in y itself). Its halo is that
 * region minus its own block.
 *
 * <p><b>Choice of S</b> ({@link #slabsFor}): the number of slabs minimising the largest block with its halo, in cells,
 * for evenly filled cells: a slab of q ranks spans {@code ceil(ncx q / ranks)} planes cut into q column ranges, so it
 * holds {@code (ceil(ncx q / ranks) + R) * min(ncy, ceil(ncy / q) + 2R)} cells per rank (no y halo when q = 1), q in
 * {⌊ranks/S⌋, ⌈ranks/S⌉}. Slabs (S = ranks) are kept unless blocks hold at least 10 % fewer cells.
 */
public final class Blocks {
    /** Decomposition kinds. */
    public enum Kind {
        SLABS,
        BLOCKS
    }

    private final GridSpec g;
    private final int[] slabX;
    private final int[] slabRank;
    private final int[] y0;
    private final int[] y1;
    /** Per slab: the column boundaries of its ranks (length ranks in slab + 1). */
    private final int[][] slabColumns;
    /** Per rank: its slab. */
    private final int[] slabOf;

    private Blocks(GridSpec g, int[] slabX, int[] slabRank, int[] y0, int[] y1) {
        this.g = g;
        this.slabX = slabX;
        this.slabRank = slabRank;
        this.y0 = y0;
        this.y1 = y1;
        int slabs = slabX.length - 1;
        slabColumns = new int[slabs][];
        slabOf = new int[y0.length];
        for (int s = 0; s < slabs; s++) {
            int q = slabRank[s + 1] - slabRank[s];
            int[] b = new int[q + 1];
            for (int k = 0; k < q; k++) {
                b[k] = y0[slabRank[s] + k];
                slabOf[slabRank[s] + k] = s;
            }
            b[q] = q == 0 ? g.ncy() : y1[slabRank[s + 1] - 1];
            slabColumns[s] = b;
        }
    }

    /** Number of slabs for {@code ranks} ranks on grid {@code g} (see the class comment). */
    public static int slabsFor(GridSpec g, int ranks) {
        int s = blockSlabsFor(g, ranks);
        return cost(g, ranks, s, g.refine()) < 0.9 * cost(g, ranks, ranks, g.refine()) ? s : ranks;
    }

    /** The best number of slabs below {@code ranks} (the blocks layout; 1 for one rank). */
    public static int blockSlabsFor(GridSpec g, int ranks) {
        int best = 1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int s = 1; s < ranks && s <= g.ncx(); s++) {
            double c = cost(g, ranks, s, g.refine());
            if (c < bestCost) {
                best = s;
                bestCost = c;
            }
        }
        return best;
    }

    /** Largest block with its halo, in cells, over the slabs of ⌊ranks/slabs⌋ and ⌈ranks/slabs⌉ ranks. */
    private static double cost(GridSpec g, int ranks, int slabs, int r) {
        double worst = 0;
        for (int q = ranks / slabs; q <= (ranks + slabs - 1) / slabs; q++) {
            if (q == 0) {
                continue;
            }
            // A slab of q ranks spans q/ranks of the planes (balanced by count) and is cut into q column ranges.
            double wx = Math.max(1, Math.ceil((double) g.ncx() * q / ranks)) + r;
            double wy = q == 1 ? g.ncy() : Math.min(g.ncy(), Math.max(1, Math.ceil((double) g.ncy() / q)) + 2.0 * r);
            worst = Math.max(worst, wx * wy);
        }
        return worst;
    }

    /**
     * First rank of each of {@code slabs} slabs (length slabs + 1): ranks dealt as evenly as possible, the extra ones
     * first.
     */
    public static int[] slabRanks(int ranks, int slabs) {
        int[] s = new int[slabs + 1];
        for (int i = 0; i < slabs; i++) {
            s[i + 1] = s[i] + ranks / slabs + (i < ranks % slabs ? 1 : 0);
        }
        return s;
    }

    /**
     * Slab plane boundaries (length slabs + 1): boundary i at the plane edge nearest to the cumulative count
     * {@code total * slabRank[i] / ranks}, never moving backwards. Equals {@link Slabs#balance} when every slab has one
     * rank.
     */
    public static int[] slabBounds(long[] perPlane, int[] slabRank) {
        int planes = perPlane.length;
        int slabs = slabRank.length - 1;
        int ranks = slabRank[slabs];
        long[] cum = new long[planes + 1];
        for (int q = 0; q < planes; q++) {
            cum[q + 1] = cum[q] + perPlane[q];
        }
        long total = cum[planes];
        int[] b = new int[slabs + 1];
        b[slabs] = planes;
        int q = 0;
        for (int i = 1; i < slabs; i++) {
            double target = (double) total * slabRank[i] / ranks;
            while (q < planes && cum[q + 1] <= target) {
                q++;
            }
            int edge = q;
            if (q < planes && cum[q + 1] - target < target - cum[q]) {
                edge = q + 1;
            }
            b[i] = Math.max(b[i - 1], Math.min(edge, planes));
        }
        return b;
    }

    /**
     * The layout from slab bounds, slab ranks and the per-column counts of each slab ({@code perSlabColumn[i * ncy +
     * c]}).
     */
    public static Blocks of(GridSpec g, int[] slabX, int[] slabRank, long[] perSlabColumn) {
        int slabs = slabX.length - 1;
        int ranks = slabRank[slabs];
        int ncy = g.ncy();
        int[] y0 = new int[ranks];
        int[] y1 = new int[ranks];
        for (int i = 0; i < slabs; i++) {
            int q = slabRank[i + 1] - slabRank[i];
            long[] cols = new long[ncy];
            System.arraycopy(perSlabColumn, i * ncy, cols, 0, ncy);
            int[] b = Slabs.balance(cols, q);
            for (int k = 0; k < q; k++) {
                y0[slabRank[i] + k] = b[k];
                y1[slabRank[i] + k] = b[k + 1];
            }
        }
        return new Blocks(g, slabX.clone(), slabRank.clone(), y0, y1);
    }

    /** A layout given explicitly: slab planes, first rank per slab, and each rank's columns (tests). */
    static Blocks explicit(GridSpec g, int[] slabX, int[] slabRank, int[] y0, int[] y1) {
        return new Blocks(g, slabX.clone(), slabRank.clone(), y0.clone(), y1.clone());
    }

    /** Slab layout (one rank per slab, every column): the {@link Slabs} decomposition. */
    public static Blocks slabs(GridSpec g, int[] bounds) {
        int ranks = bounds.length - 1;
        int[] y0 = new int[ranks];
        int[] y1 = new int[ranks];
        java.util.Arrays.fill(y1, g.ncy());
        return new Blocks(g, bounds.clone(), slabRanks(ranks, ranks), y0, y1);
    }

    public GridSpec grid() {
        return g;
    }

    public int ranks() {
        return y0.length;
    }

    public int slabCount() {
        return slabX.length - 1;
    }

    public Kind kind() {
        return slabCount() == ranks() ? Kind.SLABS : Kind.BLOCKS;
    }

    /** Slab of {@code rank}. */
    public int slabOfRank(int rank) {
        return slabOf[rank];
    }

    /** First plane of rank's block. */
    public int x0(int rank) {
        return slabX[slabOfRank(rank)];
    }

    /** End plane (exclusive) of rank's block. */
    public int x1(int rank) {
        return slabX[slabOfRank(rank) + 1];
    }

    public int y0(int rank) {
        return y0[rank];
    }

    public int y1(int rank) {
        return y1[rank];
    }

    /** Rank's block: planes [b[0], b[1]) times columns [b[2], b[3]). */
    public int[] block(int rank) {
        return new int[] {x0(rank), x1(rank), y0[rank], y1[rank]};
    }

    /** Whether rank owns no cell. */
    public boolean empty(int rank) {
        return x0(rank) == x1(rank) || y0[rank] == y1[rank];
    }

    /** Unwrapped planes of rank's halo past its block: {@code [x1, x1 + width)}; 0 for an empty block. */
    public int haloWidth(int rank) {
        return empty(rank) ? 0 : g.haloWidth(x1(rank));
    }

    /** Planes of rank's local grid (own planes plus the halo planes). */
    public int localPlanes(int rank) {
        return x1(rank) - x0(rank) + haloWidth(rank);
    }

    /** Owner of cell (plane, column), both in range; ranks owning nothing are skipped. */
    public int owner(int plane, int column) {
        int s = Slabs.owner(slabX, plane);
        return slabRank[s] + Slabs.owner(slabColumns[s], column);
    }

    /** Owner of the point at (x, y). */
    public int ownerOf(double x, double y) {
        return owner(g.planeOf(x), g.columnOf(y));
    }

    /** Whether column c lies in [a - R, b + R), wrapped modulo ncy when periodic. */
    private boolean inColumns(int c, int a, int b) {
        int r = g.refine();
        int ncy = g.ncy();
        if (a == 0 && b == ncy) {
            return true;
        }
        if (!g.periodic()) {
            return c >= a - r && c < b + r;
        }
        int span = b - a + 2 * r;
        return span >= ncy || Math.floorMod(c - (a - r), ncy) < span;
    }

    /**
     * Appends to {@code out} the points of {@code src} (planes assigned, in [0, ncx)) that belong to the halo of
     * {@code dest}: the halo planes (unwrapped, x shifted by +L and plane raised by ncx for images past the box) in
     * dest's extended columns, and dest's own planes in the extended columns outside its own. A point may appear twice
     * only as itself and its periodic image, as in the slab decomposition.
     */
    public void selectHalo(PointSet src, int dest, PointSet out) {
        if (empty(dest)) {
            return;
        }
        int a = x0(dest);
        int b = x1(dest);
        int hEnd = b + haloWidth(dest);
        int ya = y0[dest];
        int yb = y1[dest];
        boolean fullY = ya == 0 && yb == g.ncy();
        int ncx = g.ncx();
        for (int i = 0; i < src.size(); i++) {
            int q = src.plane(i);
            int c = g.columnOf(src.y(i));
            if (!inColumns(c, ya, yb)) {
                continue;
            }
            int h = q >= b ? q : q + ncx;
            if (h < hEnd) {
                out.addFrom(src, i, g.xShift(h), h);
            }
            if (!fullY && q >= a && q < b && (c < ya || c >= yb)) {
                out.addFrom(src, i, 0, q);
            }
        }
    }

    /**
     * Offsets k in [1, ranks) such that some rank r may send halo points to rank (r + k) mod ranks (a conservative test
     * on the block rectangles); the halo exchange runs one send-receive round per offset. Rank r's own contribution to
     * its own halo (k = 0) is local.
     */
    public int[] haloOffsets() {
        int p = ranks();
        boolean[] need = new boolean[p];
        for (int s = 0; s < p; s++) {
            if (empty(s)) {
                continue;
            }
            for (int d = 0; d < p; d++) {
                if (d != s && !need[(d - s + p) % p] && !empty(d) && meets(s, d)) {
                    need[(d - s + p) % p] = true;
                }
            }
        }
        List<Integer> ks = new ArrayList<>();
        for (int k = 1; k < p; k++) {
            if (need[k]) {
                ks.add(k);
            }
        }
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether s's block meets d's planes [x0, x1 + halo) × columns [y0 - R, y1 + R) (wrapped when periodic). */
    private boolean meets(int s, int d) {
        int r = g.refine();
        return overlaps(x0(s), x1(s), x0(d), x1(d) + haloWidth(d), g.ncx(), true)
                && overlaps(y0[s], y1[s], y0[d] - r, y1[d] + r, g.ncy(), g.periodic());
    }

    /** Whether [a0, a1) (inside [0, n)) meets [b0, b1) taken modulo n when {@code wrap}, else clipped. */
    static boolean overlaps(int a0, int a1, int b0, int b1, int n, boolean wrap) {
        if (a0 >= a1 || b0 >= b1) {
            return false;
        }
        if (!wrap) {
            return Math.max(a0, b0) < Math.min(a1, b1);
        }
        if (b1 - b0 >= n) {
            return true;
        }
        int s = Math.floorMod(b0, n);
        int e = s + (b1 - b0);
        return Math.max(a0, s) < Math.min(a1, Math.min(e, n)) || (e > n && a0 < e - n);
    }
}
