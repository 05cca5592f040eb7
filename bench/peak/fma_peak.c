/*
 * This CPU's fp32 multiply-add peak, measured: each thread runs independent chains of fused
 * multiply-adds on registers (no memory traffic), enough chains to cover the FMA latency on every
 * FMA unit. Prints GFLOP/s per width (AVX2: 8 floats, AVX-512: 16) for 1 and N threads.
 *
 *   gcc -O3 -funroll-loops -mavx512f -mfma -fopenmp fma_peak.c -o fma_peak && ./fma_peak [threads]
 *
 * (bench/peak-flops.sh builds and runs it.) The loops must be unrolled so the accumulators stay in
 * registers: at -O2 without unrolling, GCC kept them in memory and measured a third of the peak.
 * -DNO_AVX512 builds it for CPUs without AVX-512 (that column then reads 0).
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define CHAINS 12
#define ITERS 50000000L

static double run256(int threads) {
    double t0 = omp_get_wtime();
    float sink = 0;
#pragma omp parallel num_threads(threads) reduction(+ : sink)
    {
        __m256 acc[CHAINS];
        __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_set1_ps((float)c);
        for (long i = 0; i < ITERS / 4; i++)
            for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_fmadd_ps(acc[c], a, b);
        for (int c = 0; c < CHAINS; c++) sink += _mm256_cvtss_f32(acc[c]);
    }
    double dt = omp_get_wtime() - t0;
    if (sink == 42) puts("");
    return (double)threads * (ITERS / 4) * CHAINS * 8 * 2 / dt / 1e9;
}

#ifndef NO_AVX512
static double run512(int threads) {
    double t0 = omp_get_wtime();
    float sink = 0;
#pragma omp parallel num_threads(threads) reduction(+ : sink)
    {
        __m512 acc[CHAINS];
        __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_set1_ps((float)c);
        for (long i = 0; i < ITERS / 4; i++)
            for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_fmadd_ps(acc[c], a, b);
        for (int c = 0; c < CHAINS; c++) sink += _mm512_reduce_add_ps(acc[c]);
    }
    double dt = omp_get_wtime() - t0;
    if (sink == 42) puts("");
    return (double)threads * (ITERS / 4) * CHAINS * 16 * 2 / dt / 1e9;
}
#else
static double run512(int threads) { (void)threads; return 0; }
#endif

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : omp_get_num_procs();
    for (int t = 1; t <= n; t += (n > 1 ? n - 1 : 1)) {
        double best256 = 0, best512 = 0;
        for (int r = 0; r < 3; r++) {
            double x = run256(t), y = run512(t);
            if (x > best256) best256 = x;
            if (y > best512) best512 = y;
        }
        printf("RESULT threads=%d avx2_gflops=%.1f avx512_gflops=%.1f\n", t, best256, best512);
        if (n == 1) break;
    }
    return 0;
}
