package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.apps.common.Programs;

/** The whole program in-process on one rank (SerialComm): outputs exist and make sense. */
class PairCountAppTest {
    @TempDir
    Path dir;

    @Test
    void uniformPeriodicCatalogHasXiNearZero() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String o = dir.resolve("u").toString();
        int code = Programs.runSerial(new PairCountApp(), new PrintStream(err), "--generate", "uniform", "-n", "20000",
                "--periodic", "--box", "200", "--bins", "lin", "--rmin", "2", "--rmax", "20", "--nbins", "6", "--random-factor", "1",
                "-o", o, "--summary", dir.resolve("s.json").toString());
        assertEquals(0, code, err.toString());
        assertTrue(Files.size(dir.resolve("u.fits")) > 2880 && Files.size(dir.resolve("u.png")) > 1000);
        var lines = Files.readAllLines(dir.resolve("u.csv")).stream().filter(s -> !s.startsWith("#")).toList();
        var head = java.util.List.of(lines.get(0).split(","));
        int ls = head.indexOf("xi_landy_szalay");
        int an = head.indexOf("xi_analytic");
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split(",");
            assertTrue(Math.abs(Double.parseDouble(f[ls])) < 0.1, lines.get(k));
            assertTrue(Math.abs(Double.parseDouble(f[an])) < 0.1, lines.get(k));
        }
        String s = Files.readString(dir.resolve("s.json"));
        assertTrue(s.contains("\"program\": \"paircount\"") && s.contains("\"rate_unit\": \"pairs/s\""), s);
    }

    @Test
    void clusteredCatalogHasStrongPositiveXiAtSmallSeparations() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String o = dir.resolve("c").toString();
        int code = Programs.runSerial(new PairCountApp(), new PrintStream(err), "-n", "8000", "--no-fits", "-o", o);
        assertEquals(0, code, err.toString());
        var lines = Files.readAllLines(dir.resolve("c.csv")).stream().filter(s -> !s.startsWith("#")).toList();
        int ls = java.util.List.of(lines.get(0).split(",")).indexOf("xi_landy_szalay");
        assertTrue(Double.parseDouble(lines.get(3).split(",")[ls]) > 10, lines.get(3));
    }

    @Test
    void optionErrorsAreOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Programs.runSerial(new PairCountApp(), new PrintStream(err), "--periodic", "--data", "x.txt");
        assertEquals(2, code);
        assertEquals("orrery paircount: error: --periodic needs the box side --box L", err.toString().strip());
        err.reset();
        assertEquals(2, Programs.runSerial(new PairCountApp(), new PrintStream(err), "--threads", "0"));
        assertTrue(err.toString().contains("--threads must be at least 1"));
    }
}
