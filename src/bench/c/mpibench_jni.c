/*
 * mpibench_jni.c — liborrery_mpibench: the C loop of `bench mpi` (mpibench_loop.h) called from a Java
 * rank (org.orrery.parallel.CTwin), so that C blocks and Java blocks alternate in the same processes,
 * on the same buffers, under the MPI the Java backend initialised (the shim or Open MPI's mpi.jar:
 * both leave MPI_COMM_WORLD to this library; it calls MPI directly, never through Java).
 *
 * Build: mpi/build-shim [--bench-only] MPICC OUTDIR (OUTDIR/liborrery_mpibench.so), with the MPI's
 * own mpicc, so that it links the libmpi the rank already has loaded.
 */
#include "mpibench_loop.h"
#include <jni.h>
#include <stdio.h>

/* The interface of the natives below; CTwin.VERSION must equal it. */
#define ORRERY_MPIBENCH_VERSION 1

JNIEXPORT jint JNICALL Java_org_orrery_parallel_CTwin_version(JNIEnv *env, jclass c) {
    (void) env;
    (void) c;
    return ORRERY_MPIBENCH_VERSION;
}

static void throw_state(JNIEnv *env, const char *msg) {
    jclass e = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (e != NULL) {
        (*env)->ThrowNew(env, e, msg);
    }
}

/*
 * One block of `iters` calls of op on `total` doubles (allgatherv: in total over the ranks) with the
 * direct buffers send and recv; returns the slowest rank's seconds per call on rank 0 (this rank's
 * elsewhere). Collective: every rank calls it with the same arguments.
 */
JNIEXPORT jdouble JNICALL Java_org_orrery_parallel_CTwin_block(JNIEnv *env, jclass c, jint op, jint total, jint iters,
                                                             jobject send, jobject recv) {
    (void) c;
    double *s = (*env)->GetDirectBufferAddress(env, send);
    double *r = (*env)->GetDirectBufferAddress(env, recv);
    jlong scap = (*env)->GetDirectBufferCapacity(env, send);
    jlong rcap = (*env)->GetDirectBufferCapacity(env, recv);
    if (s == NULL || r == NULL || op < 0 || op >= MB_NOPS || total < 1 || iters < 1) {
        throw_state(env, "mpibench: bad arguments (direct buffers, op, total, iters)");
        return 0;
    }
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    /* capacities in bytes of a ByteBuffer, or in doubles of a DoubleBuffer view: check the smaller reading */
    if (scap < total || rcap < total) {
        throw_state(env, "mpibench: buffers smaller than the message");
        return 0;
    }
    int *counts = malloc(sizeof(int) * 2 * (size_t) size);
    if (counts == NULL) {
        throw_state(env, "mpibench: out of memory");
        return 0;
    }
    struct mb_call call;
    mb_prepare(&call, op, total, s, r, counts, counts + size);
    double t = 0;
    const char *what = "";
    int rc = mb_block(&call, iters, &t, &what);
    free(counts);
    if (rc != MPI_SUCCESS) {
        char msg[MPI_MAX_ERROR_STRING + 64], err[MPI_MAX_ERROR_STRING];
        int len = 0;
        MPI_Error_string(rc, err, &len);
        snprintf(msg, sizeof msg, "mpibench: %s failed: %s", what, err);
        throw_state(env, msg);
        return 0;
    }
    return t;
}
