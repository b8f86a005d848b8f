"""`unwritten_folders`: virtual environments, tool caches and build output found from git's path lists."""

from readiness.core.unwritten import note, under, unwritten_folders


def test_virtualenv_tool_folders_and_untracked_build_output_are_found():
    tracked = ["src/app.py", "web/node_modules/left-pad/index.js", "dist/keep.js", "pkg.egg-info/PKG-INFO"]
    untracked = [".venv/pyvenv.cfg", ".venv/lib/python3.11/site-packages/x/__init__.py",
                 "src/__pycache__/app.cpython-311.pyc", "build/lib/app.py", ".tox/py311/log.txt", "notes.py"]
    assert unwritten_folders(tracked, untracked) == {
        ".tox": ".tox", ".venv": "virtual environment", "build": "build output", "src/__pycache__": "__pycache__"}


def test_a_folder_holding_a_tracked_file_is_never_skipped():
    """A committed file is part of the pull request: a committed `pyvenv.cfg` (or vendored node_modules) must not
    hide the secrets and TODO throws committed next to it (review finding)."""
    tracked = ["src/pkg/pyvenv.cfg", "src/pkg/help.py", "web/node_modules/left-pad/index.js", "pkg.egg-info/PKG-INFO"]
    untracked = ["src/pkg/new.py", "web/node_modules/other/index.js", "pkg.egg-info/SOURCES.txt"]
    assert unwritten_folders(tracked, untracked) == {}
    assert unwritten_folders(tracked, [*untracked, ".venv/pyvenv.cfg"]) == {".venv": "virtual environment"}


def test_a_tracked_dist_folder_and_ordinary_code_are_kept():
    assert unwritten_folders(["dist/app.js", "src/build/steps.py", "site/index.py"], ["docs/build.md"]) == {}


def test_a_virtualenv_named_anything_is_found_by_its_pyvenv_cfg():
    assert unwritten_folders([], ["tools/env-3.11/pyvenv.cfg", "tools/env-3.11/bin/activate"]) == {
        "tools/env-3.11": "virtual environment"}


def test_under_matches_whole_folder_names_only():
    assert under(".venv/lib/x.py", [".venv"]) and not under(".venv2/x.py", [".venv"])


def test_the_note_names_the_folders_and_the_setting_that_brings_them_back():
    text = note({".venv": "virtual environment", "web/node_modules": "node_modules"}, 7300)
    assert text == ("skipped 7300 files in folders nobody wrote: .venv/ (virtual environment), web/node_modules/ "
                    "(set skip_unwritten = false in [tool.readiness] to scan them)")
