/** {@code java -cp orrery-all.jar:mpi.jar Sweep}: see {@link org.orrery.apps.sweep.SweepCommand}. */
public final class Sweep {
    private Sweep() {}

    public static void main(String[] args) {
        org.orrery.apps.sweep.SweepCommand.main(args);
    }
}
