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
        for (int p : bucket) {
            int x = p % px;
            int cHi = Math.min(nbx - 1, x / b);
            int cLo = Math.max(0, (x - span) / b);
            for (int c = cLo; c <= cHi; c++) {
                int left = c * b;
                int bw = Math.min(b, nx - left);
                if (x >= left && x < left + bw + k - 1) {
                    blockLists[c][blockFill[c]++] = p;
                }
            }
        }
        for (int c = 0; c < nbx; c++) {
            int left = c * b;
            int bw = Math.min(b, nx - left);
            int aw = bw + k - 1;
            int m = ah * aw;
            localRanks(blockLists[c], m, px, top, left, aw, ah, rowSrc, colSrc, nx, w);
            block(w.localRank, w.localRankT, w.blockSorted, w.bits, m, aw, ah, bh, bw, k, top, left, nx, out);
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
        for (int ly = 0; ly < k; ly++) {
            int row = ly * aw;
            for (int lx = 0; lx < k; lx++) {
                int q = localRank[row + lx];
                bits[q >>> 6] |= 1L << q;
            }
        }
        // Pointer p with below = number of members at local ranks < p; start at 0.
        int p = 0;
        int below = 0;
        int cx = 0; // window's left column (local)
        for (int r = 0; r < bh; r++) {
            if (r > 0) {
                // Move down: remove local row r-1, add row r-1+k, columns [cx, cx+k).
                int rem = (r - 1) * aw + cx;
                int add = (r - 1 + k) * aw + cx;
                for (int j = 0; j < k; j++) {
                    int q = localRank[rem + j];
                    bits[q >>> 6] &= ~(1L << q);
                    below -= (q - p) >>> 31; // branch-free: 1 when q < p
                    q = localRank[add + j];
                    bits[q >>> 6] |= 1L << q;
                    below += (q - p) >>> 31;
                }
            }
            boolean rightward = (r & 1) == 0;
            for (int s = 0; s < bw; s++) {
                if (s > 0) {
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
                    int rem = remCol * ah + r;
                    int add = addCol * ah + r;
                    for (int i = 0; i < k; i++) {
                        int q = localRankT[rem + i];
                        bits[q >>> 6] &= ~(1L << q);
                        below -= (q - p) >>> 31; // branch-free: 1 when q < p
                        q = localRankT[add + i];
                        bits[q >>> 6] |= 1L << q;
                        below += (q - p) >>> 31;
                    }
                }
                // Move the pointer to the member with exactly t members below it.
                if (below <= t) {
                    int need = t - below;
                    int w = p >>> 6;
                    long word = bits[w] & (-1L << p);
                    while (true) {
                        int c = Long.bitCount(word);
                        if (c > need) {
                            for (int i = 0; i < need; i++) {
                                word &= word - 1;
                            }
                            p = (w << 6) + Long.numberOfTrailingZeros(word);
                            break;
                        }
                        need -= c;
                        word = bits[++w];
                    }
                } else {
                    int w = p >>> 6;
                    long word = (p & 63) == 0 ? 0L : bits[w] & (-1L >>> (64 - (p & 63)));
                    while (true) {
                        int c = Long.bitCount(word);
                        below -= c;
                        if (below <= t) {
                            for (int i = t - below; i > 0; i--) {
                                word &= word - 1;
                            }
                            p = (w << 6) + Long.numberOfTrailingZeros(word);
                            break;
                        }
                        word = bits[--w];
                    }
                }
                below = t;
                out[(top + r) * nx + left + cx] = sources[p];
            }
        }
    }
}
