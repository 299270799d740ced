#!/usr/bin/env bash
# The release tarball works on a machine without Swift or cmark-gfm, and builds exactly what the
# normally built binary builds.
#
#   Tests/clients/check_packaged.sh <herald-*.tar.gz> <a normally built herald> <work folder>
#
# It unpacks the tarball into an empty folder and, in a private mount namespace where the Swift
# toolchain's folder and every libcmark-gfm shared library are hidden (bind mounts over them), with
# an environment of only PATH=<unpacked>:/usr/bin:/bin and HOME, runs: herald init, check, new,
# build. Then the normal binary builds the same folder with the same clock, and the two sites must
# be identical file for file. Needs root (unshare -m), as CI has.
set -euo pipefail

tarball=$(readlink -f "$1")
normal=$(readlink -f "$2")
work=$3
now=2026-12-02T10:00:00Z

rm -rf "$work"
mkdir -p "$work/unpacked" "$work/empty"
tar -xzf "$tarball" -C "$work/unpacked"
bin=$(dirname "$(find "$work/unpacked" -name herald -type f)")
echo "unpacked: $(ls "$bin" | tr '\n' ' ')"
echo "size: $(du -k "$bin/herald" | cut -f1) KiB (binary), $(du -k "$tarball" | cut -f1) KiB (tarball)"
echo "needs: $(readelf -d "$bin/herald" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"

# What to hide: the toolchain that `swift` comes from, and cmark-gfm's shared libraries.
hide=()
if swift_path=$(command -v swift 2>/dev/null); then
  hide+=("$(dirname "$(dirname "$(readlink -f "$swift_path")")")")  # <toolchain>/usr
fi
while read -r library; do hide+=("$library"); done < <(ldconfig -p | sed -n 's/.*libcmark-gfm.* => //p' | xargs -r readlink -f | sort -u)
echo "hidden: ${hide[*]}"

mkdir -p "$work/status"
# shellcheck disable=SC2016
unshare -m bash -euo pipefail -c '
  bin=$1 work=$2 now=$3
  shift 3
  for path in "$@"; do
    if [ -d "$path" ]; then mount --bind "$work/empty" "$path"; else mount --bind /dev/null "$path"; fi
  done
  run() { echo "+ herald $*"; env -i PATH="$bin:/usr/bin:/bin" HOME="$work" herald "$@"; }
  if env -i PATH="$bin:/usr/bin:/bin" sh -c "command -v swift" >/dev/null; then echo "swift is still reachable"; exit 1; fi
  cd "$work/status"
  run init . --timezone Europe/Berlin --title "Packaged Status"
  run check --strict
  run new "Checkout errors" --impact major --components api --now "$now" -m "Some payments fail; we are on it."
  run build --now "$now"
  test -f site/index.html
' bash "$bin" "$work" "$now" "${hide[@]}"

echo "+ the normal binary builds the same folder"
"$normal" build --root "$work/status" --output "$work/site-normal" --now "$now" >/dev/null
if diff -r --exclude=.herald "$work/status/site" "$work/site-normal"; then
  echo "ok: the packaged binary's site is identical to the normal binary's ($(find "$work/site-normal" -type f | wc -l) files)"
else
  echo "FAILED: the packaged binary built a different site"
  exit 1
fi
