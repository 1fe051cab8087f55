package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.io.MachineInfo;
import org.orrery.model.UserError;

class SweepAppTest {

    @Test
    void npListsAreParsedAndSorted() {
        assertArrayEquals(new int[] {1, 2, 4}, SweepApp.parseNpList("1,2,4"));
        assertArrayEquals(new int[] {1, 2, 8}, SweepApp.parseNpList("8, 1,2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "a,b", "1,,2", "-1", "1,2,2", "", "1.5", "9999999"})
    void badNpListsAreRejectedWithTheirValue(String list) {
        UserError e = assertThrows(UserError.class, () -> SweepApp.parseNpList(list));
        assertTrue(e.getMessage().contains("--np"), e.getMessage());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, SweepApp.median(new double[] {3, 1, 2}));
        assertEquals(2.5, SweepApp.median(new double[] {4, 1, 2, 3}));
    }

    @Test
    void weakScalingGrowsTheSizeOptionByTheExponent() {
        SweepApp s = new SweepApp();
        s.program = "nbody";
        s.weakParam = "--n";
        s.weakBase = 2000.0;
        s.weakExponent = 0.5;
        assertEquals(2000, s.sizeFor(1));
        assertEquals(4000, s.sizeFor(4));
        assertEquals(Math.round(2000 * Math.sqrt(2)), s.sizeFor(2));
        s.programArgs = List.of("--steps", "10");
        s.oversubscribe = true;
        assertEquals(List.of("launch/orrery", "nbody", "-np", "4", "--no-build", "--mpirun-arg", "--oversubscribe", "--steps", "10",
                "--n", "4000", "--summary", "s.json"), s.command(Path.of("launch/orrery"), 4, Path.of("s.json")));
    }

    @Test
    void rankCountsAboveThePhysicalCoresNeedOversubscribe() {
        SweepApp s = new SweepApp();
        s.program = "decay";
        MachineInfo twoCores = new MachineInfo("h", 2, 2, "cpu", "mpi", "java");
        UserError e = assertThrows(UserError.class, () -> s.validate(new int[] {1, 2, 4}, twoCores));
        assertTrue(e.getMessage().startsWith("-np 4 exceeds the 2 physical cores: pass --oversubscribe"), e.getMessage());
        s.oversubscribe = true;
        s.validate(new int[] {1, 2, 4}, twoCores);
        s.programArgs = List.of("--summary", "x.json");
        assertThrows(UserError.class, () -> s.validate(new int[] {1}, twoCores));
    }
}
