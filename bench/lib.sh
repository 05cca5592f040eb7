# Shared by the bench scripts that run gan-core's TrainingStepBenchmark; source it after setting
# ROOT. Maven arguments (e.g. "-o") can be given in MVN_ARGS.

# The classpath file the build writes.
CORE_CP_FILE="$ROOT/gan-core/target/bench.classpath"

# Builds gan-core and its test classes and writes their classpath; $1 = 1 to build even when the
# classpath file exists.
build_core_bench() {
  # shellcheck disable=SC2086
  if [ "$1" = 1 ] || [ ! -f "$CORE_CP_FILE" ]; then
    (cd "$ROOT" && mvn -B -q ${MVN_ARGS:-} -pl gan-core -am install -DskipTests)
    (cd "$ROOT" && mvn -B -q ${MVN_ARGS:-} -pl gan-core test-compile dependency:build-classpath \
      -Dmdep.outputFile="$CORE_CP_FILE" -Dmdep.includeScope=test)
  fi
}

# The JVM flags the gan launcher runs with, so that benchmarks measure what users get.
launcher_jvm_flags() {
  sed -n 's/^GAN_JVM_FLAGS="\(.*\)"$/\1/p' "$ROOT/gan"
}

# Runs TrainingStepBenchmark with the launcher's flags on $THREADS threads, offline; arguments
# go to the benchmark.
run_step_benchmark() {
  # shellcheck disable=SC2046
  OMP_NUM_THREADS="$THREADS" DJL_OFFLINE=true OPT_OUT_TRACKING=true java $(launcher_jvm_flags) \
    -Doffline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads="$THREADS" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
    -cp "$ROOT/gan-core/target/test-classes:$ROOT/gan-core/target/classes:$(cat "$CORE_CP_FILE")" \
    org.gan4j.core.bench.TrainingStepBenchmark "$@"
}
