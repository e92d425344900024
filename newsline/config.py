"""Settings and named defaults. One frozen object, passed down; no global state."""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsline.merge import DEFAULT_SIMILARITY, DEFAULT_WINDOW_DAYS

DEFAULT_DB = "newsline.db"
DB_ENV = "NEWSLINE_DB"


@dataclass(frozen=True)
class Settings:
    """Everything the pipeline needs to know beyond the input itself."""

    similarity: float = DEFAULT_SIMILARITY  # merge's defaults, chosen on data
    window: int = DEFAULT_WINDOW_DAYS
    merge: bool = True


def db_path(option: str | None) -> str:
    """The database path: --db, else $NEWSLINE_DB, else ./newsline.db."""
    return option or os.environ.get(DB_ENV) or DEFAULT_DB
