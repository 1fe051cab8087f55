package org.orrery.apps.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orrery.apps.nbody.NBodyCommand;

/** Numbers on the command line are plain decimals: no Java suffixes, no hexadecimal, no octal (issue 13 item 12). */
class StrictNumbersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--dt 1d|Invalid value for option '--dt': '1d' is not a decimal number (see --help)",
                "--dt 0x1p3|Invalid value for option '--dt': '0x1p3' is not a decimal number (see --help)",
                "--eps 2f|Invalid value for option '--eps': '2f' is not a decimal number (see --help)",
                "--steps 0x10|Invalid value for option '--steps': '0x10' is not an integer (plain decimal digits) "
                        + "(see --help)",
                "--steps 1e3|Invalid value for option '--steps': '1e3' is not an integer (plain decimal digits) (see "
                        + "--help)",
                "--steps 99999999999999999999|Invalid value for option '--steps': '99999999999999999999' is out of "
                        + "range (at most 9223372036854775807) (see --help)",
                "-n 4294967297|Invalid value for option '--particles': '4294967297' is out of range (at most "
                        + "2147483647) (see --help)"
            })
    void javaNumberSyntaxIsRefusedWithOneLine(String args, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, Programs.runSerial(new NBodyCommand(), err, args.split(" ")));
        assertEquals(
                "orrery nbody: error: " + message + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1.0",
        "-2.5, -2.5",
        ".5, 0.5",
        "3., 3.0",
        "1e-3, 0.001",
        "+4E2, 400.0",
        "Infinity, Infinity",
        "NaN, NaN"
    })
    void plainDecimalsAreNumbers(String text, double value) {
        assertEquals(value, StrictNumbers.real(text));
    }
}
