"""Manual state under the git directory: round trip per branch; a corrupt file is reported and set aside, never raised."""

import json
import stat

import pytest

from readiness.core.checklists.state import CONFIRMED, NOT_APPLICABLE, ManualEntry, ManualState, branch_key
from readiness.core.errors import StateError

ENTRY = ManualEntry(CONFIRMED, "d" * 64, "a" * 40, "2024-01-02T03:04:05Z", "checked the logs", 3)


def test_round_trip_per_branch(tmp_path):
    store = ManualState(tmp_path)
    assert store.load("main") == ({}, [])
    assert store.update("feature/x", "merge/negative-test", ENTRY) == []
    store.update("feature/x", "implemented/rollout", ManualEntry(NOT_APPLICABLE, "e" * 64, None, ENTRY.at, "lib"))
    store.update("other", "merge/negative-test", ENTRY)
    entries, notes = ManualState(tmp_path).load("feature/x")
    assert notes == []
    assert entries["merge/negative-test"] == ENTRY
    assert entries["implemented/rollout"].status == NOT_APPLICABLE
    store.update("feature/x", "merge/negative-test", None)
    assert set(store.load("feature/x")[0]) == {"implemented/rollout"}
    assert set(store.load("other")[0]) == {"merge/negative-test"}
    path = tmp_path / "readiness" / "checklists.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1


def test_branch_keys():
    assert branch_key("feature/x", "a" * 40) == "feature/x"
    assert branch_key(None, "abc") == "(detached abc)"
    assert branch_key(None, None) == "(no commits)"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b"[1, 2]", "not a readiness state file"),
        (b'{"schema_version": 99, "branches": {}}', "unknown schema_version 99"),
        (b'{"schema_version": 1, "branches": {"main": []}}', "a branch is not an object"),
        (b'{"schema_version": 1, "branches": {"main": {"c/i": {"status": "confirmed"}}}}', "an entry lacks"),
        (b'{"schema_version": 1, "branches": {"main": {"c/i": {"status": "maybe", "digest": "x", "at": "t"}}}}',
         "wrong type"),
    ],
)
def test_corrupt_file_is_moved_aside_and_reported(tmp_path, content, why):
    folder = tmp_path / "readiness"
    folder.mkdir()
    (folder / "checklists.json").write_bytes(content)
    entries, notes = ManualState(tmp_path).load("main")
    assert entries == {}
    assert len(notes) == 1 and why in notes[0] and "moved aside" in notes[0] and "\n" not in notes[0]
    aside = [p for p in folder.iterdir() if p.name.startswith("checklists.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert not (folder / "checklists.json").exists()
    ManualState(tmp_path).update("main", "c/i", ENTRY)  # a fresh file works again
    assert ManualState(tmp_path).load("main") == ({"c/i": ENTRY}, [])


def test_a_directory_in_place_of_the_file_is_set_aside(tmp_path):
    (tmp_path / "readiness" / "checklists.json").mkdir(parents=True)
    entries, notes = ManualState(tmp_path).load("main")
    assert entries == {} and "not a regular file" in notes[0]
    ManualState(tmp_path).update("main", "c/i", ENTRY)
    assert ManualState(tmp_path).load("main")[0] == {"c/i": ENTRY}


def test_an_unreadable_location_is_a_note_on_read_and_an_error_on_write(tmp_path):
    (tmp_path / "readiness").write_text("a file where the folder should be", encoding="utf-8")
    entries, notes = ManualState(tmp_path).load("main")
    assert entries == {} and "cannot read" in notes[0] and "ignored" in notes[0]
    with pytest.raises(StateError, match="cannot update .*checklists.json"):
        ManualState(tmp_path).update("main", "c/i", ENTRY)
    assert (tmp_path / "readiness").read_text(encoding="utf-8") == "a file where the folder should be"


def test_two_writers_keep_each_others_entries(tmp_path):
    first, second = ManualState(tmp_path), ManualState(tmp_path)
    first.update("main", "a/1", ENTRY)
    second.update("main", "b/2", ENTRY)
    first.update("main", "c/3", ENTRY)
    assert set(ManualState(tmp_path).load("main")[0]) == {"a/1", "b/2", "c/3"}
