#!/usr/bin/env bash
# Installs a released herald binary: downloads herald-<version>-linux-<arch>.tar.gz and its .sha256,
# checks the checksum and the archive's contents, and puts `herald` into a folder (atomically).
# It is the one installer: the GitHub Action (action.yml) runs it, and so can anyone on a Linux host.
#
#   scripts/install.sh --version 0.1.0 --repository OWNER/NAME [--dir DIR]
#   scripts/install.sh --version 0.1.0 --base-url URL [--dir DIR]
#
# Exit codes: 0 installed; 1 failure (including a checksum mismatch or a malformed checksum file or
# archive; nothing is installed then); 2 the release has no such asset (HTTP 404), so that a caller
# can build from source instead; 64 usage.
set -Eeuo pipefail
# Any unexpected failure exits 1: a failing command's own status (tar's 2, say) must never pass for
# exit 2, which tells the caller to build from source.
trap 'exit 1' ERR

prog=install.sh

usage() {
  cat <<'USAGE'
Usage: install.sh --version X.Y.Z (--repository OWNER/NAME | --base-url URL) [--dir DIR]

Installs the herald release binary for this machine (Linux x86_64 or aarch64).

Options:
  --version X.Y.Z          the release to install (a leading "v" is accepted)
  --repository OWNER/NAME  Herald's GitHub repository; the files are downloaded from
                           https://github.com/OWNER/NAME/releases/download/vX.Y.Z
  --base-url URL           download from URL instead (a mirror, or file:///path/to/dist);
                           URL/herald-X.Y.Z-linux-ARCH.tar.gz and its .sha256 must exist there
  --dir DIR                where to put herald (default: $HOME/.local/bin)
  -h, --help               show this help

Environment:
  HERALD_DOWNLOADER        curl or wget, to choose the downloader (default: curl if present)

Exit codes: 0 installed, 1 failed (nothing installed), 2 no such release asset (HTTP 404),
64 usage error.
USAGE
}

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
fail() { say "error: $*"; exit 1; }
usage_error() { say "$*"; say "run 'install.sh --help' for usage"; exit 64; }

version=""
repository=""
base_url=""
dir=""
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --version | --repository | --base-url | --dir)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      opt=$1 value=$2
      shift 2
      ;;
    --version=* | --repository=* | --base-url=* | --dir=*)
      opt=${1%%=*} value=${1#*=}
      shift
      ;;
    *) usage_error "unknown argument: $1" ;;
  esac
  [ -n "$value" ] || usage_error "$opt needs a non-empty value"
  case $opt in
    --version) version=${value#v} ;;
    --repository) repository=$value ;;
    --base-url) base_url=${value%/} ;;
    --dir) dir=$value ;;
  esac
done

[ -n "$version" ] || usage_error "--version is required"
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z][0-9A-Za-z.-]*)?$ ]]; then
  usage_error "--version must look like 1.2.3 (got '$version')"
fi
if [ -z "$base_url" ]; then
  [ -n "$repository" ] || usage_error "give --repository OWNER/NAME (Herald's GitHub repository) or --base-url URL"
  if ! [[ $repository =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
    usage_error "--repository must look like OWNER/NAME (got '$repository')"
  fi
  base_url="https://github.com/$repository/releases/download/v$version"
fi
case $base_url in
  https://* | http://* | file:///*) ;;
  *) usage_error "--base-url must start with https://, http:// or file:/// (got '$base_url')" ;;
esac
if [ -z "$dir" ]; then
  [ -n "${HOME:-}" ] || usage_error "HOME is not set; give --dir"
  dir=$HOME/.local/bin
fi
case $dir in
  /*) ;;
  *) dir=$PWD/$dir ;;
esac

# The platform: release binaries exist for Linux on x86_64 and aarch64 only.
os=$(uname -s)
machine=$(uname -m)
case $os in
  Linux) ;;
  *) fail "no herald release binary for $os; supported: Linux x86_64 (amd64) and Linux aarch64 (arm64). Build from source elsewhere." ;;
esac
case $machine in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) fail "no herald release binary for Linux $machine; supported: Linux x86_64 (amd64) and Linux aarch64 (arm64). Build from source elsewhere." ;;
esac

name=herald-$version-linux-$arch
tarball=$name.tar.gz

# Tools.
downloader=${HERALD_DOWNLOADER:-}
if [ -z "$downloader" ]; then
  if command -v curl >/dev/null 2>&1; then
    downloader=curl
  elif command -v wget >/dev/null 2>&1; then
    downloader=wget
  else
    fail "neither curl nor wget is installed"
  fi
fi
case $downloader in
  curl | wget) command -v "$downloader" >/dev/null 2>&1 || fail "HERALD_DOWNLOADER=$downloader, but $downloader is not installed" ;;
  *) usage_error "HERALD_DOWNLOADER must be curl or wget (got '$downloader')" ;;
esac
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$@"; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$@"; }
else
  fail "neither sha256sum nor shasum is installed; cannot verify the download"
fi
command -v tar >/dev/null 2>&1 || fail "tar is not installed"
command -v gzip >/dev/null 2>&1 || fail "gzip is not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-install.XXXXXX")
staged=""
cleanup() {
  rm -rf "$tmp"
  if [ -n "$staged" ]; then rm -f "$staged"; fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# download URL FILE: 0 when downloaded, 2 when the server says 404 (or a file:// path is missing),
# 1 on any other failure (after retries).
download() {
  local url=$1 out=$2 code rc
  case $url in
    file://*)
      local path=${url#file://}
      if [ ! -e "$path" ]; then return 2; fi
      cp -- "$path" "$out" || return 1
      return 0
      ;;
  esac
  if [ "$downloader" = curl ]; then
    rc=0
    code=$(curl --silent --show-error --location --fail --proto '=https,http' \
      --retry 3 --retry-delay 2 --retry-connrefused --connect-timeout 20 --max-time 600 \
      --output "$out" --write-out '%{http_code}' -- "$url" 2>"$tmp/download.log") || rc=$?
    if [ "$rc" -eq 0 ]; then return 0; fi
    if [ "$code" = 404 ]; then return 2; fi
    say "download failed: $url (curl exit $rc, HTTP ${code:-none})"
    sed 's/^/  /' "$tmp/download.log" >&2
    return 1
  fi
  rc=0
  wget --server-response --tries=3 --waitretry=2 --timeout=30 -O "$out" -- "$url" 2>"$tmp/download.log" || rc=$?
  if [ "$rc" -eq 0 ]; then return 0; fi
  code=$(sed -n 's/^ *HTTP\/[0-9.]* \([0-9][0-9][0-9]\).*/\1/p' "$tmp/download.log" | tail -n 1)
  if [ "$code" = 404 ]; then return 2; fi
  say "download failed: $url (wget exit $rc, HTTP ${code:-none})"
  sed 's/^/  /' "$tmp/download.log" >&2
  return 1
}

fetch() {
  local rc=0
  download "$1" "$2" || rc=$?
  case $rc in
    0) ;;
    2)
      say "herald $version has no release asset $(basename "$1"): $1 was not found (HTTP 404)"
      say "(a caller may build herald from source instead)"
      exit 2
      ;;
    *) fail "could not download $1" ;;
  esac
}

say "downloading $tarball from $base_url"
fetch "$base_url/$tarball.sha256" "$tmp/$tarball.sha256"
fetch "$base_url/$tarball" "$tmp/$tarball"

# The checksum file must be exactly one sha256sum line that names this tarball.
if [ "$(wc -c <"$tmp/$tarball.sha256")" -gt 1024 ]; then
  fail "malformed checksum file $tarball.sha256 (too long); refusing to install"
fi
line=$(cat "$tmp/$tarball.sha256")
if ! [[ $line =~ ^([0-9a-f]{64})\ [\ *]([^[:space:]/]+)$ ]]; then
  fail "malformed checksum file $tarball.sha256 (expected one line '<sha256>  $tarball'); refusing to install"
fi
expected=${BASH_REMATCH[1]}
if [ "${BASH_REMATCH[2]}" != "$tarball" ]; then
  fail "checksum file $tarball.sha256 names '${BASH_REMATCH[2]}', not $tarball; refusing to install"
fi
if ! (cd "$tmp" && sha256 -c "$tarball.sha256" >/dev/null 2>&1); then
  actual=$(sha256 "$tmp/$tarball" | cut -d ' ' -f 1)
  fail "checksum mismatch for $tarball: expected $expected, got $actual; refusing to install"
fi
say "checksum ok (sha256 $expected)"

# The archive: every member inside the folder $name/, only regular files and folders, no absolute
# paths and no '..'; and $name/herald must be a regular file.
if ! members=$(tar -tzf "$tmp/$tarball" 2>"$tmp/tar.log"); then
  sed 's/^/  /' "$tmp/tar.log" >&2
  fail "$tarball is not a readable .tar.gz archive; refusing to install"
fi
types=$(tar -tvzf "$tmp/$tarball" | cut -c 1 | sort -u | tr -d '\n')
while IFS= read -r member; do
  case $member in
    /*) fail "$tarball has a member with an absolute path ($member); refusing to install" ;;
  esac
  if [[ $member =~ (^|/)\.\.(/|$) ]]; then
    fail "$tarball has a member with '..' in its path ($member); refusing to install"
  fi
  case $member in
    "$name" | "$name/" | "$name/"*) ;;
    *) fail "$tarball has a member outside $name/ ($member); refusing to install" ;;
  esac
done <<<"$members"
case $types in
  - | d- | -d) ;;
  *) fail "$tarball has members that are not regular files or folders (links or devices); refusing to install" ;;
esac
mkdir "$tmp/x"
if ! tar -xzf "$tmp/$tarball" -C "$tmp/x" 2>"$tmp/tar.log"; then
  sed 's/^/  /' "$tmp/tar.log" >&2
  fail "could not extract $tarball; refusing to install"
fi
binary=$tmp/x/$name/herald
if [ -L "$binary" ] || [ ! -f "$binary" ]; then
  fail "$tarball has no regular file $name/herald; refusing to install"
fi
chmod 0755 "$binary"

# Install atomically: a temporary file in the target folder, checked to run, then renamed.
mkdir -p "$dir" || fail "cannot create $dir"
staged=$dir/.herald.tmp.$$
cp "$binary" "$staged" || fail "cannot write to $dir"
chmod 0755 "$staged"
if ! reported=$("$staged" --version 2>"$tmp/run.log"); then
  sed 's/^/  /' "$tmp/run.log" >&2
  fail "the herald binary does not run on this machine; it needs glibc 2.35 or later, libstdc++, libgcc_s and libcurl-gnutls.so.4 (Debian and Ubuntu: apt-get install libcurl3-gnutls); nothing installed"
fi
if [ "$reported" != "$version" ]; then
  fail "the binary in $tarball reports version '$reported', not $version; nothing installed"
fi
mv -f "$staged" "$dir/herald" || fail "cannot move herald into $dir"
staged=""

echo "herald $version installed to $dir/herald"
"$dir/herald" --version
case ":${PATH:-}:" in
  *":$dir:"*) ;;
  *) say "note: $dir is not on PATH; add it, e.g. export PATH=\"$dir:\$PATH\"" ;;
esac
