"""A `newsline ingest` killed with SIGKILL at any moment loses nothing that was committed.

Real subprocesses are killed at several seeded-random moments. After each kill
the database must open, pass ``PRAGMA integrity_check``, and hold every article
either with exactly the events an uninterrupted run gives it or not at all.
Re-running the same command must then finish the job with no duplicates.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsline.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

N_ARTICLES = 60


def _cmd(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsline", "-q", "ingest", str(corpus), "--db", str(db), *extra]


def _snapshot(db: Path) -> dict[str, frozenset[str]]:
    """article id -> its event ids, read through the store's own connection."""
    with Store.open(str(db), readonly=True) as store:
        assert store.integrity() == "ok"
        rows = store.con.execute("SELECT a.id, e.id FROM articles a"
                                 " LEFT JOIN events e ON e.article = a.id").fetchall()
    out: dict[str, set[str]] = {}
    for art, ev in rows:
        out.setdefault(art, set())
        if ev is not None:
            out[art].add(ev)
    return {k: frozenset(v) for k, v in out.items()}


def _counts(db: Path) -> tuple[int, int, int]:
    with Store.open(str(db), readonly=True) as store:
        q = store.con.execute
        return (
            q("SELECT count(*) FROM articles").fetchone()[0],
            q("SELECT count(*) FROM events").fetchone()[0],
            q("SELECT count(*) FROM entries").fetchone()[0],
        )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("crash_corpus")
    synth.write_corpus(out, N_ARTICLES, seed=11, per_folder=10)
    return out


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """An uninterrupted run: what every article must look like, and how long it takes."""
    db = tmp_path_factory.mktemp("crash_ref") / "ref.db"
    proc = subprocess.Popen(_cmd(corpus, db), stderr=subprocess.PIPE, text=True)
    while not db.exists() and proc.poll() is None:
        time.sleep(0.005)
    t0 = time.perf_counter()
    _, stderr = proc.communicate(timeout=120)
    took = time.perf_counter() - t0  # from opening the database to the end
    assert proc.returncode == 0, stderr
    return db, took


def _kill_at(cmd: list[str], db: Path, delay: float) -> int | None:
    """Run ``cmd`` in its own process group; SIGKILL the group ``delay`` s after it opens ``db``.

    Waiting for the database to exist first takes interpreter start-up out of
    the random delay, so the kills land during the work itself.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.wait(timeout=delay)
        return proc.returncode  # finished before the kill
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        return None
    finally:
        if proc.stderr:
            proc.stderr.close()


def _check_partial(db: Path, ref: dict[str, frozenset[str]]) -> int:
    """Every stored article is complete; returns how many there were."""
    if not db.exists():
        return 0
    got = _snapshot(db)
    for art, events in got.items():
        assert art in ref, f"article {art} is not one of the inputs"
        assert events == ref[art], f"article {art} stored with a partial set of events"
    return len(got)


@pytest.mark.parametrize("jobs", [1, 2])
def test_sigkill_at_random_moments_then_rerun(
    corpus: Path, reference: tuple[Path, float], tmp_path: Path, jobs: int
) -> None:
    ref_db, took = reference
    ref = _snapshot(ref_db)
    assert len(ref) == N_ARTICLES and all(ref.values())
    rng = random.Random(2024 + jobs)
    extra = ("--jobs", str(jobs)) if jobs > 1 else ()
    # Worker processes start slowly (spawn, imports): aim later with --jobs.
    lo, hi = (0.0, took * 0.7) if jobs == 1 else (0.5, 0.5 + took)
    kills = 3 if jobs == 1 else 2
    for k in range(kills):
        db = tmp_path / f"killed{k}.db"
        delay = rng.uniform(lo, hi)
        finished = _kill_at(_cmd(corpus, db, *extra), db, delay)
        n = _check_partial(db, ref)
        print(f"killed after {delay:.2f} s: {n} articles stored, finished={finished}")
    # The last database: a second kill on top of the first one's survivors, then the
    # same command again must finish the job exactly once.
    _kill_at(_cmd(corpus, db, *extra), db, rng.uniform(lo, hi))
    _check_partial(db, ref)
    proc = subprocess.run(_cmd(corpus, db, *extra), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert _snapshot(db) == ref
    assert _counts(db) == _counts(ref_db)  # no duplicate article, event or entry


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc)."""
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for k in map(int, kids):
                if k not in out:
                    out.add(k)
                    todo.append(k)
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_leave_when_only_the_ingest_is_killed(corpus: Path, tmp_path: Path) -> None:
    """SIGKILL to the ingest alone (not its group): no worker or fork server lingers."""
    db = tmp_path / "orphans.db"
    proc = subprocess.Popen(_cmd(corpus, db, "--jobs", "2"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        kids: set[int] = set()
        while len(kids) < 3 and proc.poll() is None and time.monotonic() < deadline:
            kids = _descendants(proc.pid)  # two workers and the server that forks them
            time.sleep(0.01)
        assert kids, "the ingest started no worker"
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [k for k in kids if _alive(k)], "worker processes outlived the ingest"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
