#!/usr/bin/env python3
"""Times `herald build` on a site the way the README's performance table reports it.

usage: Benchmarks/measure.py HERALD ROOT [RUNS] [FIRST_RUNS]

- rebuild: RUNS builds over the previous output (its `.<name>.herald-previous` spare exists), the
  usual case on a developer's machine or a CI runner that keeps its workspace;
- first build: FIRST_RUNS builds with the output and its spare deleted beforehand (untimed), as on
  a fresh CI clone;
- floors, measured in the same run: `cp -r` of Herald's output into a new folder, and Debian's
  `cmark-gfm` (package cmark-gfm, same extensions, safe by default) rendering every incident body
  in one process;
- empty templates: RUNS rebuilds of a copy of the site whose theme templates are all empty files,
  so the same incidents are parsed and the same number of files written without any template
  work; its difference from the rebuild is what the theme's templates cost, with writing and
  checking the bytes they produce.

Every timed command starts after an untimed `sync`, so that no earlier writes are pending. Medians
are printed, with every run, the CPU time (user + system) and the peak memory of the builds.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

herald, root = sys.argv[1], os.path.abspath(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
first_runs = int(sys.argv[4]) if len(sys.argv) > 4 else runs
scratch = tempfile.mkdtemp(prefix="herald-measure-")
output = os.path.join(scratch, "site")
spare = os.path.join(scratch, ".site.herald-previous")
copy = os.path.join(scratch, "copy")


def build(site=root, into=output):
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", herald, "build", "--root", site, "--output", into,
         "--now", "2026-11-27T09:00:00Z"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    peak, user, system = result.stderr.strip().splitlines()[-1].split()
    return wall, int(peak) / 1024, float(user) + float(system)


def bodies():
    texts = []
    folder = os.path.join(root, "incidents")
    for name in sorted(os.listdir(folder)):
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        parts = text.split("\n---\n", 1)
        texts.append(parts[1] if len(parts) == 2 else text)
    return "\n\n".join(texts).encode()


# Warm-up: after the first build the output exists, after the second its spare does too, so
# every timed rebuild writes over the spare's files, as rebuilds on a developer's machine do.
build()
build()
rebuilds = [build() for _ in range(runs)]
firsts = []
for _ in range(first_runs):
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(spare, ignore_errors=True)
    firsts.append(build())
copies = []
for _ in range(runs):
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    subprocess.run(["cp", "-r", output, copy], check=True)
    copies.append(time.perf_counter() - start)
markdown = bodies()
marks = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter",
                    "-e", "tasklist"], input=markdown, check=True, stdout=subprocess.DEVNULL)
    marks.append(time.perf_counter() - start)
files = sum(len(names) for _, _, names in os.walk(output))
bare = os.path.join(scratch, "empty-templates")
# Everything but hidden files and the output; every template is emptied wherever herald.yml's
# `theme:` points (Herald refuses a theme folder outside the site's folder).
shutil.copytree(root, bare, ignore=lambda folder, names: [
    name for name in names if name.startswith(".") or (folder == root and name == "site")])
for folder, _, names in os.walk(bare):
    for name in names:
        if name.endswith(".mustache"):
            open(os.path.join(folder, name), "w").close()
bare_output = os.path.join(scratch, "empty-templates-site")
build(bare, bare_output)  # warm-up, as above
build(bare, bare_output)
bares = [build(bare, bare_output) for _ in range(runs)]
shutil.rmtree(scratch, ignore_errors=True)

median = statistics.median
rebuild, first = median([r[0] for r in rebuilds]), median([r[0] for r in firsts])
cp, cmark = median(copies), median(marks)
empty = median([r[0] for r in bares])
print(f"{os.path.basename(root)}: {files} files")
print(f"  rebuild      {rebuild:.3f} s  runs {[round(r[0], 2) for r in rebuilds]}"
      f"  cpu {median([r[2] for r in rebuilds]):.2f} s  peak {median([r[1] for r in rebuilds]):.0f} MB")
print(f"  first build  {first:.3f} s  runs {[round(r[0], 2) for r in firsts]}")
print(f"  cp -r        {cp:.3f} s  runs {[round(c, 2) for c in copies]}")
print(f"  cmark-gfm    {cmark:.3f} s")
print(f"  empty templates {empty:.3f} s  runs {[round(r[0], 2) for r in bares]}"
      f"  cpu {median([r[2] for r in bares]):.2f} s")
print(f"  ratios       rebuild/cp {rebuild / cp:.2f}  first/cp {first / cp:.2f}  rebuild/cmark {rebuild / cmark:.1f}")
