"""newsline's own exceptions. Only cli.py turns them into messages and exit codes."""

from __future__ import annotations


class NewslineError(Exception):
    """Base class: anything newsline reports to the user as ``Error: ...``."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class ReadError(NewslineError):
    """One input could not be read or decoded; the batch goes on without it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(NewslineError):
    """The database cannot be opened, is not ours, is too new, or refused a write."""


class UsageError(NewslineError):
    """Options that contradict each other or values that make no sense."""
