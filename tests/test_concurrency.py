"""Several `newsline ingest` processes on one database while `newsline timeline` reads it.

Real processes, overlapping inputs. Nobody may see "database is locked", every
process must succeed, and the database must end up with every article exactly
once, as a single uninterrupted run would leave it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from typer.testing import CliRunner

from newsline.cli import app
from newsline.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

NEWSLINE = [sys.executable, "-m", "newsline"]


def _ids(db: Path) -> tuple[set[str], int, int]:
    with Store.open(str(db), readonly=True) as store:
        assert store.integrity() == "ok"
        arts = {r[0] for r in store.con.execute("SELECT id FROM articles")}
        n_arts = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return arts, n_arts, n_events


def test_two_writers_and_a_reader(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    synth.write_corpus(corpus, 60, seed=5, per_folder=10)
    folders = sorted(str(p) for p in corpus.iterdir())
    db = tmp_path / "shared.db"
    # Create the database first so the reader has something to open from the start.
    subprocess.run([*NEWSLINE, "-q", "ingest", folders[0], "--db", str(db)], check=True,
                   capture_output=True)

    writers = [
        subprocess.Popen([*NEWSLINE, "-q", "ingest", *folders[:4], "--db", str(db)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        subprocess.Popen([*NEWSLINE, "-q", "ingest", *folders[2:], "--db", str(db),
                          "--jobs", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        subprocess.Popen([*NEWSLINE, "-q", "ingest", *reversed(folders), "--db", str(db)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
    ]
    reads: list[tuple[int, str, str]] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            p = subprocess.run([*NEWSLINE, "timeline", "--db", str(db), "--format", "jsonl"],
                               capture_output=True, text=True, timeout=60)
            reads.append((p.returncode, p.stdout, p.stderr))

    t = threading.Thread(target=reader)
    t.start()
    outs = [w.communicate(timeout=120) for w in writers]
    done.set()
    t.join(timeout=60)

    for w, (_, err) in zip(writers, outs, strict=True):
        assert w.returncode == 0, err
        assert "locked" not in err.lower()
    assert reads, "the reader never ran"
    for code, out, err in reads:
        assert code == 0, err
        assert "locked" not in err.lower()
        for line in out.splitlines():
            json.loads(line)

    arts, n_arts, n_events = _ids(db)
    ref = tmp_path / "ref.db"  # one uninterrupted run, in this process (no start-up cost)
    r = CliRunner().invoke(app, ["-q", "ingest", str(corpus), "--db", str(ref)])
    assert r.exit_code == 0, r.stderr
    want, want_arts, want_events = _ids(ref)
    assert arts == want  # no article lost
    assert (n_arts, n_events) == (want_arts, want_events)  # and none twice


def test_writer_waits_for_a_short_lock(tmp_path: Path) -> None:
    """A lock held for a moment (shorter than the busy timeout) is waited out silently."""
    corpus = tmp_path / "c"
    synth.write_corpus(corpus, 6, seed=9)
    db = tmp_path / "w.db"
    Store.open(str(db)).close()
    holder = Store.open(str(db))
    holder.con.execute("BEGIN IMMEDIATE")
    proc = subprocess.Popen([*NEWSLINE, "-q", "ingest", str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    holder.con.execute("COMMIT")
    holder.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert _ids(db)[1] == 6
