#!/usr/bin/env python3
"""Runs scripts/install.sh for real against a local HTTP server that serves a release's files.

Usage: check_install.py DIST_DIR REPO_ROOT

DIST_DIR is what scripts/package writes: herald-<version>-linux-<arch>.tar.gz and its .sha256 (the
version is read from the tarball's name; the tarball for this machine's architecture is used).
Serves copies and altered copies of them on 127.0.0.1 (an ephemeral port, http.server in a thread)
and runs REPO_ROOT/scripts/install.sh --base-url http://127.0.0.1:PORT/... into temporary folders:

  - a good install works (with curl, and with wget when it is installed), `herald --version`
    prints the version, and the installed binary is byte-identical to the one in the tarball;
  - an altered or malformed .sha256 is refused with exit 1 and nothing installed (an existing
    herald is left as it was);
  - an altered tarball likewise; and so are archives whose checksum matches but that hold a '..'
    path, a symlinked herald, a member outside the release folder, or a binary of another version;
  - a version that has no release gives exit 2, nothing installed;
  - usage errors give 64; an unsupported platform (a fake uname) gives 1 and names what is supported.

Prints one line per check and exits 0 when all pass, 1 otherwise.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TARBALL = re.compile(r"^herald-(?P<version>[0-9][0-9A-Za-z.+-]*)-linux-(?P<arch>x86_64|aarch64)\.tar\.gz$")
SENTINEL = b"#!/bin/sh\necho previously-installed\n"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


def machine_arch() -> str:
    machine = platform.machine()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def sha256_line(data: bytes, name: str) -> bytes:
    return f"{hashlib.sha256(data).hexdigest()}  {name}\n".encode()


def add_file(archive: tarfile.TarFile, name: str, data: bytes, mode: int = 0o755) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    archive.addfile(info, io.BytesIO(data))


def make_tarball(folder: str, build) -> bytes:
    """A .tar.gz made by build(archive), with the release folder `folder/` as its first member."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo(folder)
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        archive.addfile(info)
        build(archive)
    return buffer.getvalue()


class Checks:
    def __init__(self, dist: Path, root: Path) -> None:
        self.root = root
        self.script = root / "scripts" / "install.sh"
        arch = machine_arch()
        found = {}
        for path in sorted(dist.glob("herald-*-linux-*.tar.gz")):
            match = TARBALL.match(path.name)
            if match:
                found[match["arch"]] = (match["version"], path)
        if arch not in found:
            raise SystemExit(f"check_install.py: no herald-<version>-linux-{arch}.tar.gz in {dist}")
        self.version, self.tarball = found[arch]
        self.arch = arch
        self.name = f"herald-{self.version}-linux-{arch}"
        self.checksum = self.tarball.with_name(self.tarball.name + ".sha256")
        if not self.checksum.is_file():
            raise SystemExit(f"check_install.py: {self.checksum} is missing")
        with tarfile.open(self.tarball) as archive:
            member = archive.extractfile(f"{self.name}/herald")
            if member is None:
                raise SystemExit(f"check_install.py: {self.tarball} has no {self.name}/herald")
            self.binary = member.read()
        self.tmp = Path(tempfile.mkdtemp(prefix="herald-check-install."))
        self.served = self.tmp / "served"
        self.served.mkdir()
        self.releases = 0
        self.passed = 0
        self.failed = 0

    # --- serving -------------------------------------------------------------------------------

    def release(self, label: str, tarball: bytes | Path | None = None, checksum: bytes | None = None) -> str:
        """Serves the release's two files (the real ones unless given) at a new URL, for one check."""
        self.releases += 1
        folder = self.served / f"r{self.releases}"
        folder.mkdir()
        target = folder / self.tarball.name
        if tarball is None:
            target.symlink_to(self.tarball)
        elif isinstance(tarball, Path):
            shutil.copyfile(tarball, target)
        else:
            target.write_bytes(tarball)
        sums = folder / self.checksum.name
        if checksum is None:
            sums.symlink_to(self.checksum)
        else:
            sums.write_bytes(checksum)
        return f"{self.base}/{folder.name}"

    def start_server(self) -> None:
        handler = functools.partial(QuietHandler, directory=str(self.served))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    # --- running -------------------------------------------------------------------------------

    def install(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        environment = dict(os.environ)
        environment.update(env or {})
        return subprocess.run(
            ["bash", str(self.script), *args],
            capture_output=True,
            text=True,
            timeout=600,
            env=environment,
            stdin=subprocess.DEVNULL,
        )

    def target(self, label: str, sentinel: bool = False) -> Path:
        folder = self.tmp / "installs" / label / "bin"
        if sentinel:
            folder.mkdir(parents=True)
            (folder / "herald").write_bytes(SENTINEL)
            (folder / "herald").chmod(0o755)
        return folder

    def report(self, name: str, problems: list[str], run: subprocess.CompletedProcess | None) -> None:
        if not problems:
            self.passed += 1
            print(f"ok     {name}")
            return
        self.failed += 1
        print(f"FAILED {name}: {'; '.join(problems)}")
        if run is not None:
            for line in (run.stdout + run.stderr).splitlines()[-12:]:
                print(f"         | {line}")

    def nothing_installed(self, folder: Path, sentinel: bool) -> list[str]:
        if sentinel:
            entries = sorted(p.name for p in folder.iterdir())
            problems = [] if entries == ["herald"] else [f"{folder} now holds {entries}"]
            if (folder / "herald").read_bytes() != SENTINEL:
                problems.append("the existing herald was replaced")
            return problems
        if folder.exists() and any(folder.iterdir()):
            return [f"{folder} holds {sorted(p.name for p in folder.iterdir())}"]
        return []

    def expect_refusal(self, name: str, url: str, code: int, sentinel: bool, needle: str) -> None:
        folder = self.target(name, sentinel)
        run = self.install("--version", self.version, "--base-url", url, "--dir", str(folder))
        problems = []
        if run.returncode != code:
            problems.append(f"exit {run.returncode}, expected {code}")
        if needle.lower() not in run.stderr.lower():
            problems.append(f"stderr does not say {needle!r}")
        problems += self.nothing_installed(folder, sentinel)
        self.report(name, problems, run)

    # --- the checks ----------------------------------------------------------------------------

    def good_install(self, label: str, env: dict[str, str] | None = None, sentinel: bool = False) -> None:
        url = self.release(label)
        folder = self.target(label, sentinel)
        run = self.install("--version", self.version, "--base-url", url, "--dir", str(folder), env=env)
        problems = []
        if run.returncode != 0:
            problems.append(f"exit {run.returncode}")
        herald = folder / "herald"
        expected_line = f"herald {self.version} installed to {herald}"
        if expected_line not in run.stdout.splitlines():
            problems.append(f"stdout lacks {expected_line!r}")
        if herald.is_file():
            if herald.read_bytes() != self.binary:
                problems.append("the installed binary differs from the tarball's")
            if not os.access(herald, os.X_OK):
                problems.append("the installed binary is not executable")
            shown = subprocess.run([str(herald), "--version"], capture_output=True, text=True, timeout=60)
            if shown.returncode != 0 or shown.stdout.strip() != self.version:
                problems.append(f"herald --version printed {shown.stdout.strip()!r} (exit {shown.returncode})")
        else:
            problems.append(f"{herald} is missing")
        leftovers = [p.name for p in folder.iterdir() if p.name != "herald"] if folder.is_dir() else []
        if leftovers:
            problems.append(f"left {leftovers} in {folder}")
        self.report(label, problems, run)

    def run_all(self) -> None:
        print(f"install.sh against herald {self.version} linux-{self.arch} from {self.tarball.parent}")
        self.start_server()
        checksum_text = self.checksum.read_bytes()
        data = self.tarball.read_bytes()

        # (a) good installs.
        self.good_install("good install (curl)")
        if shutil.which("wget"):
            self.good_install("good install (wget)", env={"HERALD_DOWNLOADER": "wget"})
        else:
            print("skip   good install (wget): wget is not installed")
        self.good_install("good install over an existing herald", sentinel=True)

        # (b) altered or malformed checksum files.
        digest, _, rest = checksum_text.decode().partition(" ")
        flipped = ("0" if digest[0] != "0" else "1") + digest[1:]
        self.expect_refusal(
            "altered .sha256 refused",
            self.release("altered .sha256", checksum=f"{flipped} {rest}".encode()),
            1, sentinel=False, needle="checksum mismatch",
        )
        self.expect_refusal(
            "altered .sha256 refused, existing herald kept",
            self.release("altered .sha256 kept", checksum=f"{flipped} {rest}".encode()),
            1, sentinel=True, needle="checksum mismatch",
        )
        for label, text in [
            ("malformed .sha256 (HTML page) refused", b"<html><body>Not here</body></html>\n"),
            ("malformed .sha256 (short digest) refused", f"{digest[:40]}  {self.tarball.name}\n".encode()),
            ("malformed .sha256 (two lines) refused", checksum_text + checksum_text),
            ("empty .sha256 refused", b""),
        ]:
            self.expect_refusal(label, self.release(label, checksum=text), 1, sentinel=False, needle="malformed")
        self.expect_refusal(
            ".sha256 naming another file refused",
            self.release("other name", checksum=f"{digest}  ../{self.tarball.name}\n".encode()),
            1, sentinel=False, needle="malformed",
        )

        # (c) altered tarballs, and archives whose checksum matches but whose contents are wrong.
        altered = bytearray(data)
        altered[len(altered) // 2] ^= 0xFF
        self.expect_refusal(
            "altered tarball refused",
            self.release("altered tarball", tarball=bytes(altered)),
            1, sentinel=True, needle="checksum mismatch",
        )
        truncated = data[: len(data) // 3]
        self.expect_refusal(
            "truncated tarball refused",
            self.release("truncated tarball", tarball=truncated),
            1, sentinel=False, needle="checksum mismatch",
        )
        fake = b"#!/bin/sh\necho 9.9.9\n"
        crafted = {
            "archive with a '..' member refused": (
                lambda a: (add_file(a, f"{self.name}/herald", fake), add_file(a, f"{self.name}/../evil", b"x")),
                "'..' in its path",
            ),
            "archive with an absolute member refused": (
                lambda a: (add_file(a, f"{self.name}/herald", fake), add_file(a, f"/tmp/herald-evil-{os.getpid()}", b"x")),
                "absolute",
            ),
            "archive with a member outside the folder refused": (
                lambda a: (add_file(a, f"{self.name}/herald", fake), add_file(a, "other/herald", fake)),
                "outside",
            ),
            "archive whose herald is a symlink refused": (
                lambda a: a.addfile(symlink(f"{self.name}/herald", "/bin/sh")),
                "not regular files",
            ),
            "archive without herald refused": (
                lambda a: add_file(a, f"{self.name}/README.md", b"hello\n", 0o644),
                f"no regular file {self.name}/herald",
            ),
            "archive whose herald reports another version refused": (
                lambda a: add_file(a, f"{self.name}/herald", fake),
                "reports version",
            ),
        }
        for label, (build, needle) in crafted.items():
            tarball = make_tarball(self.name, build)
            url = self.release(label, tarball=tarball, checksum=sha256_line(tarball, self.tarball.name))
            self.expect_refusal(label, url, 1, sentinel=True, needle=needle)
        if (self.tmp / "installs" / "evil").exists() or Path(f"/tmp/herald-evil-{os.getpid()}").exists():
            self.report("no file written outside the temporary folder", ["an archive member escaped"], None)

        # (d) a version with no release.
        folder = self.target("missing version")
        run = self.install("--version", "99.99.99", "--base-url", self.release("missing"), "--dir", str(folder))
        problems = [] if run.returncode == 2 else [f"exit {run.returncode}, expected 2"]
        if "404" not in run.stderr:
            problems.append("stderr does not mention 404")
        self.report("missing version gives exit 2", problems + self.nothing_installed(folder, False), run)
        only_sum = self.release("sha256 only")
        (self.served / only_sum.rsplit("/", 1)[1] / self.tarball.name).unlink()
        folder = self.target("missing tarball")
        run = self.install("--version", self.version, "--base-url", only_sum, "--dir", str(folder))
        problems = [] if run.returncode == 2 else [f"exit {run.returncode}, expected 2"]
        self.report("missing tarball gives exit 2", problems + self.nothing_installed(folder, False), run)

        # (e) usage errors.
        good = self.release("usage")
        for label, args in [
            ("no arguments gives 64", []),
            ("unknown option gives 64", ["--version", self.version, "--base-url", good, "--frobnicate"]),
            ("missing --version gives 64", ["--base-url", good]),
            ("a branch name as --version gives 64", ["--version", "main", "--base-url", good]),
            ("neither --repository nor --base-url gives 64", ["--version", self.version]),
            ("malformed --repository gives 64", ["--version", self.version, "--repository", "not a repo"]),
            ("option without its value gives 64", ["--version"]),
            ("unsupported --base-url scheme gives 64", ["--version", self.version, "--base-url", "ftp://x/y"]),
        ]:
            folder = self.target(label)
            run = self.install(*args, "--dir", str(folder)) if args else self.install()
            problems = [] if run.returncode == 64 else [f"exit {run.returncode}, expected 64"]
            self.report(label, problems + self.nothing_installed(folder, False), run)
        run = self.install("--help")
        self.report(
            "--help gives 0 and the usage",
            [] if run.returncode == 0 and "Usage: install.sh" in run.stdout else [f"exit {run.returncode}"],
            run,
        )

        # An unsupported platform: a fake uname first on PATH.
        for label, system, machine in [
            ("unsupported architecture (riscv64) gives 1", "Linux", "riscv64"),
            ("unsupported system (Darwin) gives 1", "Darwin", "arm64"),
        ]:
            fake_bin = self.tmp / "fake-uname" / machine
            fake_bin.mkdir(parents=True)
            (fake_bin / "uname").write_text(
                f'#!/bin/sh\ncase "$1" in -s) echo {system} ;; -m) echo {machine} ;; *) echo {system} ;; esac\n'
            )
            (fake_bin / "uname").chmod(0o755)
            folder = self.target(label)
            run = self.install(
                "--version", self.version, "--base-url", good, "--dir", str(folder),
                env={"PATH": f"{fake_bin}:{os.environ.get('PATH', '')}"},
            )
            problems = [] if run.returncode == 1 else [f"exit {run.returncode}, expected 1"]
            if "x86_64" not in run.stderr or "aarch64" not in run.stderr:
                problems.append("the error does not name the supported platforms")
            self.report(label, problems + self.nothing_installed(folder, False), run)

    def close(self) -> None:
        if hasattr(self, "server"):
            self.server.shutdown()
            self.server.server_close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def symlink(name: str, target: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = target
    info.mode = 0o777
    return info


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: check_install.py DIST_DIR REPO_ROOT", file=sys.stderr)
        return 64
    checks = Checks(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
    try:
        checks.run_all()
    finally:
        checks.close()
    total = checks.passed + checks.failed
    print(f"{checks.passed} of {total} install checks passed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
