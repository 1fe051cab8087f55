package org.orrery.io.plot;

import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.orrery.io.AtomicFile;

/** Writes XChart charts as PNG files atomically (temporary file, then rename). */
public final class Charts {
    private Charts() {}

    /** Renders {@code chart} to {@code target} as PNG; readers see the old file or the whole new one. */
    public static void savePng(Chart<?, ?> chart, Path target) {
        AtomicFile.write(target, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Renders several charts of equal size on a {@code rows} &times; {@code cols} grid into one PNG. */
    public static <T extends Chart<?, ?>> void savePng(List<T> charts, int rows, int cols, Path target) {
        AtomicFile.write(
                target, out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
