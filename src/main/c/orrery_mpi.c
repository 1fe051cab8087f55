/*
 * orrery_mpi.c — the native MPI shim behind org.orrery.parallel.NativeMpi (JNI).
 *
 * Exposes exactly what org.orrery.parallel.Comm needs, on MPI_COMM_WORLD, for any MPI with a C
 * compiler wrapper (MPICH, Intel MPI, Cray MPICH, Open MPI with or without Java bindings). Compiled
 * by mpi/build-shim with that MPI's own mpicc, so MPI handle types (pointers in Open MPI, ints in
 * MPICH) and constants (MPI_ANY_SOURCE is -1 in Open MPI, -2 in MPICH) never reach Java: Java passes
 * small integer codes (element type, reduction operator, Comm.ANY_SOURCE/ANY_TAG = -1).
 *
 * Buffers are direct java.nio buffers; the MPI call works on the buffer's memory in place (from
 * index 0, whatever its position), so nothing is copied here. Java passes each buffer as its address
 * (NativeMpi.address, looked up once per buffer) and its capacity in bytes, so a call never goes back
 * into the JVM (GetDirectBufferAddress and GetDirectBufferCapacity are four VM transitions per
 * buffer and call). Every call checks the capacity against the bytes it will read or write, and
 * every MPI return code (MPI_ERRORS_RETURN is set on MPI_COMM_WORLD at init): a failure throws
 * org.orrery.parallel.MpiFailure carrying the MPI error string. JNI critical sections are never
 * held across an MPI call. Threading: MPI is initialised with a requested thread level (Orrery asks
 * for MPI_THREAD_FUNNELED), so every call comes from the thread that initialised MPI.
 *
 * Wait clock: when switched on (NativeMpi.timeWait, by TimedComm when a program is given --summary;
 * off by default, then no clock is read), every wrapper that calls MPI to communicate (barrier,
 * collectives, messages, probes) reads a tick counter before and after the MPI call and adds the difference and one call to two C
 * statics, so Java (TimedComm, the per-rank "wait" of every program's summary) reads totals instead
 * of the clock per call. Plain (non-atomic) statics: only the thread that initialised MPI calls MPI
 * (MPI_THREAD_FUNNELED), so there is one writer; a reader on another thread sees 64-bit values at
 * most one call old on the 64-bit targets Orrery runs on. See "wait clock" below for the tick source.
 */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <jni.h>
#include <mpi.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <x86intrin.h>
#endif

/* Element type codes (NativeMpi.BYTE ... NativeMpi.DOUBLE). */
enum { T_BYTE = 0, T_INT = 1, T_LONG = 2, T_DOUBLE = 3 };
/* Reduction codes: Comm.Op ordinals. */
enum { OP_SUM = 0, OP_MAX = 1, OP_MIN = 2 };

static jclass failure_class;   /* org.orrery.parallel.MpiFailure */
static jclass illegal_class;   /* java.lang.IllegalArgumentException */
static int world_rank = -1;    /* MPI_COMM_WORLD's rank and size, cached at init */
static int world_nprocs = -1;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass c = (*env)->FindClass(env, "org/orrery/parallel/MpiFailure");
    if (c == NULL) {
        return JNI_ERR;
    }
    failure_class = (*env)->NewGlobalRef(env, c);
    c = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
    if (c == NULL) {
        return JNI_ERR;
    }
    illegal_class = (*env)->NewGlobalRef(env, c);
    return JNI_VERSION_1_8;
}

__attribute__((format(printf, 2, 3)))
static void throw_illegal(JNIEnv *env, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    (*env)->ThrowNew(env, illegal_class, msg);
}

/* Returns 0 when rc is MPI_SUCCESS; otherwise throws MpiFailure("MPI_<what> failed: <string>"). */
static int failed(JNIEnv *env, int rc, const char *what) {
    if (rc == MPI_SUCCESS) {
        return 0;
    }
    char err[MPI_MAX_ERROR_STRING + 1];
    int len = 0;
    if (MPI_Error_string(rc, err, &len) != MPI_SUCCESS) {
        len = snprintf(err, sizeof err, "unknown MPI error");
    }
    err[len < 0 ? 0 : (len > MPI_MAX_ERROR_STRING ? MPI_MAX_ERROR_STRING : len)] = '\0';
    char msg[MPI_MAX_ERROR_STRING + 96];
    snprintf(msg, sizeof msg, "MPI_%s failed: %s (error code %d)", what, err, rc);
    (*env)->ThrowNew(env, failure_class, msg);
    return 1;
}

static MPI_Datatype datatype(int type) {
    switch (type) {
    case T_BYTE: return MPI_BYTE;
    case T_INT: return MPI_INT32_T;
    case T_LONG: return MPI_INT64_T;
    default: return MPI_DOUBLE;
    }
}

static long long type_size(int type) {
    switch (type) {
    case T_BYTE: return 1;
    case T_INT: return 4;
    default: return 8;
    }
}

static MPI_Op reduction(int op) {
    switch (op) {
    case OP_MAX: return MPI_MAX;
    case OP_MIN: return MPI_MIN;
    default: return MPI_SUM;
    }
}

static int source(jint s) {
    return s == -1 ? MPI_ANY_SOURCE : (int) s;
}

static int tag(jint t) {
    return t == -1 ? MPI_ANY_TAG : (int) t;
}

/*
 * The memory at addr: a direct buffer's address (NativeMpi.address, taken once per buffer on the Java
 * side, so no call here goes back into the JVM), of which the buffer holds `bytes` (its capacity, from
 * Java). Checks that the need_bytes this call reads or writes fit; returns 0, or 1 with an
 * IllegalArgumentException pending. addr is 0 (no buffer) only where nothing is needed.
 */
static int region(JNIEnv *env, jlong addr, jlong bytes, long long need, const char *what, void **p) {
    if (addr == 0 && need != 0) {
        throw_illegal(env, "%s: null buffer", what);
        return 1;
    }
    if (need < 0 || need > bytes) {
        throw_illegal(env, "%s: needs %lld bytes but the buffer holds %lld", what, need, (long long) bytes);
        return 1;
    }
    *p = (void *) (intptr_t) addr;
    return 0;
}

/* counts/displs of a v-collective: 2p ints at addr ([0, p) counts, [p, 2p) displs). */
static const int *counts_at(JNIEnv *env, jlong addr, jlong bytes, int p) {
    void *cd = NULL;
    if (region(env, addr, bytes, 2LL * p * (long long) sizeof(int), "counts/displs", &cd)) {
        return NULL;
    }
    return (const int *) cd;
}

/* Elements a v-collective writes: max over ranks of displs + counts. */
static long long extent(const int *counts, const int *displs, int p) {
    long long n = 0;
    for (int r = 0; r < p; r++) {
        if (counts[r] < 0 || displs[r] < 0) {
            return -1;
        }
        long long e = (long long) displs[r] + counts[r];
        n = e > n ? e : n;
    }
    return n;
}

/* ---- wait clock ---------------------------------------------------------------------------
 *
 * Ticks: x86-64 the time-stamp counter (rdtsc, ~10 ns; not serialising, which is fine for calls that
 * take hundreds of ns); aarch64 the virtual counter cntvct_el0 (readable from user space on Linux
 * and macOS); elsewhere, or when the TSC is not trustworthy, clock_gettime(CLOCK_MONOTONIC) in ns.
 * Seconds = ticks x (ns elapsed since init, by clock_gettime) / (ticks elapsed since init), computed
 * at each read: the tick rate is calibrated over the whole run, so it needs no table of CPU
 * frequencies. This assumes an invariant counter: one that ticks at a constant rate whatever the
 * core's frequency and in every sleep state, and is synchronised across the cores the rank's thread
 * may migrate between. cntvct_el0 is by the architecture. The TSC is on every x86-64 CPU of the last
 * fifteen years, which says so in CPUID leaf 0x80000007 EDX bit 8 ("invariant TSC"; Linux shows it as
 * the flags constant_tsc + nonstop_tsc); old CPUs without it scale the TSC with the clock or stop it
 * in deep C-states, and some hypervisors hide the bit. It can still fail across sockets whose TSCs
 * were never synchronised by the firmware: Linux then marks the TSC unstable and switches its
 * clocksource away from "tsc". So at init the TSC is used only when the invariant bit is set and (on
 * Linux, where the file is readable) the kernel's current clocksource is "tsc"; otherwise ticks are
 * clock_gettime nanoseconds (as exact, about twice the cost). ORRERY_WAIT_CLOCK=monotonic forces
 * clock_gettime (tests use it to exercise that path).
 */
static uint64_t wait_ticks;    /* ticks spent inside MPI calls since init */
static uint64_t wait_calls;    /* MPI calls timed since init */
static uint64_t tick0, ns0;    /* calibration origin, taken at the end of init */
static int use_counter;        /* 1: the hardware counter; 0: clock_gettime nanoseconds */
static int wait_on;            /* 1: TIMED reads the clock (NativeMpi.timeWait; off until asked: no clock reads) */

static uint64_t mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static inline uint64_t ticks(void) {
#if defined(__x86_64__) || defined(__i386__)
    if (use_counter) {
        return __rdtsc();
    }
#elif defined(__aarch64__)
    if (use_counter) {
        uint64_t v;
        __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
        return v;
    }
#endif
    return mono_ns();
}

/* Whether the hardware counter may be used (see above); also 0 where there is none. */
static int counter_is_invariant(void) {
    const char *force = getenv("ORRERY_WAIT_CLOCK");
    if (force != NULL && strcmp(force, "monotonic") == 0) {
        return 0;
    }
#if defined(__x86_64__) || defined(__i386__)
    unsigned a, b, c, d;
    if (!__get_cpuid(0x80000000u, &a, &b, &c, &d) || a < 0x80000007u) {
        return 0;
    }
    __get_cpuid(0x80000007u, &a, &b, &c, &d);
    if (!(d & (1u << 8))) {
        return 0;
    }
    FILE *f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
    if (f != NULL) {
        char cs[64] = {0};
        int tsc = fgets(cs, sizeof cs, f) != NULL && strncmp(cs, "tsc", 3) == 0 && (cs[3] == '\n' || cs[3] == '\0');
        fclose(f);
        return tsc;
    }
    return 1;
#elif defined(__aarch64__)
    return 1;
#else
    return 0;
#endif
}

static void clock_init(void) {
    use_counter = counter_is_invariant();
    wait_ticks = 0;
    wait_calls = 0;
    ns0 = mono_ns();
    tick0 = ticks();
}

/* Ends a timed MPI call begun at tick t0; returns its return code. */
static inline int timed(uint64_t t0, int rc) {
    wait_ticks += ticks() - t0;
    wait_calls++;
    return rc;
}

/* The tick at which the current MPI call began (one communicating thread, see the top of the file). */
static uint64_t call_t0;

/* TIMED(MPI_Xxx(...)): the MPI call's return code, its ticks and one call added to the totals. The comma
 * operator orders the first tick before the call (function arguments alone would not be ordered). With the
 * accounting off (wait_on == 0, the default: programs run without --summary) it is the bare call: no clock
 * read, no count; one predictable branch. */
#define TIMED(call) (wait_on ? (call_t0 = ticks(), timed(call_t0, (call))) : (call))

static int world_size(void) {
    return world_nprocs;
}

/* ---- environment ------------------------------------------------------------------------- */

JNIEXPORT jstring JNICALL Java_org_orrery_parallel_NativeMpi_implementation(JNIEnv *env, jclass c) {
    (void) c;
    char v[128];
#if defined(OPEN_MPI)
    snprintf(v, sizeof v, "Open MPI %d.%d.%d", OMPI_MAJOR_VERSION, OMPI_MINOR_VERSION, OMPI_RELEASE_VERSION);
#elif defined(I_MPI_VERSION)
    snprintf(v, sizeof v, "Intel MPI %s (MPICH family)", I_MPI_VERSION);
#elif defined(MPICH_VERSION)
    snprintf(v, sizeof v, "MPICH %s", MPICH_VERSION);
#else
    snprintf(v, sizeof v, "MPI %d.%d", MPI_VERSION, MPI_SUBVERSION);
#endif
    return (*env)->NewStringUTF(env, v);
}

JNIEXPORT jstring JNICALL Java_org_orrery_parallel_NativeMpi_libraryVersion(JNIEnv *env, jclass c) {
    (void) c;
    char v[MPI_MAX_LIBRARY_VERSION_STRING + 1];
    int len = 0;
    if (failed(env, MPI_Get_library_version(v, &len), "Get_library_version")) {
        return NULL;
    }
    v[len < 0 ? 0 : (len > MPI_MAX_LIBRARY_VERSION_STRING ? MPI_MAX_LIBRARY_VERSION_STRING : len)] = '\0';
    return (*env)->NewStringUTF(env, v);
}

JNIEXPORT jint JNICALL Java_org_orrery_parallel_NativeMpi_init(JNIEnv *env, jclass c, jint required) {
    (void) c;
    int done = 0;
    if (failed(env, MPI_Initialized(&done), "Initialized")) {
        return -1;
    }
    if (done) {
        (*env)->ThrowNew(env, failure_class, "MPI is already initialised in this process");
        return -1;
    }
    int want = required == 0 ? MPI_THREAD_SINGLE : required == 1 ? MPI_THREAD_FUNNELED
             : required == 2 ? MPI_THREAD_SERIALIZED : MPI_THREAD_MULTIPLE;
    int provided = MPI_THREAD_SINGLE;
    /*
     * The JVM handles SIGSEGV, SIGBUS, SIGFPE and SIGILL itself (implicit null checks, stack guard
     * pages, safepoints); a library that replaces those handlers kills the JVM at the first
     * NullPointerException in compiled code. UCX (MPICH's ch4:ucx device; Open MPI's pml ucx on
     * InfiniBand) installs its SIGSEGV handler when libucs is loaded, before any code of ours runs:
     * that is refused in one line (the fix is UCX_ERROR_SIGNALS= in the ranks' environment, which
     * launch/orrery sets). Handlers an MPI installs during MPI_Init (Open MPI's opal_signal) are
     * undone: the JVM's are put back afterwards.
     */
    struct sigaction jvm[4];
    const int sigs[4] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    for (int i = 0; i < 4; i++) {
        sigaction(sigs[i], NULL, &jvm[i]);
    }
    Dl_info where;
    void *h = (jvm[0].sa_flags & SA_SIGINFO) ? (void *) jvm[0].sa_sigaction : (void *) jvm[0].sa_handler;
    if (h != (void *) SIG_DFL && h != (void *) SIG_IGN && dladdr(h, &where) && where.dli_fname != NULL
        && strstr(where.dli_fname, "libucs") != NULL) {
        char msg[512];
        snprintf(msg, sizeof msg, "UCX (%s) has replaced the JVM's SIGSEGV handler, which would crash Java: set"
                 " UCX_ERROR_SIGNALS= (empty) in every rank's environment (launch/orrery does; by hand: export"
                 " UCX_ERROR_SIGNALS= before mpiexec, or mpirun -x UCX_ERROR_SIGNALS=)", where.dli_fname);
        (*env)->ThrowNew(env, failure_class, msg);
        return -1;
    }
    /* Errors before init completes are fatal by the standard; nothing to check them with. */
    int rc = MPI_Init_thread(NULL, NULL, want, &provided);
    for (int i = 0; i < 4; i++) {
        sigaction(sigs[i], &jvm[i], NULL);
    }
    if (failed(env, rc, "Init_thread")) {
        return -1;
    }
    if (failed(env, MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "Comm_set_errhandler")
        || failed(env, MPI_Comm_rank(MPI_COMM_WORLD, &world_rank), "Comm_rank")
        || failed(env, MPI_Comm_size(MPI_COMM_WORLD, &world_nprocs), "Comm_size")) {
        return -1;
    }
    clock_init();
    return provided == MPI_THREAD_SINGLE ? 0 : provided == MPI_THREAD_FUNNELED ? 1
         : provided == MPI_THREAD_SERIALIZED ? 2 : 3;
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_finalizeMpi(JNIEnv *env, jclass c) {
    (void) c;
    failed(env, MPI_Finalize(), "Finalize");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_abort(JNIEnv *env, jclass c, jint code) {
    (void) c;
    failed(env, MPI_Abort(MPI_COMM_WORLD, code), "Abort");
}

JNIEXPORT jint JNICALL Java_org_orrery_parallel_NativeMpi_rank(JNIEnv *env, jclass c) {
    (void) c;
    int r = -1;
    failed(env, MPI_Comm_rank(MPI_COMM_WORLD, &r), "Comm_rank");
    return r;
}

JNIEXPORT jint JNICALL Java_org_orrery_parallel_NativeMpi_size(JNIEnv *env, jclass c) {
    (void) c;
    int p = -1;
    failed(env, MPI_Comm_size(MPI_COMM_WORLD, &p), "Comm_size");
    return p;
}

JNIEXPORT jstring JNICALL Java_org_orrery_parallel_NativeMpi_processorName(JNIEnv *env, jclass c) {
    (void) c;
    char name[MPI_MAX_PROCESSOR_NAME + 1];
    int len = 0;
    if (failed(env, MPI_Get_processor_name(name, &len), "Get_processor_name")) {
        return NULL;
    }
    name[len < 0 ? 0 : (len > MPI_MAX_PROCESSOR_NAME ? MPI_MAX_PROCESSOR_NAME : len)] = '\0';
    return (*env)->NewStringUTF(env, name);
}

JNIEXPORT jdouble JNICALL Java_org_orrery_parallel_NativeMpi_wtime(JNIEnv *env, jclass c) {
    (void) env;
    (void) c;
    return MPI_Wtime();
}

/* ---- wait totals (read by NativeComm, the self-timed backend behind TimedComm) ----------- */

JNIEXPORT jlong JNICALL Java_org_orrery_parallel_NativeMpi_waitCalls(JNIEnv *env, jclass c) {
    (void) env;
    (void) c;
    return (jlong) wait_calls;
}

/* Seconds inside timed MPI calls since init: ticks x (ns / ticks since init), see "wait clock". */
JNIEXPORT jdouble JNICALL Java_org_orrery_parallel_NativeMpi_waitSeconds(JNIEnv *env, jclass c) {
    (void) env;
    (void) c;
    uint64_t w = wait_ticks;
    if (!use_counter) {
        return (double) w * 1e-9;
    }
    uint64_t dn = mono_ns() - ns0;
    uint64_t dt = ticks() - tick0;
    return dt == 0 ? 0.0 : (double) w * ((double) dn / (double) dt) * 1e-9;
}

/* Switches the wait accounting on or off (TimedComm, when the program asked for --summary). */
JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_timeWait(JNIEnv *env, jclass c, jboolean on) {
    (void) env;
    (void) c;
    wait_on = on ? 1 : 0;
}

/* The tick source in use: "tsc", "cntvct" or "clock_gettime". */
JNIEXPORT jstring JNICALL Java_org_orrery_parallel_NativeMpi_waitClock(JNIEnv *env, jclass c) {
    (void) c;
#if defined(__aarch64__)
    const char *counter = "cntvct";
#else
    const char *counter = "tsc";
#endif
    return (*env)->NewStringUTF(env, use_counter ? counter : "clock_gettime");
}

/* ---- collectives ------------------------------------------------------------------------- */

JNIEXPORT jlong JNICALL Java_org_orrery_parallel_NativeMpi_address(JNIEnv *env, jclass c, jobject buf) {
    (void) c;
    void *p = buf == NULL ? NULL : (*env)->GetDirectBufferAddress(env, buf);
    if (p == NULL) {
        throw_illegal(env, "not a direct buffer");
        return 0;
    }
    return (jlong) (intptr_t) p;
}

/* The floor of every call here: one JNI transition, no work (NativeComm.emptyNativeCall, bench mpi). */
/* The calling convention of these natives; NativeMpi.ABI must equal it (bump both when a signature changes). */
#define ORRERY_SHIM_ABI 4

JNIEXPORT jint JNICALL Java_org_orrery_parallel_NativeMpi_abi(JNIEnv *env, jclass c) {
    (void) env;
    (void) c;
    return ORRERY_SHIM_ABI;
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_nothing(JNIEnv *env, jclass c) {
    (void) env;
    (void) c;
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_barrier(JNIEnv *env, jclass c) {
    (void) c;
    failed(env, TIMED(MPI_Barrier(MPI_COMM_WORLD)), "Barrier");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_bcast(JNIEnv *env, jclass c, jlong buf, jlong bytes,
                                                              jint count, jint type, jint root) {
    (void) c;
    void *p;
    if (!region(env, buf, bytes, count * type_size(type), "bcast", &p)) {
        failed(env, TIMED(MPI_Bcast(p, count, datatype(type), root, MPI_COMM_WORLD)), "Bcast");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_reduce(JNIEnv *env, jclass c, jlong send, jlong sendBytes,
                                                               jlong recv, jlong recvBytes, jint count, jint type,
                                                               jint op, jint root) {
    (void) c;
    long long bytes = count * type_size(type);
    void *s, *r;
    if (region(env, send, sendBytes, bytes, "reduce send", &s)
        || region(env, recv, recvBytes, world_rank == root ? bytes : 0, "reduce recv", &r)) {
        return;
    }
    failed(env, TIMED(MPI_Reduce(s, r, count, datatype(type), reduction(op), root, MPI_COMM_WORLD)), "Reduce");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_allreduce(JNIEnv *env, jclass c, jlong send,
                                                                  jlong sendBytes, jlong recv, jlong recvBytes,
                                                                  jint count, jint type, jint op) {
    (void) c;
    long long bytes = count * type_size(type);
    void *s, *r;
    if (region(env, send, sendBytes, bytes, "allreduce send", &s)
        || region(env, recv, recvBytes, bytes, "allreduce recv", &r)) {
        return;
    }
    failed(env, TIMED(MPI_Allreduce(s, r, count, datatype(type), reduction(op), MPI_COMM_WORLD)), "Allreduce");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_allgather(JNIEnv *env, jclass c, jlong send,
                                                                  jlong sendBytes, jlong recv, jlong recvBytes,
                                                                  jint count, jint type) {
    (void) c;
    long long bytes = count * type_size(type);
    void *s, *r;
    if (region(env, send, sendBytes, bytes, "allgather send", &s)
        || region(env, recv, recvBytes, bytes * world_size(), "allgather recv", &r)) {
        return;
    }
    failed(env, TIMED(MPI_Allgather(s, count, datatype(type), r, count, datatype(type), MPI_COMM_WORLD)), "Allgather");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_allgatherv(JNIEnv *env, jclass c, jlong send,
                                                                   jlong sendBytes, jint sendCount, jlong recv,
                                                                   jlong recvBytes, jlong counts, jlong countsBytes,
                                                                   jint type) {
    (void) c;
    int p = world_size();
    const int *cd = counts_at(env, counts, countsBytes, p);
    if (cd == NULL) {
        return;
    }
    long long n = extent(cd, cd + p, p);
    if (n < 0) {
        throw_illegal(env, "allgatherv: negative count or displacement");
        return;
    }
    void *s, *r;
    if (region(env, send, sendBytes, sendCount * type_size(type), "allgatherv send", &s)
        || region(env, recv, recvBytes, n * type_size(type), "allgatherv recv", &r)) {
        return;
    }
    failed(env, TIMED(MPI_Allgatherv(s, sendCount, datatype(type), r, cd, cd + p, datatype(type), MPI_COMM_WORLD)),
           "Allgatherv");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_gatherv(JNIEnv *env, jclass c, jlong send, jlong sendBytes,
                                                                jint sendCount, jlong recv, jlong recvBytes,
                                                                jlong counts, jlong countsBytes, jint type,
                                                                jint root) {
    (void) c;
    int p = world_size();
    void *s, *r;
    if (region(env, send, sendBytes, sendCount * type_size(type), "gatherv send", &s)) {
        return;
    }
    if (world_rank != root) {
        failed(env,
               TIMED(MPI_Gatherv(s, sendCount, datatype(type), NULL, NULL, NULL, datatype(type), root, MPI_COMM_WORLD)),
               "Gatherv");
        return;
    }
    const int *cd = counts_at(env, counts, countsBytes, p);
    if (cd == NULL) {
        return;
    }
    long long n = extent(cd, cd + p, p);
    if (n < 0) {
        throw_illegal(env, "gatherv: negative count or displacement");
        return;
    }
    if (region(env, recv, recvBytes, n * type_size(type), "gatherv recv", &r)) {
        return;
    }
    failed(env, TIMED(MPI_Gatherv(s, sendCount, datatype(type), r, cd, cd + p, datatype(type), root, MPI_COMM_WORLD)),
           "Gatherv");
}

/* ---- point to point ---------------------------------------------------------------------- */

/* The 3 ints at status (NativeComm's direct status buffer) = source, tag, count in elements of type. */
static int put_status(JNIEnv *env, jlong status, MPI_Status *st, int type) {
    int n = 0;
    if (failed(env, MPI_Get_count(st, datatype(type), &n), "Get_count")) {
        return 1;
    }
    jint *out = (jint *) (intptr_t) status;
    out[0] = st->MPI_SOURCE;
    out[1] = st->MPI_TAG;
    out[2] = n;
    return 0;
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_send(JNIEnv *env, jclass c, jlong buf, jlong bytes,
                                                             jint count, jint type, jint dest, jint t) {
    (void) c;
    void *p;
    if (!region(env, buf, bytes, count * type_size(type), "send", &p)) {
        failed(env, TIMED(MPI_Send(p, count, datatype(type), dest, t, MPI_COMM_WORLD)), "Send");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_recv(JNIEnv *env, jclass c, jlong buf, jlong bytes,
                                                             jint capacity, jint type, jint src, jint t,
                                                             jlong status) {
    (void) c;
    void *p;
    if (region(env, buf, bytes, capacity * type_size(type), "recv", &p)) {
        return;
    }
    MPI_Status st;
    if (!failed(env, TIMED(MPI_Recv(p, capacity, datatype(type), source(src), tag(t), MPI_COMM_WORLD, &st)), "Recv")) {
        put_status(env, status, &st, type);
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_sendrecv(JNIEnv *env, jclass c, jlong send, jlong sendBytes,
                                                                 jint sendCount, jint dest, jlong recv,
                                                                 jlong recvBytes, jint capacity, jint src, jint type,
                                                                 jint t, jlong status) {
    (void) c;
    void *s, *r;
    if (region(env, send, sendBytes, sendCount * type_size(type), "sendrecv send", &s)
        || region(env, recv, recvBytes, capacity * type_size(type), "sendrecv recv", &r)) {
        return;
    }
    MPI_Status st;
    MPI_Datatype d = datatype(type);
    if (!failed(env,
                TIMED(MPI_Sendrecv(s, sendCount, d, dest, t, r, capacity, d, source(src), tag(t), MPI_COMM_WORLD, &st)),
                "Sendrecv")) {
        put_status(env, status, &st, type);
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_probe(JNIEnv *env, jclass c, jint src, jint t, jint type,
                                                              jlong status) {
    (void) c;
    MPI_Status st;
    if (!failed(env, TIMED(MPI_Probe(source(src), tag(t), MPI_COMM_WORLD, &st)), "Probe")) {
        put_status(env, status, &st, type);
    }
}

JNIEXPORT jboolean JNICALL Java_org_orrery_parallel_NativeMpi_iprobe(JNIEnv *env, jclass c, jint src, jint t, jint type,
                                                                   jlong status) {
    (void) c;
    MPI_Status st;
    int flag = 0;
    if (failed(env, TIMED(MPI_Iprobe(source(src), tag(t), MPI_COMM_WORLD, &flag, &st)), "Iprobe") || !flag) {
        return JNI_FALSE;
    }
    return put_status(env, status, &st, type) ? JNI_FALSE : JNI_TRUE;
}
