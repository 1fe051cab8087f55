/**
 * {@code mpirun -np 8 java -cp orrery-all.jar:mpi.jar PairCount}: see
 * {@link org.orrery.apps.paircount.PairCountCommand}.
 */
public final class PairCount {
    private PairCount() {}

    public static void main(String[] args) {
        org.orrery.apps.paircount.PairCountCommand.main(args);
    }
}
