/**
 * {@code launch/orrery mpibench -np 2}: the SPMD half of {@code bench mpi}; see
 * {@link org.orrery.apps.mpibench.MpiBenchCommand}.
 */
public final class MpiBench {
    private MpiBench() {}

    public static void main(String[] args) {
        org.orrery.apps.mpibench.MpiBenchCommand.main(args);
    }
}
