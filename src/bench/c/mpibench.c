/*
 * mpibench.c — the C baseline of `launch/orrery bench mpi` (org.orrery.bench.MpiBench is the Java
 * side and performs the same operations in the same order with the same timing).
 *
 * Latency (1 double) and bandwidth (N doubles, default N = 3 x 65536) of MPI_Bcast (root 0),
 * MPI_Allgatherv (block counts over the ranks: the first N mod p ranks get one more; latency: 1
 * double per rank), MPI_Reduce (SUM onto root 0; zeros, so repeated sums stay finite) and
 * MPI_Sendrecv around a ring (to rank+1, from rank-1) on MPI_COMM_WORLD.
 *
 * Timing: one untimed repetition (warm-up), then R repetitions of K calls each; before each
 * repetition a barrier; a repetition's time per call is the slowest rank's (wall time / K), taken
 * with MPI_Wtime and reduced with MAX onto rank 0. Rank 0 prints one CSV row per operation and size:
 *   api,op,elements,bytes,reps,iters,median_s,min_s,max_s
 * (api = "c"). Build: mpi/build-shim MPICC OUTDIR (OUTDIR/mpibench).
 * Usage: mpibench [N [R [K_small [K_large]]]]   (defaults 196608 15 2000 50)
 *
 * Buffers are written once before use, as Java's ByteBuffer.allocateDirect does: calloc'd memory that
 * is never written maps every page to the kernel's one zero page, so a sender would read the same
 * 4 KiB (always in cache) for a 1.5 MiB message — not the call the Java side makes.
 */
#include <mpi.h>
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

enum { BCAST, ALLGATHERV, REDUCE, SENDRECV };
static const char *names[] = {"bcast", "allgatherv", "reduce", "sendrecv"};

static double *sendbuf, *recvbuf;
static int *counts, *displs;

static void once(int op, int n) {
    int right = (rank + 1) % size, left = (rank - 1 + size) % size;
    switch (op) {
    case BCAST:
        check(MPI_Bcast(sendbuf, n, MPI_DOUBLE, 0, MPI_COMM_WORLD), "MPI_Bcast");
        break;
    case ALLGATHERV:
        check(MPI_Allgatherv(sendbuf, counts[rank], MPI_DOUBLE, recvbuf, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD),
              "MPI_Allgatherv");
        break;
    case REDUCE:
        check(MPI_Reduce(sendbuf, recvbuf, n, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD), "MPI_Reduce");
        break;
    default:
        check(MPI_Sendrecv(sendbuf, n, MPI_DOUBLE, right, 7, recvbuf, n, MPI_DOUBLE, left, 7, MPI_COMM_WORLD,
                           MPI_STATUS_IGNORE), "MPI_Sendrecv");
    }
}

static void measure(int op, int n, int reps, int iters) {
    /* allgatherv: n doubles in total over the ranks (latency case: 1 per rank). */
    int total = n;
    if (op == ALLGATHERV) {
        if (n == 1) {
            total = size;
        }
        for (int r = 0, d = 0; r < size; r++) {
            counts[r] = total / size + (r < total % size);
            displs[r] = d;
            d += counts[r];
        }
    }
    double *t = malloc(sizeof(double) * (size_t) reps);
    for (int rep = -1; rep < reps; rep++) {
        check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
        double t0 = MPI_Wtime();
        for (int k = 0; k < iters; k++) {
            once(op, n);
        }
        double mine = (MPI_Wtime() - t0) / iters, slowest = 0;
        check(MPI_Reduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD), "MPI_Reduce");
        if (rep >= 0) {
            t[rep] = slowest;
        }
    }
    if (rank == 0) {
        qsort(t, (size_t) reps, sizeof(double), cmp);
        double median = reps % 2 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
        printf("c,%s,%d,%ld,%d,%d,%.9e,%.9e,%.9e\n", names[op], total, (long) total * 8, reps, iters, median, t[0],
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
    sendbuf = zeros((size_t) n);
    recvbuf = zeros((size_t) n + (size_t) size);
    counts = malloc(sizeof(int) * (size_t) size);
    displs = malloc(sizeof(int) * (size_t) size);
    for (int op = BCAST; op <= SENDRECV; op++) {
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
