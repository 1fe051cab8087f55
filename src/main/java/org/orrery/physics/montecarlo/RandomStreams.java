package org.orrery.physics.montecarlo;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Independent random streams for ensemble members: member {@code k} of a run with master seed {@code s} always gets the
 * same stream, whichever rank or thread simulates it, so an ensemble is bitwise identical at any rank and thread count.
 *
 * <p>Generator: the JDK's {@code L64X128MixRandom} (LXM family, Steele &amp; Vigna, "LXM: better splittable
 * pseudorandom number generators (and almost as fast)", OOPSLA 2021), a generator designed for many statistically
 * independent instances: 64-bit LCG + xoroshiro128 combined by a strong mixing function, period
 * 2<sup>64</sup>(2<sup>128</sup>&minus;1) per instance.
 *
 * <p>Seed derivation: {@code seed(s, k) = mix(mix(s ^ SILVER) + (k + 1) * GOLDEN)}, where {@code mix} is Stafford's
 * variant 13 of the MurmurHash3 64-bit finaliser (the SplitMix64 output function) and GOLDEN = 0x9E3779B97F4A7C15
 * (2<sup>64</sup>/&phi;). That is the (k+1)-th output of a SplitMix64 generator started at {@code mix(s ^ SILVER)}:
 * distinct {@code k} give distinct seeds (SplitMix64's output is a bijection of its counter), and neighbouring
 * {@code k} give unrelated seeds. The JDK then expands the 64-bit seed into the LXM state with its own mixers. Streams
 * are never derived from the rank.
 */
public final class RandomStreams {
    /** Name of the generator family, recorded in outputs. */
    public static final String ALGORITHM = "L64X128MixRandom";
    /** The derivation rule, recorded in outputs. */
    public static final String DERIVATION =
            "seed_k = mix13(mix13(seed ^ 0x6A09E667F3BCC909) + (k+1)*0x9E3779B97F4A7C15); " + ALGORITHM
                    + " created from seed_k";

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long SILVER = 0x6A09E667F3BCC909L;
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of(ALGORITHM);

    private RandomStreams() {}

    /** Stafford's mix13: the SplitMix64 finaliser, a bijection on 64-bit values. */
    public static long mix13(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The 64-bit seed of stream {@code k} under master seed {@code masterSeed}. */
    public static long streamSeed(long masterSeed, long k) {
        if (k < 0) {
            throw new IllegalArgumentException("stream index must be >= 0, got " + k);
        }
        return mix13(mix13(masterSeed ^ SILVER) + (k + 1) * GOLDEN);
    }

    /** A fresh generator for stream {@code k}: same master seed and k, same numbers, always. */
    public static RandomGenerator stream(long masterSeed, long k) {
        return FACTORY.create(streamSeed(masterSeed, k));
    }
}
