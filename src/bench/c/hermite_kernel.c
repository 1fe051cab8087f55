/*
 * Baseline for org.orrery.bench.HermiteBench: the plain C direct-summation loops of Orrery's two
 * gravity kernels, double precision, OpenMP over targets i, compiled by the benchmark at run time
 * (never committed as a binary) with
 *   gcc -O3 -march=native -fno-math-errno -fopenmp
 * (-fno-math-errno lets GCC vectorise sqrt; the j loop is a SIMD reduction).
 *   force:      a_i = sum_j m_j d / s^3                       (d = r_j - r_i, s^2 = |d|^2 + eps^2)
 *   force+jerk: also  j_i = sum_j m_j [v / s^3 - 3 (d.v) d / s^5]   (v = v_j - v_i)
 * with the same arithmetic per interaction as Orrery's DirectSum and ForceJerk.
 * usage: hermite_kernel force|jerk N REPEATS
 *   -> "interactions_per_s <best wall-clock rate> cpu_interactions_per_s <best per process CPU second> checksum <sum>"
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double *alloc(int n) { return malloc(sizeof(double) * (size_t) n); }

int main(int argc, char **argv) {
    int jerk = argc > 1 && strcmp(argv[1], "jerk") == 0;
    int n = argc > 2 ? atoi(argv[2]) : 16384;
    int reps = argc > 3 ? atoi(argv[3]) : 3;
    double *x = alloc(n), *y = alloc(n), *z = alloc(n), *vx = alloc(n), *vy = alloc(n), *vz = alloc(n);
    double *m = alloc(n), *out = alloc(6 * n);
    unsigned long long s = 88172645463325252ULL;
    double *cols[6] = {x, y, z, vx, vy, vz};
    for (int i = 0; i < n; i++) {
        for (int c = 0; c < 6; c++) {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            cols[c][i] = (s >> 11) * 0x1.0p-53 - (c >= 3 ? 0.5 : 0.0);
        }
        m[i] = 1.0 / n;
    }
    const double eps2 = 1e-4, g = 1.0;
    double best = 0, bestCpu = 0;
    for (int r = 0; r < reps; r++) {
        double t0 = omp_get_wtime();
        clock_t c0 = clock();
        if (!jerk) {
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
                out[6 * i] = g * sx; out[6 * i + 1] = g * sy; out[6 * i + 2] = g * sz;
            }
        } else {
#pragma omp parallel for schedule(static)
            for (int i = 0; i < n; i++) {
                double ax = 0, ay = 0, az = 0, jx = 0, jy = 0, jz = 0;
                const double xi = x[i], yi = y[i], zi = z[i], ui = vx[i], vi = vy[i], wi = vz[i];
#pragma omp simd reduction(+ : ax, ay, az, jx, jy, jz)
                for (int j = 0; j < n; j++) {
                    double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
                    double dvx = vx[j] - ui, dvy = vy[j] - vi, dvz = vz[j] - wi;
                    double r2 = dx * dx + dy * dy + dz * dz + eps2;
                    double rinv2 = 1.0 / r2;
                    double w = m[j] * rinv2 * sqrt(rinv2);
                    double b = 3.0 * (dx * dvx + dy * dvy + dz * dvz) * rinv2;
                    ax += w * dx; ay += w * dy; az += w * dz;
                    jx += w * (dvx - b * dx); jy += w * (dvy - b * dy); jz += w * (dvz - b * dz);
                }
                out[6 * i] = g * ax; out[6 * i + 1] = g * ay; out[6 * i + 2] = g * az;
                out[6 * i + 3] = g * jx; out[6 * i + 4] = g * jy; out[6 * i + 5] = g * jz;
            }
        }
        double t = omp_get_wtime() - t0;
        double cpu = (double) (clock() - c0) / CLOCKS_PER_SEC;
        double rate = (double) n * n / t, cpuRate = (double) n * n / cpu;
        if (rate > best) best = rate;
        if (cpuRate > bestCpu) bestCpu = cpuRate;
    }
    double chk = 0;
    for (int i = 0; i < 6 * n; i++) chk += out[i];
    printf("interactions_per_s %.6e cpu_interactions_per_s %.6e checksum %.17g\n", best, bestCpu, chk);
    return 0;
}
