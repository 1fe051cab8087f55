/** {@code java -cp orrery-all.jar Amdahl}: see {@link org.orrery.apps.amdahl.AmdahlCommand}. */
public final class Amdahl {
    private Amdahl() {}

    public static void main(String[] args) {
        org.orrery.apps.amdahl.AmdahlCommand.main(args);
    }
}
