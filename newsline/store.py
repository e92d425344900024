"""The embedded store: one SQLite file, versioned schema, short transactions.

The only module that imports sqlite3. Articles are keyed by a content hash so
re-ingesting changes nothing; a file whose text changed replaces its previous
version (same path) in the same transaction that writes the new one. Merged
entries are derived data: they can be dropped and rebuilt from the events.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsline.errors import StoreError
from newsline.events import keywords_of
from newsline.merge import headline
from newsline.models import (
    Article,
    Entry,
    Event,
    Granularity,
    PublishedHow,
    RemovedLine,
    SourceRef,
)

APPLICATION_ID = 0x4E4C494E  # "NLIN": marks the file as a newsline database
BUSY_TIMEOUT_MS = 5000
PAGE_SIZE = 4096
NO_KEYWORDS = "\x00"  # stored when an event's keywords are empty but its text has some
RETRIES = 8

T = TypeVar("T")

# Ordered migrations: index i brings the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        path TEXT,
        key TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        published_how TEXT,
        published_evidence TEXT NOT NULL DEFAULT '',
        stated TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        raw BLOB NOT NULL,
        removed TEXT NOT NULL DEFAULT '[]',
        seq INTEGER NOT NULL
    );
    CREATE INDEX articles_key ON articles(key);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        granularity TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        text TEXT NOT NULL,
        expression TEXT NOT NULL,
        expr_start INTEGER NOT NULL,
        expr_end INTEGER NOT NULL,
        clause_start INTEGER NOT NULL,
        clause_end INTEGER NOT NULL,
        keywords TEXT NOT NULL DEFAULT '',
        rule TEXT NOT NULL DEFAULT '',
        cue TEXT,
        anchor TEXT,
        relative INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX events_article ON events(article);
    CREATE INDEX events_start ON events(start, "end");
    CREATE TABLE entries (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        granularity TEXT NOT NULL,
        title TEXT NOT NULL,
        n_sources INTEGER NOT NULL,
        scores TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX entries_start ON entries(start, "end");
    CREATE TABLE entry_events (
        entry TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        ord INTEGER NOT NULL,
        PRIMARY KEY (entry, event)
    );
    CREATE INDEX entry_events_event ON entry_events(event);
    CREATE TABLE state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: every insert asks max(seq); without an index that scans the whole table.
    """
    CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
    """,
    # 3: large stores merge month by month; each entry remembers its date partition
    # ('' when the whole store was merged at once) so partitions can be replaced alone.
    """
    ALTER TABLE entries ADD COLUMN part TEXT NOT NULL DEFAULT '';
    CREATE INDEX entries_part ON entries(part);
    """,
    # 4: entry_events clustered on its key (WITHOUT ROWID): one b-tree instead of two.
    """
    CREATE TABLE entry_events_new (
        entry TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        ord INTEGER NOT NULL,
        PRIMARY KEY (entry, event)
    ) WITHOUT ROWID;
    INSERT INTO entry_events_new SELECT entry, event, ord FROM entry_events;
    DROP TABLE entry_events;
    ALTER TABLE entry_events_new RENAME TO entry_events;
    CREATE INDEX entry_events_event ON entry_events(event);
    """,
    # 5: Event.kind (a reporting date's announcement or a happening) steers merging.
    """
    ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'happening';
    """,
    # 6: indexes no query uses, a tenth of a large store: entries of an event are never
    # looked up, and a partition's entries are found through their dates (entries_start).
    """
    DROP INDEX IF EXISTS entry_events_event;
    DROP INDEX IF EXISTS entries_part;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class PutResult:
    """What writing one article did: inserted, unchanged, or replaced an older version."""

    status: str  # "new" | "unchanged" | "replaced"
    article: str


def _inspect(path: str) -> tuple[int, int, bool]:
    """(application_id, user_version, has_tables) of an existing file, read-only."""
    try:
        con = sqlite3.connect(_ro_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as e:
        raise StoreError(f"cannot open {path}: {e}") from e
    try:
        app = con.execute("PRAGMA application_id").fetchone()[0]
        ver = con.execute("PRAGMA user_version").fetchone()[0]
        has = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        return app, ver, has
    except sqlite3.DatabaseError as e:
        raise StoreError(
            f"{path} is not a newsline database ({e})",
            hint="pass --db with another path; newsline never modifies foreign files",
        ) from e
    finally:
        con.close()


def _ro_uri(path: str) -> str:
    """URI for a read-only open; ``immutable`` where nothing can be writing the file.

    A WAL database needs its -shm file created beside it even to be read, so in a
    read-only folder (a mounted archive, an immutable backup) without a -wal
    file, nobody can be writing it and SQLite may skip locking altogether.
    """
    folder = os.path.dirname(os.path.abspath(path))
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
    if not os.access(folder, os.W_OK) and not os.path.exists(path + "-wal"):
        uri += "&immutable=1"
    return uri


def _check_existing(path: str) -> int:
    """Refuse foreign or newer files before anything writes to them; return their version."""
    app, ver, has_tables = _inspect(path)
    if app != APPLICATION_ID and (has_tables or ver):
        raise StoreError(
            f"{path} is not a newsline database",
            hint="pass --db with another path; newsline never modifies foreign files",
        )
    if ver > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer newsline"
            f" (schema {ver}; this one knows {SCHEMA_VERSION})",
            hint="upgrade newsline",
        )
    return ver


class Store:
    """A newsline database. Use ``Store.open(path)`` and close it (or use ``with``)."""

    def __init__(self, con: sqlite3.Connection, path: str, readonly: bool) -> None:
        self.con = con
        self.path = path
        self.readonly = readonly

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, path: str, *, readonly: bool = False) -> Store:
        """Open (creating and migrating when writable) the database at ``path``.

        A read-only open of a missing file is an error: there is nothing to show.
        """
        exists = os.path.exists(path) and os.path.getsize(path) > 0
        if os.path.isdir(path):
            raise StoreError(f"{path} is a folder, not a database file", hint="pass --db FILE")
        if readonly and not exists:
            raise StoreError(
                f"no newsline database at {path}",
                hint="run `newsline ingest PATH` first, or pass --db / set NEWSLINE_DB",
            )
        version = _check_existing(path) if exists else 0
        try:
            if readonly:
                con = sqlite3.connect(_ro_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            else:
                con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            con.isolation_level = None  # explicit BEGIN/COMMIT below
            con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                if not exists:
                    # 4 KiB, not 16: every short write transaction rewrites each index
                    # page it touches, and at 16 KiB that was ~80 MB/s of WAL and a
                    # quarter of the writer's CPU; articles spilling to overflow pages
                    # cost only 2% more file (bench_scale: 2.53x vs 2.49x raw text).
                    con.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                _retry(lambda: con.execute("PRAGMA journal_mode = WAL"), path=path)
                con.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as e:
            raise StoreError(f"cannot open {path}: {e}") from e
        store = cls(con, path, readonly)
        if not readonly and version < SCHEMA_VERSION:
            store._migrate()
        return store

    def _migrate(self) -> None:
        def run() -> None:
            cur = self.con.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                ver = cur.execute("PRAGMA user_version").fetchone()[0]
                for i in range(ver, SCHEMA_VERSION):
                    for stmt in MIGRATIONS[i].split(";"):
                        if stmt.strip():
                            cur.execute(stmt)
                    cur.execute(f"PRAGMA user_version = {i + 1}")
                cur.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                cur.execute("COMMIT")
            except BaseException:
                _rollback(self.con)
                raise

        self._write(run)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.con.execute("PRAGMA user_version").fetchone()[0])

    # -- writing ---------------------------------------------------------------
    def _write(self, fn: Callable[[], T]) -> T:
        """Run a write with retries and backoff when another process holds the lock."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        return _retry(fn, path=self.path)

    def _transaction(self, body: Callable[[sqlite3.Cursor], T]) -> T:
        def run() -> T:
            cur = self.con.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                out = body(cur)
                cur.execute("COMMIT")
                return out
            except BaseException:
                _rollback(self.con)
                raise

        return self._write(run)

    def known(self, article_id: str, stated: str = "") -> bool:
        """True when this exact text was ingested with the same stated options."""
        row = self.con.execute(
            "SELECT stated FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row is not None and row[0] == stated

    def put_article(
        self, article: Article, events: Sequence[Event], *, key: str | None, stated: str = ""
    ) -> PutResult:
        """Write an article with its events in one transaction.

        ``key`` identifies the input (a file's real path): an older article with
        the same key is replaced. Writing the same content again changes nothing.
        """
        return self._transaction(lambda cur: _put(cur, article, events, key, stated))

    def put_articles(
        self, items: Sequence[tuple[Article, Sequence[Event], str | None, str]]
    ) -> list[PutResult]:
        """Write several (article, events, key, stated) in one short transaction.

        Each article is still complete or absent; batching only saves the
        per-transaction cost (a WAL commit) that dominates small writes.
        """
        if not items:
            return []
        return self._transaction(
            lambda cur: [_put(cur, a, evs, key, stated) for a, evs, key, stated in items]
        )

    def update_dating(self, article: Article, events: Sequence[Event]) -> None:
        """Replace an article's publication date and its events (cross-source dating)."""

        def body(cur: sqlite3.Cursor) -> None:
            cur.execute(
                "UPDATE articles SET published = ?, published_how = ?, published_evidence = ?"
                " WHERE id = ?",
                (
                    article.published,
                    article.published_how.value if article.published_how else None,
                    article.published_evidence,
                    article.id,
                ),
            )
            cur.execute("DELETE FROM events WHERE article = ?", (article.id,))
            _insert_events(cur, events)

        self._transaction(body)

    def replace_entries(self, entries: Sequence[Entry], *, part: str | None = None) -> None:
        """Swap the merged entries for a freshly computed set, atomically.

        With ``part`` only that date partition's entries are replaced (see
        ``ingest.rebuild_entries``); without it, all of them.
        """

        def body(cur: sqlite3.Cursor) -> None:
            if part is None:
                cur.execute("DELETE FROM entry_events")
                cur.execute("DELETE FROM entries")
            else:
                where, args = _part_where(part)
                cur.execute(
                    f"DELETE FROM entry_events WHERE entry IN (SELECT id FROM entries{where})",
                    args,
                )
                cur.execute(f"DELETE FROM entries{where}", args)
                # the same cluster may still stand in another partition (or the whole-store one)
                ids = [(e.id,) for e in entries]
                cur.executemany("DELETE FROM entry_events WHERE entry = ?", ids)
                cur.executemany("DELETE FROM entries WHERE id = ?", ids)
            cur.executemany(
                'INSERT INTO entries (id, date, start, "end", granularity, title, n_sources,'
                " scores, part) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    (
                        e.id,
                        e.date,
                        e.start,
                        e.end,
                        e.granularity.value,
                        _title_out(e),
                        len({s.article for s in e.sources}),
                        _scores_out(e),
                        part or "",
                    )
                    for e in entries
                ),
            )
            cur.executemany(
                "INSERT OR IGNORE INTO entry_events (entry, event, ord) VALUES (?,?,?)",
                ((e.id, ev, i) for e in entries for i, ev in enumerate(_stored_order(e))),
            )

        self._transaction(body)

    def drop_partitions_except(self, keep: Iterable[str]) -> None:
        """Delete the entries of every date partition not in ``keep`` (now empty ones)."""
        stale = [p for (p,) in self.con.execute("SELECT DISTINCT part FROM entries")
                 if p not in set(keep)]
        for p in stale:
            self.replace_entries([], part=p)

    # -- reading ---------------------------------------------------------------
    def article_refs(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Articles without their texts (empty ``text``/``raw``): cheap, for citations."""
        sql = ("SELECT id, path, title, outlet, published, published_how, '', '', '[]',"
               " published_evidence FROM articles")
        if ids is None:
            return [_article(r) for r in self.con.execute(sql + " ORDER BY seq")]
        out: list[Article] = []
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            out += [_article(r) for r in self.con.execute(
                sql + f" WHERE id IN ({marks}) ORDER BY seq", chunk)]
        return out

    def undated_ids(self, *, cross_source: bool = False) -> list[str]:
        """Ids of undated articles (and, if asked, those dated from other sources)."""
        sql = "SELECT id FROM articles WHERE published IS NULL"
        if cross_source:
            sql += " OR published_how = 'cross-source'"
        return [r[0] for r in self.con.execute(sql + " ORDER BY seq")]

    def event_months(self) -> list[str]:
        """The months (YYYY-MM) in which some event starts, in order (index only)."""
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT substr(start, 1, 7) FROM events ORDER BY 1")]

    def events_starting(self, lo: str, hi: str) -> list[Event]:
        """Events whose first day is in [lo, hi) (ISO days), in (start, id) order."""
        return [_event(r) for r in self.con.execute(
            "SELECT * FROM events WHERE start >= ? AND start < ? ORDER BY start, id", (lo, hi))]

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Articles in ingest order (all, or those with the given ids)."""
        sql = (
            "SELECT id, path, title, outlet, published, published_how, text, raw, removed,"
            " published_evidence FROM articles"
        )
        if ids is None:
            rows = self.con.execute(sql + " ORDER BY seq").fetchall()
        else:
            wanted = list(ids)
            rows = []
            for chunk in _chunks(wanted, 500):
                marks = ",".join("?" * len(chunk))
                rows += self.con.execute(
                    sql + f" WHERE id IN ({marks}) ORDER BY seq", chunk
                ).fetchall()
        return [_article(r) for r in rows]

    def find_articles(self, ref: str) -> list[Article]:
        """Articles whose id starts with ``ref`` or whose path equals or ends with it."""
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id LIKE ? || '%' OR path = ? OR path LIKE '%/' || ?"
            " ORDER BY seq",
            (ref, ref, ref),
        ).fetchall()
        return self.articles([r[0] for r in rows])

    def event_counts(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT article, count(*) FROM events GROUP BY article"))

    def events(
        self, articles: Iterable[str] | None = None, *, since: str | None = None,
        until: str | None = None,
    ) -> list[Event]:
        """Raw events, optionally of some articles or overlapping [since, until] (ISO days)."""
        sql = "SELECT * FROM events"
        where, args = _overlapping(since, until)
        if articles is not None:
            ids = list(articles)
            out: list[Event] = []
            for chunk in _chunks(ids, 500):
                w = where + [f"article IN ({','.join('?' * len(chunk))})"]
                out += [
                    _event(r)
                    for r in self.con.execute(
                        f"{sql} WHERE {' AND '.join(w)} ORDER BY start, id", args + chunk
                    )
                ]
            return out
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_event(r) for r in self.con.execute(sql + " ORDER BY start, id", args)]

    def iter_events(self, batch: int = 10_000) -> Iterator[Event]:
        """Every event, streamed in date order, for merging large stores."""
        cur = self.con.execute("SELECT * FROM events ORDER BY start, id")
        while rows := cur.fetchmany(batch):
            yield from (_event(r) for r in rows)

    def entries(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        min_sources: int = 1,
        limit: int | None = None,
        reverse: bool = False,
        ids: Sequence[str] | None = None,
    ) -> list[Entry]:
        """Merged entries in date order, filtered in SQL (indexes do the work)."""
        where, args = _overlapping(since, until)
        where.append("n_sources >= ?")
        args.append(min_sources)
        if ids is not None:
            where.append(f"id IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        order = "DESC" if reverse else "ASC"
        sql = (
            'SELECT id, date, start, "end", granularity, title, scores FROM entries'
            f' WHERE {" AND ".join(where)} ORDER BY start {order}, "end" {order}, id {order}'
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self.con.execute(sql, args).fetchall()
        return self._with_sources(rows)

    def entry_ids_for_event_prefix(self, ref: str) -> list[str]:
        rows = self.con.execute("SELECT id FROM entries WHERE id LIKE ? || '%'", (ref,))
        return [r[0] for r in rows]

    def _with_sources(self, rows: list[tuple]) -> list[Entry]:
        if not rows:
            return []
        by_entry: dict[str, list[tuple]] = {r[0]: [] for r in rows}
        for chunk in _chunks(list(by_entry), 500):
            marks = ",".join("?" * len(chunk))
            for src in self.con.execute(
                "SELECT ee.entry, ev.id, ev.article, a.path, a.outlet, a.published, ev.text,"
                " ev.expression, ee.ord FROM entry_events ee JOIN events ev ON ev.id = ee.event"
                f" JOIN articles a ON a.id = ev.article WHERE ee.entry IN ({marks})"
                " ORDER BY ee.entry, ee.ord",
                chunk,
            ):
                by_entry[src[0]].append(src)
        out = []
        for r in rows:
            srcs = by_entry[r[0]]
            out.append(
                Entry(
                    id=r[0],
                    date=r[1],
                    start=r[2],
                    end=r[3],
                    granularity=Granularity(r[4]),
                    title=r[5] or (headline(srcs[0][6], srcs[0][7]) if srcs else ""),
                    sources=tuple(
                        SourceRef(
                            article=s[2], path=s[3], outlet=s[4], published=s[5], text=s[6],
                            expression=s[7], event=s[1],
                        )
                        for s in srcs
                    ),
                    events=tuple(s[1] for s in srcs),
                    scores=_scores_in(r[6], {s[8]: s[1] for s in srcs}),
                )
            )
        return out

    def counts(self) -> dict[str, int]:
        q = self.con.execute
        return {
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
            "entries": q("SELECT count(*) FROM entries").fetchone()[0],
        }

    def integrity(self) -> str:
        return str(self.con.execute("PRAGMA integrity_check").fetchone()[0])


# -- helpers -----------------------------------------------------------------------
def _retry(fn: Callable[[], T], *, path: str = "database") -> T:
    """Retry on SQLITE_BUSY with jittered backoff; the busy timeout handles most waits."""
    delay = 0.05
    for attempt in range(RETRIES):
        try:
            return fn()
        except sqlite3.OperationalError as e:
            msg = str(e).lower()
            if ("locked" in msg or "busy" in msg) and attempt < RETRIES - 1:
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 2.0)
                continue
            raise StoreError(_explain_operational(path, e)) from e
        except sqlite3.DatabaseError as e:
            raise StoreError(_explain_operational(path, e)) from e
    raise AssertionError("unreachable")


def _explain_operational(path: str, e: sqlite3.Error) -> str:
    msg = str(e)
    low = msg.lower()
    if "readonly" in low or "read-only" in low:
        return f"cannot write {path}: the database or its folder is read-only"
    if "unable to open" in low and not os.access(os.path.dirname(os.path.abspath(path)), os.W_OK):
        return (f"cannot write {path}: its folder is read-only (SQLite needs to create"
                f" {os.path.basename(path)}-wal beside the database)")
    if "full" in low:
        return (f"cannot write {path}: the disk is full; the articles being written were not"
                " stored (those stored before are complete)")
    if "locked" in low or "busy" in low:
        return f"{path} stayed locked by another process; try again when it has finished"
    return f"{path}: {msg}"


def _part_where(part: str) -> tuple[str, tuple[str, ...]]:
    """SQL selecting one date partition's entries through the start-date index.

    A month's ("2015-11") or a year's ("2015") entries start inside it; other
    partitions ("wide", "") are rare and small enough to find by scanning.
    """
    if len(part) == 7 and part[4] == "-":
        y, m = int(part[:4]), int(part[5:])
        lo, hi = f"{part}-01", f"{y + (m == 12):04d}-{m % 12 + 1:02d}-01"
    elif len(part) == 4 and part.isdigit():
        lo, hi = f"{part}-01-01", f"{int(part) + 1:04d}-01-01"
    else:
        return " WHERE part = ?", (part,)
    return " WHERE start >= ? AND start < ? AND part = ?", (lo, hi, part)


def _rollback(con: sqlite3.Connection) -> None:
    """Undo a failed transaction without masking why it failed.

    After some errors (a full disk, an I/O error) SQLite has already rolled back
    by itself, and a second ROLLBACK would replace the real error with
    "no transaction is active".
    """
    if con.in_transaction:
        try:
            con.execute("ROLLBACK")
        except sqlite3.OperationalError:
            pass


def _stored_order(e: Entry) -> list[str]:
    """An entry's events in the order its sources cite them (by publication, as merge
    sorts them), so an entry read back cites them in the order it was built with."""
    cited = [s.event for s in e.sources if s.event]
    seen = set(cited)
    return cited + [ev for ev in e.events if ev not in seen]


def _title_out(e: Entry) -> str:
    """'' when the title is what its first source's clause gives anyway (most entries):
    titles were a sixth of a store, and they are derived on read in microseconds."""
    first = e.sources[0] if e.sources else None
    if (
        first is not None
        and first.event == _stored_order(e)[0]  # the source a reader will see first
        and e.title == headline(first.text, first.expression)
    ):
        return ""
    return e.title


def _overlapping(since: str | None, until: str | None) -> tuple[list[str], list[object]]:
    """WHERE terms for rows whose [start, end] days overlap [since, until]."""
    where: list[str] = []
    args: list[object] = []
    if since:
        where.append('"end" >= ?')
        args.append(since)
    if until:
        where.append("start <= ?")
        args.append(until)
    return where, args


def _chunks(seq: list, n: int) -> Iterator[list]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _put(
    cur: sqlite3.Cursor, article: Article, events: Sequence[Event], key: str | None, stated: str
) -> PutResult:
    row = cur.execute("SELECT stated FROM articles WHERE id = ?", (article.id,)).fetchone()
    if row is not None and row[0] == stated:
        return PutResult("unchanged", article.id)
    replaced = False
    if row is not None:
        cur.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        replaced = True
    if key is not None:
        n = cur.execute(
            "DELETE FROM articles WHERE key = ? AND id != ?", (key, article.id)
        ).rowcount
        replaced = replaced or n > 0
    seq = cur.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
    cur.execute(
        "INSERT INTO articles (id, path, key, title, outlet, published, published_how,"
        " published_evidence, stated, text, raw, removed, seq)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            article.id,
            article.path,
            key,
            article.title,
            article.outlet,
            article.published,
            article.published_how.value if article.published_how else None,
            article.published_evidence,
            stated,
            _pack(article.text, like=article.raw),
            _pack(article.raw),
            json.dumps([[r.start, r.end, r.text, r.reason] for r in article.removed]),
            seq,
        ),
    )
    _insert_events(cur, events)
    return PutResult("replaced" if replaced else "new", article.id)


def _keywords_out(e: Event) -> str:
    """'' when the keywords are what the text gives anyway (most events): derived on read."""
    if e.keywords == keywords_of(e.text, drop=e.expression):
        return ""
    return " ".join(e.keywords) if e.keywords else NO_KEYWORDS


def _keywords_in(stored: str, text: str, expression: str) -> tuple[str, ...]:
    if not stored:
        return keywords_of(text, drop=expression)
    return () if stored == NO_KEYWORDS else tuple(stored.split())


def _insert_events(cur: sqlite3.Cursor, events: Sequence[Event]) -> None:
    cur.executemany(
        'INSERT OR REPLACE INTO events (id, article, value, granularity, start, "end", text,'
        " expression, expr_start, expr_end, clause_start, clause_end, keywords, rule, cue,"
        " anchor, relative, kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                e.id, e.article, e.value, e.granularity.value, e.start, e.end, e.text,
                e.expression, e.expr_start, e.expr_end, e.clause_start, e.clause_end,
                _keywords_out(e), e.rule, e.cue, e.anchor, int(e.relative), e.kind,
            )
            for e in events
        ),
    )


def _pack(text: str, like: str = "") -> bytes:
    """Texts are stored zlib-compressed, decoded only when shown.

    The clean text is compressed with the raw text as preset dictionary: it is
    mostly the same words, so it costs a few bytes more than the raw one alone.
    """
    data = text.encode("utf-8", "surrogatepass")
    if not like:
        return zlib.compress(data, 6)
    z = zlib.compressobj(6, zdict=like.encode("utf-8", "surrogatepass")[-32768:])
    return z.compress(data) + z.flush()


def _unpack(value: bytes | str, like: str = "") -> str:
    if isinstance(value, str):  # written before texts were compressed
        return value
    if like:
        try:
            z = zlib.decompressobj(zdict=like.encode("utf-8", "surrogatepass")[-32768:])
            return (z.decompress(value) + z.flush()).decode("utf-8", "surrogatepass")
        except zlib.error:
            pass  # compressed without the dictionary
    return zlib.decompress(value).decode("utf-8", "surrogatepass")


def _scores_out(e: Entry) -> str | bytes:
    """Pair scores as positions in the entry's event list: a fifth of the size of ids."""
    pos = {ev: i for i, ev in enumerate(_stored_order(e))}
    text = json.dumps(
        [[pos.get(a, a), pos.get(b, b), c] for a, b, c in e.scores], separators=(",", ":")
    )
    return zlib.compress(text.encode("utf-8"), 6) if len(text) > 200 else text


def _scores_in(raw: str | bytes, by_ord: dict[int, str]) -> tuple[tuple[str, str, float], ...]:
    def name(x: int | str) -> str:
        return by_ord.get(x, str(x)) if isinstance(x, int) else x

    if isinstance(raw, bytes):
        raw = zlib.decompress(raw).decode("utf-8")
    return tuple((name(a), name(b), float(c)) for a, b, c in json.loads(raw))


def _article(r: tuple) -> Article:
    removed = tuple(RemovedLine(a, b, t, why) for a, b, t, why in json.loads(r[8]))
    raw = _unpack(r[7])
    return Article(
        id=r[0],
        path=r[1],
        title=r[2],
        outlet=r[3],
        published=r[4],
        published_how=PublishedHow(r[5]) if r[5] else None,
        text=_unpack(r[6], like=raw),
        raw=raw,
        removed=removed,
        published_evidence=r[9] or "",
    )


def _event(r: sqlite3.Row | tuple) -> Event:
    return Event(
        id=r[0], article=r[1], value=r[2], granularity=Granularity(r[3]), start=r[4], end=r[5],
        text=r[6], expression=r[7], expr_start=r[8], expr_end=r[9], clause_start=r[10],
        clause_end=r[11], keywords=_keywords_in(r[12], r[6], r[7]), rule=r[13], cue=r[14],
        anchor=r[15], relative=bool(r[16]), kind=r[17] if len(r) > 17 else "happening",
    )
