#!/usr/bin/env python3
"""herald's editor flow driven through a real terminal: vim on a pseudo-terminal.

usage: check_editor.py HERALD ROOT

On a copy of the sample site (ROOT's herald.yml and incidents/), with EDITOR=vim:
1. `herald update … --status monitoring`: vim opens the file with the incident's context below the
   scissors line; the text typed at the top becomes the update, the context does not;
2. `herald new …`: the same for a new incident's first update;
3. quitting vim with `:cq` (an error) writes nothing and exits 1;
4. `:wq` on the untouched file writes nothing and exits 1.
Keys are sent only once vim has drawn the file (its scissors line is on the screen), so a busy
machine only makes the check slower, never wrong.
"""
import os
import pty
import select
import shutil
import sys
import tempfile
import time

herald, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
site = tempfile.mkdtemp(prefix="herald-editor-")
shutil.copy(os.path.join(root, "herald.yml"), site)
shutil.copytree(os.path.join(root, "incidents"), os.path.join(site, "incidents"))
incident = os.path.join(site, "incidents", "2026-11-27-delayed-payments.md")


def session(arguments, keys):
    """Runs herald on a new terminal, types `keys` once vim shows the file; returns (exit, screen)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(site)
        os.environ.update(EDITOR="vim -u NONE -i NONE -N", VISUAL="", TERM="xterm")
        os.execv(herald, [herald, *arguments])
    screen = b""
    sent = False
    deadline = time.time() + 60
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        if not sent and b">8" in screen:
            time.sleep(0.3)
            os.write(fd, keys)
            sent = True
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode("utf-8", "replace")


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


checks = []
before = read(incident)
code, screen = session(
    ["update", "2026-11-27-delayed-payments", "--status", "monitoring", "--now", "2026-11-27T09:30:00Z"],
    b"ggiPayments settle on time again.\x1b:wq\r")
after = read(incident)
checks.append(("update: vim shows the incident's context", "Delayed payment processing" in screen and "Status now" in screen))
checks.append(("update: exits 0", code == 0))
checks.append(("update: the typed text is the update",
               "## Monitoring — 2026-11-27 10:30 +01:00\n\nPayments settle on time again.\n" in after))
checks.append(("update: nothing of the context is written", ">8" not in after and "Status now" not in after))

code, screen = session(
    ["new", "Slow dashboard", "--impact", "minor", "--components", "dashboard", "--now", "2026-11-27T09:40:00Z"],
    b"ggiThe dashboard loads slowly; we are looking into it.\x1b:wq\r")
created = os.path.join(site, "incidents", "2026-11-27-slow-dashboard.md")
checks.append(("new: exits 0", code == 0))
checks.append(("new: the typed text is the first update", os.path.exists(created) and
               "The dashboard loads slowly; we are looking into it.\n" in read(created)))

for name, keys in [(":cq", b"ggiHalf a sent\x1b:cq\r"), ("unchanged :wq", b":wq\r")]:
    before = read(incident)
    code, screen = session(["update", "2026-11-27-delayed-payments", "--status", "update",
                            "--now", "2026-11-27T09:50:00Z"], keys)
    checks.append((f"{name}: exits 1 and says so", code == 1 and "nothing was changed" in screen))
    checks.append((f"{name}: the file is unchanged", read(incident) == before))

failed = 0
for name, ok in checks:
    failed += not ok
    print(f"{'ok    ' if ok else 'FAILED'} {name}")
print(f"{len(checks) - failed} passed, {failed} failed")
shutil.rmtree(site, ignore_errors=True)
sys.exit(1 if failed else 0)
