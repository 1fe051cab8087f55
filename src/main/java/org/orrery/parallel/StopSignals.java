package org.orrery.parallel;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Preemption: a stop request that arrives as a signal ({@code SIGUSR1}, as Slurm's {@code --signal=B:USR1@120} makes
 * the batch script forward it, or {@code SIGTERM}) and that every rank acts on at the same point of the work.
 *
 * <p>The handlers only set a flag ({@link #requested()}); nothing stops by itself. A program polls
 * {@link #agreed(Comm)} at its natural boundaries (nbody: after every step), a collective reduction (max) of the flag
 * over all ranks, so every rank gets the same answer at the same step even when the signal reached only some of them,
 * or reached them at different steps; there it saves what it needs to continue and exits with {@link #EXIT_PREEMPTED}.
 * A second {@code SIGTERM} or {@code SIGINT}-like request (the user insists) exits at once with status 128 + 15,
 * running the shutdown hooks.
 *
 * <p>Java has no public signal API: the handlers are installed through {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, exported to every class path program), reached by reflection because javac warns about every
 * direct use and the build treats warnings as errors. HotSpot itself uses {@code SIGUSR2} on Linux (thread
 * suspend/resume) and {@code SIGQUIT} (thread dump); {@code SIGUSR1} and {@code SIGTERM} are free to handle. With
 * {@code -Xrs} or on a JVM without {@code sun.misc.Signal}, {@link #install()} returns false and the signals keep their
 * default meaning (the process ends). Open MPI's mpirun (4.1) forwards {@code SIGUSR1} and {@code SIGUSR2} to every
 * rank but answers {@code SIGTERM} by killing the ranks ({@code SIGTERM}, then {@code SIGKILL} about a second later),
 * so launchers turn a {@code SIGTERM} meant for the job into a {@code SIGUSR1} for mpirun ({@code launch/orrery},
 * {@code launch/slurm/common.sh}).
 */
public final class StopSignals {
    /**
     * Exit status of a run stopped by a preemption request with its work saved: 75 ({@code EX_TEMPFAIL}, "try again").
     */
    public static final int EXIT_PREEMPTED = 75;

    /** The signals handled by {@link #install()}. */
    public static final List<String> SIGNALS = List.of("USR1", "TERM");

    private static final AtomicReference<String> RECEIVED = new AtomicReference<>();
    private static final AtomicInteger TERMS = new AtomicInteger();
    private static volatile boolean installed;

    private StopSignals() {}

    /**
     * Installs the handlers for {@code SIGUSR1} and {@code SIGTERM} in this JVM (idempotent). Call it on every rank,
     * early (before the first polling point): a signal that arrives before has its default effect.
     *
     * @return true when the handlers are in place
     */
    public static synchronized boolean install() {
        if (installed) {
            return true;
        }
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handlerType);
            Method getName = signal.getMethod("getName");
            InvocationHandler ih = (proxy, method, args) -> {
                if ("handle".equals(method.getName())) {
                    received("SIG" + getName.invoke(args[0]));
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "StopSignals handler";
                };
            };
            Object handler =
                    Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType}, ih);
            for (String name : SIGNALS) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
            installed = true;
            return true;
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
            return false;
        }
    }

    /** Records a stop request as if signal {@code name} (e.g. {@code "SIGUSR1"}) had arrived. */
    public static void received(String name) {
        RECEIVED.compareAndSet(null, name);
        if ("SIGTERM".equals(name) && TERMS.incrementAndGet() > 1) {
            // Asked twice: the user means it now (the shutdown hooks still run).
            new Thread(() -> System.exit(128 + 15), "stop-now").start();
        }
    }

    /** Whether a stop was requested in this process (cheap; local: other ranks may not know yet). */
    public static boolean requested() {
        return RECEIVED.get() != null;
    }

    /**
     * The first signal received here, or after {@link #agreed} on another rank ({@code "SIGUSR1"}, {@code "SIGTERM"}),
     * or null.
     */
    public static String signal() {
        return RECEIVED.get();
    }

    /**
     * collective: whether a stop was requested on any rank; the same answer on every rank. One 1-element reduction:
     * call it at the points where the program can stop (it costs a latency, about what a barrier costs).
     */
    public static boolean agreed(Comm comm) {
        long[] flag = {localCode()};
        comm.allReduce(flag, 1, Comm.Op.MAX); // collective
        return adopt(flag[0]);
    }

    /**
     * This rank's stop request as a number for a max-reduction a program already does (0: none), so that it can agree
     * without the extra collective of {@link #agreed}: reduce it with MAX over all ranks, then call {@link #adopt} with
     * the result on every rank. Exact as a double (at most {@code SIGNALS.size() + 1}).
     */
    public static long localCode() {
        String mine = RECEIVED.get();
        String bare = mine == null ? "" : mine.replaceFirst("^SIG", "");
        return mine == null ? 0 : SIGNALS.contains(bare) ? 1 + SIGNALS.indexOf(bare) : SIGNALS.size() + 1;
    }

    /**
     * Whether to stop, given the maximum of every rank's {@link #localCode()}: the same answer on every rank. A rank
     * that had no request of its own takes the signal the code names.
     */
    public static boolean adopt(long maxCode) {
        if (maxCode != 0 && RECEIVED.get() == null) {
            // Another rank got it first: every rank then names the same signal (the largest code of SIGNALS' order).
            RECEIVED.compareAndSet(
                    null, maxCode <= SIGNALS.size() ? "SIG" + SIGNALS.get((int) maxCode - 1) : "a stop request");
        }
        return maxCode != 0;
    }

    /** Forgets a received request (unit tests that run several programs in one JVM). */
    public static void reset() {
        RECEIVED.set(null);
        TERMS.set(0);
    }
}
