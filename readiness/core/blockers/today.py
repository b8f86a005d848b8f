"""Today's date as the blocker log writes it (ISO 8601, local time): one clock for the CLI and the TUI."""

from __future__ import annotations

import datetime


def today() -> str:
    return datetime.date.today().isoformat()
