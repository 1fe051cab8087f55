/**
 * {@code mpirun -np 4 java -cp orrery-all.jar:mpi.jar GenImages}: see
 * {@link org.orrery.apps.genimages.GenImagesCommand}.
 */
public final class GenImages {
    private GenImages() {}

    public static void main(String[] args) {
        org.orrery.apps.genimages.GenImagesCommand.main(args);
    }
}
