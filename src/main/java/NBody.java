/** {@code mpirun -np 8 java -cp orrery-all.jar:mpi.jar NBody [options]}: see {@link org.orrery.apps.NBodyApp}. */
public final class NBody {
    private NBody() {
    }

    public static void main(String[] args) {
        org.orrery.apps.NBodyApp.main(args);
    }
}
