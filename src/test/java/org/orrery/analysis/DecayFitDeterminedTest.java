package org.orrery.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A half-life fit that measured nothing is not a pass (issue 13 item 12: 2.7e17 s was called ok). */
class DecayFitDeterminedTest {

    private static DecayEnsembleStatistics with(HalfLifeFit.Ensemble fit) {
        return new DecayEnsembleStatistics(null, List.of(), List.of(), fit, null);
    }

    @Test
    void aFitWhoseErrorExceedsTheHalfLifeIsNotOk() {
        DecayEnsembleStatistics s = with(new HalfLifeFit.Ensemble(2.7e17, 1e18, 1e18, 8));
        assertFalse(s.fitDetermined(1.0));
        assertFalse(s.fitPassed(1.0), "|z| = 0.27 but nothing was measured");
        assertFalse(s.allPassed(1.0));
    }

    @Test
    void aMeasuredFitWithinItsErrorIsOk() {
        DecayEnsembleStatistics s = with(new HalfLifeFit.Ensemble(1.01, 0.02, 0.1, 8));
        assertTrue(s.fitDetermined(1.0));
        assertTrue(s.fitPassed(1.0));
    }
}
