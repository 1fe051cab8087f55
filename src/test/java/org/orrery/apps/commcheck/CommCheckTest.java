package org.orrery.apps.commcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;

class CommCheckTest {

    @Test
    void everyRuleHasItsOwnMessage() {
        assertEquals(
                "--items must be >= 1, got 0",
                assertThrows(UserError.class, () -> new CommCheckConfig(0, 1)).getMessage());
        assertEquals(
                "--repeat must be >= 1, got -2",
                assertThrows(UserError.class, () -> new CommCheckConfig(1, -2)).getMessage());
    }

    @Test
    void aSerialCommPassesEveryCheck() {
        CommCheckJob.Result r = CommCheckJob.run(new SerialComm(), new CommCheckConfig(1001, 2));
        assertEquals(0, r.mismatches());
        assertEquals(1, r.ranks());
        assertEquals(1001, r.config().items());
    }

    @Test
    void theReportLineSaysOkOrCountsMismatches() {
        CommCheckConfig c = new CommCheckConfig(10, 3);
        assertEquals(
                "commcheck: 2 ranks, allGatherv/gatherv of 10 x 3 values x 3 repetitions, reductions, bcast, "
                        + "sendRecv ring: ok",
                CommCheckReport.line(new CommCheckJob.Result(2, "MPI", "shim", "0123456789abcdef", c, 0, 1.0)));
        assertEquals(
                "commcheck: 2 ranks, allGatherv/gatherv of 10 x 3 values x 3 repetitions, reductions, bcast, "
                        + "sendRecv ring: 4 mismatches",
                CommCheckReport.line(new CommCheckJob.Result(2, "MPI", "shim", "0123456789abcdef", c, 4, 1.0)));
    }
}
