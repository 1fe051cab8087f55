/** {@code mpirun -np 4 java -cp orrery-all.jar:mpi.jar GenImages}: see {@link org.orrery.apps.GenImagesApp}. */
public final class GenImages {
    private GenImages() {
    }

    public static void main(String[] args) {
        org.orrery.apps.GenImagesApp.main(args);
    }
}
