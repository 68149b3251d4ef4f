#!/usr/bin/env python3
"""Runs commands interleaved (a, b, c, a, b, c...) and prints the median of
each one's wall time, CPU time (user + system) and peak RSS, with the ratios
of the first command to the others. Interleaving spreads the load other
processes put on a shared machine over all commands alike, so the ratios of
one run hold even when the absolute times do not.

Usage: measure.py RUNS [--stdin FILE] [--input-bytes N] NAME=COMMAND...
COMMAND is run by /bin/sh with its standard output thrown away.
"""
import os
import statistics
import subprocess
import sys
import time


def run_once(command, stdin_path):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(["/bin/sh", "-c", "exec " + command], stdin=stdin,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if stdin_path:
        stdin.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def main():
    arguments = sys.argv[1:]
    runs = int(arguments.pop(0))
    stdin_path = None
    input_bytes = None
    while arguments and arguments[0].startswith("--"):
        option = arguments.pop(0)
        if option == "--stdin":
            stdin_path = arguments.pop(0)
        elif option == "--input-bytes":
            input_bytes = int(arguments.pop(0))
    commands = [argument.split("=", 1) for argument in arguments]
    samples = {name: [] for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            samples[name].append(run_once(command, stdin_path))
    medians = {name: tuple(statistics.median(s[i] for s in runs_of) for i in range(3))
               for name, runs_of in samples.items()}
    first = commands[0][0]
    for name, _ in commands:
        wall, cpu, rss = medians[name]
        line = f"  {name:<22} wall {wall * 1000:9.2f} ms  cpu {cpu * 1000:9.2f} ms  peak RSS {rss / 2**20:8.1f} MB"
        if input_bytes:
            line += f" ({rss / input_bytes:5.2f}x input)"
        if name != first:
            ours_wall, ours_cpu, _ = medians[first]
            line += f"  | {first}/{name}: wall {ours_wall / wall:6.2f}  cpu {ours_cpu / cpu if cpu else float('nan'):6.2f}"
        print(line)
    print(f"  (median of {runs} interleaved runs)")


if __name__ == "__main__":
    main()
