#!/usr/bin/env bash
# Native-memory benchmark: trains the default toy GAN for 20,000 steps, with epochs of 2,000
# steps, and compares the process's resident memory after step 2,000 with that after step
# 20,000. Every per-step array is released, so the two should match within a few percent.
#
#   bench/native-memory.sh [extra gan train flags...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mktemp -d)/run"
STEPS=20000
PER_EPOCH=2000
# The batch size is the default (256); an epoch of 2,000 steps holds 512,000 samples.
"$ROOT/gan" train --steps "$STEPS" --dataset-opt samples=$((PER_EPOCH * 256)) --out "$OUT" --quiet "$@"
awk -F, -v per="$PER_EPOCH" -v steps="$STEPS" '
  NR == 1 { for (i = 1; i <= NF; i++) if ($i == "rss_mib") col = i; next }
  $2 == per { early = $col }
  $2 == steps { late = $col }
  END {
    if (early == "" || late == "") { print "rss_mib missing from metrics.csv"; exit 1 }
    printf "RSS after %d steps: %.1f MiB\nRSS after %d steps: %.1f MiB\nratio: %.3f (goal: within 10%%)\n",
      per, early, steps, late, late / early
    exit (late / early > 1.10 || late / early < 0.90) ? 1 : 0
  }' "$OUT/metrics.csv"
echo "per-epoch figures: $OUT/metrics.csv"
