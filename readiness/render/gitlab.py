"""`--format gitlab`: GitLab's Code Quality report (the Code Climate JSON subset GitLab reads).

A JSON list, one object per finding that is new and not waived: `description`, `check_name` (the rule id),
`fingerprint` (clone-independent, so GitLab can tell new from fixed between the base and the merge request: the
baseline's fingerprint of path, rule and masked line, never the finding's `id`, which is keyed per clone for secrets;
a second copy of the same line gets `:2`),
`severity` (error → critical, warning → major, info → info), `location.path` and `location.lines.begin` (1 for a
whole-file finding). Upload it with `artifacts: reports: codequality`.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from readiness.core.baseline import fingerprint
from readiness.core.models import Finding, Report, Severity

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def code_quality(report: Report) -> list[dict]:
    seen: Counter[str] = Counter()

    def stable(f: Finding) -> str:
        fp = fingerprint(f)
        seen[fp] += 1
        return fp if seen[fp] == 1 else f"{fp}:{seen[fp]}"

    return [{
        "description": f"{f.message} [{f.rule}]",
        "check_name": f.rule,
        "fingerprint": stable(f),
        "severity": SEVERITY[f.severity],
        "categories": ["Bug Risk" if f.severity == Severity.ERROR else "Style"],
        "location": {"path": f.path, "lines": {"begin": f.line or 1}},
    } for f in report.findings if not f.waived and not f.baselined]


def render_gitlab(report: Report, stream: TextIO) -> None:
    json.dump(code_quality(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
