"""`--format github`: GitHub Actions workflow commands, one annotation per finding that is new and not waived.

stdout holds only workflow commands (`::error file=…,line=…,title=…::message`); the verdict line and the notes go to
stderr, so the job log still says ready or not. Escaping as the Actions toolkit does it (`@actions/core` command.ts):
in the message `%`, `\\r` and `\\n` become `%25`, `%0D` and `%0A`; in property values `:` and `,` also become `%3A`
and `%2C`. Repository text is already masked (snippets and messages carry no secret values).
"""

from __future__ import annotations

import sys
from typing import TextIO

from readiness.core.models import Report, Severity

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | int | None) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{level}{' ' + props if props else ''}::{escape_data(message)}"


def render_github(report: Report, stream: TextIO, diagnostics: TextIO | None = None) -> None:
    """Annotations on stdout (`stream`); notes and the verdict line on stderr (`diagnostics`)."""
    err = diagnostics if diagnostics is not None else sys.stderr
    for f in report.findings:
        if f.waived or f.baselined:
            continue
        stream.write(command(LEVEL[f.severity], f.message, file=f.path, line=f.line,
                             title=f"readiness {f.rule}") + "\n")
    for gate in report.gates:
        if gate.status.failed and not gate.cancelled:
            stream.write(command("error", f"{gate.id} gate {gate.status}: {gate.summary}",
                                 title=f"readiness gate {gate.id}") + "\n")
    for note in report.notes:
        err.write(f"note: {note}\n")
    err.write(report.verdict.sentence() + "\n")
