"""The Rich console of the text reports (`check`, `checklist show`, `gates`).

On a terminal, lines wrap at its width (Rich breaks at spaces; only a word longer than the whole line is folded);
piped or redirected, nothing wraps, so each record (a finding, an item, a gate) stays on one line for grep and
friends. Colour follows Rich's own rules (none when piped, `NO_COLOR` honoured).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed or not a real file (a StringIO in tests answers False)
        return False


def text_console(stream: TextIO) -> Console:
    # deferred: rich costs ~0.1 s at import; only text output loads it
    import errno

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1 itself: the CLI keeps the verdict's exit code
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    return _Console(file=stream, highlight=False, soft_wrap=not is_terminal(stream), emoji=False)
