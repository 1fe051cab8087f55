/** {@code mpirun -np 4 java -cp orrery-all.jar:mpi.jar Hello}: see {@link org.orrery.apps.hello.HelloCommand}. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        org.orrery.apps.hello.HelloCommand.main(args);
    }
}
