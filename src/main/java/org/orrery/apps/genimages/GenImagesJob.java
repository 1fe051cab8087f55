package org.orrery.apps.genimages;

import org.orrery.apps.common.TestImageFiles;
import org.orrery.parallel.Comm;

/** The gen-images job: every rank writes its block of the images ({@link TestImageFiles}). */
public final class GenImagesJob {
    private GenImagesJob() {
    }

    /**
     * What a run did: files written and kept over all ranks, its wall time, on how many ranks and
     * with which MPI library.
     */
    public record Result(long written, long kept, double seconds, int ranks, String mpiLibrary) { }

    /** collective: makes and writes the images of {@code c}. */
    public static Result run(Comm comm, GenImagesConfig c) {
        TestImageFiles.Outcome o = TestImageFiles.generate(comm, c.set(), c.dir(), c.force()); // collective
        return new Result(o.written(), o.kept(), o.seconds(), comm.size(), comm.libraryVersion());
    }
}
