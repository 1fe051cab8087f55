package org.orrery.apps.farm;

import java.util.List;

/**
 * The FITS table's optional column groups (the same as the CSV's: extension identity, sigma-clipped statistics, mesh
 * background); NaN / −1 / a blank for values not computed.
 */
final class FarmTableExtras {
    private FarmTableExtras() {}

    static void add(List<FarmRecord> rows, FarmOptions o, boolean extensions, List<Object> cols, List<String> names) {
        int n = rows.size();
        if (extensions) {
            String[] extname = new String[n];
            int[] extver = new int[n];
            for (int i = 0; i < n; i++) {
                SurveyRow v = rows.get(i).survey();
                extname[i] = v.hduRow() && !v.extname().isEmpty() ? v.extname() : " ";
                extver[i] = v.hduRow() ? v.extver() : -1;
            }
            cols.add(extname);
            cols.add(extver);
            names.addAll(List.of("EXT_NAME", "EXT_VER"));
        }
        if (o.has(FarmOptions.Op.clipstats)) {
            double[] mean = new double[n];
            double[] median = new double[n];
            double[] std = new double[n];
            long[] kept = new long[n];
            for (int i = 0; i < n; i++) {
                SurveyRow v = rows.get(i).survey();
                mean[i] = v.clipMean();
                median[i] = v.clipMedian();
                std[i] = v.clipStd();
                kept[i] = v.clipKept();
            }
            cols.addAll(List.of(mean, median, std, kept));
            names.addAll(List.of("CLIP_MEAN", "CLIP_MED", "CLIP_STD", "CLIP_KEPT"));
        }
        if (o.has(FarmOptions.Op.background)) {
            double[] bkg = new double[n];
            double[] rms = new double[n];
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                SurveyRow v = rows.get(i).survey();
                bkg[i] = v.bkgMedian();
                rms[i] = v.bkgRms();
                out[i] = v.bkgOutput().isEmpty() ? " " : v.bkgOutput();
            }
            cols.addAll(List.of(bkg, rms, out));
            names.addAll(List.of("BKG_MED", "BKG_RMS", "BKG_OUT"));
        }
    }
}
