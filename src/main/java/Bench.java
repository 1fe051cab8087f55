/** {@code launch/orrery bench nbody}: see {@link org.orrery.apps.BenchApp}. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        org.orrery.apps.BenchApp.main(args);
    }
}
