#!/usr/bin/env python3
"""The notify job of the workflow `herald init` writes, run as GitHub Actions would run it.

usage: check_workflow_notify.py HERALD WORK_FOLDER

It makes a status repository with `herald init` and a webhook target pointing at a local HTTP
server, takes the notify job's `since` step and its notify step out of
`.github/workflows/status.yml`, and runs them with bash, with `herald` on PATH and the variables
GitHub sets, through one push and three scheduled runs around a maintenance window:

1. a push adds a maintenance (window an hour long) and a cancelled one: their written updates
   are announced;
2. a scheduled run inside the window announces the "In progress" the clock posted;
3. the next scheduled run, still inside, announces nothing;
4. a scheduled run after the window announces the "Completed" the clock posted.

The delivery ledger is removed before every run, so that only the job's own record of the last
announced state (commit and clock) keeps runs from repeating each other.
"""
import datetime
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading

import yaml

herald, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, "bin"))
os.symlink(herald, os.path.join(work, "bin", "herald"))
repo = os.path.join(work, "status")
subprocess.run([herald, "init", repo, "--timezone", "Europe/Berlin"], check=True, stdout=subprocess.DEVNULL)

received = []


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        received.append(body)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()

with open(os.path.join(repo, "herald.yml"), "a") as handle:
    handle.write("notify:\n  - id: ops\n    type: webhook\n    url_env: OPS_WEBHOOK_URL\n")

workflow = yaml.safe_load(open(os.path.join(repo, ".github/workflows/status.yml")))
steps = workflow["jobs"]["notify"]["steps"]
since_step = next(step for step in steps if step.get("id") == "since")
notify_step = next(step for step in steps if "herald notify" in step.get("run", ""))
scripts = {}
for name, step in [("since", since_step), ("notify", notify_step)]:
    scripts[name] = os.path.join(work, name + ".sh")
    with open(scripts[name], "w") as handle:
        handle.write(step["run"])


def git(*arguments):
    return subprocess.run(["git", "-C", repo, "-c", "user.name=Test", "-c", "user.email=t@example.com", *arguments],
                          check=True, capture_output=True, text=True).stdout.strip()


now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
stamp = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
human = lambda moment: moment.strftime("%Y-%m-%d %H:%M UTC")
start, end = now - datetime.timedelta(hours=2), now - datetime.timedelta(hours=1)

git("init", "-q")
git("add", "-A")
git("commit", "-q", "-m", "herald init")
first = git("rev-parse", "HEAD")
with open(os.path.join(repo, "incidents", start.strftime("%Y-%m-%d") + "-cache-upgrade.md"), "w") as handle:
    handle.write(f"---\ntitle: Cache upgrade\nmaintenance:\n  start: {human(start)}\n  end: {human(end)}\n---\n\n"
                 f"## Scheduled — {human(now - datetime.timedelta(hours=4))}\nWe will upgrade the cache.\n")
with open(os.path.join(repo, "incidents", start.strftime("%Y-%m-%d") + "-router-swap.md"), "w") as handle:
    handle.write(f"---\ntitle: Router swap\nmaintenance:\n  start: {human(start)}\n  end: {human(end)}\n---\n\n"
                 f"## Cancelled — {human(now - datetime.timedelta(hours=3, minutes=50))}\nCalled off.\n\n"
                 f"## Scheduled — {human(now - datetime.timedelta(hours=4))}\nWe will swap a router.\n")
git("add", "-A")
git("commit", "-q", "-m", "announce maintenance")


def run_job(build_now, before):
    """The since step, then the notify step, with the build job's clock; returns the messages."""
    ledger = os.path.join(repo, ".herald-notify-ledger.json")
    if os.path.exists(ledger):
        os.remove(ledger)
    output = os.path.join(work, "github-output")
    open(output, "w").close()
    env = dict(os.environ, BEFORE=before, NOW=stamp(build_now), GITHUB_OUTPUT=output,
               OPS_WEBHOOK_URL=f"http://127.0.0.1:{server.server_address[1]}/hook",
               PATH=os.path.join(work, "bin") + ":" + os.environ["PATH"])
    subprocess.run(["bash", "-e", scripts["since"]], cwd=repo, env=env, check=True)
    values = dict(line.split("=", 1) for line in open(output).read().split())
    env.update(SINCE=values["rev"], SINCE_NOW=values["at"])
    count = len(received)
    subprocess.run(["bash", "-e", scripts["notify"]], cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)
    return [(message["incident"]["name"], message["incident"]["incident_updates"][0]["status"])
            for message in received[count:]]


cases = [
    ("a push announces the written updates", run_job(now - datetime.timedelta(hours=3), first),
     [("Router swap", "scheduled"), ("Cache upgrade", "scheduled"), ("Router swap", "completed")]),
    ("a scheduled run inside the window announces the clock's In progress",
     run_job(start + datetime.timedelta(minutes=10), first), [("Cache upgrade", "in_progress")]),
    ("the next scheduled run announces nothing", run_job(start + datetime.timedelta(minutes=15), first), []),
    ("a scheduled run after the window announces the clock's Completed", run_job(now, first),
     [("Cache upgrade", "completed")]),
]
server.shutdown()

failed = 0
for name, got, expected in cases:
    ok = sorted(got) == sorted(expected)
    failed += not ok
    print(f"{'ok    ' if ok else 'FAILED'} {name}" + ("" if ok else f" (got {got}, expected {expected})"))
print(f"{len(cases) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
