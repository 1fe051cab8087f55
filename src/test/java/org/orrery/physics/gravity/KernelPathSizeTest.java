package org.orrery.physics.gravity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The size rule of {@link KernelPath#forPairs}: the teaching run's calls (N = 1000, half the targets per rank) stay on
 * the scalar loop for a whole default run; N = 16384 at np 2 takes the vector kernel at once; small calls switch after
 * {@link KernelPath#VECTOR_AFTER_PAIRS}.
 */
class KernelPathSizeTest {
    @Test
    void smallCallsStayScalarUntilTheThreshold() {
        long teachingCall = 1000L * 500;
        long teachingRun = 1000 * (teachingCall + 1000L * 1000); // 1000 steps: forces plus potentials, generously
        assertFalse(KernelPath.worthVector(teachingCall, 0));
        assertFalse(KernelPath.worthVector(teachingCall, teachingRun));
        assertTrue(KernelPath.worthVector(teachingCall, KernelPath.VECTOR_AFTER_PAIRS));
    }

    @Test
    void largeCallsTakeTheVectorKernelAtOnce() {
        assertTrue(KernelPath.worthVector(16384L * 8192, 0));
        assertTrue(KernelPath.worthVector(KernelPath.VECTOR_CALL_PAIRS, 0));
        assertFalse(KernelPath.worthVector(KernelPath.VECTOR_CALL_PAIRS - 1, 0));
    }
}
