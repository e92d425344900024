"""Engines give the plain path's timeline: process pool, Dask, and the JSON-lines hand-off."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline import ingest as core
from newsline.cli import app
from newsline.config import Settings
from newsline.models import RawDocument
from newsline.parallel import Inline, LocalPool, make_engine, run_batch
from newsline.pipeline import process_document
from newsline.serial import dumps, processed_from_dict, read_events
from newsline.sources import discover, read_document
from newsline.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GLOB = "[0-9]*"


def _timeline(db: Path) -> list[tuple]:
    with Store.open(str(db), readonly=True) as s:
        return [
            (e.id, e.date, e.title, tuple((r.article, r.event) for r in e.sources))
            for e in s.entries()
        ]


def _docs() -> list[RawDocument]:
    return [read_document(p) for p in discover([str(SAMPLES)], glob=GLOB) if isinstance(p, str)]


def _ingest_with(engine, db: Path) -> None:  # noqa: ANN001
    with Store.open(str(db)) as store:
        report = core.ingest_documents(store, _docs(), engine=engine)
        assert not report.failed
        core.finish(store, Settings(), report)


def test_serial_round_trip() -> None:
    doc = _docs()[0]
    done = process_document(doc)
    line = dumps(done, key="k", stated="s")
    back, key, stated = processed_from_dict(json.loads(line))
    assert (back, key, stated) == (done, "k", "s")


def test_serial_refuses_foreign_lines() -> None:
    got = list(read_events(io.StringIO('{"a": 1}\nnot json\n\n'), "x.jsonl"))
    assert [str(e) for e in got] == [
        "x.jsonl:1: not a newsline.processed/1 record (format=None)",
        "x.jsonl:2: not valid JSON (Expecting value at column 1)",
    ]


def test_run_batch_turns_failures_into_read_errors() -> None:
    out = run_batch([RawDocument(text="Nothing dated here at all.", path="a.txt")], frozenset())
    assert len(out) == 1 and not isinstance(out[0], Exception)


def test_make_engine_refuses_contradictions() -> None:
    from newsline.errors import UsageError

    with pytest.raises(UsageError):
        make_engine("local", scheduler="tcp://x:1")
    with pytest.raises(UsageError):
        make_engine("spark")
    assert isinstance(make_engine("local", jobs=1), Inline)


def test_process_pool_gives_the_plain_timeline(samples_db: Path, tmp_path: Path) -> None:
    pool = LocalPool(2)
    try:
        _ingest_with(pool, tmp_path / "pool.db")
    finally:
        pool.close()
    assert len(_timeline(samples_db)) > 5
    assert _timeline(tmp_path / "pool.db") == _timeline(samples_db)


def test_emit_then_load_events_gives_the_plain_timeline(samples_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "processed.jsonl"
    r = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--glob", GLOB, "--emit-events", str(out)])
    assert r.exit_code == 0, r.stderr
    assert not (tmp_path / "newsline.db").exists()
    db = tmp_path / "loaded.db"
    r = CliRunner().invoke(app, ["ingest", "--events", str(out), "--db", str(db)])
    assert r.exit_code == 0, r.stderr
    assert _timeline(db) == _timeline(samples_db)


def test_dask_gives_the_plain_timeline(samples_db: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from newsline.parallel import DaskEngine

    engine = DaskEngine(workers=2, processes=False)  # a LocalCluster in this process
    try:
        assert engine.workers == 2
        _ingest_with(engine, tmp_path / "dask.db")
    finally:
        engine.close()
    assert _timeline(tmp_path / "dask.db") == _timeline(samples_db)


def test_dask_cli_with_a_scheduler_address(samples_db: Path, tmp_path: Path) -> None:
    """--engine dask --scheduler ADDRESS: the path a multi-machine cluster takes."""
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                           dashboard_address=None)
    try:
        db = tmp_path / "cli.db"
        r = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--glob", GLOB, "--db", str(db),
                                     "--engine", "dask", "--scheduler", cluster.scheduler_address])
        assert r.exit_code == 0, r.stderr
    finally:
        cluster.close()
    assert _timeline(db) == _timeline(samples_db)


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--scheduler", "tcp://h:1",
                                 "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2
    assert not (tmp_path / "x.db").exists()


def test_partitioned_merge_covers_every_event_once(
    samples_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MERGE_IN_MEMORY events, merging goes partition by partition (by date)."""
    import shutil

    db = tmp_path / "parts.db"
    shutil.copy(samples_db, db)
    monkeypatch.setattr(core, "MERGE_IN_MEMORY", 0)
    with Store.open(str(db)) as store:
        n = core.rebuild_entries(store, Settings())
        parts = {p for (p,) in store.con.execute("SELECT DISTINCT part FROM entries")}
        placed = [ev for e in store.entries() for ev in e.events]
        events = [e.id for e in store.events()]
        first = sorted(e.id for e in store.entries())
        assert core.rebuild_entries(store, Settings()) == n  # rebuilding changes nothing
        assert sorted(e.id for e in store.entries()) == first
        pool = LocalPool(2)  # partitions merged on workers give the same entries
        try:
            assert core.rebuild_entries(store, Settings(), pool) == n
        finally:
            pool.close()
        assert sorted(e.id for e in store.entries()) == first
    assert "" not in parts and all(len(p) in (4, 7) or p == "wide" for p in parts)
    assert sorted(placed) == sorted(events)  # each event in exactly one entry
    assert len(first) == n
    # Most clusters lie within a month, where the partitioned merge is the whole-store one.
    with Store.open(str(samples_db), readonly=True) as s:
        whole = {e.id for e in s.entries()}
    assert len(whole & set(first)) >= len(whole) // 2


def test_store_keeps_every_event_field(tmp_path: Path) -> None:
    """What the store gives back is what the pipeline made (kind and keywords included)."""
    done = [process_document(d) for d in _docs()]
    with Store.open(str(tmp_path / "k.db")) as store:
        store.put_articles([(p.article, p.events, None, "") for p in done])
        back = {e.id: e for e in store.events()}
    made = {e.id: e for p in done for e in p.events}
    assert back == made
    assert any(e.kind != "happening" for e in made.values())


def _read_ahead_threads() -> list:
    import threading

    return [t for t in threading.enumerate() if t.name == "newsline-read-ahead"]


def test_read_ahead_keeps_order_and_raises_in_place() -> None:
    from newsline.ingest import read_ahead

    assert list(read_ahead(iter(range(50)))) == list(range(50))

    def broken():  # noqa: ANN202
        yield 1
        yield 2
        raise OSError("disk went away")

    got = []
    with pytest.raises(OSError, match="disk went away"):
        for x in read_ahead(broken()):
            got.append(x)
    assert got == [1, 2]


def test_read_ahead_stops_its_thread_when_the_reader_stops() -> None:
    import itertools
    import time

    from newsline.ingest import read_ahead

    it = read_ahead(itertools.count())
    assert next(it) == 0
    it.close()
    deadline = time.monotonic() + 5
    while _read_ahead_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _read_ahead_threads()


def test_strict_with_workers_writes_what_came_before_the_failure(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):  # several batches before and after the broken file
        (folder / f"{i:02d}.txt").write_text(
            f"---\ndate: 2021-06-01\n---\nThe depot number {i} closed on Monday.\n")
    (folder / "20.txt").write_bytes(b"")
    db = tmp_path / "n.db"
    r = CliRunner().invoke(app, ["ingest", str(folder), "--strict", "--jobs", "2",
                                 "--db", str(db)])
    assert r.exit_code == 1 and "20.txt" in r.stderr
    with Store.open(str(db), readonly=True) as s:
        names = sorted(Path(a.path).name for a in s.article_refs() if a.path)
    assert names == [f"{i:02d}.txt" for i in range(20)]
