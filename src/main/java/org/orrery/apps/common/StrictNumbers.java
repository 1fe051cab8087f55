package org.orrery.apps.common;

import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Number options accept plain decimal numbers only. Java's own parsers also take {@code 1d}, {@code 2f} (type
 * suffixes), {@code 0x1p3} (hexadecimal floating point) and, through {@code Integer.decode}, {@code 010} as octal 8 and
 * {@code 0x10} as 16 &mdash; none of which a user means on a command line. Accepted: {@code [+-]digits}, and for reals
 * {@code [+-](digits[.digits]|.digits)[e[+-]digits]} plus {@code Infinity} and {@code NaN} (which the programs' range
 * checks then refuse with their own message).
 */
public final class StrictNumbers {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern REAL =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?Infinity|NaN");

    private StrictNumbers() {}

    /** Registers the strict converters for int, long and double (boxed and primitive) on {@code cl}. */
    public static void register(CommandLine cl) {
        ITypeConverter<Integer> ints = s -> {
            long v = Long.parseLong(integer(s));
            if (v != (int) v) {
                throw new TypeConversionException("'" + s + "' is out of range (at most " + Integer.MAX_VALUE + ")");
            }
            return (int) v;
        };
        ITypeConverter<Long> longs = s -> Long.valueOf(integer(s));
        ITypeConverter<Double> reals = StrictNumbers::real;
        cl.registerConverter(Integer.class, ints);
        cl.registerConverter(Integer.TYPE, ints);
        cl.registerConverter(Long.class, longs);
        cl.registerConverter(Long.TYPE, longs);
        cl.registerConverter(Double.class, reals);
        cl.registerConverter(Double.TYPE, reals);
    }

    private static String integer(String s) {
        String t = s.strip();
        if (!INTEGER.matcher(t).matches()) {
            throw new TypeConversionException("'" + s + "' is not an integer (plain decimal digits)");
        }
        try {
            Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is out of range (at most " + Long.MAX_VALUE + ")");
        }
        return t;
    }

    /** A plain decimal real, Infinity or NaN. */
    public static Double real(String s) {
        String t = s.strip();
        if (!REAL.matcher(t).matches()) {
            throw new TypeConversionException("'" + s + "' is not a decimal number");
        }
        return Double.valueOf(t);
    }
}
