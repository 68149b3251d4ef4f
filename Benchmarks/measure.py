#!/usr/bin/env python3
"""Runs commands interleaved (a, b, c, a, b, c...) and prints the median of
each one's wall time, CPU time (user + system) and peak RSS, with the ratios
of the first command to the others. Interleaving spreads the load other
processes put on a shared machine over all commands alike, so the ratios of
one run hold even when the absolute times do not.

Usage: measure.py RUNS [--stdin FILE] [--rss [--input-bytes N]] NAME=COMMAND...
COMMAND is run by /bin/sh with its standard output thrown away.
--rss takes the peak RSS from GNU time wrapped around the command: a child's
own rusage starts from the RSS of the process that forked it (this Python,
about 15 MB), which hides everything smaller. The wrapper costs about a
millisecond, so start-up measurements go without it.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command, stdin_path, rss_file):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    argv = ["/bin/sh", "-c", "exec " + command]
    if rss_file:
        argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if stdin_path:
        stdin.close()
    rss = None
    if rss_file:
        with open(rss_file) as report:
            rss = int(report.read().split()[-1]) * 1024
    return wall, usage.ru_utime + usage.ru_stime, rss


def main():
    arguments = sys.argv[1:]
    runs = int(arguments.pop(0))
    stdin_path = None
    input_bytes = None
    rss_file = None
    while arguments and arguments[0].startswith("--"):
        option = arguments.pop(0)
        if option == "--stdin":
            stdin_path = arguments.pop(0)
        elif option == "--input-bytes":
            input_bytes = int(arguments.pop(0))
        elif option == "--rss":
            rss_file = tempfile.NamedTemporaryFile(prefix="measure-rss-", delete=False).name
    commands = [argument.split("=", 1) for argument in arguments]
    samples = {name: [] for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            samples[name].append(run_once(command, stdin_path, rss_file))
    if rss_file:
        os.unlink(rss_file)
    medians = {name: (statistics.median(s[0] for s in runs_of), statistics.median(s[1] for s in runs_of),
                      statistics.median(s[2] for s in runs_of) if rss_file else None)
               for name, runs_of in samples.items()}
    first = commands[0][0]
    for name, _ in commands:
        wall, cpu, rss = medians[name]
        line = f"  {name:<22} wall {wall * 1000:9.2f} ms  cpu {cpu * 1000:9.2f} ms"
        if rss is not None:
            line += f"  peak RSS {rss / 2**20:8.1f} MB"
            if input_bytes:
                line += f" ({rss / input_bytes:5.2f}x input)"
        if name != first:
            ours_wall, ours_cpu, _ = medians[first]
            line += f"  | {first}/{name}: wall {ours_wall / wall:6.2f}  cpu {ours_cpu / cpu if cpu else float('nan'):6.2f}"
        print(line)
    print(f"  (median of {runs} interleaved runs)")


if __name__ == "__main__":
    main()
