/*
 * Baseline for `launch/orrery bench nbody`: the plain C direct-summation loop, double precision,
 * OpenMP over i. Compiled by the benchmark at run time (never committed as a binary) twice:
 *   gcc -O3 -march=native -fopenmp                   (the plain loop as specified)
 *   gcc -O3 -march=native -fopenmp -fno-math-errno   (lets GCC vectorise sqrt: the strong anchor)
 * Same formula as Orrery's kernel: a_i = G sum_j m_j d_ij / (|d_ij|^2 + eps^2)^(3/2).
 * usage: nbody_kernel N REPEATS  -> prints "interactions_per_s <best rate> checksum <sum>"
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 16384;
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    double *x = malloc(sizeof(double) * n), *y = malloc(sizeof(double) * n), *z = malloc(sizeof(double) * n);
    double *m = malloc(sizeof(double) * n), *ax = malloc(sizeof(double) * n), *ay = malloc(sizeof(double) * n),
           *az = malloc(sizeof(double) * n);
    unsigned long long s = 88172645463325252ULL;
    for (int i = 0; i < n; i++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17; x[i] = (s >> 11) * 0x1.0p-53;
        s ^= s << 13; s ^= s >> 7; s ^= s << 17; y[i] = (s >> 11) * 0x1.0p-53;
        s ^= s << 13; s ^= s >> 7; s ^= s << 17; z[i] = (s >> 11) * 0x1.0p-53;
        m[i] = 1.0 / n;
    }
    const double eps2 = 1e-4, g = 1.0;
    double best = 0;
    for (int r = 0; r < reps; r++) {
        double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static)
        for (int i = 0; i < n; i++) {
            double sx = 0, sy = 0, sz = 0;
            const double xi = x[i], yi = y[i], zi = z[i];
#pragma omp simd reduction(+ : sx, sy, sz)
            for (int j = 0; j < n; j++) {
                double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
                double r2 = dx * dx + dy * dy + dz * dz + eps2;
                double w = m[j] * (1.0 / (r2 * sqrt(r2)));
                sx += dx * w; sy += dy * w; sz += dz * w;
            }
            ax[i] = g * sx; ay[i] = g * sy; az[i] = g * sz;
        }
        double t = omp_get_wtime() - t0;
        double rate = (double) n * n / t;
        if (rate > best) best = rate;
    }
    double chk = 0;
    for (int i = 0; i < n; i++) chk += ax[i] + ay[i] + az[i];
    printf("interactions_per_s %.6e checksum %.17g\n", best, chk);
    return 0;
}
