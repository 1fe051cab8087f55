package org.orrery.physics.image;

import java.util.Arrays;

/**
 * The block walk of {@link MedianFilter}: one row of b×b output blocks at a time, each block's (b+k−1)² padded samples
 * ranked locally in global sorted order, then walked in snake order with a bitset over local ranks and a pointer to the
 * element of rank (k·k)/2 (J. Suomela, "Median filtering is equivalent to sorting", arXiv:1406.1717). Package-private
 * steps of {@link MedianFilter#selectSources}; stateless apart from the caller's {@link Scratch}.
 */
final class MedianBlocks {
    private MedianBlocks() {}

    /** Work arrays shared by the blocks of one image. */
    static final class Scratch {
        final int[] blockSorted;
        final int[] localRank;
        final int[] localRankT; // transposed: columns contiguous for x steps
        final long[] bits;
        final int[][] blockLists;
        final int[] blockFill;

        Scratch(int span, int nbx) {
            blockSorted = new int[span * span];
            localRank = new int[span * span];
            localRankT = new int[span * span];
            bits = new long[((span * span) >>> 6) + 2];
            blockLists = new int[nbx][];
            blockFill = new int[nbx];
        }
    }

    /** Block row r: splits its bucket into blocks (sorted order kept), ranks locally, walks each block. */
    static void blockRow(
            int[] bucket,
            int r,
            Scratch w,
            int[] rowSrc,
            int[] colSrc,
            int ny,
            int nx,
            int k,
            int b,
            int nbx,
            int span,
            int px,
            int[] out) {
        int top = r * b;
        int bh = Math.min(b, ny - top);
        int ah = bh + k - 1;
        int[][] blockLists = w.blockLists;
        int[] blockFill = w.blockFill;
        Arrays.fill(blockFill, 0);
        for (int c = 0; c < nbx; c++) {
            int bw = Math.min(b, nx - c * b);
            if (blockLists[c] == null || blockLists[c].length < ah * (bw + k - 1)) {
                blockLists[c] = new int[span * span];
            }
        }
        splitColumns(bucket, blockLists, blockFill, px, k, b, nbx);
        for (int c = 0; c < nbx; c++) {
            int left = c * b;
            int bw = Math.min(b, nx - left);
            int aw = bw + k - 1;
            int m = ah * aw;
            localRanks(blockLists[c], m, px, top, left, aw, ah, rowSrc, colSrc, nx, w);
            block(w.localRank, w.localRankT, w.blockSorted, w.bits, m, aw, ah, bh, bw, k, top, left, nx, out);
        }
    }

    /**
     * Appends each padded sample of {@code bucket}, in order, to the list of every block column whose windows touch it:
     * column c (left edge c·b, width bw) holds the padded columns [c·b, c·b + bw + k − 1). As b ≥ k these are c =
     * min(nbx − 1, x / b) and, when x − c·b &lt; k − 1, also c − 1 (a full-width column).
     */
    static void splitColumns(int[] bucket, int[][] lists, int[] fill, int px, int k, int b, int nbx) {
        for (int p : bucket) {
            int x = p % px;
            int c = Math.min(nbx - 1, x / b);
            if (c > 0 && x - c * b < k - 1) {
                lists[c - 1][fill[c - 1]++] = p;
            }
            lists[c][fill[c]++] = p;
        }
    }

    /** Block-local ranks (and their transpose) and the input index of each rank. */
    private static void localRanks(
            int[] list,
            int m,
            int px,
            int top,
            int left,
            int aw,
            int ah,
            int[] rowSrc,
            int[] colSrc,
            int nx,
            Scratch w) {
        int[] localRank = w.localRank;
        int[] localRankT = w.localRankT;
        int[] blockSorted = w.blockSorted;
        for (int q = 0; q < m; q++) {
            int p = list[q];
            int ly = p / px - top;
            int lx = p % px - left;
            localRank[ly * aw + lx] = q;
            localRankT[lx * ah + ly] = q;
            blockSorted[q] = rowSrc[p / px] * nx + colSrc[p % px];
        }
    }

    /*
     * The walk of one block is split into small methods with one loop each (the window's first k rows, a row of steps,
     * adding or removing one run of k samples, moving the pointer up or down): each is compiled once by C2 for its
     * loop, instead of one long method compiled again for every loop it enters while hot (on-stack replacement at
     * each loop, then the normal entry).
     */

    /**
     * Walks one block in snake order. {@code localRank[ly*aw+lx]} is the block-local rank of padded sample (lx, ly),
     * {@code localRankT[lx*ah+ly]} the same transposed; {@code sources[rank]} its flat input index.
     */
    private static void block(
            int[] localRank,
            int[] localRankT,
            int[] sources,
            long[] bits,
            int m,
            int aw,
            int ah,
            int bh,
            int bw,
            int k,
            int top,
            int left,
            int nx,
            int[] out) {
        final int t = k * k / 2;
        Arrays.fill(bits, 0, (m >>> 6) + 2, 0L);
        firstWindow(bits, localRank, aw, k);
        // Pointer p with below = number of members at local ranks < p; start at 0.
        int p = 0;
        int below = 0;
        for (int r = 0; r < bh; r++) {
            boolean rightward = (r & 1) == 0;
            if (r > 0) {
                // Move down: remove local row r-1, add row r-1+k, columns [cx, cx+k) where the previous row ended.
                int cx = rightward ? 0 : bw - 1;
                below -= removeRun(bits, localRank, (r - 1) * aw + cx, k, p);
                below += addRun(bits, localRank, (r - 1 + k) * aw + cx, k, p);
            }
            p = walkRow(localRankT, sources, bits, p, below, r, rightward, ah, bw, k, t, (top + r) * nx + left, out);
            below = t;
        }
    }

    /** Sets the bits of the window at the block's top-left corner: local rows and columns [0, k). */
    private static void firstWindow(long[] bits, int[] localRank, int aw, int k) {
        for (int ly = 0; ly < k; ly++) {
            addRun(bits, localRank, ly * aw, k, 0);
        }
    }

    /**
     * One output row r of a block: the window starts at the row's first column (left for even r, right for odd r) and
     * steps one column at a time. Writes the row's outputs at {@code out[rowOut + cx]}; returns the pointer.
     */
    private static int walkRow(
            int[] localRankT,
            int[] sources,
            long[] bits,
            int p,
            int below,
            int r,
            boolean rightward,
            int ah,
            int bw,
            int k,
            int t,
            int rowOut,
            int[] out) {
        int cx = rightward ? 0 : bw - 1;
        int ptr = below <= t ? seekUp(bits, p, t - below) : seekDown(bits, p, below, t);
        out[rowOut + cx] = sources[ptr];
        for (int s = 1; s < bw; s++) {
            int remCol;
            int addCol;
            if (rightward) {
                remCol = cx;
                addCol = cx + k;
                cx++;
            } else {
                remCol = cx + k - 1;
                addCol = cx - 1;
                cx--;
            }
            int bl = t - removeRun(bits, localRankT, remCol * ah + r, k, ptr);
            bl += addRun(bits, localRankT, addCol * ah + r, k, ptr);
            ptr = bl <= t ? seekUp(bits, ptr, t - bl) : seekDown(bits, ptr, bl, t);
            out[rowOut + cx] = sources[ptr];
        }
        return ptr;
    }

    /** Adds the k members {@code ranks[from .. from+k)} to the bitset; returns how many are below pointer p. */
    private static int addRun(long[] bits, int[] ranks, int from, int k, int p) {
        int below = 0;
        for (int j = from, end = from + k; j < end; j++) {
            int q = ranks[j];
            bits[q >>> 6] |= 1L << q;
            below += (q - p) >>> 31; // branch-free: 1 when q < p
        }
        return below;
    }

    /** Removes the k members {@code ranks[from .. from+k)} from the bitset; returns how many were below pointer p. */
    private static int removeRun(long[] bits, int[] ranks, int from, int k, int p) {
        int below = 0;
        for (int j = from, end = from + k; j < end; j++) {
            int q = ranks[j];
            bits[q >>> 6] &= ~(1L << q);
            below += (q - p) >>> 31;
        }
        return below;
    }

    /** The member at or above p with exactly {@code need} members in [p, it). */
    private static int seekUp(long[] bits, int p, int need) {
        int w = p >>> 6;
        long word = bits[w] & (-1L << p);
        int c = Long.bitCount(word);
        while (c <= need) {
            need -= c;
            word = bits[++w];
            c = Long.bitCount(word);
        }
        return (w << 6) + nthSetBit(word, need);
    }

    /** The member below p with exactly t members below it, given {@code below} members below p (below &gt; t). */
    private static int seekDown(long[] bits, int p, int below, int t) {
        int w = p >>> 6;
        long word = (p & 63) == 0 ? 0L : bits[w] & (-1L >>> (64 - (p & 63)));
        int b = below - Long.bitCount(word);
        while (b > t) {
            word = bits[--w];
            b -= Long.bitCount(word);
        }
        return (w << 6) + nthSetBit(word, t - b);
    }

    /** Bit index of the set bit of {@code word} with n set bits below it. */
    private static int nthSetBit(long word, int n) {
        long v = word;
        for (int i = 0; i < n; i++) {
            v &= v - 1;
        }
        return Long.numberOfTrailingZeros(v);
    }
}
