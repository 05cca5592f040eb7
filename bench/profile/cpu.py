#!/usr/bin/env python3
"""Where the CPU time of the measured training steps went, from async-profiler's collapsed stacks
(TrainingStepBenchmark --cpu-profile): every thread's samples (one per millisecond of CPU time),
each put in one category by the innermost frame that names one:

  engine kernels     libtorch's and oneDNN's compute: convolutions (oneDNN's generated code shows
                     as [unknown]), matrix products (MKL), element-wise loops, batch norm, copies
  OpenMP runtime     libgomp: threads handing work out and waiting at barriers (spinning)
  engine dispatch    libtorch's bookkeeping around the kernels: operator dispatch, autograd's
                     graph, tensor allocation (malloc/free) - code PyTorch runs as well
  JNI                DJL's native glue (Java_ai_djl_*) and the JVM's JNI functions
  Java               gan4j's and DJL's Java code (compiled, inlined or interpreted)
  JVM                the JVM itself: JIT compilers, garbage collection, interpreter runtime
  other              anything else (the operating system's own threads and frames we could not
                     place; listed under --show-other)

Native frames carry their library's name (the profile is written with async-profiler's `lib`
option), which decides most samples: libjvm is the JVM, libdjl_torch is JNI, libgomp is OpenMP;
in libtorch and libc10 the symbol separates kernels from dispatch; frames of libc, libm and
libstdc++ (memcpy, malloc, ...) and of the OS kernel count for their caller.

Framework overhead, what the issue asks to keep under 5%, is JNI + Java + JVM: the time a step
spends outside native kernels and the engine's own bookkeeping.

    cpu.py PROFILE.collapsed [--show-other N] [--top-java N]
"""
import argparse
import re
from collections import Counter

JVM = re.compile(
    r"^(Compile|C2Compiler|C1|Compilation|CompileBroker|PhaseChaitin|PhaseIdealLoop|PhaseIterGVN|PhaseCFG|"
    r"PhaseValues|PhaseOutput|Matcher|Node|IndexSet|ConnectionGraph|GraphKit|Parse|LinearScan|"
    r"G1|Serial|DefNew|Tenured|GenCollect|CardTable|ScavengableNMethods|OopMapSet|Generation|"
    r"MarkSweep|PSScavenge|VM_|VMThread|SafepointSynchronize|Interpreter|InterpreterRuntime|"
    r"SharedRuntime|OptoRuntime|Runtime1|CodeCache|CodeBlob|nmethod|Method|Klass|InstanceKlass|"
    r"ClassLoader|SystemDictionary|SymbolTable|ObjectMonitor|ObjectSynchronizer|Monitor|Mutex|"
    r"JavaThread|Thread::|os::|Unsafe_|JVM_|TypeArrayKlass|MemAllocator|CollectedHeap|"
    r"OptoRuntime|BarrierSet|StubRoutines|I2C|C2I|Deoptimization|frame::|ThreadLocalAllocBuffer|"
    r"AccessInternal|ThreadsSMRSupport|HandleMark|Chunk::|Arena|ResourceArea|JNIHandleBlock|"
    r"\[vdso\]|\[not_walkable|\[unknown_Java|\[no_Java_frame|\[deoptimization|\[call_stub|"
    r"\[GC_active|\[thread_state)")
JNI = re.compile(r"^(Java_ai_djl|djl::|jni_|JNIHandles|checked_jni|JNIEnv|_jni_|jni::|GetLongArrayElements|"
                 r"ReleaseLongArrayElements|NewObject|utils::)")
KERNEL = re.compile(
    r"(^\[unknown\]$|^dnnl::|^mkl_|^MKL|^sgemm|^dgemm|^at::native::|^at::vec|at::native::|"
    r"VectorizedLoop|cpu_kernel|^Sleef|^__memcpy|^__memset|^__memmove|^memcpy|^memset|"
    r"batch_norm|^xbyak|^jit_|^fbgemm|^__libm|^exp|^log|^tanh|^sqrt)")
OPENMP = re.compile(r"(libgomp|^GOMP_|^gomp_|^omp_|^__kmp|^do_spin|^do_wait|^gomp_barrier)")
DISPATCH = re.compile(
    r"^(c10::|at::|torch::|std::|caffe2::|_int_malloc|_int_free|malloc|free|cfree|__GI___libc_malloc|"
    r"__GI___libc_free|__libc_malloc|__libc_free|tcache|unlink_chunk|malloc_consolidate|posix_memalign|"
    r"_mid_memalign|__tls_get_addr|operator new|operator delete|pthread_|__pthread|__lll_|"
    r"sysmalloc|__munmap|__mmap|__madvise|_dl_|alloc_perturb|__strlen|__memcmp|__strcmp)")


RUNTIME_LIBS = ("libc.so", "libm.so", "libstdc++", "libpthread", "ld-linux", "libgcc_s", "libdl.so")


def split(frame):
    """(library, symbol) of a frame written with async-profiler's `lib` option ("lib.so`symbol")."""
    if "`" in frame:
        lib, _, symbol = frame.partition("`")
        return lib, symbol
    return "", frame


def category(frames):
    """The category of one sample, from its innermost frame that names one. Frames of the C and
    C++ runtimes (memcpy, malloc, ...) and of the operating system count for their caller."""
    for f in reversed(frames):
        if f.endswith("_[k]"):
            continue
        if f.endswith(("_[j]", "_[i]", "_[0]", "_[1]")):
            return "Java"
        lib, name = split(f)
        if lib:
            if lib.startswith("libjvm"):
                return "JVM"
            if lib.startswith("libdjl_torch"):
                return "JNI"
            if lib.startswith("libgomp"):
                return "OpenMP runtime"
            if lib.startswith(RUNTIME_LIBS):
                continue
            if lib.startswith(("libtorch", "libc10")):
                return "engine kernels" if KERNEL.search(name) else "engine dispatch"
        # No library: generated code ([unknown]: oneDNN's kernels) or a profile without `lib`.
        is_java = "/" in name and not name.startswith("/")
        if is_java:
            return "Java"
        if OPENMP.search(name):
            return "OpenMP runtime"
        if KERNEL.search(name):
            return "engine kernels"
        if JNI.search(name):
            return "JNI"
        if JVM.search(name):
            return "JVM"
        if DISPATCH.search(name):
            return "engine dispatch"
    return "other"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("profile")
    p.add_argument("--show-other", type=int, default=0)
    p.add_argument("--top-java", type=int, default=0)
    a = p.parse_args()
    cats = Counter()
    other = Counter()
    java = Counter()
    total = 0
    for line in open(a.profile):
        stack, n = line.rstrip("\n").rsplit(" ", 1)
        n = int(n)
        frames = stack.split(";")
        c = category(frames)
        cats[c] += n
        total += n
        if c == "other":
            other[frames[-1][:100]] += n
        if c == "Java":
            leaf = [f for f in frames if "/" in f][-1]
            java[leaf[:100]] += n
    print(f"{total} samples (1 ms of CPU time each)")
    order = ["engine kernels", "OpenMP runtime", "engine dispatch", "JNI", "Java", "JVM", "other"]
    for c in order:
        print(f"  {c:16s} {cats[c]:8d}  {100 * cats[c] / total:5.1f}%")
    overhead = cats["JNI"] + cats["Java"] + cats["JVM"]
    print(f"framework overhead (JNI + Java + JVM): {100 * overhead / total:.2f}% of CPU time")
    print(f"RESULT kernels={100 * cats['engine kernels'] / total:.2f} openmp={100 * cats['OpenMP runtime'] / total:.2f}"
          f" dispatch={100 * cats['engine dispatch'] / total:.2f} jni={100 * cats['JNI'] / total:.2f}"
          f" java={100 * cats['Java'] / total:.2f} jvm={100 * cats['JVM'] / total:.2f}"
          f" other={100 * cats['other'] / total:.2f} overhead={100 * overhead / total:.2f}")
    for k, v in other.most_common(a.show_other):
        print(f"  other: {v:6d} {k}")
    for k, v in java.most_common(a.top_java):
        print(f"  java:  {v:6d} {k}")


if __name__ == "__main__":
    main()
