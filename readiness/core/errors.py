"""Errors the user can act on. Each carries one line of text and the exit code the CLI maps it to."""

from __future__ import annotations


class ReadinessError(Exception):
    """Base class: a message that says what is wrong and what to do, and an exit code."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(ReadinessError):
    """Bad command-line input."""


class ConfigError(ReadinessError):
    """Malformed or invalid configuration."""


class RepoError(ReadinessError):
    """The repository cannot be read: not a repository, git missing, shallow clone, dubious ownership..."""


class ReadmeError(ReadinessError):
    """README.md cannot be edited safely (conflict markers, symlink leaving the repo, changed under us...)."""


class StateError(ReadinessError):
    """State under the git directory cannot be read or written."""
