#!/usr/bin/env bash
# Training-step time and peak RSS, gan4j against PyTorch on the same CPU: one full step (one D
# update, then one G update; non-saturating loss; Adam 2e-4, beta1 0.5) for
#   mlp      the toy MLP GAN (default options, pack 4), 2-D data, batch 256
#   dcgan28  dcgan at 1x28x28 (Fashion-MNIST-shaped random data), batch 64
#   dcgan64  dcgan at 3x64x64, batch 64
# Each case runs in its own process (JVM or Python), so each peak RSS is that case's alone.
# gan4j: org.gan4j.core.bench.TrainingStepBenchmark (gan-core test sources), built here.
# PyTorch: bench/reference/training_step.py, only when /usr/bin/python3 can import torch.
# Prints the median ms/step of the repetitions per case and one table with the ratios.
#
#   bench/training-step.sh [--threads T (2)] [--cases "mlp dcgan28 dcgan64"] [--reps R (5)]
#                          [--warmup W] [--steps N] [--busy B] [--no-build] [--no-python]
#
# --busy B starts B busy-looping shell processes for the whole measurement (stopped at the end),
# to see how each side copes when something else competes for the cores.
#
# --warmup and --steps (steps per repetition) default per case: mlp 20/50, dcgan28 3/3,
# dcgan64 2/1. Both sides get the same thread count: OMP_NUM_THREADS=T for both processes,
# -Dai.djl.pytorch.num_threads=T for DJL's libtorch, torch.set_num_threads(T) for PyTorch.
# Debian's python3-torch (1.13) uses the system libblas.so.3: the slow reference BLAS unless an
# optimized one (libopenblas0-pthread) is installed; the PyTorch side prints which one it loaded.
# Maven arguments (e.g. "-o -Dmaven.repo.local=/tmp/m2") can be given in MVN_ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
PY=/usr/bin/python3

THREADS=2
CASES="mlp dcgan28 dcgan64"
REPS=5
WARMUP=()
STEPS=()
BUILD=1
PYTHON=1
BUSY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS="$2"; shift 2 ;;
    --cases) CASES="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    --warmup) WARMUP=(--warmup "$2"); shift 2 ;;
    --steps) STEPS=(--steps "$2"); shift 2 ;;
    --busy) BUSY="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-python) PYTHON=0; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$REPS" -lt 5 ]; then
  echo "note: fewer than 5 repetitions ($REPS); the medians are less trustworthy" >&2
fi

cd "$ROOT"
build_core_bench "$BUILD"

if [ "$PYTHON" = 1 ] && ! "$PY" -c "import torch" 2>/dev/null; then
  echo "note: $PY cannot import torch (apt-get install python3-torch); gan4j only" >&2
  PYTHON=0
fi

PROCESSORS=$(getconf _NPROCESSORS_ONLN)
export OMP_NUM_THREADS="$THREADS"
declare -A JMS JRSS PMS PRSS

result() { # the RESULT line's field $2 from output $1
  sed -n "s/^RESULT .*$2=\([^ ]*\).*/\1/p" <<<"$1" | tail -1
}

BUSY_PIDS=()
stop_busy() { for p in "${BUSY_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_busy EXIT
for ((i = 0; i < BUSY; i++)); do
  bash -c 'while :; do :; done' &
  BUSY_PIDS+=($!)
done

echo "threads $THREADS; $BUSY busy loops; $PROCESSORS processors; JVM flags $(launcher_jvm_flags); load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
for c in $CASES; do
  # Nothing is downloaded at run time: DJL runs offline and untracked.
  out=$(run_step_benchmark --case "$c" --reps "$REPS" "${WARMUP[@]}" "${STEPS[@]}")
  echo "$out"
  JMS[$c]=$(result "$out" ms_per_step)
  JRSS[$c]=$(result "$out" rss_kb)
  if [ "$PYTHON" = 1 ]; then
    out=$("$PY" "$ROOT/bench/reference/training_step.py" --case "$c" --threads "$THREADS" --reps "$REPS" \
      "${WARMUP[@]}" "${STEPS[@]}")
    echo "$out"
    PMS[$c]=$(result "$out" ms_per_step)
    PRSS[$c]=$(result "$out" rss_kb)
  fi
done

echo
echo "Training step, threads $THREADS, $BUSY busy loops (median of $REPS repetitions; peak RSS of the process, MB)"
printf '%-8s %14s %16s %8s %11s %13s %8s\n' case "gan4j ms/step" "PyTorch ms/step" ratio "gan4j RSS" "PyTorch RSS" ratio
for c in $CASES; do
  jm=${JMS[$c]}; jr=${JRSS[$c]}; pm=${PMS[$c]:-}; pr=${PRSS[$c]:-}
  if [ -n "$pm" ]; then
    awk -v c="$c" -v jm="$jm" -v pm="$pm" -v jr="$jr" -v pr="$pr" 'BEGIN {
      printf "%-8s %14.2f %16.2f %8.2f %11.0f %13.0f %8.2f\n", c, jm, pm, jm / pm, jr / 1024, pr / 1024, jr / pr }'
  else
    awk -v c="$c" -v jm="$jm" -v jr="$jr" 'BEGIN {
      printf "%-8s %14.2f %16s %8s %11.0f %13s %8s\n", c, jm, "-", "-", jr / 1024, "-", "-" }'
  fi
done
