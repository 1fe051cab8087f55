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
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;

/**
 * Bit-exact N-body checkpoints. Layout (big-endian): magic {@code ORRERYCK}, format version,
 * n, step, time, G, ε, dt, the initial energy E₀ (so relative errors continue across restarts),
 * the seed and the initial-conditions description, then the seven columns x, y, z, vx, vy, vz, m as
 * raw doubles, and a CRC-32 of everything before it. Written atomically (temp file + rename), so a
 * crash never leaves a torn checkpoint; a truncated or altered file is refused on reading.
 */
public final class Checkpoint {
    static final long MAGIC = 0x4F5252455259434BL; // "ORRERYCK"
    static final int VERSION = 1;

    /** Everything a restart needs besides the state. */
    public record Meta(double g, double eps, double dt, double initialEnergy, long seed, String ic, String units) { }

    /** A checkpoint read back. */
    public record Loaded(ParticleState state, Meta meta) { }

    private Checkpoint() {
    }

    public static void write(Path file, ParticleState s, Meta meta) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 56 * s.n);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
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
            throw new UserError("cannot read restart file " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
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
            if (version != VERSION) {
                throw new UserError("restart file " + file + " has format version " + version + ", this Orrery reads " + VERSION);
            }
            int n = in.readInt();
            ParticleState s = new ParticleState(n);
            s.step = in.readLong();
            s.time = in.readDouble();
            Meta meta = new Meta(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(),
                    in.readUTF(), in.readUTF());
            for (double[] col : s.columns()) {
                for (int i = 0; i < n; i++) {
                    col[i] = in.readDouble();
                }
            }
            return new Loaded(s, meta);
        } catch (IOException e) {
            throw new UserError("restart file " + file + " is damaged or truncated: " + e.getMessage());
        }
    }
}
