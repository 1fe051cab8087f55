package org.orrery.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** {@link ScalingTable#breakdown}: maxima over ranks, rank 0's serial time, JIT, GC and CPU summed once per JVM. */
class ScalingTableTest {
    private static JsonObject summary(String mpi) {
        return JsonParser.parseString("{\"mpi\": \"" + mpi + "\", \"rank_breakdown\": ["
                        + "{\"rank\": 0, \"startup_s\": 0.2, \"compute_s\": 3, \"wait_s\": 0.1, \"serial_s\": 0.5,"
                        + " \"jit_s\": 1.5, \"gc_s\": 0.25, \"cpu_s\": 6, \"wall_s\": 4},"
                        + "{\"rank\": 1, \"startup_s\": 0.3, \"compute_s\": 2, \"wait_s\": 0.7, \"serial_s\": 0,"
                        + " \"jit_s\": 1.5, \"gc_s\": 0.25, \"cpu_s\": 6, \"wall_s\": 4.5}]}")
                .getAsJsonObject();
    }

    @Test
    void jitGcAndCpuAreSummedOverJvmsOnceWhenTheRanksShareOne() {
        double[] mpi = ScalingTable.breakdown(summary("Open MPI v4.1.4"));
        double[] threads = ScalingTable.breakdown(summary("none: 2 ranks as threads of one JVM"));
        for (double[] b : new double[][] {mpi, threads}) {
            assertEquals(0.3, b[0]);
            assertEquals(3, b[1]);
            assertEquals(0.7, b[2]);
            assertEquals(0.5, b[3]);
            assertEquals(4.5, b[7]);
        }
        assertEquals(3.0, mpi[4]);
        assertEquals(0.5, mpi[5]);
        assertEquals(1.5, threads[4]);
        assertEquals(0.25, threads[5]);
        assertEquals(12.0, mpi[6]);
        assertEquals(6.0, threads[6]);
    }
}
