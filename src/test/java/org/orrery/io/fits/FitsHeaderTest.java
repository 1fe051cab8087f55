package org.orrery.io.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Card values as FITS 4.0 §4.2 defines them, and cards that parse back to what was written. */
class FitsHeaderTest {
    @Test
    void parsesValueTypes() {
        FitsHeader h = new FitsHeader(List.of(
                "OBJECT  = 'O''Brien field  '   / quoted quote, trailing blanks",
                "EXPTIME =              1.5D+01 / Fortran exponent",
                "NAXIS1  =                 2048",
                "SIMPLE  =                    T",
                "COMMENT = not a value card because COMMENT is commentary? (still has '= ')",
                "HISTORY made by a test"));
        assertEquals("O'Brien field", h.getString("OBJECT", null));
        assertEquals(15.0, h.getDouble("EXPTIME", 0), 0);
        assertEquals(2048, h.getInt("NAXIS1", 0));
        assertTrue(h.getBoolean("SIMPLE", false));
        assertEquals(7, h.getInt("ABSENT", 7));
        assertFalse(h.contains("HISTORY"));
        assertThrows(IllegalArgumentException.class, () -> h.getInt("OBJECT", 0));
    }

    @Test
    void writtenCardsParseBack() {
        FitsHeader h = new FitsHeader(List.of(
                FitsHeader.card("EXTNAME", "CCD's", "name"),
                FitsHeader.card("GAIN", 2.25, null),
                FitsHeader.card("EXTVER", 12, null),
                FitsHeader.card("ZIMAGE", true, null),
                FitsHeader.card("SEED", 1L << 40, null)));
        assertEquals("CCD's", h.getString("EXTNAME", ""));
        assertEquals(2.25, h.getDouble("GAIN", 0), 0);
        assertEquals(12, h.getInt("EXTVER", 0));
        assertTrue(h.getBoolean("ZIMAGE", false));
        assertEquals(1L << 40, h.getLong("SEED", 0));
        h.cards().forEach(c -> assertEquals(80, c.length()));
    }
}
