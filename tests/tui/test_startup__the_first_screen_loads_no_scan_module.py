"""The first paint does not wait for the core's scan: importing the app (what `readiness` does before it draws
the dashboard) loads textual and the screens' light helpers, never the scan pipeline, the scanners, the gates,
the repository layer or GitPython. The workers load those in their threads (README "Performance")."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("readiness.core.pipeline.run", "readiness.core.scan.scanners", "readiness.core.scan.engine",
         "readiness.core.gates", "readiness.core.repo", "readiness.core.checklists.loader",
         "readiness.core.secrets.find", "readiness.tui.blocker_ops", "git")

PROBE = """
import json, sys
import readiness.tui.app
from readiness.tui.model import Launch, options_from
import argparse
launch = options_from(argparse.Namespace(repo="somewhere", base=None, all=True))
print(json.dumps({"modules": sorted(sys.modules), "launch": [launch.repo, launch.scope, type(launch).__name__]}))
"""


def test_importing_the_app_loads_no_scan_module():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    loaded = set(data["modules"])
    assert "textual.app" in loaded and "readiness.tui.screens.dashboard" in loaded  # the probe saw the app
    assert sorted(loaded.intersection(HEAVY)) == []
    assert data["launch"] == ["somewhere", "all", "Launch"]


def test_the_app_builds_the_core_options_from_the_command_line_on_first_use(git_repo):
    from readiness.core.pipeline.run import CheckOptions
    from readiness.tui.app import ReadinessApp
    from readiness.tui.model import Launch

    app = ReadinessApp(Launch(repo=str(git_repo.path), base="main", scope="all"), watch=False)
    options = app.options
    assert isinstance(options, CheckOptions)
    assert (options.repo, options.base, options.scope) == (str(git_repo.path), "main", "all")
    assert app.options is options  # built once
    given = CheckOptions(repo=str(git_repo.path))
    assert ReadinessApp(given, watch=False).options is given
