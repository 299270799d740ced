#!/usr/bin/env bash
# How long a CI run takes from nothing to a built site when Herald is installed, not compiled:
# a fresh `git clone` of a status repository made by `herald init` (with N generated incidents),
# unpacking the release tarball, and `herald build`. Prints each run and the median.
#
#   Benchmarks/first-publish.sh <herald-*.tar.gz> [runs=10] [incidents=0]
#
# The clone is from a local bare repository (no network), so this measures Herald's part and
# git's, not a network. Download time of the tarball is left out: it depends on the link.
set -euo pipefail

tarball=$(readlink -f "$1")
runs=${2:-10}
incidents=${3:-0}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The status repository, once: herald init, plus generated incidents if asked.
mkdir -p "$work/tool"
tar -xzf "$tarball" -C "$work/tool"
herald=$(find "$work/tool" -name herald -type f)
"$herald" init "$work/source" --timezone Europe/Berlin >/dev/null
if [ "$incidents" -gt 0 ]; then
  python3 "$root/Benchmarks/generate-corpus.py" "$incidents" "$work/corpus" >/dev/null
  cp "$work/corpus/herald.yml" "$work/source/herald.yml"
  cp -r "$work/corpus/incidents/." "$work/source/incidents/"
fi
git -C "$work/source" init -q
git -C "$work/source" add -A
git -C "$work/source" -c user.name=bench -c user.email=bench@example.com commit -qm "Status page"
git clone -q --bare "$work/source" "$work/origin.git"

times=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/run"
  mkdir -p "$work/run"
  sync
  start=$(date +%s.%N)
  git clone -q "file://$work/origin.git" "$work/run/status"
  mkdir -p "$work/run/bin"
  tar -xzf "$tarball" -C "$work/run/bin"
  "$(find "$work/run/bin" -name herald -type f)" build --root "$work/run/status" >/dev/null
  end=$(date +%s.%N)
  seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
  times+=("$seconds")
  echo "run $run: $seconds s"
done
printf '%s\n' "${times[@]}" | python3 -c "
import statistics, sys
values = [float(line) for line in sys.stdin]
print(f'median {statistics.median(values):.3f} s, min {min(values):.3f} s, max {max(values):.3f} s over {len(values)} runs')
"
