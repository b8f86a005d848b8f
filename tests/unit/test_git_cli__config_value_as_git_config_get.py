"""`config_value` answers `git config --get` from the listing read when the repository is opened (one git process
fewer per run): the last value of a key, None for a missing one, branch names matched exactly."""

from __future__ import annotations

from readiness.core.git_cli import config_value, driver_overrides

LISTING = ("core.bare\nfalse\0branch.Feature/X.remote\nupstream\0branch.feature/x.remote\norigin\0"
           "remote.origin.url\n/tmp/r\0branch.feature/x.remote\nfork\0filter.lfs.clean\ngit-lfs clean\0"
           "branch.empty.remote\n\0")


def test_the_last_value_of_a_key_wins():
    assert config_value(LISTING, "branch.feature/x.remote") == "fork"


def test_branch_names_are_matched_exactly_and_missing_keys_are_none():
    assert config_value(LISTING, "branch.Feature/X.remote") == "upstream"
    assert config_value(LISTING, "branch.other.remote") is None
    assert config_value(LISTING, "branch.empty.remote") == ""
    assert config_value("", "branch.feature/x.remote") is None


def test_the_same_listing_still_names_the_drivers_to_switch_off():
    assert ("filter.lfs.clean", "") in driver_overrides(LISTING)
