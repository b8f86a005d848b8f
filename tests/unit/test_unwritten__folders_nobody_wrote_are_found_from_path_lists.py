"""`unwritten_folders`: virtual environments, tool caches and build output found from git's path lists."""

from readiness.core.unwritten import note, under, unwritten_folders


def test_virtualenv_tool_folders_and_untracked_build_output_are_found():
    tracked = ["src/app.py", "web/node_modules/left-pad/index.js", "dist/keep.js", "pkg.egg-info/PKG-INFO"]
    untracked = [".venv/pyvenv.cfg", ".venv/lib/python3.11/site-packages/x/__init__.py",
                 "src/__pycache__/app.cpython-311.pyc", "build/lib/app.py", ".tox/py311/log.txt", "notes.py"]
    assert unwritten_folders(tracked, untracked) == {
        ".tox": ".tox", ".venv": "virtual environment", "build": "build output", "pkg.egg-info": "package metadata",
        "src/__pycache__": "__pycache__", "web/node_modules": "node_modules"}


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
