/**
 * {@code mpirun -np 8 java -cp orrery-all.jar:mpi.jar NBody [options]}: see {@link org.orrery.apps.nbody.NBodyCommand}.
 */
public final class NBody {
    private NBody() {}

    public static void main(String[] args) {
        org.orrery.apps.nbody.NBodyCommand.main(args);
    }
}
