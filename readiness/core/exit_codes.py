"""The exit codes (CONTRACT.md): 0 ready, 1 not ready, 2 usage/configuration/repository error, 130 interrupted.

Commands return them; the CLI maps errors to them (`ReadinessError.exit_code` is ERROR)."""

from __future__ import annotations

OK, NOT_READY, ERROR, INTERRUPTED = 0, 1, 2, 130
