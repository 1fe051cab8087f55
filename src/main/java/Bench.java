/** {@code launch/orrery bench nbody}: see {@link org.orrery.apps.bench.BenchCommand}. */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        org.orrery.apps.bench.BenchCommand.main(args);
    }
}
