/**
 * {@code mpirun -np 4 java -cp orrery-all.jar:mpi.jar ImageFarm [INPUT...]}: see
 * {@link org.orrery.apps.farm.ImageFarmCommand}.
 */
public final class ImageFarm {
    private ImageFarm() {}

    public static void main(String[] args) {
        org.orrery.apps.farm.ImageFarmCommand.main(args);
    }
}
