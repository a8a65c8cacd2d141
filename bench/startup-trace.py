#!/usr/bin/env python3
"""Where a .NET process's start goes, from a dotnet-trace thread-time trace converted to speedscope.

Usage: python3 bench/startup-trace.py TRACE.speedscope.json [--until MS] [--depth 4] [--min-percent 2]

Reads the stacks of every thread up to MS milliseconds after the trace's first sample (the moment the program was
healthy, say), drops the time a thread spends waiting (a blocked wait, a sleep, an idle thread-pool worker,
the socket and file watchers' reads), and prints:
  - each thread's busy time, and the whole process's;
  - the main thread's busy time as a tree from Program.<Main>$ down DEPTH levels, each frame's inclusive milliseconds
    and share of the main thread's busy time, frames under MIN-PERCENT left out;
  - the busiest frames of the other threads (inclusive), which is where work the start kicks off (a hosted service,
    the first request) runs.
bench/web-pages.sh --trace-start writes the traces this reads. Exit code 2 for a usage error.
"""
import json
import sys
from collections import defaultdict

WAITING = ("WaitHandle.WaitOneNoCheck", "Monitor.Wait", "LowLevelLifoSemaphore.WaitNative", "LowLevelLifoSemaphore.WaitForSignal",
           "Interop+Sys.Read", "SocketAsyncEngine.EventLoop", "Thread.Sleep", "LowLevelSpinWaiter.Wait", "WaitSubsystem",
           "Interop+Sys.WaitForSocketEvents", "ManualResetEventSlim.Wait", "Interop+Sys.LowLevelMonitor_Wait")
# Frames that only carry the work of their callees (async state machines, reflection's invokers, the thread pool's
# loop): left out of the tree and the lists, so that each level is a step of the program's own.
PLUMBING = ("MoveNext", "AsyncTaskMethodBuilder", "AsyncMethodBuilderCore", "AsyncValueTaskMethodBuilder", "ExecutionContext.Run",
            "__Canon].Start(", "System.Reflection.", "RuntimeMethodHandle", "TaskAwaiter", "Thread.StartCallback",
            "WorkerThreadStart", "ThreadPoolWorkQueue.Dispatch", "Threads", "(Non-Activities)", "Process64 ", "UNMANAGED_CODE_TIME",
            "CPU_TIME", "IThreadPoolWorkItem.Execute", "AwaitTaskContinuation", "Task.RunContinuations", "Task.ExecuteWithThreadLocal",
            "Task.ExecuteEntryUnsafe", "SetExistingTaskResult", "TrySetResult", "Missing Symbol")


def own(frames):
    return [name for name in frames if not any(p in name for p in PLUMBING)]


def main(argv):
    args = {"--until": None, "--depth": "4", "--min-percent": "2"}
    paths = []
    i = 0
    while i < len(argv):
        if argv[i] in args and i + 1 < len(argv):
            args[argv[i]] = argv[i + 1]
            i += 2
        elif argv[i].startswith("-"):
            print(f"unknown option {argv[i]} (see the file's first lines)", file=sys.stderr)
            return 2
        else:
            paths.append(argv[i])
            i += 1
    if len(paths) != 1:
        print("usage: python3 bench/startup-trace.py TRACE.speedscope.json [--until MS] [--depth 4] [--min-percent 2]", file=sys.stderr)
        return 2
    until = float(args["--until"]) if args["--until"] else None
    depth, min_percent = int(args["--depth"]), float(args["--min-percent"])

    with open(paths[0]) as f:
        doc = json.load(f)
    names = [frame["name"] for frame in doc["shared"]["frames"]]
    profiles = [p for p in doc["profiles"] if p.get("type") == "evented"]
    if not profiles:
        print(f"{paths[0]} holds no evented profiles (dotnet-trace convert --format Speedscope writes them)", file=sys.stderr)
        return 2
    origin = min(p["startValue"] for p in profiles)

    busy_by_thread = {}
    main_tree = None
    others = defaultdict(float)
    for profile in profiles:
        # An evented profile opens and closes frames: between two events the open frames are the thread's stack.
        spans = []
        stack = []
        last = profile["startValue"]
        for event in profile["events"]:
            at = event["at"]
            if stack and at > last:
                spans.append((last, at - last, [names[f] for f in stack]))
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack and event["type"] == "C":
                stack.pop()
        seen_main = any("Program.<Main>$" in name for _, _, frames in spans for name in frames)
        busy = 0.0
        tree = {}
        for at, weight, frames in spans:
            if until is not None:
                if at - origin >= until:
                    break
                weight = min(weight, until - (at - origin))
            if any(w in name for name in frames for w in WAITING):
                continue
            busy += weight
            if seen_main:
                start = next((k for k, name in enumerate(frames) if "Program.<Main>$" in name), None)
                if start is None:
                    continue
                node = tree
                for name in own(frames[start:])[:depth + 1]:
                    entry = node.setdefault(name, [0.0, {}])
                    entry[0] += weight
                    node = entry[1]
            else:
                for name in set(own(frames)):
                    others[name] += weight
        busy_by_thread[profile["name"]] = busy
        if seen_main:
            main_tree = (profile["name"], busy, tree)

    unit = profiles[0].get("unit", "milliseconds")
    print(f"Busy time by thread (ms, {unit}; waiting samples left out){' up to ' + str(until) + ' ms' if until else ''}:")
    for name, busy in sorted(busy_by_thread.items(), key=lambda kv: -kv[1]):
        if busy >= 1:
            print(f"  {busy:8.1f}  {name}")
    print(f"  {sum(busy_by_thread.values()):8.1f}  all threads")
    if main_tree:
        name, busy, tree = main_tree
        print(f"\nThe main thread ({name}), {busy:.1f} ms busy, from Program.<Main>$ down:")

        def show(node, level):
            for frame, (ms, children) in sorted(node.items(), key=lambda kv: -kv[1][0]):
                if busy and 100 * ms / busy < min_percent:
                    continue
                print(f"  {ms:8.1f} {100 * ms / busy:5.1f}%  {'  ' * level}{frame[:150]}")
                show(children, level + 1)

        show(tree, 0)
    print("\nThe other threads' busiest frames (inclusive ms, plumbing left out):")
    for frame, ms in sorted(others.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {ms:8.1f}  {frame[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
