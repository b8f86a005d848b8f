"""The detectors' patterns (and the print and logger sinks of each language) are compiled the first time a text reaches them (`LazyPattern`: most runs meet few
providers' literals). Every one of them must still compile, capture the secret as `value`, and give the same matches
as the pattern compiled up front; and a text that holds no detector's literal compiles none."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from readiness.core.secrets.rules import DETECTORS
from readiness.core.secrets.rules.shapes import LazyPattern


@pytest.mark.parametrize("detector", DETECTORS, ids=[d.id for d in DETECTORS])
def test_every_pattern_compiles_and_captures_the_value(detector):
    assert isinstance(detector.pattern, LazyPattern)
    compiled = detector.pattern.compiled()
    assert "value" in compiled.groupindex
    assert detector.pattern.compiled() is compiled  # once


def test_matches_are_those_of_the_pattern_compiled_up_front():
    pattern = LazyPattern(r"(?P<value>tok_[a-z]{4})")
    text = "a tok_abcd b tok_wxyz"
    assert [m.span() for m in pattern.finditer(text, 2, 20)] == \
        [m.span() for m in re.compile(pattern.source).finditer(text, 2, 20)]
    assert pattern.search(text, 3).span() == re.compile(pattern.source).search(text, 3).span()
    assert pattern.search("nothing here") is None


def test_a_language_sink_compiles_when_a_file_of_it_is_scanned():
    probe = ("from readiness.core.secrets.rules.sinks import SINKS\n"
             "before = sum(p._compiled is not None for p in SINKS.values())\n"
             "found = SINKS['go'].search('fmt.Println(token)') is not None\n"
             "print(before, sorted(k for k, p in SINKS.items() if p._compiled is not None), found)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0 ['go'] True"


def test_masking_a_plain_name_compiles_no_detector_pattern():
    probe = ("from readiness.core.secrets.find import mask_secrets\n"
             "from readiness.core.secrets.rules import DETECTORS\n"
             "mask_secrets('feature/retry-budget')\n"
             "print(sum(d.pattern._compiled is not None for d in DETECTORS))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"
