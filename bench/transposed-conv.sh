#!/usr/bin/env bash
# Transposed-convolution benchmark: TransposedConv2d's two forms, libtorch's own conv_transpose2d
# (Form.NATIVE) and the sub-pixel form (one convolution, a pixel shuffle and a crop), against the
# zero-stuffing form, forward and backward, at DCGAN-64 generator shapes. Prints the
# median milliseconds per call of each form and their ratio.
#
#   bench/transposed-conv.sh [batch (64)] [repetitions (10)] [warm-up calls (3)]
#
# Threads: libtorch follows OMP_NUM_THREADS from your environment (all cores when unset).
# Maven arguments (e.g. "-o") can be given in MVN_ARGS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP_FILE="$ROOT/gan-models/target/bench.classpath"
cd "$ROOT"
mvn -B -q ${MVN_ARGS:-} -pl gan-models -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
# Nothing is downloaded at run time: DJL runs offline and untracked.
DJL_OFFLINE=true OPT_OUT_TRACKING=true exec java \
  -Doffline=true -DOPT_OUT_TRACKING=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$ROOT/gan-models/target/test-classes:$ROOT/gan-models/target/classes:$(cat "$CP_FILE")" \
  org.gan4j.models.bench.TransposedConvBenchmark "$@"
