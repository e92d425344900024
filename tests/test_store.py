"""The store: migrations, refusal of foreign and newer files, idempotent writes."""

from __future__ import annotations

import sqlite3

import pytest

from newsline.errors import StoreError
from newsline.models import Article, Entry, Event, Granularity, PublishedHow, RemovedLine, SourceRef
from newsline.store import APPLICATION_ID, SCHEMA_VERSION, Store


def _article(aid: str = "a1", path: str = "x.txt", text: str = "Body.") -> Article:
    return Article(
        id=aid, path=path, title="T", outlet="O", published="2020-02-29",
        published_how=PublishedHow.METADATA, text=text, raw="raw " + text,
        removed=(RemovedLine(0, 4, "Sort by", "comment widget"),),
    )


def _event(eid: str, aid: str = "a1", value: str = "2020-02-28") -> Event:
    return Event(
        id=eid, article=aid, value=value, granularity=Granularity.DAY, start=value, end=value,
        text="the council met on Friday", expression="Friday", expr_start=19, expr_end=25,
        clause_start=0, clause_end=25, keywords=("council",), rule="weekday", cue="met",
        anchor="2020-02-29", relative=True,
    )


def test_migrates_from_empty(tmp_path):
    path = tmp_path / "n.db"
    with Store.open(str(path)) as s:
        assert s.version == SCHEMA_VERSION
        assert s.counts() == {"articles": 0, "events": 0, "entries": 0}
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_refuses_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is a shopping list, not a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a newsline database"):
        Store.open(str(path))
    assert path.read_bytes() == before


def test_refuses_someone_elses_sqlite(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a newsline database"):
        Store.open(str(path))
    assert path.read_bytes() == before


def test_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "new.db"
    Store.open(str(path)).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer newsline"):
        Store.open(str(path))


def test_readonly_open_of_missing_file_is_an_error_and_creates_nothing(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no newsline database"):
        Store.open(str(path), readonly=True)
    assert not path.exists()


def test_put_is_idempotent_and_replaces_by_key(tmp_path):
    with Store.open(str(tmp_path / "n.db")) as s:
        assert s.put_article(_article(), [_event("e1")], key="/k").status == "new"
        assert s.put_article(_article(), [_event("e1")], key="/k").status == "unchanged"
        assert s.counts()["events"] == 1
        changed = _article("a2", text="Other body.")
        assert s.put_article(changed, [_event("e2", "a2")], key="/k").status == "replaced"
        assert [a.id for a in s.articles()] == ["a2"]
        assert [e.id for e in s.events()] == ["e2"]
        got = s.articles()[0]
        assert got.raw == "raw Other body." and got.removed[0].reason == "comment widget"


def test_entries_round_trip_with_sources(tmp_path):
    with Store.open(str(tmp_path / "n.db")) as s:
        s.put_article(_article(), [_event("e1"), _event("e2", value="2020-02")], key=None)
        entry = Entry(
            id="x1", date="2020-02-28", start="2020-02-28", end="2020-02-28",
            granularity=Granularity.DAY, title="Council meets",
            sources=(SourceRef("a1", "x.txt", "O", "2020-02-29", "t", "Friday", "e1"),),
            events=("e1", "e2"),
            scores=(("e1", "e2", 0.9),),
        )
        s.replace_entries([entry])
        (got,) = s.entries()
        assert got.events == ("e1", "e2")
        assert [src.expression for src in got.sources] == ["Friday", "Friday"]
        assert got.scores == (("e1", "e2", 0.9),)
        assert s.entries(since="2020-03-01") == []
        assert s.integrity() == "ok"


def test_entry_reads_back_with_its_sources_in_their_order_and_its_title(tmp_path):
    from newsline.merge import headline

    with Store.open(str(tmp_path / "n.db")) as s:
        s.put_article(_article(), [_event("e1"), _event("e2"), _event("e3")], key=None)
        refs = tuple(
            SourceRef("a1", "x.txt", "O", "2020-02-29", "the council met on Friday", "Friday", ev)
            for ev in ("e3", "e1", "e2")
        )
        derived = Entry(
            id="x1", date="2020-02-28", start="2020-02-28", end="2020-02-28",
            granularity=Granularity.DAY, title=headline("the council met on Friday", "Friday"),
            sources=refs, events=("e1", "e2", "e3"), scores=(("e3", "e1", 0.5),),
        )
        own = Entry(
            id="x2", date="2020-02-28", start="2020-02-28", end="2020-02-28",
            granularity=Granularity.DAY, title="A title of its own", sources=refs[:1],
            events=("e3",),
        )
        s.replace_entries([derived, own])
        got = {e.id: e for e in s.entries()}
        assert [r.event for r in got["x1"].sources] == ["e3", "e1", "e2"]
        assert got["x1"].title == derived.title
        assert got["x1"].scores == (("e3", "e1", 0.5),)
        assert got["x2"].title == "A title of its own"
