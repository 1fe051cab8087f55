/** {@code mpirun -np 4 java -cp orrery-all.jar:mpi.jar Decay}: see {@link org.orrery.apps.decay.DecayCommand}. */
public final class Decay {
    private Decay() {}

    public static void main(String[] args) {
        org.orrery.apps.decay.DecayCommand.main(args);
    }
}
