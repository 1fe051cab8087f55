package org.orrery.io.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.orrery.io.AtomicFile;
import org.orrery.model.HermiteState;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;

/**
 * Bit-exact N-body checkpoints. Layout (big-endian): magic {@code ORRERYCK}, format version, n, step, time, G, ε, dt,
 * the initial energy E₀ (so relative errors continue across restarts), the seed and the initial-conditions description,
 * then the seven columns x, y, z, vx, vy, vz, m as raw doubles, and a CRC-32 of everything before it. Written
 * atomically (temp file + rename), so a crash never leaves a torn checkpoint; a truncated or altered file is refused on
 * reading.
 *
 * <p>Format version 2 (written only for block-time-step Hermite runs; leapfrog checkpoints stay version 1, byte for
 * byte) appends, before the CRC, a Hermite section: its tag {@code HERM}, its own version, then the
 * {@link HermiteState} ({@link HermiteSection}). Version 1 files read back with no Hermite state.
 */
public final class Checkpoint {
    static final long MAGIC = 0x4F5252455259434BL; // "ORRERYCK"
    static final int VERSION = 1;
    /** Version 1 plus a Hermite section. */
    static final int VERSION_HERMITE = 2;

    /** Everything a restart needs besides the state. */
    public record Meta(double g, double eps, double dt, double initialEnergy, long seed, String ic, String units) {}

    /** A checkpoint read back; {@code hermite} is null for a leapfrog (version 1) checkpoint. */
    public record Loaded(ParticleState state, Meta meta, HermiteState hermite) {
        public Loaded(ParticleState state, Meta meta) {
            this(state, meta, null);
        }
    }

    private Checkpoint() {}

    public static void write(Path file, ParticleState s, Meta meta) {
        write(file, s, meta, null);
    }

    /** Writes a checkpoint; with a Hermite state (not null) in format version 2. */
    public static void write(Path file, ParticleState s, Meta meta, HermiteState hermite) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 56 * s.n + (hermite == null ? 0 : 72 * s.n));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(hermite == null ? VERSION : VERSION_HERMITE);
            out.writeInt(s.n);
            out.writeLong(s.step);
            out.writeDouble(s.time);
            out.writeDouble(meta.g());
            out.writeDouble(meta.eps());
            out.writeDouble(meta.dt());
            out.writeDouble(meta.initialEnergy());
            out.writeLong(meta.seed());
            out.writeUTF(meta.ic());
            out.writeUTF(meta.units());
            for (double[] col : s.columns()) {
                for (int i = 0; i < s.n; i++) {
                    out.writeDouble(col[i]);
                }
            }
            if (hermite != null) {
                HermiteSection.write(out, hermite, s.n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] tail = ByteBuffer.allocate(8).putLong(crc.getValue()).array();
        AtomicFile.write(file, o -> {
            o.write(body);
            o.write(tail);
        });
    }

    public static Loaded read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError(
                    "cannot read restart file " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
        }
        if (all.length < 16) {
            throw new UserError("restart file " + file + " is not an Orrery checkpoint (too short)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8))) {
            if (in.readLong() != MAGIC) {
                throw new UserError("restart file " + file + " is not an Orrery checkpoint (bad magic)");
            }
            if (stored != crc.getValue()) {
                throw new UserError("restart file " + file + " is damaged or truncated (checksum mismatch)");
            }
            int version = in.readInt();
            if (version != VERSION && version != VERSION_HERMITE) {
                throw new UserError("restart file " + file + " has format version " + version + ", this Orrery reads "
                        + VERSION + " and " + VERSION_HERMITE);
            }
            int n = in.readInt();
            ParticleState s = new ParticleState(n);
            s.step = in.readLong();
            s.time = in.readDouble();
            Meta meta = new Meta(
                    in.readDouble(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readLong(),
                    in.readUTF(),
                    in.readUTF());
            for (double[] col : s.columns()) {
                for (int i = 0; i < n; i++) {
                    col[i] = in.readDouble();
                }
            }
            HermiteState hermite = version == VERSION_HERMITE ? HermiteSection.read(in, n, file.toString()) : null;
            if (in.available() != 0) {
                throw new UserError(
                        "restart file " + file + " is damaged (" + in.available() + " unexpected bytes at the end)");
            }
            return new Loaded(s, meta, hermite);
        } catch (IOException e) {
            throw new UserError("restart file " + file + " is damaged or truncated: " + e.getMessage());
        }
    }
}
