"""The scan result cache (`readiness.core.pipeline.cache`): a cached `readiness check` reports exactly what
`--no-cache` reports on the same tree, after an edit, a rename, a deletion, a configuration change and a rule-set
change; a corrupt, foreign or tampered cache is ignored and rewritten; secret values never reach the cache file."""

import json
import random
import shutil

import pytest

from readiness.cli import main
from readiness.core.pipeline import cache, run

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

STUB = 'def refund(order):\n    """Give the money back."""\n    raise NotImplementedError\n'


@pytest.fixture
def project(git_repo):
    git_repo.write("README.md", "# shop\n\n## Usage\n\nImport it.\n")
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/total.py", 'def total(items):\n    """Sum."""\n    return sum(items)\n')
    git_repo.write("tests/test_total.py", "from pkg import total\n\n\ndef test_total():\n"
                   "    assert total.total([1]) == 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/refund.py", STUB)
    git_repo.write("pkg/notes.py", "def later():\n    raise NotImplementedError  # TODO\n")
    git_repo.commit("feature")
    return git_repo


@pytest.fixture
def scans(monkeypatch):
    """Counts the runs of the scanners: a cache hit does not run them."""
    calls = []
    real = run.run_scanners

    def counting(*args, **kwargs):
        calls.append(args[4] if len(args) > 4 else kwargs.get("scope"))
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "run_scanners", counting)
    return calls


def report(capsys, repo, *args):
    main(["check", "--repo", str(repo.path), "--format", "json", *args])
    out = capsys.readouterr().out
    data = json.loads(out)
    return data["findings"], data["checklists"], data["notes"]


def assert_same_as_fresh(capsys, repo, scans, *scope):
    """Cold cache (after clear), then warm cache: both equal --no-cache; the warm run is a hit."""
    fresh = report(capsys, repo, "--no-cache", *scope)
    cache.clear(repo.path / ".git")
    before = len(scans)
    cold = report(capsys, repo, *scope)
    warm = report(capsys, repo, *scope)
    assert cold == fresh and warm == fresh
    assert len(scans) == before + 1  # the cold run scanned, the warm one was answered from the cache
    return fresh


@pytest.mark.parametrize("scope", [(), ("--all",)])
def test_cached_findings_equal_a_fresh_scan_through_every_kind_of_change(capsys, project, scans, scope):
    first = assert_same_as_fresh(capsys, project, scans, *scope)
    assert {f["path"] for f in first[0] if f["category"] == "todo-throw"} == {"pkg/refund.py", "pkg/notes.py"}

    project.write("pkg/total.py", 'def total(items):\n    """Sum."""\n    raise NotImplementedError\n')  # edit
    edited = report(capsys, project, *scope)
    assert edited == report(capsys, project, "--no-cache", *scope) and edited != first
    assert_same_as_fresh(capsys, project, scans, *scope)

    project.git("add", "-A")
    project.git("mv", "pkg/refund.py", "pkg/refunds.py")  # rename
    renamed = report(capsys, project, *scope)
    assert renamed == report(capsys, project, "--no-cache", *scope)
    assert "pkg/refunds.py" in {f["path"] for f in renamed[0]} and "pkg/refund.py" not in {
        f["path"] for f in renamed[0]}

    (project.path / "pkg/notes.py").unlink()  # deletion
    deleted = report(capsys, project, *scope)
    assert deleted == report(capsys, project, "--no-cache", *scope)
    assert "pkg/notes.py" not in {f["path"] for f in deleted[0]}

    project.write(".readiness.toml", '[severity]\ntodo-throw = "info"\n')  # configuration
    configured = report(capsys, project, *scope)
    assert configured == report(capsys, project, "--no-cache", *scope)
    assert {f["severity"] for f in configured[0] if f["category"] == "todo-throw"} == {"info"}


def test_a_rule_set_change_is_a_miss(capsys, project, scans, monkeypatch):
    warm = assert_same_as_fresh(capsys, project, scans)
    monkeypatch.setattr(cache, "_rule_set", ["a rule was added or edited"])
    before = len(scans)
    assert report(capsys, project) == warm
    assert len(scans) == before + 1


def test_the_rule_set_version_follows_the_rule_sources(monkeypatch, tmp_path):
    """Every rule (and its id) is defined in the sources the version digests: a new or edited one moves it."""
    version = cache.rule_set_version()
    names = {name for name, _ in cache.rule_files()}
    assert any(name.endswith("scanners/todo_throw.py") for name in names)
    # and what decides the rest of an entry: the change signals, flaky markers, reading and diffing (a review found
    # an edited signals.py served from an entry keyed on the scanners alone)
    assert {"checklists/signals.py", "checklists/flaky_age.py", "pipeline/scope.py", "diff.py", "paths.py"} <= {
        name.replace("\\", "/") for name in names}
    monkeypatch.setattr(cache, "_rule_set", [])
    real = cache.rule_files()
    added = tmp_path / "new_provider.py"
    added.write_text('RULE = Rule(id="hardcoded-secret/new-provider")\n')
    monkeypatch.setattr(cache, "rule_files", lambda: [*real, ("secrets/rules/new_provider.py", added)])
    with_new = cache.rule_set_version()
    assert with_new != version
    monkeypatch.setattr(cache, "_rule_set", [])
    added.write_text('RULE = Rule(id="hardcoded-secret/newer-provider")\n')  # an edited rule
    assert cache.rule_set_version() not in (version, with_new)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "tampered", "other-version", "foreign"])
def test_a_corrupt_foreign_or_tampered_cache_is_ignored_and_rewritten(capsys, project, scans, make_git_repo,
                                                                      damage):
    fresh = assert_same_as_fresh(capsys, project, scans)
    path = cache.cache_file(project.path / ".git")
    data = json.loads(path.read_text())
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot json")
    elif damage == "truncated":
        path.write_text(path.read_text()[:100])
    elif damage == "tampered":  # findings removed, the key kept
        payload = json.loads(data["entries"][0]["payload"])
        payload["findings"] = []
        data["entries"][0]["payload"] = json.dumps(payload, sort_keys=True)
        path.write_text(json.dumps(data))
    elif damage == "other-version":
        data["version"] = 999
        path.write_text(json.dumps(data))
    else:  # the same tree in another clone has its own fingerprint key: its cache is not ours
        other = make_git_repo("clone")
        shutil.copytree(project.path, other.path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("readiness"))
        report(capsys, other)
        shutil.copy(cache.cache_file(other.path / ".git"), path)
    before = len(scans)
    assert report(capsys, project) == fresh
    assert len(scans) == before + 1  # scanned again
    assert report(capsys, project) == fresh
    assert len(scans) == before + 1  # and the rewritten cache answers


def test_secret_values_never_reach_the_cache_file(capsys, project, fake_secrets):
    rng = random.Random(14)
    values = []
    for make, path, template in fake_secrets.values():
        value = make(rng)
        values.append(value)
        target = project.path / path
        old = target.read_text() if target.exists() else ""
        target.write_text(old + template.format(v=value) + "\n")
    findings, _, _ = report(capsys, project)
    assert {f["rule"] for f in findings if f["category"] == "hardcoded-secret"}  # the secrets were found
    stored = cache.cache_file(project.path / ".git").read_text()
    for value in values:
        for part in (p for p in value.splitlines() if len(p) >= 8):
            assert part not in stored and part[4:-4] not in stored


def test_cache_clear_removes_it(capsys, project):
    report(capsys, project)
    assert main(["cache", "clear", "--repo", str(project.path)]) == 0
    assert "removed" in capsys.readouterr().out
    assert not cache.cache_file(project.path / ".git").exists()
    assert main(["cache", "clear", "--repo", str(project.path)]) == 0
    assert "no scan cache" in capsys.readouterr().out


def test_a_configuration_outside_the_tree_is_part_of_the_key(capsys, project, scans, tmp_path):
    outside = tmp_path / "shared-readiness.toml"
    outside.write_text('[severity]\ntodo-throw = "warning"\n')
    first = report(capsys, project, "--config", str(outside))
    assert {f["severity"] for f in first[0] if f["category"] == "todo-throw"} == {"warning"}
    outside.write_text('[severity]\ntodo-throw = "info"\n')  # the tree is unchanged, the configuration is not
    changed = report(capsys, project, "--config", str(outside))
    assert changed == report(capsys, project, "--config", str(outside), "--no-cache")
    assert {f["severity"] for f in changed[0] if f["category"] == "todo-throw"} == {"info"}


def test_no_cache_neither_reads_nor_writes_the_cache(capsys, project, scans):
    report(capsys, project, "--no-cache")
    assert not cache.cache_file(project.path / ".git").exists()
    report(capsys, project)
    report(capsys, project, "--no-cache")
    assert len(scans) == 3  # the cached run in between does not answer --no-cache
