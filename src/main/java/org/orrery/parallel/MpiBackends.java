package org.orrery.parallel;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses and starts the MPI backend behind {@link Comm}.
 *
 * <p>Backends: {@value #OMPI_JAVA} — Open MPI's Java bindings ({@code mpi.jar} plus Open MPI's {@code libmpi_java});
 * its classes are compiled only when Maven is given {@code -Dmpi.jar} (source folder {@code src/ompi/java}) and are
 * loaded here by name. {@value #SHIM} — Orrery's native shim {@code liborrery_mpi} ({@link NativeComm}), built by
 * {@code mpi/build-shim} with the MPI's own {@code mpicc}, for every MPI. {@value #SERIAL} — no MPI at all, one rank on
 * a {@link SerialComm} (launch/orrery's one-rank runs of the computing programs). The system property
 * {@value #PROPERTY} selects one (launch/orrery sets it); unset, {@value #OMPI_JAVA} is used when {@code mpi.MPI} and
 * the Open MPI backend are on the classpath, else {@value #SHIM}.
 *
 * <p>Before MPI starts, the launcher's environment is compared with the MPI the backend was built for
 * ({@code OMPI_COMM_WORLD_SIZE} is set by Open MPI's {@code mpirun}; {@code PMI_SIZE} by MPICH's Hydra
 * {@code mpiexec}): a library started by another MPI's launcher would come up as a set of unrelated singletons, so that
 * is refused in one line. After MPI starts, the world size is checked against the size the launcher announced.
 */
public final class MpiBackends {
    private MpiBackends() {}

    /** System property naming the backend. */
    public static final String PROPERTY = "orrery.mpi.backend";

    public static final String OMPI_JAVA = "ompi-java";
    public static final String SHIM = "shim";
    /**
     * No MPI: one rank on a {@link SerialComm}. launch/orrery uses it for a one-rank run of a computing program (the
     * same bits as under MPI, without MPI's start-up).
     */
    public static final String SERIAL = "serial";

    /** The Open MPI Java backend, in src/ompi/java (present only in builds made with -Dmpi.jar). */
    static final String OMPI_BACKEND_CLASS = "org.orrery.parallel.OmpiBackend";

    /**
     * Starts MPI (THREAD_FUNNELED, ERRORS_RETURN) with the selected backend; one-line {@link MpiFailure} if it cannot.
     */
    public static MpiBackend start() {
        String name = select(System.getProperty(PROPERTY), loadable("mpi.MPI") && loadable(OMPI_BACKEND_CLASS));
        Map<String, String> env = System.getenv();
        MpiBackend backend;
        if (name.equals(SERIAL)) {
            String error = serialMismatch(env);
            if (error != null) {
                throw new MpiFailure(error);
            }
            return serial();
        }
        if (name.equals(SHIM)) {
            NativeMpi.load();
            failIfMismatched(NativeMpi.implementation(), env);
            int provided = NativeMpi.init(NativeMpi.THREAD_FUNNELED);
            if (provided < NativeMpi.THREAD_FUNNELED) {
                throw new MpiFailure(
                        "the MPI library provides no MPI_THREAD_FUNNELED support (level " + provided + ")");
            }
            NativeComm comm = new NativeComm();
            backend = new MpiBackend() {
                @Override
                public Comm comm() {
                    return comm;
                }

                @Override
                public void finish() {
                    NativeMpi.finalizeMpi();
                }
            };
        } else {
            if (!loadable(OMPI_BACKEND_CLASS)) {
                throw new MpiFailure("this build of Orrery has no Open MPI Java backend (built without -Dmpi.jar):"
                        + " rebuild with launch/orrery build on a machine with mpi.jar, or use -D" + PROPERTY + "="
                        + SHIM);
            }
            if (!loadable("mpi.MPI")) {
                throw new MpiFailure(
                        "mpi.jar (class mpi.MPI) is not on the classpath: run mpi/setup and start programs with"
                                + " launch/orrery, or use -D" + PROPERTY + "=" + SHIM);
            }
            failIfMismatched("Open MPI", env);
            backend = startOmpi();
        }
        String sizeError = sizeMismatch(backend.comm().size(), env);
        if (sizeError != null) {
            throw new MpiFailure(sizeError);
        }
        return backend;
    }

    private static MpiBackend serial() {
        SerialComm comm = new SerialComm();
        return new MpiBackend() {
            @Override
            public Comm comm() {
                return comm;
            }

            @Override
            public void finish() {}
        };
    }

    private static MpiBackend startOmpi() {
        try {
            return Class.forName(OMPI_BACKEND_CLASS)
                    .asSubclass(MpiBackend.class)
                    .getConstructor()
                    .newInstance();
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof MpiFailure f) {
                throw f;
            }
            throw new MpiFailure(
                    "cannot start Open MPI through mpi.jar: " + t
                            + " (is Open MPI's libmpi_java on java.library.path? run mpi/setup, or use -D" + PROPERTY
                            + "=" + SHIM + ")",
                    t);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MpiFailure(
                    "cannot start Open MPI through mpi.jar: " + e
                            + " (is Open MPI's libmpi_java on java.library.path? run mpi/setup, or use -D" + PROPERTY
                            + "=" + SHIM + ")",
                    e);
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, MpiBackends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The backend to use: the property's value if given (checked), else by availability. */
    static String select(String property, boolean ompiJavaAvailable) {
        if (property == null || property.isBlank()) {
            return ompiJavaAvailable ? OMPI_JAVA : SHIM;
        }
        String p = property.strip().toLowerCase(Locale.ROOT);
        if (p.equals(OMPI_JAVA) || p.equals(SHIM) || p.equals(SERIAL)) {
            return p;
        }
        throw new MpiFailure("unknown MPI backend -D" + PROPERTY + "=" + property + " (use " + OMPI_JAVA + ", " + SHIM
                + " or " + SERIAL + ")");
    }

    private static void failIfMismatched(String implementation, Map<String, String> env) {
        String error = launcherMismatch(implementation, env);
        if (error != null) {
            throw new MpiFailure(error);
        }
    }

    /**
     * Null when the launcher that started this process can start the MPI named by {@code implementation} ({@code Open
     * MPI ...}, {@code MPICH ...}, {@code Intel MPI ...}); else the one-line reason. Unknown implementations and
     * launchers (Slurm's srun, singletons) pass.
     */
    static String launcherMismatch(String implementation, Map<String, String> env) {
        boolean openMpiLauncher = env.containsKey("OMPI_COMM_WORLD_SIZE");
        boolean hydraLauncher = env.containsKey("PMI_SIZE")
                && !openMpiLauncher
                && !env.containsKey("PMIX_RANK")
                && !env.containsKey("SLURM_STEP_ID");
        boolean openMpiLibrary = implementation.startsWith("Open MPI");
        boolean mpichLibrary = implementation.startsWith("MPICH") || implementation.contains("MPICH family");
        String launcher = null;
        if (openMpiLibrary && hydraLauncher) {
            launcher = "an MPICH-family mpiexec (Hydra: PMI_SIZE is set)";
        } else if (mpichLibrary && openMpiLauncher) {
            launcher = "Open MPI's mpirun (OMPI_COMM_WORLD_SIZE is set)";
        }
        if (launcher == null) {
            return null;
        }
        return "this job was started by " + launcher + " but the MPI library is " + implementation
                + ": start it with the mpirun of the same MPI (launch/orrery with ORRERY_MPI=openmpi|mpich|PREFIX "
                + "does)";
    }

    /**
     * Null when {@code size} equals the rank count the launcher announced (or none was announced); else the one-line
     * reason (typically every rank came up as its own singleton).
     */
    static String sizeMismatch(int size, Map<String, String> env) {
        String announced = announcedSize(env);
        if (announced == null || Integer.parseInt(announced.substring(announced.indexOf('=') + 1)) == size) {
            return null;
        }
        return "MPI started a job of " + size + " rank" + (size == 1 ? "" : "s") + " but the launcher set " + announced
                + ": the mpirun/srun and the MPI library do not belong together (for srun, check --mpi=pmix"
                + " or pmi2; otherwise use the mpirun of the same MPI)";
    }

    /**
     * Null when no launcher started this process as one of several ranks; else the one-line reason why it cannot run
     * without MPI.
     */
    static String serialMismatch(Map<String, String> env) {
        String announced = announcedSize(env);
        if (announced == null || announced.endsWith("=1")) {
            return null;
        }
        return "-D" + PROPERTY + "=" + SERIAL + " runs one rank without MPI, but the launcher set " + announced
                + ": leave the backend to launch/orrery, or give " + SHIM + " or " + OMPI_JAVA;
    }

    /**
     * Null when no launcher started this process as one of several ranks; else the one-line reason why it cannot run
     * its ranks as threads ({@link Spmd#mainThreads}: every process would run the whole job).
     */
    public static String threadRanksMismatch(Map<String, String> env) {
        String announced = announcedSize(env);
        if (announced == null || announced.endsWith("=1")) {
            return null;
        }
        return "-Dorrery.threadRanks runs all ranks as threads of one JVM, but the launcher set " + announced
                + ": start one java (launch/orrery does), or leave the option out under mpirun";
    }

    /** {@code NAME=SIZE} of the first rank-count variable a launcher set (as a whole number), or null. */
    private static String announcedSize(Map<String, String> env) {
        for (String v : new String[] {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
            String s = env.get(v);
            if (s == null) {
                continue;
            }
            try {
                return v + "=" + Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                // not a count: look at the next variable
            }
        }
        return null;
    }

    /** An MPI library version string on one line: MPICH's configure options and blank lines dropped. */
    static String oneLine(String version) {
        StringBuilder b = new StringBuilder();
        for (String line : version.strip().split("\\R", -1)) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (l.isEmpty()
                    || l.startsWith("MPICH configure")
                    || l.startsWith("MPICH CC")
                    || l.startsWith("MPICH CXX")
                    || l.startsWith("MPICH F77")
                    || l.startsWith("MPICH FC")
                    || l.startsWith("MPICH Custom")) {
                continue;
            }
            b.append(b.length() == 0 ? "" : ", ").append(l);
        }
        return b.toString();
    }
}
