package org.orrery.apps.paircount;

import org.orrery.apps.common.Agreement;
import org.orrery.io.OutputSet;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;

/**
 * One paircount run on every rank: rank 0 claims the output directory ({@link OutputSet}: a lock, and every file staged
 * until the end), the job counts, rank 0 writes the tables, plot and summary and publishes them together. Any failure
 * (bad input found while reading, a full disk) leaves the previous run's files untouched, no partial new ones, and no
 * empty directory this run created.
 */
final class PairCountRun {
    private PairCountRun() {}

    /** collective: runs {@code c} (the survey path when {@code s} asks for it); exit status 0. */
    static int run(Comm comm, PairCountConfig c, SurveyConfig s) {
        boolean root = comm.rank() == 0;
        OutputSet files = null;
        UserError error = null;
        if (root) {
            try {
                files = OutputSet.open(c.out(), "paircount", n -> System.err.println("paircount: " + n));
            } catch (UserError e) {
                error = e;
            }
        }
        Agreement.agree(comm, error); // collective
        try {
            if (s.survey()) {
                SurveyResult r = SurveyJob.run(comm, c, s); // collective
                if (root) {
                    long t0 = RankTimes.now();
                    SurveyReport.write(c, s, r, System.out, files);
                    RankTimes.addSerialSince("report", t0);
                }
            } else {
                PairCountResult r = PairCountJob.run(comm, c); // collective
                if (root) {
                    long t0 = RankTimes.now();
                    PairCountReport.write(c, r, System.out, files);
                    RankTimes.addSerialSince("report", t0);
                }
            }
            if (root) {
                files.retireOthers("paircount*.{csv,fits,png}");
                files.commit();
            }
        } finally {
            if (files != null) {
                files.close();
            }
        }
        return 0;
    }
}
