/*
 * mpibench.c — the C baseline of `launch/orrery bench mpi` (org.orrery.bench.MpiBench is the Java
 * side and performs the same operations in the same order with the same timing).
 *
 * Latency (1 double) and bandwidth (N doubles, default N = 3 x 65536) of MPI_Bcast, MPI_Allgatherv,
 * MPI_Reduce, MPI_Allreduce and MPI_Sendrecv (the operations and one timed block: mpibench_loop.h,
 * shared with the in-process twin mpibench_jni.c).
 *
 * Timing: one untimed repetition (warm-up), then R repetitions (blocks) of K calls each. Rank 0
 * prints one CSV row per operation and size:
 *   api,op,elements,bytes,reps,iters,median_s,min_s,max_s
 * (api = "c"). Build: mpi/build-shim MPICC OUTDIR (OUTDIR/mpibench).
 * Usage: mpibench [N [R [K_small [K_large]]]]   (defaults 196608 15 2000 50)
 *
 * Buffers are written once before use, as Java's ByteBuffer.allocateDirect does: calloc'd memory that
 * is never written maps every page to the kernel's one zero page, so a sender would read the same
 * 4 KiB (always in cache) for a 1.5 MiB message — not the call the Java side makes.
 */
#include "mpibench_loop.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rank, size;

/* memset through a volatile pointer: gcc folds malloc + memset(0) into calloc, which writes nothing. */
static void *(*volatile const write_bytes)(void *, int, size_t) = memset;

/* n doubles of zeros in pages of our own. */
static double *zeros(size_t n) {
    double *p = malloc(n * sizeof(double));
    if (p == NULL) {
        fprintf(stderr, "mpibench: error: out of memory\n");
        exit(1);
    }
    write_bytes(p, 0, n * sizeof(double));
    return p;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static void check(int rc, const char *what) {
    if (rc != MPI_SUCCESS) {
        char s[MPI_MAX_ERROR_STRING];
        int len = 0;
        MPI_Error_string(rc, s, &len);
        fprintf(stderr, "mpibench: error: %s failed: %s\n", what, s);
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
}

static double *sendbuf, *recvbuf;
static int *counts, *displs;

static void measure(int op, int n, int reps, int iters) {
    int total = mb_total(op, n, size);
    struct mb_call c;
    mb_prepare(&c, op, total, sendbuf, recvbuf, counts, displs);
    double *t = malloc(sizeof(double) * (size_t) reps);
    for (int rep = -1; rep < reps; rep++) {
        double slowest = 0;
        const char *what = "";
        check(mb_block(&c, iters, &slowest, &what), what);
        if (rep >= 0) {
            t[rep] = slowest;
        }
    }
    if (rank == 0) {
        qsort(t, (size_t) reps, sizeof(double), cmp);
        double median = reps % 2 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
        printf("c,%s,%d,%ld,%d,%d,%.9e,%.9e,%.9e\n", mb_names[op], total, (long) total * 8, reps, iters, median, t[0],
               t[reps - 1]);
        fflush(stdout);
    }
    free(t);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 196608;
    int reps = argc > 2 ? atoi(argv[2]) : 15;
    int small = argc > 3 ? atoi(argv[3]) : 2000;
    int large = argc > 4 ? atoi(argv[4]) : 50;
    if (n < 1 || reps < 1 || small < 1 || large < 1) {
        fprintf(stderr, "mpibench: error: usage: mpibench [N [R [K_small [K_large]]]] (all >= 1)\n");
        return 2;
    }
    int provided;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    sendbuf = zeros((size_t) n + (size_t) size);
    recvbuf = zeros((size_t) n + (size_t) size);
    counts = malloc(sizeof(int) * (size_t) size);
    displs = malloc(sizeof(int) * (size_t) size);
    for (int op = 0; op < MB_NOPS; op++) {
        measure(op, 1, reps, small);
        measure(op, n, reps, large);
    }
    free(sendbuf);
    free(recvbuf);
    free(counts);
    free(displs);
    MPI_Finalize();
    return 0;
}
