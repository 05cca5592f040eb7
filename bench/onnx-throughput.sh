#!/usr/bin/env bash
# Sampling throughput of DCGAN's 64x64 generator: DJL's eager forward pass against ONNX Runtime
# on the exported file (batch norm kept, and folded), at batch 1 and 256. Prints samples per
# second (medians) and the ratios.
#
#   bench/onnx-throughput.sh [repetitions (7)] [warm-up calls (3)]
#
# Threads: libtorch follows OMP_NUM_THREADS from your environment (all cores when unset); ONNX
# Runtime uses all cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP_FILE="$ROOT/gan-export/target/bench.classpath"
cd "$ROOT"
mvn -B -q ${MVN_ARGS:-} -pl gan-export -am install -DskipTests
mvn -B -q ${MVN_ARGS:-} -pl gan-export test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
# Nothing is downloaded at run time: DJL runs offline and untracked.
DJL_OFFLINE=true OPT_OUT_TRACKING=true exec java \
  -Doffline=true -DOPT_OUT_TRACKING=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$ROOT/gan-export/target/test-classes:$ROOT/gan-export/target/classes:$(cat "$CP_FILE")" \
  org.gan4j.export.bench.SamplingThroughputBenchmark "$@"
