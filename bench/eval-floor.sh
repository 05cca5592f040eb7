#!/usr/bin/env bash
# The floor and a ceiling of gan eval's Fashion-MNIST numbers: real images of the training split
# (10,000 and 2,500) against the test split, and 10,000 images of uniform noise, on the cached
# classifier's features, exactly as `gan eval` computes them. Prints each set's metrics.
#
#   bench/eval-floor.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/gan" plugins > /dev/null   # builds the command line when needed
DJL_OFFLINE=true OPT_OUT_TRACKING=true exec java -Doffline=true -DOPT_OUT_TRACKING=true \
  -cp "$ROOT/gan-cli/target/gan-cli.jar:$ROOT/gan-cli/target/lib/*" "$ROOT/bench/EvalFloor.java"
