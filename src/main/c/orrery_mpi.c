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
 * index 0, whatever its position), so nothing is copied here. Every call checks the buffer's
 * capacity against the bytes it will read or write, and every MPI return code (MPI_ERRORS_RETURN is
 * set on MPI_COMM_WORLD at init): a failure throws org.orrery.parallel.MpiFailure carrying the MPI
 * error string. JNI critical sections are never held across an MPI call. Threading: MPI is
 * initialised with a requested thread level (Orrery asks for MPI_THREAD_FUNNELED), so every call
 * comes from the thread that initialised MPI; the scratch arrays below rely on that.
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

/* Element type codes (NativeMpi.BYTE ... NativeMpi.DOUBLE). */
enum { T_BYTE = 0, T_INT = 1, T_LONG = 2, T_DOUBLE = 3 };
/* Reduction codes: Comm.Op ordinals. */
enum { OP_SUM = 0, OP_MAX = 1, OP_MIN = 2 };

static jclass failure_class;   /* org.orrery.parallel.MpiFailure */
static jclass illegal_class;   /* java.lang.IllegalArgumentException */
static int world_rank = -1;    /* MPI_COMM_WORLD's rank and size, cached at init */
static int world_nprocs = -1;
static int *scratch_counts;    /* counts/displs copied from Java int[] for the v-collectives */
static int scratch_len;

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
 * Address of a direct buffer whose element size is elem bytes, after checking that it holds at
 * least need_bytes. NULL with a pending exception otherwise. A null buffer is allowed (returns NULL,
 * no exception) only when need_bytes is 0 and nullable is set.
 */
static void *address(JNIEnv *env, jobject buf, jint elem, long long need_bytes, int nullable, const char *what) {
    if (buf == NULL) {
        if (nullable && need_bytes == 0) {
            return NULL;
        }
        throw_illegal(env, "%s: null buffer", what);
        return NULL;
    }
    void *p = (*env)->GetDirectBufferAddress(env, buf);
    jlong cap = (*env)->GetDirectBufferCapacity(env, buf);
    if (p == NULL || cap < 0) {
        throw_illegal(env, "%s: not a direct buffer", what);
        return NULL;
    }
    if (need_bytes < 0 || need_bytes > (long long) cap * elem) {
        throw_illegal(env, "%s: needs %lld bytes but the buffer holds %lld", what, need_bytes, (long long) cap * elem);
        return NULL;
    }
    return p;
}

/* Copies counts (and displs, if given) into scratch: [0, p) counts, [p, 2p) displs. */
static int *copy_counts(JNIEnv *env, jintArray counts, jintArray displs, int p) {
    if (counts == NULL || (*env)->GetArrayLength(env, counts) < p
        || (displs != NULL && (*env)->GetArrayLength(env, displs) < p)) {
        throw_illegal(env, "counts/displs shorter than the communicator size %d", p);
        return NULL;
    }
    if (scratch_len < 2 * p) {
        int *s = realloc(scratch_counts, sizeof(int) * 2 * (size_t) p);
        if (s == NULL) {
            (*env)->ThrowNew(env, failure_class, "out of native memory for counts");
            return NULL;
        }
        scratch_counts = s;
        scratch_len = 2 * p;
    }
    (*env)->GetIntArrayRegion(env, counts, 0, p, (jint *) scratch_counts);
    if (displs != NULL) {
        (*env)->GetIntArrayRegion(env, displs, 0, p, (jint *) scratch_counts + p);
    }
    return scratch_counts;
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

/* ---- collectives ------------------------------------------------------------------------- */

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_barrier(JNIEnv *env, jclass c) {
    (void) c;
    failed(env, MPI_Barrier(MPI_COMM_WORLD), "Barrier");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_bcast(JNIEnv *env, jclass c, jobject buf, jint elem,
                                                              jint count, jint type, jint root) {
    (void) c;
    void *p = address(env, buf, elem, count * type_size(type), 0, "bcast");
    if (p != NULL) {
        failed(env, MPI_Bcast(p, count, datatype(type), root, MPI_COMM_WORLD), "Bcast");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_reduce(JNIEnv *env, jclass c, jobject send, jobject recv,
                                                               jint elem, jint count, jint type, jint op, jint root) {
    (void) c;
    long long bytes = count * type_size(type);
    void *s = address(env, send, elem, bytes, 0, "reduce send");
    if (s == NULL) {
        return;
    }
    int me = world_rank;
    void *r = address(env, recv, elem, me == root ? bytes : 0, 1, "reduce recv");
    if (r == NULL && me == root) {
        return;
    }
    failed(env, MPI_Reduce(s, r, count, datatype(type), reduction(op), root, MPI_COMM_WORLD), "Reduce");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_allreduce(JNIEnv *env, jclass c, jobject send, jobject recv,
                                                                  jint elem, jint count, jint type, jint op) {
    (void) c;
    long long bytes = count * type_size(type);
    void *s = address(env, send, elem, bytes, 0, "allreduce send");
    void *r = s == NULL ? NULL : address(env, recv, elem, bytes, 0, "allreduce recv");
    if (r != NULL) {
        failed(env, MPI_Allreduce(s, r, count, datatype(type), reduction(op), MPI_COMM_WORLD), "Allreduce");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_allgather(JNIEnv *env, jclass c, jobject send, jobject recv,
                                                                  jint elem, jint count, jint type) {
    (void) c;
    long long bytes = count * type_size(type);
    void *s = address(env, send, elem, bytes, 0, "allgather send");
    void *r = s == NULL ? NULL : address(env, recv, elem, bytes * world_size(), 0, "allgather recv");
    if (r != NULL) {
        failed(env, MPI_Allgather(s, count, datatype(type), r, count, datatype(type), MPI_COMM_WORLD), "Allgather");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_allgatherv(JNIEnv *env, jclass c, jobject send, jint sendCount,
                                                                   jobject recv, jint elem, jintArray counts,
                                                                   jintArray displs, jint type) {
    (void) c;
    int p = world_size();
    int *cd = copy_counts(env, counts, displs, p);
    if (cd == NULL) {
        return;
    }
    long long n = extent(cd, cd + p, p);
    if (n < 0) {
        throw_illegal(env, "allgatherv: negative count or displacement");
        return;
    }
    void *s = address(env, send, elem, sendCount * type_size(type), 1, "allgatherv send");
    if (s == NULL && sendCount > 0) {
        return;
    }
    void *r = address(env, recv, elem, n * type_size(type), 1, "allgatherv recv");
    if (r == NULL && n > 0) {
        return;
    }
    failed(env, MPI_Allgatherv(s, sendCount, datatype(type), r, cd, cd + p, datatype(type), MPI_COMM_WORLD),
           "Allgatherv");
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_gatherv(JNIEnv *env, jclass c, jobject send, jint sendCount,
                                                                jobject recv, jint elem, jintArray counts,
                                                                jintArray displs, jint type, jint root) {
    (void) c;
    int p = world_size();
    int me = world_rank;
    void *s = address(env, send, elem, sendCount * type_size(type), 1, "gatherv send");
    if (s == NULL && sendCount > 0) {
        return;
    }
    if (me != root) {
        failed(env, MPI_Gatherv(s, sendCount, datatype(type), NULL, NULL, NULL, datatype(type), root, MPI_COMM_WORLD),
               "Gatherv");
        return;
    }
    int *cd = copy_counts(env, counts, displs, p);
    if (cd == NULL) {
        return;
    }
    long long n = extent(cd, cd + p, p);
    if (n < 0) {
        throw_illegal(env, "gatherv: negative count or displacement");
        return;
    }
    void *r = address(env, recv, elem, n * type_size(type), 1, "gatherv recv");
    if (r == NULL && n > 0) {
        return;
    }
    failed(env, MPI_Gatherv(s, sendCount, datatype(type), r, cd, cd + p, datatype(type), root, MPI_COMM_WORLD),
           "Gatherv");
}

/* ---- point to point ---------------------------------------------------------------------- */

/* status[0..2] = source, tag, count in elements of type. */
static int put_status(JNIEnv *env, jintArray out, MPI_Status *st, int type, const char *what) {
    int n = 0;
    if (failed(env, MPI_Get_count(st, datatype(type), &n), what)) {
        return 1;
    }
    jint v[3] = {st->MPI_SOURCE, st->MPI_TAG, n};
    (*env)->SetIntArrayRegion(env, out, 0, 3, v);
    return 0;
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_send(JNIEnv *env, jclass c, jobject buf, jint elem, jint count,
                                                             jint type, jint dest, jint t) {
    (void) c;
    void *p = address(env, buf, elem, count * type_size(type), 1, "send");
    if (p != NULL || count == 0) {
        failed(env, MPI_Send(p, count, datatype(type), dest, t, MPI_COMM_WORLD), "Send");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_recv(JNIEnv *env, jclass c, jobject buf, jint elem,
                                                             jint capacity, jint type, jint src, jint t,
                                                             jintArray status) {
    (void) c;
    void *p = address(env, buf, elem, capacity * type_size(type), 1, "recv");
    if (p == NULL && capacity > 0) {
        return;
    }
    MPI_Status st;
    if (!failed(env, MPI_Recv(p, capacity, datatype(type), source(src), tag(t), MPI_COMM_WORLD, &st), "Recv")) {
        put_status(env, status, &st, type, "Get_count");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_sendrecv(JNIEnv *env, jclass c, jobject send, jint sendCount,
                                                                 jint dest, jobject recv, jint capacity, jint src,
                                                                 jint elem, jint type, jint t, jintArray status) {
    (void) c;
    void *s = address(env, send, elem, sendCount * type_size(type), 1, "sendrecv send");
    if (s == NULL && sendCount > 0) {
        return;
    }
    void *r = address(env, recv, elem, capacity * type_size(type), 1, "sendrecv recv");
    if (r == NULL && capacity > 0) {
        return;
    }
    MPI_Status st;
    MPI_Datatype d = datatype(type);
    if (!failed(env, MPI_Sendrecv(s, sendCount, d, dest, t, r, capacity, d, source(src), tag(t), MPI_COMM_WORLD, &st),
                "Sendrecv")) {
        put_status(env, status, &st, type, "Get_count");
    }
}

JNIEXPORT void JNICALL Java_org_orrery_parallel_NativeMpi_probe(JNIEnv *env, jclass c, jint src, jint t, jint type,
                                                              jintArray status) {
    (void) c;
    MPI_Status st;
    if (!failed(env, MPI_Probe(source(src), tag(t), MPI_COMM_WORLD, &st), "Probe")) {
        put_status(env, status, &st, type, "Get_count");
    }
}

JNIEXPORT jboolean JNICALL Java_org_orrery_parallel_NativeMpi_iprobe(JNIEnv *env, jclass c, jint src, jint t, jint type,
                                                                   jintArray status) {
    (void) c;
    MPI_Status st;
    int flag = 0;
    if (failed(env, MPI_Iprobe(source(src), tag(t), MPI_COMM_WORLD, &flag, &st), "Iprobe") || !flag) {
        return JNI_FALSE;
    }
    return put_status(env, status, &st, type, "Get_count") ? JNI_FALSE : JNI_TRUE;
}
