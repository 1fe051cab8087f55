package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MpiBackendsTest {

    @Test
    void unsetPropertyPicksMpiJarWhenItIsThereElseTheShim() {
        assertEquals("ompi-java", MpiBackends.select(null, true));
        assertEquals("shim", MpiBackends.select(null, false));
        assertEquals("ompi-java", MpiBackends.select(" ", true));
    }

    @Test
    void anExplicitBackendWinsAndAWrongOneIsOneLine() {
        assertEquals("shim", MpiBackends.select("shim", true));
        assertEquals("ompi-java", MpiBackends.select("OMPI-Java", false));
        MpiFailure e = assertThrows(MpiFailure.class, () -> MpiBackends.select("mpich", true));
        assertEquals("unknown MPI backend -Dorrery.mpi.backend=mpich (use ompi-java, shim or serial)", e.getMessage());
        assertEquals("serial", MpiBackends.select("serial", true));
    }

    @Test
    void theSerialBackendRunsAloneOrAsTheOnlyRank() {
        assertNull(MpiBackends.serialMismatch(Map.of()));
        assertNull(MpiBackends.serialMismatch(Map.of("OMPI_COMM_WORLD_SIZE", "1")));
        assertEquals(
                "-Dorrery.mpi.backend=serial runs one rank without MPI, but the launcher set PMI_SIZE=4: leave the"
                        + " backend to launch/orrery, or give shim or ompi-java",
                MpiBackends.serialMismatch(Map.of("PMI_SIZE", "4", "PMI_RANK", "2")));
        assertNull(MpiBackends.sizeMismatch(2, Map.of("OMPI_COMM_WORLD_SIZE", " 2 ")));
        assertTrue(MpiBackends.sizeMismatch(1, Map.of("PMIX_SIZE", "x", "PMI_SIZE", "3"))
                .startsWith("MPI started a job of 1 rank but the launcher set PMI_SIZE=3"));
    }

    @Test
    void aLibraryStartedByAnotherMpisLauncherIsRefused() {
        Map<String, String> hydra = Map.of("PMI_RANK", "0", "PMI_SIZE", "3", "PMI_FD", "6");
        Map<String, String> orterun =
                Map.of("OMPI_COMM_WORLD_SIZE", "3", "OMPI_COMM_WORLD_RANK", "0", "PMIX_RANK", "0");
        String a = MpiBackends.launcherMismatch("Open MPI 4.1.4", hydra);
        assertTrue(
                a.startsWith(
                        "this job was started by an MPICH-family mpiexec (Hydra: PMI_SIZE is set) but the MPI library "
                                + "is Open MPI 4.1.4"),
                a);
        String b = MpiBackends.launcherMismatch("MPICH 4.0.2", orterun);
        assertTrue(b.startsWith("this job was started by Open MPI's mpirun"), b);
        assertTrue(MpiBackends.launcherMismatch("Intel MPI 2021.10 (MPICH family)", orterun)
                .contains("Intel MPI"));
        assertTrue(b.lines().count() == 1 && !b.contains("\n"));
    }

    @Test
    void matchingLaunchersSingletonsAndSrunPass() {
        assertNull(MpiBackends.launcherMismatch("Open MPI 4.1.4", Map.of("OMPI_COMM_WORLD_SIZE", "2")));
        assertNull(MpiBackends.launcherMismatch("MPICH 4.0.2", Map.of("PMI_SIZE", "2")));
        assertNull(MpiBackends.launcherMismatch("MPICH 4.0.2", Map.of()));
        assertNull(MpiBackends.launcherMismatch("Open MPI 4.1.4", Map.of()));
        // srun --mpi=pmi2 sets PMI_SIZE for Open MPI too
        assertNull(MpiBackends.launcherMismatch("Open MPI 4.1.4", Map.of("PMI_SIZE", "4", "SLURM_STEP_ID", "0")));
        assertNull(MpiBackends.launcherMismatch("MPI 3.1", Map.of("OMPI_COMM_WORLD_SIZE", "2")));
    }

    @Test
    void singletonsWhereTheLauncherAnnouncedMoreRanksAreCaught() {
        assertNull(MpiBackends.sizeMismatch(3, Map.of("PMI_SIZE", "3")));
        assertNull(MpiBackends.sizeMismatch(1, Map.of()));
        String e = MpiBackends.sizeMismatch(1, Map.of("OMPI_COMM_WORLD_SIZE", "4"));
        assertTrue(e.startsWith("MPI started a job of 1 rank but the launcher set OMPI_COMM_WORLD_SIZE=4"), e);
        assertNull(MpiBackends.sizeMismatch(2, Map.of("PMI_SIZE", "x")));
    }

    @Test
    void mpichVersionBecomesOneLineWithoutConfigureOptions() {
        String v =
                """
                MPICH Version:\t4.0.2
                MPICH Release date:\tThu Apr  7 12:34:45 CDT 2022
                MPICH ABI:\t14:2:2
                MPICH Device:\tch4:ucx
                MPICH configure:\t--build=x86_64-linux-gnu --prefix=/usr
                MPICH CC:\tgcc -O2

                """;
        assertEquals(
                "MPICH Version: 4.0.2, MPICH Release date: Thu Apr 7 12:34:45 CDT 2022, MPICH ABI: 14:2:2, MPICH "
                        + "Device: ch4:ucx",
                MpiBackends.oneLine(v));
        assertEquals(
                "Open MPI v4.1.4, package: Debian OpenMPI",
                MpiBackends.oneLine("Open MPI v4.1.4, package: Debian OpenMPI\n"));
    }
}
