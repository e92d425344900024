"""Shared fixtures: the samples folder and a database ingested from it once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding every sample article (read-only use, please)."""
    db = tmp_path_factory.mktemp("samples") / "samples.db"
    args = ["ingest", str(SAMPLES), "--db", str(db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return db
