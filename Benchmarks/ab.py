#!/usr/bin/env python3
"""Alternating A/B of two herald binaries on one site: the comparison docs/performance.md quotes.

usage: Benchmarks/ab.py HERALD_A HERALD_B ROOT [RUNS]

Each binary first builds the site twice untimed into its own output folder (so that every timed
build is a rebuild over a spare, as on a developer's machine), then the two take turns, A B A B
..., RUNS times each, every run after a `sync`, with a pinned clock. Reported per binary: the
median wall time, CPU time (user + system) and peak memory (maximum resident set), with the
ranges; and B against A. The outputs of the last runs are compared file by file: an A/B is only
meaningful when both build the same site.
"""
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile

herald_a, herald_b, root = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 11
now = "2026-11-27T09:00:00Z"
scratch = tempfile.mkdtemp(prefix="herald-ab-")


def build(herald, output):
    subprocess.run(["sync"], check=True)
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", herald, "build", "--root", root, "--output", output, "--now", now],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    wall, user, system, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(kilobytes) / 1024


outputs = {"A": os.path.join(scratch, "a", "site"), "B": os.path.join(scratch, "b", "site")}
binaries = {"A": herald_a, "B": herald_b}
for name in "AB":
    for _ in range(2):
        build(binaries[name], outputs[name])
samples = {"A": [], "B": []}
for run in range(runs):
    for name in "AB":
        samples[name].append(build(binaries[name], outputs[name]))
        wall, cpu, peak = samples[name][-1]
        print(f"run {run + 1} {name}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MB", flush=True)


def summary(name):
    walls, cpus, peaks = zip(*samples[name])
    return statistics.median(walls), statistics.median(cpus), statistics.median(peaks), walls


medians = {}
for name in "AB":
    wall, cpu, peak, walls = summary(name)
    medians[name] = (wall, cpu, peak)
    print(f"{name} ({binaries[name]}): median {wall:.3f} s wall ({min(walls):.2f}-{max(walls):.2f}), "
          f"{cpu:.2f} s CPU, {peak:.0f} MB peak")
for index, label in enumerate(["wall", "CPU", "peak memory"]):
    a, b = medians["A"][index], medians["B"][index]
    print(f"B/A {label}: {b / a:.3f} ({(b / a - 1) * 100:+.1f} %)")
comparison = filecmp.dircmp(outputs["A"], outputs["B"])


def differences(cmp, prefix=""):
    found = [prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only if name != ".herald"]
    for name, sub in cmp.subdirs.items():
        found += differences(sub, prefix + name + "/")
    return found


different = differences(comparison)
print("outputs identical" if not different else f"outputs differ in {len(different)} files, such as {different[:5]}")
