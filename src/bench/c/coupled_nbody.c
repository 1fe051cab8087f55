/*
 * The tightly coupled ceiling of `launch/orrery bench scaling`: the teaching run's pattern without a JVM. Every step
 * each rank computes the accelerations of its block of targets against all N (the plain C direct-summation loop of
 * nbody_kernel.c), kicks and drifts its block, and one MPI_Allgatherv shares the new positions: a collective every
 * step, steps of well under a millisecond, nothing else. Compiled by the benchmark at run time with the selected MPI's
 * mpicc -O3 -march=native -fno-math-errno, run under the same launch line as the programs (launch/orrery exec).
 * usage: coupled_nbody N STEPS -> rank 0 prints "steps_per_s <rate> wait_s <s> loop_s <s> checksum <sum>"
 * The checksum (sum of the final positions) is the same at any np: each target's sum runs over j in order.
 */
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    int steps = argc > 2 ? atoi(argv[2]) : 2000;
    double *x = malloc(sizeof(double) * n), *y = malloc(sizeof(double) * n), *z = malloc(sizeof(double) * n);
    double *v = calloc(3 * (size_t) n, sizeof(double)), *all = malloc(sizeof(double) * 3 * n);
    int *counts = malloc(sizeof(int) * size), *displs = malloc(sizeof(int) * size);
    unsigned long long s = 88172645463325252ULL;
    for (int i = 0; i < n; i++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17; x[i] = (s >> 11) * 0x1.0p-53;
        s ^= s << 13; s ^= s >> 7; s ^= s << 17; y[i] = (s >> 11) * 0x1.0p-53;
        s ^= s << 13; s ^= s >> 7; s ^= s << 17; z[i] = (s >> 11) * 0x1.0p-53;
    }
    for (int r = 0; r < size; r++) {
        int a = (int) ((long) n * r / size), b = (int) ((long) n * (r + 1) / size);
        counts[r] = 3 * (b - a);
        displs[r] = 3 * a;
    }
    const int lo = displs[rank] / 3, hi = lo + counts[rank] / 3;
    const double eps2 = 1e-4, dt = 1e-5, m = 1.0 / n;
    MPI_Barrier(MPI_COMM_WORLD);
    double t0 = MPI_Wtime(), wait = 0;
    for (int step = 0; step < steps; step++) {
        for (int i = lo; i < hi; i++) {
            double sx = 0, sy = 0, sz = 0;
            const double xi = x[i], yi = y[i], zi = z[i];
            for (int j = 0; j < n; j++) {
                double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
                double r2 = dx * dx + dy * dy + dz * dz + eps2;
                double w = m * (1.0 / (r2 * sqrt(r2)));
                sx += dx * w; sy += dy * w; sz += dz * w;
            }
            v[3 * i] += dt * sx; v[3 * i + 1] += dt * sy; v[3 * i + 2] += dt * sz;
        }
        for (int i = lo; i < hi; i++) {
            all[3 * i] = x[i] + dt * v[3 * i];
            all[3 * i + 1] = y[i] + dt * v[3 * i + 1];
            all[3 * i + 2] = z[i] + dt * v[3 * i + 2];
        }
        double tw = MPI_Wtime();
        MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, all, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD);
        wait += MPI_Wtime() - tw;
        for (int i = 0; i < n; i++) {
            x[i] = all[3 * i]; y[i] = all[3 * i + 1]; z[i] = all[3 * i + 2];
        }
    }
    double loop = MPI_Wtime() - t0;
    double chk = 0;
    for (int i = 0; i < n; i++) chk += x[i] + y[i] + z[i];
    if (rank == 0) printf("steps_per_s %.6e wait_s %.6f loop_s %.6f checksum %.17g\n", steps / loop, wait, loop, chk);
    MPI_Finalize();
    return 0;
}
