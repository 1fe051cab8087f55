package org.orrery.io.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import org.orrery.io.AtomicFile;

/** Writes XChart charts to PNG atomically, alone or as a grid of panels drawn by XChart itself. */
public final class Plots {
    private Plots() {}

    /** One chart to a PNG file. */
    public static void savePng(java.nio.file.Path file, Chart<?, ?> chart, int width, int height) {
        saveGrid(file, List.of(chart), 1, width, height);
    }

    /** Charts laid out in {@code columns} columns, each panel {@code w × h} pixels. */
    public static void saveGrid(
            java.nio.file.Path file, List<? extends Chart<?, ?>> charts, int columns, int w, int h) {
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage img = new BufferedImage(columns * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int k = 0; k < charts.size(); k++) {
            Graphics2D p = (Graphics2D) g.create((k % columns) * w, (k / columns) * h, w, h);
            charts.get(k).paint(p, w, h);
            p.dispose();
        }
        g.dispose();
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new java.io.IOException("no PNG writer");
            }
        });
    }
}
