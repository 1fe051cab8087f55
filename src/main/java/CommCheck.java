/**
 * {@code mpirun -np 2 java -cp orrery-all.jar:mpi.jar CommCheck}: see
 * {@link org.orrery.apps.commcheck.CommCheckCommand}.
 */
public final class CommCheck {
    private CommCheck() {}

    public static void main(String[] args) {
        org.orrery.apps.commcheck.CommCheckCommand.main(args);
    }
}
