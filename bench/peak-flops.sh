#!/usr/bin/env bash
# This machine's fp32 peak, measured rather than assumed: bench/peak/fma_peak.c runs independent
# chains of fused multiply-adds in registers on 1 and on all threads, with AVX2 (8 floats) and,
# where the CPU has it, AVX-512 (16 floats) registers, and prints the best of 3 runs in GFLOP/s.
# Needs gcc (with OpenMP) and a CPU with FMA.
#
#   bench/peak-flops.sh [threads (all processors)]
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
  ""|[0-9]*) ;;
  *) echo "usage: bench/peak-flops.sh [threads]" >&2; exit 2 ;;
esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$(mktemp -d)/fma_peak"
if grep -qw avx512f /proc/cpuinfo; then
  gcc -O3 -funroll-loops -mavx512f -mfma -fopenmp "$ROOT/bench/peak/fma_peak.c" -o "$BIN"
else
  echo "note: no AVX-512 on this CPU; its column measures nothing" >&2
  gcc -O3 -funroll-loops -mavx2 -mfma -DNO_AVX512 -fopenmp "$ROOT/bench/peak/fma_peak.c" -o "$BIN"
fi
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(getconf _NPROCESSORS_ONLN) processors; $(date -u '+%Y-%m-%d %H:%M UTC')"
"$BIN" "${1:-$(getconf _NPROCESSORS_ONLN)}"
