package org.orrery.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark result must record about the machine: host name, physical cores, logical CPUs, CPU model, Open MPI
 * and Java versions. Physical cores are the distinct (physical id, core id) pairs of {@code /proc/cpuinfo} (Linux);
 * elsewhere the logical CPU count is used.
 */
public record MachineInfo(
        String host, int physicalCores, int logicalCpus, String cpuModel, String mpiVersion, String javaVersion) {

    /** Probes this machine (reads /proc/cpuinfo, runs {@code mpirun --version}). */
    public static MachineInfo probe() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        int logical = Runtime.getRuntime().availableProcessors();
        int physical = logical;
        String model = System.getProperty("os.arch");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                List<String> lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
                Set<String> cores = new HashSet<>();
                String phys = "0";
                int processors = 0;
                for (String l : lines) {
                    int colon = l.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = l.substring(0, colon).trim();
                    String value = l.substring(colon + 1).trim();
                    switch (key) {
                        case "processor" -> processors++;
                        case "model name" -> model = value;
                        case "physical id" -> phys = value;
                        case "core id" -> cores.add(phys + ":" + value);
                        default -> {}
                    }
                }
                if (!cores.isEmpty()) {
                    physical = cores.size();
                } else if (processors > 0) {
                    physical = processors;
                }
                // A container may see fewer CPUs than the socket has.
                physical = Math.min(physical, logical);
            } catch (IOException e) {
                model = model + " (cannot read /proc/cpuinfo: " + e.getMessage() + ")";
            }
        }
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new MachineInfo(host, physical, logical, model, probeMpiVersion(), java);
    }

    /** First line of {@code mpirun --version}, or "unknown". */
    static String probeMpiVersion() {
        Path log = null;
        try {
            // Output to a file, so that the time limit holds even if mpirun never closes its stdout.
            log = Files.createTempFile("orrery-mpirun-version", ".txt");
            Process p = new ProcessBuilder("mpirun", "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return "unknown (mpirun --version timed out)";
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            return out.lines()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse("unknown")
                    .trim();
        } catch (IOException e) {
            return "unknown (no mpirun on PATH)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    log.toFile().deleteOnExit();
                }
            }
        }
    }
}
