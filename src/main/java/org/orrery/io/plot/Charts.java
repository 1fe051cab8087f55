package org.orrery.io.plot;

import java.awt.Graphics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.orrery.io.AtomicFile;

/**
 * Writes XChart charts as PNG files atomically (temporary file, then rename).
 *
 * <p>A grid of charts is drawn as XChart's {@code BitmapEncoder.saveBitmap(charts, rows, cols, ...)} draws it (each
 * chart into its own image, pasted on an ARGB grid, written by {@code ImageIO} as PNG), so the file has the same bytes,
 * but the panels are rendered concurrently, one thread per panel: a report drawn on rank 0 while the other ranks wait
 * (the decay plot, two panels of a few hundred curves) takes the core they leave idle. {@link #start} lets the caller
 * write its other files while the panels render.
 */
public final class Charts {
    private Charts() {}

    /** Renders {@code chart} to {@code target} as PNG; readers see the old file or the whole new one. */
    public static void savePng(Chart<?, ?> chart, Path target) {
        AtomicFile.write(target, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Renders several charts of equal size on a {@code rows} &times; {@code cols} grid into one PNG. */
    public static <T extends Chart<?, ?>> void savePng(List<T> charts, int rows, int cols, Path target) {
        try (Pending p = start(charts, rows, cols)) {
            p.save(target);
        }
    }

    /**
     * Starts rendering {@code charts} (each on its own thread) for a {@code rows} &times; {@code cols} grid, so the
     * caller can do other work meanwhile; {@link Pending#save} waits for the panels and writes the PNG (the bytes of
     * {@link #savePng(List, int, int, Path)}). Close it to wait for the threads when it is not saved.
     */
    public static <T extends Chart<?, ?>> Pending start(List<T> charts, int rows, int cols) {
        return new Pending(new ArrayList<>(charts), rows, cols);
    }

    /** Panels being rendered on their threads. */
    public static final class Pending implements AutoCloseable {
        private final int rows;
        private final int cols;
        private final List<AtomicReference<BufferedImage>> slots = new ArrayList<>();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();

        private Pending(List<? extends Chart<?, ?>> charts, int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            for (int i = 0; i < charts.size(); i++) {
                AtomicReference<BufferedImage> slot = new AtomicReference<>();
                slots.add(slot);
                Chart<?, ?> chart = charts.get(i);
                Thread t = new Thread(
                        () -> {
                            try {
                                slot.set(BitmapEncoder.getBufferedImage(chart));
                            } catch (RuntimeException e) {
                                failure.compareAndSet(null, e);
                            }
                        },
                        "chart-panel-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        /** Each panel's image, in the order of the charts, once every thread is done. */
        List<BufferedImage> images() {
            close();
            if (failure.get() != null) {
                throw failure.get();
            }
            List<BufferedImage> images = new ArrayList<>();
            for (AtomicReference<BufferedImage> slot : slots) {
                images.add(slot.get());
            }
            return images;
        }

        /** Waits for the panels and writes the grid to {@code target} as PNG, atomically. */
        public void save(Path target) {
            List<BufferedImage> images = images();
            AtomicFile.write(target, out -> ImageIO.write(merge(images, rows, cols), "png", out));
        }

        /** Waits for every panel thread (keeps an interrupt for the caller). */
        @Override
        public void close() {
            boolean interrupted = false;
            for (Thread t : threads) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The panels on a grid, row by row, as XChart's {@code BitmapEncoder} merges them (ARGB, no scaling). */
    static BufferedImage merge(List<BufferedImage> images, int rows, int cols) {
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        BufferedImage grid = new BufferedImage(w * cols, h * rows, BufferedImage.TYPE_INT_ARGB);
        Graphics g = grid.getGraphics();
        try {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    g.drawImage(images.get(r * cols + c), c * w, r * h, null);
                }
            }
        } finally {
            g.dispose();
        }
        return grid;
    }
}
