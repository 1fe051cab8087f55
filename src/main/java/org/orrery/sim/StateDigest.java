package org.orrery.sim;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.orrery.model.ParticleState;

/**
 * SHA-256 of an N-body state's bits: the step (8 bytes, big-endian) then the seven columns x, y, z, vx, vy, vz, m as
 * raw IEEE-754 bits, column after column. Equal digests mean identical states, which is how runs at different rank and
 * thread counts are compared.
 */
public final class StateDigest {
    private StateDigest() {}

    /** The digest as 64 lowercase hex digits. */
    public static String sha256(ParticleState s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8 * (1 + 7 * s.n));
            b.putLong(s.step);
            for (double[] col : s.columns()) {
                for (int i = 0; i < s.n; i++) {
                    b.putLong(Double.doubleToRawLongBits(col[i]));
                }
            }
            return HexFormat.of().formatHex(md.digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
