package org.orrery.apps.commcheck;

import org.orrery.io.Summary;

/** The {@code commcheck} output: one human line and the JSON summary of a {@link CommCheckJob.Result}. */
public final class CommCheckReport {
    private CommCheckReport() {}

    /** The human line: what was checked and "ok" or the number of mismatches. */
    public static String line(CommCheckJob.Result r) {
        return String.format(
                "commcheck: %d ranks, allGatherv/gatherv of %d x 3 values x %d repetitions, reductions, "
                        + "bcast, sendRecv ring: %s",
                r.ranks(),
                r.config().items(),
                r.config().repeat(),
                r.mismatches() == 0 ? "ok" : r.mismatches() + " mismatches");
    }

    /** The second human line: the backend and the digest of every bit received. */
    public static String digestLine(CommCheckJob.Result r) {
        return String.format("commcheck: every Comm operation (%s): digest %s", r.backend(), r.digest());
    }

    /**
     * The JSON summary: parameters {@code items}, {@code repeat}; results {@code mismatches}, {@code ok},
     * {@code backend} (its short name: ompi-java or shim), {@code digest}.
     */
    public static Summary summary(CommCheckJob.Result r) {
        return new Summary("commcheck", r.ranks(), 1, r.library())
                .timing(r.wallSeconds(), r.config().repeat() / r.wallSeconds(), "repetitions/s")
                .param("items", r.config().items())
                .param("repeat", r.config().repeat())
                .result("mismatches", r.mismatches())
                .result("ok", r.mismatches() == 0)
                .result("backend", r.backend().split(" ", 2)[0])
                .result("digest", r.digest());
    }
}
