#!/usr/bin/env python3
"""Per-operator time from a libtorch profiler trace (Chrome trace JSON).

Reads what TrainingStepBenchmark --op-profile writes (DJL's JniUtils.stopProfile) and what
bench/reference/training_step.py --op-profile writes (torch.profiler's export_chrome_trace):
both are libtorch's own profiler, so the operator names and the timing are the same on both
sides. For each operator name: calls, self time (its duration less that of the operators it
called) and total time, per step.

    ops.py TRACE.json --steps N [--top K] [--json OUT.json]

--steps is the number of training steps the trace covers (to print per-step figures).
"""
import argparse
import json
from collections import defaultdict


def load_events(path):
    with open(path) as f:
        text = f.read().strip()
    # DJL's writer leaves a trailing comma before the closing bracket on some versions.
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = json.loads(text.rstrip("]").rstrip().rstrip(",") + "]")
    events = data["traceEvents"] if isinstance(data, dict) else data
    ops = []
    for e in events:
        if e.get("ph") != "X" or "dur" not in e:
            continue
        cat = e.get("cat", "cpu_op")
        if cat not in ("cpu_op", "operator", "Operator"):
            continue
        ops.append((e["tid"], float(e["ts"]), float(e["dur"]), e["name"]))
    return ops


def self_times(ops):
    """Self time of every event: nested events on one thread form a tree by their intervals."""
    by_thread = defaultdict(list)
    for tid, ts, dur, name in ops:
        by_thread[tid].append((ts, -dur, name))
    stats = defaultdict(lambda: [0, 0.0, 0.0])  # calls, self us, total us (top-most calls only)
    for events in by_thread.values():
        events.sort()
        stack = []  # [end, name, child time]
        def close(until):
            while stack and stack[-1][0] <= until + 1e-6:
                end, name, start, child = stack.pop()
                dur = end - start
                stats[name][1] += dur - child
                if stack:
                    stack[-1][3] += dur
                if not any(s[1] == name for s in stack):
                    stats[name][2] += dur
        for ts, neg, name in events:
            close(ts)
            stack.append([ts - neg, name, ts, 0.0])
            stats[name][0] += 1
        close(float("inf"))
    return stats


def main():
    p = argparse.ArgumentParser()
    p.add_argument("trace")
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--json")
    a = p.parse_args()
    ops = load_events(a.trace)
    stats = self_times(ops)
    total_self = sum(v[1] for v in stats.values())
    calls = sum(v[0] for v in stats.values())
    print(f"{len(ops)} operator calls over {a.steps} steps: {calls / a.steps:.0f} calls and"
          f" {total_self / a.steps / 1e3:.2f} ms of operator time a step,"
          f" {total_self / calls:.1f} us a call")
    print(f"{'operator':44s} {'calls/step':>10s} {'self ms/step':>12s} {'share':>6s} {'us/call':>8s}")
    rows = sorted(stats.items(), key=lambda kv: -kv[1][1])
    for name, (n, self_us, total_us) in rows[: a.top]:
        print(f"{name[:44]:44s} {n / a.steps:10.1f} {self_us / a.steps / 1e3:12.3f}"
              f" {100 * self_us / total_self:5.1f}% {self_us / n:8.1f}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"steps": a.steps, "calls_per_step": calls / a.steps,
                       "self_ms_per_step": total_self / a.steps / 1e3,
                       "ops": {k: {"calls": v[0], "self_us": v[1]} for k, v in stats.items()}}, f)


if __name__ == "__main__":
    main()
