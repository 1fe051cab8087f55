package org.orrery.io.snapshot;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.orrery.model.HermiteState;
import org.orrery.model.UserError;

/**
 * The Hermite section of a version-2 {@link Checkpoint} (big-endian, raw IEEE doubles, so a restart is bit-exact): tag
 * {@code HERM}, section version, then G, ε, η, η_s, Δ_max, maxLevel, the block time, blocks, interactions, the n
 * particle times, the n levels (ints), the 6n values a_x, a_y, a_z, ȧ_x, ȧ_y, ȧ_z per particle, and the maxLevel + 1
 * steps-per-level counters.
 */
final class HermiteSection {
    static final int TAG = 0x4845524D; // "HERM"
    static final int VERSION = 1;

    private HermiteSection() {}

    static void write(DataOutputStream out, HermiteState h, int n) throws IOException {
        if (h.n() != n) {
            throw new IllegalArgumentException("Hermite state of " + h.n() + " particles with a state of " + n);
        }
        out.writeInt(TAG);
        out.writeInt(VERSION);
        out.writeDouble(h.g());
        out.writeDouble(h.eps());
        out.writeDouble(h.eta());
        out.writeDouble(h.etaStart());
        out.writeDouble(h.dtMax());
        out.writeInt(h.maxLevel());
        out.writeDouble(h.time());
        out.writeLong(h.blocks());
        out.writeLong(h.interactions());
        for (double t : h.particleTime()) {
            out.writeDouble(t);
        }
        for (int l : h.level()) {
            out.writeInt(l);
        }
        for (double v : h.forceJerk()) {
            out.writeDouble(v);
        }
        for (long c : h.stepsPerLevel()) {
            out.writeLong(c);
        }
    }

    static HermiteState read(DataInputStream in, int n, String file) throws IOException {
        if (in.readInt() != TAG) {
            throw new UserError(
                    "restart file " + file + " is damaged (no Hermite section where format version 2 has one)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new UserError("restart file " + file + " has Hermite section version " + version
                    + ", this Orrery reads " + VERSION);
        }
        double g = in.readDouble();
        double eps = in.readDouble();
        double eta = in.readDouble();
        double etaStart = in.readDouble();
        double dtMax = in.readDouble();
        int maxLevel = in.readInt();
        if (maxLevel < 1 || maxLevel > 60) {
            throw new UserError("restart file " + file + " is damaged (Hermite maxLevel " + maxLevel + ")");
        }
        double time = in.readDouble();
        long blocks = in.readLong();
        long interactions = in.readLong();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = in.readDouble();
        }
        int[] level = new int[n];
        for (int i = 0; i < n; i++) {
            level[i] = in.readInt();
            if (level[i] < 0 || level[i] > maxLevel) {
                throw new UserError(
                        "restart file " + file + " is damaged (particle " + i + " at Hermite level " + level[i] + ")");
            }
        }
        double[] aj = new double[6 * n];
        for (int i = 0; i < 6 * n; i++) {
            aj[i] = in.readDouble();
        }
        long[] steps = new long[maxLevel + 1];
        for (int l = 0; l <= maxLevel; l++) {
            steps[l] = in.readLong();
        }
        return new HermiteState(
                g, eps, eta, etaStart, dtMax, maxLevel, time, blocks, interactions, t, level, aj, steps);
    }
}
