"""A scan answered from the result cache reads no file (`pipeline/sources.py`), yet the whole report (findings,
checklists with their change signals and flaky deadlines, notes, file count) is the report of `--no-cache`, also
after an edit that moves a signal, a rename, a deletion, a configuration change, with a baseline file and with a
repository checklist that reads file texts (`changed_words`)."""

import json

import pytest

from readiness.cli import main
from readiness.core.pipeline import run, scope

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

FLAKY_TEST = ("import pytest\n\nfrom pkg.store import save\n\n\n@pytest.mark.flaky(reruns=2)\n"
              "def test_save():\n    assert save is not None\n")
STORE = ('import os\n\n\ndef save(path, text):\n    """Write it."""\n    with open(path, "w") as out:\n'
         '        out.write(os.environ.get("PREFIX", "") + text)\n')


@pytest.fixture
def project(git_repo):
    git_repo.write("README.md", "# shop\n\n## Usage\n\nImport it.\n")
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/store.py", STORE)
    git_repo.write("tests/test_store.py", FLAKY_TEST)  # committed long ago (the fixture's author date)
    git_repo.write(".readiness.toml", "large_change_lines = 5\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/api.py", "from pkg.store import save\n\n\ndef publish(order):\n    \"\"\"Send it.\"\"\"\n"
                   "    save('out.txt', str(order))\n    return order\n\n\ndef later():\n"
                   "    raise NotImplementedError  # TODO\n")
    git_repo.write("pkg/store.py", STORE + "\n\ndef load(path):\n    \"\"\"Read it.\"\"\"\n"
                   "    return open(path).read()\n")
    git_repo.write("tests/test_store.py", FLAKY_TEST + "\n\ndef test_load():\n    assert True\n")
    git_repo.commit("feature")
    return git_repo


@pytest.fixture
def reads(monkeypatch):
    """Counts the files read by the pipeline's reading stage."""
    calls = []
    real = scope.read_sources

    def counting(repo, cfg, selected, *args, **kwargs):
        calls.append(len(selected))
        return real(repo, cfg, selected, *args, **kwargs)

    monkeypatch.setattr(run, "read_sources", counting)
    return calls


def report(capsys, repo, *args):
    """The JSON report and the text report's summary line (the number of files scanned)."""
    main(["check", "--repo", str(repo.path), "--format", "json", *args])
    data = json.loads(capsys.readouterr().out)
    main(["check", "--repo", str(repo.path), "--format", "text", *args])
    data["summary"] = next(line for line in capsys.readouterr().out.splitlines() if " file" in line and " in " in line
                           and "fail on" in line)
    return data


def signals_of(data):
    """The checklist items that read the change signals, as the report shows them."""
    return {f"{c['id']}/{i['id']}": (i["status"], i["detail"]) for c in data["checklists"] for i in c["items"]}


def assert_hit_equals_fresh(capsys, repo, reads, *scope_args):
    fresh = report(capsys, repo, "--no-cache", *scope_args)
    report(capsys, repo, *scope_args)  # fills the cache (or hits it)
    before = len(reads)
    warm = report(capsys, repo, *scope_args)
    assert len(reads) == before  # the hit read no file
    assert warm == fresh
    return fresh


@pytest.mark.parametrize("scope_args", [(), ("--all",)])
def test_a_hit_reads_nothing_and_reports_what_a_fresh_scan_reports(capsys, project, reads, scope_args):
    first = assert_hit_equals_fresh(capsys, project, reads, *scope_args)
    items = signals_of(first)
    assert items["merge/flaky-deadlines"][0] == "fail"  # the marker committed long ago, from the cached markers
    assert " in 0 files " not in first["summary"] and " file" in first["summary"]  # the count of the files read

    project.write("pkg/api.py", "def publish(order):\n    \"\"\"Send it.\"\"\"\n    return order\n")  # edit
    edited = assert_hit_equals_fresh(capsys, project, reads, *scope_args)
    assert signals_of(edited) != items  # the signals moved with the edit, not answered from the old entry

    project.git("add", "-A")
    project.git("mv", "pkg/store.py", "pkg/storage.py")  # rename
    assert_hit_equals_fresh(capsys, project, reads, *scope_args)
    (project.path / "tests/test_store.py").unlink()  # deletion: the flaky marker goes with it
    deleted = assert_hit_equals_fresh(capsys, project, reads, *scope_args)
    assert signals_of(deleted)["merge/flaky-deadlines"][0] != "fail"
    project.write(".readiness.toml", "large_change_lines = 1000\n")  # configuration: the large-untested threshold
    assert_hit_equals_fresh(capsys, project, reads, *scope_args)


def test_a_baseline_and_a_checklist_reading_texts_are_answered_alike(capsys, project, reads):
    assert main(["baseline", "--repo", str(project.path)]) in (0, 1)
    capsys.readouterr()
    project.write("checklists/words.toml",
                  'schema_version = 1\nid = "words"\ntitle = "Words"\n\n[[items]]\nid = "orders"\n'
                  'title = "Orders are published"\ncheck = { manual = "confirm: the order queue is ready" }\n'
                  'applies_when = { changed_words = ["publish"] }\n')
    for scope_args in ((), ("--all",)):
        data = assert_hit_equals_fresh(capsys, project, reads, *scope_args)
        words = next(c for c in data["checklists"] if c["id"] == "words")
        assert words["items"][0]["status"] == "manual"  # pkg/api.py mentions publish: read on demand on the hit
        # a branch cannot accept its own findings: the baseline counts in --all (the merge-base holds none)
        assert ("baselined" in data["summary"]) == (scope_args == ("--all",))
