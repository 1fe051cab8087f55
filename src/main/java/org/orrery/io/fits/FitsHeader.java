package org.orrery.io.fits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One FITS header as its 80-character card images (FITS 4.0 §4), without the END card, in file order. Values are parsed
 * on demand: strings in single quotes (a doubled quote is one quote, trailing blanks dropped), logicals T/F, integers
 * and reals (a Fortran {@code D} exponent is accepted). Keeping the card images lets a writer copy a header byte for
 * byte.
 *
 * <p>Immutable and thread-safe. Parsing errors throw {@link IllegalArgumentException} with the keyword; callers turn
 * them into domain errors that name the file and HDU.
 */
public final class FitsHeader {
    /** Bytes per FITS block. */
    public static final int BLOCK = 2880;
    /** Bytes per card. */
    public static final int CARD = 80;

    private final List<String> cards;

    public FitsHeader(List<String> cards) {
        List<String> c = new ArrayList<>(cards.size());
        for (String s : cards) {
            c.add(pad(s));
        }
        this.cards = Collections.unmodifiableList(c);
    }

    /** Parses the cards of {@code bytes} up to END; returns null if END is not in {@code bytes}. */
    static FitsHeader parse(byte[] bytes, int length) {
        List<String> c = new ArrayList<>();
        for (int at = 0; at + CARD <= length; at += CARD) {
            String card = new String(bytes, at, CARD, StandardCharsets.US_ASCII);
            if (card.startsWith("END") && card.substring(3).isBlank()) {
                return new FitsHeader(c);
            }
            c.add(card);
        }
        return null;
    }

    public List<String> cards() {
        return cards;
    }

    /** The keyword of a card (columns 1–8, trimmed). */
    public static String key(String card) {
        return card.substring(0, Math.min(8, card.length())).trim();
    }

    private static String pad(String s) {
        if (s.length() > CARD) {
            throw new IllegalArgumentException("header card longer than 80 characters: " + s.substring(0, 8));
        }
        return s.length() == CARD ? s : s + " ".repeat(CARD - s.length());
    }

    /** The raw value field (after "= ", comment removed) of the first card with {@code key}, or null. */
    public String raw(String key) {
        for (String card : cards) {
            if (key(card).equals(key) && card.length() >= 10 && card.charAt(8) == '=' && card.charAt(9) == ' ') {
                return valueField(card.substring(10));
            }
        }
        return null;
    }

    private static String valueField(String s) {
        String t = s.stripLeading();
        if (t.startsWith("'")) {
            int i = 1;
            while (i < t.length()) {
                if (t.charAt(i) == '\'') {
                    if (i + 1 < t.length() && t.charAt(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    return t.substring(0, i + 1);
                }
                i++;
            }
            throw new IllegalArgumentException("unterminated string value");
        }
        int slash = t.indexOf('/');
        return (slash >= 0 ? t.substring(0, slash) : t).trim();
    }

    public boolean contains(String key) {
        return raw(key) != null;
    }

    /** String value (quotes removed, trailing blanks dropped) or {@code fallback}. */
    public String getString(String key, String fallback) {
        String r = raw(key);
        if (r == null) {
            return fallback;
        }
        if (!r.startsWith("'")) {
            throw new IllegalArgumentException(key + " is not a string (" + r + ")");
        }
        return r.substring(1, r.length() - 1).replace("''", "'").stripTrailing();
    }

    public long getLong(String key, long fallback) {
        String r = raw(key);
        if (r == null || r.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(r.startsWith("+") ? r.substring(1) : r);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not an integer (" + r + ")");
        }
    }

    public int getInt(String key, int fallback) {
        long v = getLong(key, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " out of range (" + v + ")");
        }
        return (int) v;
    }

    public double getDouble(String key, double fallback) {
        String r = raw(key);
        if (r == null || r.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(r.toUpperCase(Locale.ROOT).replace('D', 'E'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number (" + r + ")");
        }
    }

    public boolean getBoolean(String key, boolean fallback) {
        String r = raw(key);
        if (r == null || r.isEmpty()) {
            return fallback;
        }
        if (r.equals("T") || r.equals("F")) {
            return r.equals("T");
        }
        throw new IllegalArgumentException(key + " is not a logical (" + r + ")");
    }

    /** A card {@code KEY = value / comment} with an integer, real, logical or (quoted) string value. */
    public static String card(String key, Object value, String comment) {
        String v;
        if (value instanceof String s) {
            String q = "'" + s.replace("'", "''") + (s.length() < 8 ? " ".repeat(8 - s.length()) : "") + "'";
            v = String.format(Locale.ROOT, "%-20s", q);
        } else if (value instanceof Boolean b) {
            v = String.format(Locale.ROOT, "%20s", b ? "T" : "F");
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(key + ": FITS cannot store " + d);
            }
            v = String.format(Locale.ROOT, "%20s", Double.toString(d));
        } else {
            v = String.format(Locale.ROOT, "%20s", value);
        }
        String c = String.format(Locale.ROOT, "%-8s= %s", key, v);
        if (comment != null && !comment.isEmpty()) {
            c = c + " / " + comment;
        }
        return c.length() > CARD ? c.substring(0, CARD) : c;
    }
}
