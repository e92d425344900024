"""The command line through typer's CliRunner: exit codes, data on stdout, messages on stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline import __version__
from newsline.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

runner = CliRunner()

ENTRY_KEYS = {"id", "date", "start", "end", "granularity", "title", "sources"}
SOURCE_KEYS = {"article", "path", "outlet", "published", "text", "expression"}
GRANULARITIES = {"day", "week", "month", "quarter", "season", "year", "decade", "century"}


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"newsline {__version__}"


def test_timeline_jsonl_follows_the_contract(samples_db):
    r = run("timeline", "--db", str(samples_db), "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines, "the samples give a timeline"
    for obj in lines:
        assert set(obj) == ENTRY_KEYS
        assert obj["granularity"] in GRANULARITIES
        assert obj["start"] <= obj["end"]
        assert obj["sources"] and all(set(s) == SOURCE_KEYS for s in obj["sources"])
        for s in obj["sources"]:
            assert s["expression"] in s["text"]
    starts = [o["start"] for o in lines]
    assert starts == sorted(starts), "date order"
    files = {Path(s["path"]).name for o in lines for s in o["sources"]}
    assert {"000_c00c228de8a2ed52.txt", "001_5b95a3e8c0240a25.txt"} <= files


def test_timeline_json_wraps_the_same_objects(samples_db):
    jl = run("timeline", "--db", str(samples_db), "--format", "jsonl").stdout.splitlines()
    doc = json.loads(run("timeline", "--db", str(samples_db), "--format", "json").stdout)
    assert doc["events"] == [json.loads(x) for x in jl]


def test_sources_jsonl_contract(samples_db):
    r = run("sources", "--db", str(samples_db), "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    rows = {Path(o["path"]).name: o for o in map(json.loads, r.stdout.splitlines())}
    keys = {"id", "path", "title", "outlet", "published", "published_how", "events"}
    assert all(set(o) == keys for o in rows.values())
    assert len(rows) == len(list(SAMPLES.glob("*.txt")) + list(SAMPLES.glob("*.md"))) - 1
    seed = rows["000_c00c228de8a2ed52.txt"]
    assert (seed["published"], seed["published_how"]) == ("2015-11-13", "dateline")
    other = rows["001_5b95a3e8c0240a25.txt"]
    assert (other["published"], other["published_how"]) == ("2015-11-20", "cross-source")


def test_reingest_changes_nothing(tmp_path):
    db = str(tmp_path / "n.db")
    first = run("ingest", str(SAMPLES), "--db", db)
    assert first.exit_code == 0, first.stderr
    before = run("timeline", "--db", db, "--format", "jsonl").stdout
    again = run("ingest", str(SAMPLES), "--db", db)
    assert again.exit_code == 0
    assert "0 new" in again.stderr and "unchanged" in again.stderr
    assert run("timeline", "--db", db, "--format", "jsonl").stdout == before


def test_changed_file_replaces_its_old_version(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("---\ndate: 2021-06-01\n---\nThe mill closed on Monday, the owners said.\n")
    db = str(tmp_path / "n.db")
    assert run("ingest", str(art), "--db", db).exit_code == 0
    art.write_text("---\ndate: 2021-06-01\n---\nThe bakery opened on Monday, the owners said.\n")
    r = run("ingest", str(art), "--db", db)
    assert "1 replaced" in r.stderr
    out = run("sources", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert len(out) == 1


def test_bad_file_is_reported_and_the_rest_ingested(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "---\ndate: 2021-06-01\n---\nThe mill closed on Monday, the owners said.\n"
    )
    (folder / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "n.db")
    r = run("ingest", str(folder), "--db", db)
    assert r.exit_code == 1
    assert "empty.txt" in r.stderr
    assert r.stdout == ""
    rows = run("sources", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert [Path(json.loads(x)["path"]).name for x in rows] == ["good.txt"]


def test_stdin_with_published_option(tmp_path):
    db = str(tmp_path / "n.db")
    text = "The harbour board approved the new pier on Tuesday.\n"
    r = run("ingest", "-", "--published", "2019-04-04", "--source", "Gull Gazette", "--db", db,
            input=text)
    assert r.exit_code == 0, r.stderr
    sources = run("sources", "--db", db, "--format", "jsonl").stdout
    (row,) = [json.loads(x) for x in sources.splitlines()]
    assert row["published"] == "2019-04-04" and row["published_how"] == "option"
    assert row["outlet"] == "Gull Gazette"
    (entry,) = [json.loads(x) for x in run("timeline", "--db", db).stdout.splitlines()]
    assert entry["date"] == "2019-04-02"


def test_usage_errors_exit_2(tmp_path):
    assert run("ingest", "--db", str(tmp_path / "n.db")).exit_code == 2
    assert run("ingest", "x", "--published", "13/11/2015").exit_code == 2
    assert run("timeline", "--format", "pdf").exit_code == 2
    assert run("timeline", "--since", "soon", "--db", str(tmp_path / "n.db")).exit_code == 2


def test_missing_database_is_a_one_line_error(tmp_path):
    r = run("timeline", "--db", str(tmp_path / "none.db"))
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: no newsline database")
    assert r.stdout == ""
    assert not (tmp_path / "none.db").exists()


def test_foreign_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database at all\n" * 50)
    r = run("ingest", str(SAMPLES), "--db", str(path))
    assert r.exit_code == 1 and "not a newsline database" in r.stderr
    assert path.read_text() == "not a database at all\n" * 50


def test_dates_batch_contract():
    line = json.dumps({"id": "d1", "dct": "2015-11-13", "text": "They met on Friday, Nov. 13."})
    r = run("dates", "--batch", input=line + "\n")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["id"] == "d1"
    (t,) = [t for t in out["timexes"] if t["text"].startswith("Friday")]
    assert {"start", "end", "text", "type", "value"} <= set(t)
    assert t["value"] == "2015-11-13"


def test_dates_one_text(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("The ferry will resume on Monday.\n")
    r = run("dates", str(f), "--published", "2015-11-13", "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    (t,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert (t["text"], t["value"], t["granularity"]) == ("Monday", "2015-11-16", "day")


def test_show_and_explain(samples_db):
    r = run("show", "000_c00c228de8a2ed52.txt", "--db", str(samples_db), "--raw")
    assert r.exit_code == 0, r.stderr
    assert "later this month" in r.stdout and "Sort by" in r.stdout
    entries = [json.loads(x) for x in
               run("timeline", "--db", str(samples_db), "--format", "jsonl").stdout.splitlines()]
    multi = next(e for e in entries if len({s["article"] for s in e["sources"]}) > 1)
    r = run("explain", multi["id"][:12], "--db", str(samples_db))
    assert r.exit_code == 0, r.stderr
    assert "Merged because" in r.stdout


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_real_pipeline(samples_db):
    """newsline timeline | python: stdout is data only, JSON lines when piped."""
    exe = Path(sys.executable).with_name("newsline")
    cmd = (
        f'"{exe}" timeline --db "{samples_db}" --since 2015-11 --until 2015-11 | '
        f'"{sys.executable}" -c "import json,sys; print(len([json.loads(l) for l in sys.stdin]))"'
    )
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, check=True)
    assert int(out.stdout) >= 5
    assert out.stderr == ""


def test_jsonl_published_field_counts_as_metadata(tmp_path):
    db = str(tmp_path / "n.db")
    line = json.dumps({"text": "The mill closed on Monday, its owners said.",
                       "published": "2021-06-02", "id": "m1"})
    r = run("ingest", "--jsonl", "-", "--db", db, input=line + "\n")
    assert r.exit_code == 0, r.stderr
    listing = run("sources", "--db", db, "--format", "jsonl").stdout
    (row,) = [json.loads(x) for x in listing.splitlines()]
    assert (row["published"], row["published_how"]) == ("2021-06-02", "metadata")
    assert row["outlet"] is None
    (entry,) = [json.loads(x) for x in run("timeline", "--db", db).stdout.splitlines()]
    assert entry["date"] == "2021-05-31"


def test_folder_skips_readme_but_an_explicit_path_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.md").write_text("Notes about this folder, written on Monday.\n")
    (folder / "story.txt").write_text("---\ndate: 2021-06-01\n---\nThe mill closed on Monday.\n")
    db = str(tmp_path / "n.db")
    assert run("ingest", str(folder), "--db", db).exit_code == 0
    names = [Path(json.loads(x)["path"]).name
             for x in run("sources", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert names == ["story.txt"]
    assert run("ingest", str(folder / "README.md"), "--db", db).exit_code == 0
    assert len(run("sources", "--db", db, "--format", "jsonl").stdout.splitlines()) == 2


@pytest.mark.parametrize("command", ["ingest", "timeline", "sources", "dates", "show", "explain"])
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    r = run(command, "--help")
    assert r.exit_code == 0
    assert f"Example: newsline {command}" in r.stdout
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert f"newsline {command}" in readme


def test_strict_stops_at_the_first_failure_and_keeps_the_timeline_consistent(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("---\ndate: 2021-06-01\n---\nThe mill closed on Monday.\n")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_text("---\ndate: 2021-06-01\n---\nThe bakery opened on Monday.\n")
    db = str(tmp_path / "n.db")
    r = run("ingest", str(folder), "--strict", "--db", db)
    assert r.exit_code == 1 and "b.txt" in r.stderr
    names = [Path(json.loads(x)["path"]).name
             for x in run("sources", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert names == ["a.txt"]
    (entry,) = [json.loads(x) for x in run("timeline", "--db", db).stdout.splitlines()]
    assert entry["title"].startswith("The mill closed")


HOSTILE = (
    "---\ndate: 2021-06-01\noutlet: Harbour Post\n---\n"
    "=HYPERLINK(\"http://example.invalid\",\"click\") was typed into the harbour"
    " form on Monday, officials said.\n\n"
    "The mayor said on Friday that <script>alert(1)</script> appeared on the"
    " council site, \"and then,\nsomeone wrote back\"; the page was closed.\n"
)


def test_a_hostile_article_survives_every_format(tmp_path):
    import csv as csvmod
    import io

    import icalendar

    art = tmp_path / "hostile.txt"
    art.write_text(HOSTILE, encoding="utf-8")
    db = str(tmp_path / "n.db")
    assert run("ingest", str(art), "--db", db).exit_code == 0
    outs = {}
    for fmt in ("table", "md", "json", "jsonl", "csv", "ics", "timelinejs", "html"):
        r = run("timeline", "--db", db, "--format", fmt)
        assert r.exit_code == 0, (fmt, r.stderr)
        outs[fmt] = r.stdout
    texts = [s["text"] for e in json.loads(outs["json"])["events"] for s in e["sources"]]
    assert any("<script>alert(1)</script>" in t for t in texts), "json keeps the words as data"
    assert [json.loads(x) for x in outs["jsonl"].splitlines()]
    json.loads(outs["timelinejs"])
    assert "<script>alert" not in outs["html"] and "&lt;script&gt;" in outs["html"]
    assert "<script>alert" not in outs["timelinejs"]
    rows = list(csvmod.reader(io.StringIO(outs["csv"])))
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), "formulas neutralised"
    cal = icalendar.Calendar.from_ical(outs["ics"])
    assert len(cal.walk("VEVENT")) == len(rows) - 1


def test_two_stdin_streams_never_replace_each_other(tmp_path):
    db = str(tmp_path / "n.db")
    for text in ("The mill closed on Monday.", "The bakery opened on Tuesday."):
        line = json.dumps({"text": text, "published": "2021-06-02"})
        assert run("ingest", "--jsonl", "-", "--db", db, input=line + "\n").exit_code == 0
    assert len(run("sources", "--db", db, "--format", "jsonl").stdout.splitlines()) == 2
