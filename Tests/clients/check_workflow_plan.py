#!/usr/bin/env python3
"""The deploy decision of the workflow `herald init` writes, run as GitHub Actions would run it.

usage: check_workflow_plan.py HERALD WORK_FOLDER

It makes a status repository with `herald init`, takes the `plan` step's script out of
`.github/workflows/status.yml`, and runs it with bash, with `herald` on PATH and the variables
GitHub sets (EVENT, GITHUB_SHA, GITHUB_OUTPUT), for each case: a push deploys; a scheduled run
deploys when nothing was deployed yet, when the commit changed, or when the page changed by the
clock since the last deploy (here: a day ago, past midnight); it does not deploy five minutes
after the last deploy of the same commit on a quiet site; and it does deploy then while an
incident is open, since the page changes all the time.
"""
import datetime
import os
import shutil
import subprocess
import sys

import yaml

herald, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, "bin"))
os.symlink(herald, os.path.join(work, "bin", "herald"))
repo = os.path.join(work, "status")
subprocess.run([herald, "init", repo, "--timezone", "Europe/Berlin"], check=True, stdout=subprocess.DEVNULL)
workflow = yaml.safe_load(open(os.path.join(repo, ".github/workflows/status.yml")))
plan = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("id") == "plan")
script = os.path.join(work, "plan.sh")
with open(script, "w") as handle:
    handle.write(plan["run"])

now = datetime.datetime.now(datetime.timezone.utc)
stamp = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
recent, yesterday = stamp(now - datetime.timedelta(minutes=5)), stamp(now - datetime.timedelta(days=1))


def deploys(event, deployed):
    marker = os.path.join(repo, ".herald-deployed")
    if os.path.exists(marker):
        os.remove(marker)
    if deployed:
        with open(marker, "w") as handle:
            handle.write(deployed + "\n")
    output = os.path.join(work, "github-output")
    open(output, "w").close()
    env = dict(os.environ, EVENT=event, GITHUB_SHA="abc123", GITHUB_OUTPUT=output,
               PATH=os.path.join(work, "bin") + ":" + os.environ["PATH"])
    subprocess.run(["bash", "-e", script], cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)
    values = dict(line.split("=", 1) for line in open(output).read().split())
    return values["deploy"] == "true"


cases = [
    ("a push deploys", deploys("push", None), True),
    ("a first scheduled run deploys", deploys("schedule", None), True),
    ("a scheduled run after a new commit deploys", deploys("schedule", "def456 " + recent), True),
    ("a scheduled run past the next change deploys", deploys("schedule", "abc123 " + yesterday), True),
    ("a scheduled run 5 minutes after deploying a quiet site does not", deploys("schedule", "abc123 " + recent), False),
]
subprocess.run([herald, "new", "Checkout errors", "--impact", "major", "--components", "api", "-m", "On it.",
                "--root", repo, "--now", stamp(now - datetime.timedelta(minutes=30))],
               check=True, stdout=subprocess.DEVNULL)
cases.append(("a scheduled run while an incident is open deploys", deploys("schedule", "abc123 " + recent), True))

failed = 0
for name, got, expected in cases:
    ok = got == expected
    failed += not ok
    print(f"{'ok    ' if ok else 'FAILED'} {name}" + ("" if ok else f" (deploy={got})"))
print(f"{len(cases) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
