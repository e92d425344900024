"""The command line: parse options, call the core, format the output.

Stdout carries data only; every message goes to stderr. Exit codes: 0 ok,
1 some input or runtime error (after the rest of the batch), 2 usage error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from newsline import __version__
from newsline.config import DB_ENV, Settings, db_path
from newsline.errors import NewslineError, ReadError, UsageError
from newsline.models import RawDocument
from newsline.sources import DEFAULT_MAX_BYTES

app = typer.Typer(
    name="newsline",
    help="Turn a pile of news articles into a merged, cited timeline.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

err = Console(stderr=True, highlight=False, soft_wrap=True)


class State:
    """Verbosity shared by every command (set by the top-level options)."""

    quiet = False
    verbose = False


def say(msg: str) -> None:
    """A message for people, on stderr, unless --quiet."""
    if not State.quiet:
        err.print(msg, markup=False)


def fail(e: NewslineError, code: int = 1) -> NoReturn:
    err.print(f"Error: {e}", markup=False)
    if e.hint:
        err.print(f"Hint: {e.hint}", markup=False)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say more on stderr (each file).")
    ] = False,
) -> None:
    """Turn a pile of news articles into a merged, cited timeline.

    Example: newsline ingest articles/ && newsline timeline --format md
    """
    if quiet and verbose:
        raise typer.BadParameter("--quiet and --verbose contradict each other")
    State.quiet, State.verbose = quiet, verbose


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", metavar="PATH", help=f"Database file (default ./newsline.db, or ${DB_ENV})."
    ),
]


def _open(db: str | None, *, readonly: bool):  # noqa: ANN202 - returns Store
    from newsline.store import Store

    try:
        return Store.open(db_path(db), readonly=readonly)
    except NewslineError as e:
        fail(e)


# -- ingest ---------------------------------------------------------------------------
class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders (searched recursively); '-' reads stdin."),
    ] = None,
    files_from: Annotated[
        str | None,
        typer.Option(
            "--files-from", metavar="FILE", help="Read the paths to ingest from FILE ('-': stdin)."
        ),
    ] = None,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            metavar="FILE",
            help="Articles as JSON lines {text, published?, outlet?, ...}.",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", metavar="DATE", help="Publication date (YYYY-MM-DD) for every input."
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="NAME", help="Outlet name for every input.")
    ] = None,
    glob: Annotated[
        str | None,
        typer.Option("--glob", metavar="GLOB", help="Only files in folders matching this glob."),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", metavar="BYTES", help="Skip files larger than this.")
    ] = DEFAULT_MAX_BYTES,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first input that fails.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", metavar="N", min=1, help="Worker processes (or Dask workers)."
        ),
    ] = 1,
    engine: Annotated[
        Engine, typer.Option("--engine", help="Where the per-article work runs.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler ADDRESS (default: a local cluster).",
        ),
    ] = None,
    events: Annotated[
        str | None,
        typer.Option(
            "--events",
            metavar="FILE",
            help="Load processed articles from --emit-events JSON lines.",
        ),
    ] = None,
    emit_events: Annotated[
        str | None,
        typer.Option(
            "--emit-events",
            metavar="FILE",
            help="Only process: write JSON lines to FILE ('-': "
            "stdout) for a later --events, no database.",
        ),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Read articles into the database, date them and merge their events.

    Example: newsline ingest samples/ --db news.db --jobs 4
    """
    from newsline import ingest as core
    from newsline import sources

    if published is not None:
        _check_iso_day(published, "--published")
    paths = list(paths or [])
    if not paths and not files_from and not jsonl and not events:
        raise typer.BadParameter("give at least one PATH, --files-from, --jsonl or --events")
    stdin_users = sum(1 for p in paths if p == "-") + (files_from == "-") + (jsonl == "-")
    if stdin_users + (events == "-") > 1:
        raise typer.BadParameter("stdin ('-') can be read only once")
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    if emit_events and events:
        raise typer.BadParameter("--emit-events writes what --events reads; give one of them")
    if emit_events and db:
        raise typer.BadParameter("--emit-events writes no database; drop --db")
    if files_from:
        try:
            if files_from == "-":
                paths += sources.read_files_from(sys.stdin)
            else:
                with open(files_from, encoding="utf-8") as fh:
                    paths += sources.read_files_from(fh)
        except OSError as e:
            fail(ReadError(files_from, e.strerror or str(e)))

    # Listing first (cheap) gives the progress bar its total.
    listed = list(sources.discover(paths, glob=glob))

    def docs():  # noqa: ANN202 - a generator of RawDocument | ReadError
        for item in listed:
            if isinstance(item, ReadError):
                yield item
                continue
            if State.verbose:
                say(f"reading {item}")
            try:
                yield sources.read_document(
                    item,
                    max_bytes=max_bytes,
                    stdin=sys.stdin.buffer if item == "-" else None,
                    published=published,
                    outlet=source,
                )
            except ReadError as e:
                yield e
        if jsonl:
            try:
                fh = sys.stdin if jsonl == "-" else open(jsonl, encoding="utf-8")  # noqa: SIM115
            except OSError as e:
                yield ReadError(jsonl, e.strerror or str(e))
                return
            with fh:
                for doc in sources.read_jsonl(fh, jsonl):
                    if isinstance(doc, RawDocument) and (published or source):
                        doc = RawDocument(
                            text=doc.text,
                            path=doc.path,
                            published=published or doc.published,
                            outlet=source or doc.outlet,
                            title=doc.title,
                            url=doc.url,
                        )
                    yield doc

    def on_error(e: ReadError) -> None:
        err.print(f"{'Error' if strict else 'Skipped'}: {e}", markup=False)

    from newsline.parallel import make_engine

    if emit_events:
        _emit_events(emit_events, docs(), strict, on_error, engine.value, jobs, scheduler)
        return
    settings = Settings()
    runner = None
    if paths or files_from or jsonl:
        try:  # before the database is opened: a missing extra must not leave an empty file
            runner = make_engine(engine.value, jobs=jobs, scheduler=scheduler)
        except UsageError as e:
            fail(e, 2)
        except NewslineError as e:
            fail(e)
    try:
        store = _open(db, readonly=False)
    except typer.Exit:
        if runner is not None:
            runner.close()
        raise
    try:
        try:
            report = core.IngestReport()
            if runner is not None:
                with _progress(len(listed), bool(jsonl)) as advance:
                    report = core.ingest_documents(
                        store,
                        docs(),
                        strict=strict,
                        on_error=on_error,
                        engine=runner,
                        on_progress=advance,
                    )
            if events:
                report = core.merge_reports(report, _load_events(store, events, strict, on_error))
        except ReadError:
            # --strict: nothing of the failed input was written; what came before
            # it was, so the timeline is brought up to date before stopping.
            core.finish(store, settings, core.IngestReport(), engine=runner)
            raise typer.Exit(1) from None
        core.finish(store, settings, report, engine=runner)
    except NewslineError as e:
        fail(e)
    finally:
        if runner is not None:
            runner.close()
        store.close()
    for path, value in report.cross_dated:
        say(f"{path}: dated {value} from other sources (cross-source)")
    for path in report.undated:
        say(f"{path}: no publication date found; stored as undated")
    say(
        f"ingested {report.seen} input(s): {report.new} new, {report.replaced} replaced,"
        f" {report.unchanged} unchanged, {len(report.failed)} failed;"
        f" {report.entries} timeline entries"
    )
    if report.failed:
        raise typer.Exit(1)


PROGRESS_MIN = 50  # inputs; a smaller batch finishes before a bar is worth drawing


@contextmanager
def _progress(total: int, open_ended: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for large batches in a terminal; never in a pipe."""
    if (
        State.quiet
        or State.verbose
        or not err.is_terminal
        or (total < PROGRESS_MIN and not open_ended)
    ):
        yield None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=None if open_ended else total)
        yield lambda n: bar.advance(task, n)


def _load_events(store, name: str, strict: bool, on_error):  # noqa: ANN001, ANN202
    """--events: load records written by --emit-events (here or on another machine)."""
    from newsline import ingest as core
    from newsline.serial import read_events

    try:
        fh = sys.stdin if name == "-" else open(name, encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        fail(ReadError(name, e.strerror or str(e)))
    with fh:
        return core.ingest_records(store, read_events(fh, name), strict=strict, on_error=on_error)


def _emit_events(
    out: str,
    docs,
    strict: bool,
    on_error,
    engine: str,
    jobs: int,  # noqa: ANN001
    scheduler: str | None,
) -> None:
    """--emit-events: run the per-article work only, one JSON line per article."""
    from newsline import ingest as core
    from newsline.parallel import make_engine
    from newsline.serial import dumps

    try:
        fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        fail(NewslineError(f"cannot write {out}: {e.strerror or e}"))

    def sink(items: list) -> list[str]:
        for done, key, stated in items:
            fh.write(dumps(done, key=key, stated=stated) + "\n")
        return ["new"] * len(items)

    runner = None
    try:
        runner = make_engine(engine, jobs=jobs, scheduler=scheduler)
        report = core.run_documents(docs, sink, strict=strict, on_error=on_error, engine=runner)
    except ReadError:
        raise typer.Exit(1) from None
    except NewslineError as e:
        fail(e)
    finally:
        if runner is not None:
            runner.close()
        if fh is not sys.stdout:
            fh.close()
        else:
            fh.flush()
    say(
        f"processed {report.seen} input(s): {report.new} written to {out},"
        f" {len(report.failed)} failed"
    )
    if report.failed:
        raise typer.Exit(1)


def _check_iso_day(value: str, name: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2015-11-13", param_hint=name
        ) from None


# -- timeline -------------------------------------------------------------------------
class Fmt(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"
    timelinejs = "timelinejs"
    html = "html"


class Gran(str, Enum):
    day = "day"
    month = "month"
    year = "year"


def _default_format(out: str | None, fmt: Fmt | None) -> str:
    if fmt is not None:
        return fmt.value
    if out:
        from newsline.render import format_for_path

        inferred = format_for_path(out)
        if inferred is None:
            raise typer.BadParameter(
                f"cannot tell the format from {out!r}; add --format", param_hint="-o"
            )
        return inferred
    return "table" if sys.stdout.isatty() else "jsonl"


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, out: str | None) -> None:
    """Write to stdout, or atomically to a file (temp file + rename)."""
    if not out or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(out)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        fail(NewslineError(f"cannot write {out}: {e.strerror or e}"))
    say(f"wrote {out}")


@app.command()
def timeline(
    fmt: Annotated[
        Fmt | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: table in a terminal, "
            "jsonl in a pipe, or from -o's extension).",
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE atomically.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Entries from this date (2015-11-01, 2015-11)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Entries up to this date (inclusive)."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="NAME", help="Only entries citing this outlet or file."),
    ] = None,
    grep: Annotated[
        str | None,
        typer.Option("--grep", metavar="TEXT", help="Case-insensitive text in title or clauses."),
    ] = None,
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources", metavar="N", min=1, help="Entries cited by at least N articles."
        ),
    ] = 1,
    granularity: Annotated[
        Gran | None,
        typer.Option("--granularity", help="Collapse dates to day, month or year."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", metavar="N", min=0, help="At most N entries.")
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Newest first.")] = False,
    no_merge: Annotated[
        bool, typer.Option("--no-merge", help="Show raw events, one per source clause.")
    ] = False,
    similarity: Annotated[
        float | None,
        typer.Option(
            "--similarity", metavar="0-1", min=0.0, max=1.0, help="Merge threshold (0-1)."
        ),
    ] = None,
    window: Annotated[
        int | None,
        typer.Option("--window", metavar="DAYS", min=0, help="Days of slack for relative dates."),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Print the merged events in date order.

    Example: newsline timeline --format md --since 2015-11
    """
    from newsline import ingest as core
    from newsline.render import render
    from newsline.timeline import filter_entries, parse_bound

    name = _default_format(output, fmt)
    try:
        lo = parse_bound(since, end=False).isoformat() if since else None
        hi = parse_bound(until, end=True).isoformat() if until else None
    except UsageError as e:
        raise typer.BadParameter(str(e)) from e
    store = _open(db, readonly=True)
    try:
        if no_merge or similarity is not None or window is not None:
            settings = Settings(merge=not no_merge)
            if similarity is not None:
                settings = replace(settings, similarity=similarity)
            if window is not None:
                settings = replace(settings, window=window)
            events = store.events(since=lo, until=hi)
            entries = filter_entries(
                core.merge_events(store, settings, events),
                since=since,
                until=until,
                min_sources=min_sources,
            )
            entries = entries[::-1] if reverse else entries
        else:
            # Without text filters the limit goes to SQL: a million entries stay on disk.
            sql_limit = None if (source or grep or granularity) else limit
            entries = store.entries(
                since=lo, until=hi, min_sources=min_sources, reverse=reverse, limit=sql_limit
            )
        entries = filter_entries(
            entries,
            source=source,
            grep=grep,
            granularity=granularity.value if granularity else None,
            limit=limit,
            keep_order=True,
        )
    except NewslineError as e:
        fail(e)
    finally:
        store.close()
    color = _color() and not output
    _emit(render(entries, name, color=color), output)


# -- sources --------------------------------------------------------------------------
class ListFmt(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def sources(
    fmt: Annotated[ListFmt | None, typer.Option("--format", "-f", help="Output format.")] = None,
    db: DbOpt = None,
) -> None:
    """List ingested articles with their publication date and how it was found.

    Example: newsline sources --format jsonl
    """
    from newsline.render.articles import render_sources

    store = _open(db, readonly=True)
    try:
        arts = store.articles()
        counts = store.event_counts()
    finally:
        store.close()
    name = fmt.value if fmt else ("table" if sys.stdout.isatty() else "jsonl")
    sys.stdout.write(render_sources(arts, counts, name, color=_color()))


# -- dates ----------------------------------------------------------------------------
class DatesFmt(str, Enum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def dates(
    path: Annotated[str | None, typer.Argument(help="A text file, or '-' for stdin.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", metavar="DATE", help="The anchor date, YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[DatesFmt | None, typer.Option("--format", "-f")] = None,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch", help='JSON lines {"id","dct","text"} on stdin -> timexes per line.'
        ),
    ] = False,
) -> None:
    """Find and resolve the date expressions of one text (or a batch on stdin).

    Example: newsline dates article.txt --published 2015-11-13
    """
    from newsline.render.articles import render_timexes
    from newsline.temporal import batch_line, extract

    if batch:
        if path is not None or published is not None:
            raise typer.BadParameter("--batch reads everything from stdin; drop PATH/--published")
        failed = 0
        for n, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    raise ValueError('expected an object with a "text" string')
                out = batch_line(obj)
            except ValueError as e:
                err.print(f"Error: stdin:{n}: {e}", markup=False)
                failed += 1
                continue
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        if failed:
            raise typer.Exit(1)
        return
    if path is None:
        raise typer.BadParameter("give a FILE or '-' (or use --batch)")
    if published is not None:
        _check_iso_day(published, "--published")
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            from newsline.sources import read_document

            text = read_document(path).text
    except NewslineError as e:
        fail(e)
    if published is None:
        say("no --published given: relative expressions stay unresolved")
    timexes = extract(text, published)
    name = fmt.value if fmt else ("table" if sys.stdout.isatty() else "jsonl")
    sys.stdout.write(render_timexes(timexes, name, color=_color()))


# -- show / explain -------------------------------------------------------------------
@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id (or a prefix of it) or its path.")],
    raw: Annotated[
        bool, typer.Option("--raw", help="Also show the removed clutter, marked.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Show an article's clean text with its dated expressions highlighted.

    Example: newsline show 3f2a9c --raw
    """
    from newsline.pipeline import analyse
    from newsline.render.articles import render_article

    store = _open(db, readonly=True)
    try:
        found = store.find_articles(article)
    finally:
        store.close()
    if not found:
        fail(NewslineError(f"no article matches {article!r}", hint="see `newsline sources`"))
    if len(found) > 1:
        fail(NewslineError(f"{article!r} matches {len(found)} articles; give more of the id"))
    art = found[0]
    timexes = analyse(art).timexes
    sys.stdout.write(render_article(art, timexes, raw=raw, color=_color()))


@app.command()
def explain(
    entry: Annotated[str, typer.Argument(help="Timeline entry id (or a prefix of it).")],
    db: DbOpt = None,
) -> None:
    """Explain a timeline entry: each source's clause, how its date was found, why merged.

    Example: newsline explain 9c1e
    """
    from newsline.merge import explain_entry
    from newsline.render.articles import render_explain

    store = _open(db, readonly=True)
    try:
        ids = store.entry_ids_for_event_prefix(entry)
        if not ids:
            fail(
                NewslineError(
                    f"no timeline entry matches {entry!r}",
                    hint="ids are in `newsline timeline --format jsonl`",
                )
            )
        if len(ids) > 1:
            fail(NewslineError(f"{entry!r} matches {len(ids)} entries; give more of the id"))
        (ent,) = store.entries(ids=ids)
        events = {e.id: e for e in store.events({s.article for s in ent.sources})}
        arts = {a.id: a for a in store.articles({s.article for s in ent.sources})}
        # Word rarities come from the events around the entry's dates, as when merged.
        pairs = explain_entry(ent, store.events(since=ent.start, until=ent.end))
    finally:
        store.close()
    sys.stdout.write(render_explain(ent, events, arts, pairs, color=_color()))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except NewslineError as e:  # pragma: no cover - commands catch their own
        fail(e)
