/*
 * mpibench_loop.h — the timing loop of `bench mpi`'s C side, shared by the standalone program
 * (mpibench.c, its own process) and the in-process twin (mpibench_jni.c: liborrery_mpibench, which
 * a Java rank calls over JNI so that C and Java blocks alternate in the same processes).
 *
 * Operations on MPI_COMM_WORLD: MPI_Bcast (root 0), MPI_Allgatherv (block counts over the ranks: the
 * first n mod p ranks get one more; latency case: 1 double per rank), MPI_Reduce (SUM onto root 0),
 * MPI_Allreduce (SUM) and MPI_Sendrecv around a ring (to rank+1, from rank-1, tag 7). Buffers are the
 * caller's (zeros, so repeated sums stay finite).
 *
 * One block: a barrier, then `iters` calls timed with MPI_Wtime; the block's time per call is the
 * slowest rank's (wall time / iters), reduced with MAX onto rank 0 (the other ranks get their own).
 */
#ifndef ORRERY_MPIBENCH_LOOP_H
#define ORRERY_MPIBENCH_LOOP_H

#include <mpi.h>
#include <stdlib.h>

enum { MB_BCAST, MB_ALLGATHERV, MB_REDUCE, MB_ALLREDUCE, MB_SENDRECV, MB_NOPS };
static const char *const mb_names[MB_NOPS] = {"bcast", "allgatherv", "reduce", "allreduce", "sendrecv"};

/* One operation of n doubles (allgatherv: n in total over the ranks) on the caller's buffers. */
struct mb_call {
    int op, n, rank, size, right, left;
    double *send, *recv;   /* send: n doubles; recv: n doubles (allgatherv: n) */
    int *counts, *displs;  /* allgatherv: size entries each */
};

/* Doubles in total for op with n requested (allgatherv latency case: one per rank). */
static inline int mb_total(int op, int n, int size) {
    return op == MB_ALLGATHERV && n == 1 ? size : n;
}

/* Fills c for op and n (total = mb_total); counts/displs must hold size ints. */
static inline void mb_prepare(struct mb_call *c, int op, int total, double *send, double *recv, int *counts,
                              int *displs) {
    MPI_Comm_rank(MPI_COMM_WORLD, &c->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &c->size);
    c->op = op;
    c->n = total;
    c->right = (c->rank + 1) % c->size;
    c->left = (c->rank - 1 + c->size) % c->size;
    c->send = send;
    c->recv = recv;
    c->counts = counts;
    c->displs = displs;
    for (int r = 0, d = 0; r < c->size; r++) {
        counts[r] = total / c->size + (r < total % c->size);
        displs[r] = d;
        d += counts[r];
    }
}

/* One call; the MPI return code. */
static inline int mb_once(const struct mb_call *c) {
    switch (c->op) {
    case MB_BCAST:
        return MPI_Bcast(c->send, c->n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    case MB_ALLGATHERV:
        return MPI_Allgatherv(c->send, c->counts[c->rank], MPI_DOUBLE, c->recv, c->counts, c->displs, MPI_DOUBLE,
                              MPI_COMM_WORLD);
    case MB_REDUCE:
        return MPI_Reduce(c->send, c->recv, c->n, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    case MB_ALLREDUCE:
        return MPI_Allreduce(c->send, c->recv, c->n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    default:
        return MPI_Sendrecv(c->send, c->n, MPI_DOUBLE, c->right, 7, c->recv, c->n, MPI_DOUBLE, c->left, 7,
                            MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
}

/* One block (see the top); *what names the failed call when the return code is not MPI_SUCCESS. */
static inline int mb_block(const struct mb_call *c, int iters, double *per_call, const char **what) {
    int rc = MPI_Barrier(MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) {
        *what = "MPI_Barrier";
        return rc;
    }
    double t0 = MPI_Wtime();
    for (int k = 0; k < iters; k++) {
        rc = mb_once(c);
        if (rc != MPI_SUCCESS) {
            *what = mb_names[c->op];
            return rc;
        }
    }
    double mine = (MPI_Wtime() - t0) / iters;
    *per_call = mine;
    rc = MPI_Reduce(&mine, c->rank == 0 ? per_call : NULL, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    if (rc != MPI_SUCCESS) {
        *what = "MPI_Reduce";
    }
    return rc;
}

#endif
