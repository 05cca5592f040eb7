#!/usr/bin/env bash
# Where a training step's time goes, in gan4j and in PyTorch, for one case of the training-step
# benchmark (bench/training-step.sh):
#   1. gan4j's CPU profile (async-profiler, every thread, 1 ms of CPU time a sample) of the
#      measured steps, sorted by bench/profile/cpu.py into engine kernels, OpenMP, engine
#      dispatch, JNI, Java and JVM: the framework overhead is JNI + Java + JVM;
#   2. libtorch's own operator profile of the measured steps, gan4j's (through DJL) and PyTorch's
#      (torch.profiler), summed per operator by bench/profile/ops.py: calls, self time and time a
#      call, the same profiler on both sides;
#   3. the unprofiled step times (median of the repetitions) divided by the operator calls a step:
#      wall time per native operation.
#
#   bench/profile-step.sh [--case mlp|dcgan28|dcgan64 (dcgan64)] [--threads T (2)] [--reps R (5)]
#                         [--warmup W] [--steps N] [--out DIR] [--no-build] [--no-python]
#
# Profiles and tables are kept in DIR (default: a new temporary folder). Run it on an idle machine.
# The JIT compiler works through the first seconds of a run: for the mlp, whose default warm-up
# is 20 steps (0.1 s), give --warmup 2000 to profile steady state.
# Maven arguments (e.g. "-o") can be given in MVN_ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
PY=/usr/bin/python3
CASE=dcgan64
THREADS=2
REPS=5
STEPS=()
WARMUP=()
OUT=
BUILD=1
PYTHON=1
while [ $# -gt 0 ]; do
  case "$1" in
    --case) CASE="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    --steps) STEPS=(--steps "$2"); shift 2 ;;
    --warmup) WARMUP=(--warmup "$2"); shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-python) PYTHON=0; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
cd "$ROOT"
build_core_bench "$BUILD"
if [ "$PYTHON" = 1 ] && ! "$PY" -c "import torch" 2>/dev/null; then
  echo "note: $PY cannot import torch (apt-get install python3-torch); gan4j only" >&2
  PYTHON=0
fi
export OMP_NUM_THREADS="$THREADS"
gan4j() { # extra benchmark arguments...
  run_step_benchmark --case "$CASE" --reps "$REPS" "${WARMUP[@]}" "${STEPS[@]}" "$@"
}
field() { sed -n "s/^RESULT .*$2=\([^ ]*\).*/\1/p" <<<"$1" | tail -1; }

echo "case $CASE, threads $THREADS, $REPS repetitions; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); files in $OUT"
# Unprofiled first: the step time the operator counts are divided by.
plain=$(gan4j)
ms=$(field "$plain" ms_per_step)
steps=$(sed -n 's/.* \([0-9]*\) x \([0-9]*\) steps;.*/\2/p' <<<"$plain" | head -1)
measured=$((REPS * steps))
gan4j --cpu-profile "$OUT/gan4j-cpu.collapsed" >/dev/null
gan4j --op-profile "$OUT/gan4j-ops.json" >/dev/null
echo
echo "== gan4j: CPU time of the measured steps by category (async-profiler)"
"$PY" "$ROOT/bench/profile/cpu.py" "$OUT/gan4j-cpu.collapsed" | tee "$OUT/gan4j-cpu.txt"
echo
echo "== gan4j: libtorch operators ($measured profiled steps; unprofiled step $ms ms)"
"$PY" "$ROOT/bench/profile/ops.py" "$OUT/gan4j-ops.json" --steps "$measured" --json "$OUT/gan4j-ops-summary.json" \
  | tee "$OUT/gan4j-ops.txt"
if [ "$PYTHON" = 1 ]; then
  pplain=$("$PY" "$ROOT/bench/reference/training_step.py" --case "$CASE" --threads "$THREADS" --reps "$REPS" "${WARMUP[@]}" "${STEPS[@]}")
  pms=$(field "$pplain" ms_per_step)
  "$PY" "$ROOT/bench/reference/training_step.py" --case "$CASE" --threads "$THREADS" --reps "$REPS" "${WARMUP[@]}" \
    "${STEPS[@]}" --op-profile "$OUT/pytorch-ops.json" >/dev/null
  echo
  echo "== PyTorch: libtorch operators ($measured profiled steps; unprofiled step $pms ms)"
  "$PY" "$ROOT/bench/profile/ops.py" "$OUT/pytorch-ops.json" --steps "$measured" --json "$OUT/pytorch-ops-summary.json" \
    | tee "$OUT/pytorch-ops.txt"
fi
echo
echo "== wall time per native operation (unprofiled step time / operator calls a step)"
"$PY" - "$OUT" "$ms" "${pms:-}" <<'PY'
import json, sys
out, ms, pms = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = [("gan4j", ms, json.load(open(f"{out}/gan4j-ops-summary.json")))]
if pms:
    rows.append(("PyTorch", float(pms), json.load(open(f"{out}/pytorch-ops-summary.json"))))
print(f"{'':8s} {'ms/step':>9s} {'calls/step':>10s} {'us/call':>8s} {'kernel ms/step':>14s}")
for name, t, s in rows:
    print(f"{name:8s} {t:9.3f} {s['calls_per_step']:10.0f} {1000 * t / s['calls_per_step']:8.2f}"
          f" {s['self_ms_per_step']:14.3f}")
print("(kernel ms/step: the operators' own time under the profiler, which slows small operators down)")
PY
