"""One exception tree. Every message says what went wrong and what the user can do about it."""

from __future__ import annotations

__all__ = ["NewsprismError", "InputError", "StoreError", "DataFormatError"]


class NewsprismError(Exception):
    """Base class: `reason` is a short stable code, `hint` tells the user what to do."""

    stage = "newsprism"

    def __init__(self, reason: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class InputError(NewsprismError):
    """An input document cannot be read or cleaned (empty, binary, too large, no article...)."""

    def __init__(self, reason: str, message: str, hint: str = "", stage: str = "ingest") -> None:
        super().__init__(reason, message, hint)
        self.stage = stage


class DataFormatError(NewsprismError):
    """An evaluation or import file is not in the documented format."""

    stage = "eval"


class StoreError(NewsprismError):
    stage = "store"
