"""Hostile surroundings: read-only database or folder, full disk, a long lock, a vanished file.

Each must give one clear ``Error:`` line, exit code 1, and leave what was
already stored intact (the database file unchanged when nothing could be written).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsline import sources, store
from newsline.cli import app
from newsline.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def _digest(db: Path) -> str:
    """Content of the database as a reader sees it (main file and WAL merged)."""
    with Store.open(str(db), readonly=True) as s:
        assert s.integrity() == "ok"
        rows = s.con.execute(
            "SELECT a.id, count(e.id) FROM articles a LEFT JOIN events e ON e.article = a.id"
            " GROUP BY a.id ORDER BY a.id"
        ).fetchall()
        n_entries = s.con.execute("SELECT count(*) FROM entries").fetchone()[0]
    return hashlib.sha256(repr((rows, n_entries)).encode()).hexdigest()


def _errors(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("Error:")]


@pytest.fixture()
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch folder with two small corpora."""
    base = tmp_path_factory.mktemp("hostile")
    synth.write_corpus(base / "old", 4, seed=1)
    synth.write_corpus(base / "new", 5, seed=2)
    return base


def _ingest_db(world: Path) -> Path:
    dbdir = world / "dbdir"
    dbdir.mkdir()
    db = dbdir / "news.db"
    r = CliRunner().invoke(app, ["-q", "ingest", str(world / "old"), "--db", str(db)])
    assert r.exit_code == 0, r.stderr
    return db


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable for this process: chmod, or ``chattr +i`` for root.

    Root ignores permission bits, so as root the file or folder is made
    immutable instead (skipped where the filesystem or sandbox refuses).
    """
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        os.chmod(path, 0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            os.chmod(path, mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i refused here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def _ingest(*args: str) -> Result:
    return CliRunner().invoke(app, ["ingest", *args])


def test_read_only_database_file(world: Path) -> None:
    db = _ingest_db(world)
    before = _digest(db)
    with read_only(db):
        r = _ingest(str(world / "new"), "--db", str(db))
    assert r.exit_code == 1, r.stderr
    errs = _errors(r.stderr)
    assert len(errs) == 1 and "read-only" in errs[0], r.stderr
    assert _digest(db) == before


def _settle(db: Path) -> None:
    """Checkpoint and close so no -wal/-shm is left beside the database."""
    con = sqlite3.connect(str(db))
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    assert not Path(f"{db}-wal").exists()


def test_read_only_folder(world: Path) -> None:
    """SQLite must create news.db-wal next to the file: a read-only folder forbids it."""
    db = _ingest_db(world)
    before = _digest(db)
    _settle(db)
    with read_only(db.parent):
        r = _ingest(str(world / "new"), "--db", str(db))
        # Reading still works where writing cannot.
        t = CliRunner().invoke(app, ["timeline", "--db", str(db), "--format", "jsonl"])
    assert r.exit_code == 1, r.stderr
    errs = _errors(r.stderr)
    assert len(errs) == 1 and str(db) in errs[0], r.stderr
    assert _digest(db) == before
    assert t.exit_code == 0, t.stderr


def test_new_database_in_read_only_folder(world: Path) -> None:
    ro = world / "ro"
    ro.mkdir()
    with read_only(ro):
        r = _ingest(str(world / "new"), "--db", str(ro / "x.db"))
    assert r.exit_code == 1, r.stderr
    assert len(_errors(r.stderr)) == 1, r.stderr
    assert not (ro / "x.db").exists()


def test_disk_full_injected(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _ingest_db(world)
    before = _digest(db)

    def full(cur: sqlite3.Cursor, events: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "_insert_events", full)
    r = CliRunner().invoke(app, ["ingest", str(world / "new"), "--db", str(db)])
    assert r.exit_code == 1
    errs = _errors(r.stderr)
    assert len(errs) == 1 and "disk is full" in errs[0], r.stderr
    monkeypatch.undo()
    assert _digest(db) == before


def test_disk_full_on_a_tiny_filesystem(world: Path) -> None:
    """A real tmpfs, filled up after the database exists: one error, what is stored is whole."""
    mnt = world / "tiny"
    mnt.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
                       check=True, capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a tmpfs here (needs root and a permissive sandbox)")
    try:
        db = mnt / "news.db"
        r = CliRunner().invoke(app, ["-q", "ingest", str(world / "old"), "--db", str(db)])
        assert r.exit_code == 0, r.stderr
        _settle(db)
        before = _digest(db)
        free = shutil.disk_usage(mnt).free
        with open(mnt / "filler", "wb") as fh:  # leave room for a few pages only
            fh.write(b"\0" * max(0, free - 48 * 1024))
        corpus = world / "big"
        synth.write_corpus(corpus, 40, seed=3)
        p = subprocess.run([sys.executable, "-m", "newsline", "ingest", str(corpus),
                            "--db", str(db)], capture_output=True, text=True, timeout=120)
        assert p.returncode == 1, p.stderr
        errs = _errors(p.stderr)
        assert len(errs) == 1 and "full" in errs[0], p.stderr
        assert "Traceback" not in p.stderr
        os.unlink(mnt / "filler")
        with Store.open(str(db), readonly=True) as s:
            assert s.integrity() == "ok"
            # every stored article has its events (none is half written)
            empty = s.con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                                  " (SELECT 1 FROM events e WHERE e.article = a.id)").fetchone()[0]
            assert empty == 0
            assert s.counts()["articles"] >= 4
        if _digest(db) == before:
            print("the disk was full before the first new article")
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)


def test_database_locked_for_long(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _ingest_db(world)
    before = _digest(db)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(store, "RETRIES", 2)
    holder = sqlite3.connect(str(db), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = CliRunner().invoke(app, ["ingest", str(world / "new"), "--db", str(db)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.exit_code == 1
    errs = _errors(r.stderr)
    assert len(errs) == 1 and "locked" in errs[0], r.stderr
    monkeypatch.undo()
    assert _digest(db) == before


def test_file_deleted_between_listing_and_reading(
    world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = world / "vanish.db"
    real = sources.discover
    gone: list[str] = []

    def discover_then_delete(paths, glob=None):  # noqa: ANN001, ANN202
        for item in real(paths, glob=glob):
            if isinstance(item, str) and not gone:
                os.unlink(item)  # listed, then gone before it is read
                gone.append(item)
            yield item

    monkeypatch.setattr(sources, "discover", discover_then_delete)
    r = CliRunner().invoke(app, ["ingest", str(world / "new"), "--db", str(db)])
    assert r.exit_code == 1
    lines = [ln for ln in r.stderr.splitlines() if gone[0] in ln]
    assert len(lines) == 1 and "no such file" in lines[0], r.stderr
    with Store.open(str(db), readonly=True) as s:
        assert s.counts()["articles"] == 4  # the other files are in
