#!/usr/bin/env bash
# Is native memory flat? Runs many training steps of one case of the training-step benchmark in
# one JVM (the gan launcher's JVM flags) and prints the resident set every K steps, with the Java
# heap in use beside it, then the growth between the first figure and the last.
#
#   bench/step-memory.sh [--case mlp|dcgan28|dcgan64 (mlp)] [--steps N (10000)] [--every K (N/10)]
#                        [--threads T (2)] [--no-build]
#
# Maven arguments (e.g. "-o") can be given in MVN_ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
CASE=mlp
STEPS=10000
EVERY=
THREADS=2
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --case) CASE="$2"; shift 2 ;;
    --steps) STEPS="$2"; shift 2 ;;
    --every) EVERY="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
EVERY=${EVERY:-$((STEPS / 10))}
cd "$ROOT"
build_core_bench "$BUILD"
echo "case $CASE, $STEPS steps after 10 warm-up steps, threads $THREADS, JVM flags $(launcher_jvm_flags); $(date -u '+%Y-%m-%d %H:%M UTC')"
run_step_benchmark --case "$CASE" --warmup 10 --reps 1 --steps "$STEPS" \
  --memory-every "$EVERY" | awk '
    /^MEMORY/ {
      split($2, s, "="); split($3, r, "="); split($4, h, "=")
      printf "step %6d: RSS %7.1f MiB, Java heap in use %4d MiB\n", s[2], r[2] / 1024, h[2]
      if (first == "") { first = r[2]; firstStep = s[2] }
      last = r[2]; lastStep = s[2]
      next
    }
    { print }
    END {
      if (first == "") { print "no MEMORY lines"; exit 1 }
      printf "RSS from step %d to step %d: %.1f -> %.1f MiB (%+.1f MiB, ratio %.3f)\n",
        firstStep, lastStep, first / 1024, last / 1024, (last - first) / 1024, last / first
    }'
