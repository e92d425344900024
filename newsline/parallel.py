"""Engines that run the per-article work: inline, a local process pool, or Dask.

The heavy part of an ingest is ``pipeline.process_document``: pure, importable,
picklable. An engine only has to run :func:`run_batch` somewhere and hand back
something with ``.result()``; the caller (``ingest.ingest_documents``) keeps
the results in input order and writes them through its single store
connection. So workers never touch the database, and crash safety and
concurrency stay the store's business alone.

Dask is an optional extra (``pip install 'newsline[dask]'``); it is imported
only when ``--engine dask`` is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from typing import Any, Protocol

from newsline.errors import NewslineError, ReadError, UsageError
from newsline.models import RawDocument
from newsline.pipeline import Processed, process_document

Outcome = Processed | ReadError


class Pending(Protocol):
    """What an engine returns for a batch: anything with ``result()``."""

    def result(self) -> Any: ...


class Engine(Protocol):
    """Runs batches of documents; ``workers`` says how many at once are useful."""

    workers: int

    def submit(
        self, docs: Sequence[RawDocument], repeated: frozenset[str], slim: bool = False
    ) -> Pending: ...

    def run(self, fn: Callable[..., Any], *args: Any) -> Pending:
        """Any other pure, importable function (merging one date partition)."""
        ...

    def close(self) -> None: ...


def run_one(doc: RawDocument, repeated: frozenset[str] = frozenset()) -> Outcome:
    """Process one document; a failure of that document comes back as a ReadError.

    Only newsline's own errors and the arithmetic failures a strange text can
    provoke are caught: anything else is a bug and must surface.
    """
    try:
        return process_document(doc, repeated=repeated)
    except NewslineError as e:
        return ReadError(doc.path or "-", str(e))
    except (ValueError, OverflowError, RecursionError) as e:
        return ReadError(doc.path or "-", f"could not be processed ({e})")


def run_batch(
    docs: Sequence[RawDocument], repeated: frozenset[str], slim: bool = False
) -> list[Outcome]:
    """Process a batch in order (the unit of work shipped to a worker).

    ``slim`` leaves out what the caller already has or does not store (the raw
    text, the expressions): less to pickle back from a worker. The caller puts
    the raw text back (``restore``).
    """
    out = [run_one(d, repeated) for d in docs]
    if slim:
        out = [o if isinstance(o, ReadError)
               else Processed(replace(o.article, raw=""), o.events, ()) for o in out]
    return out


def restore(done: Processed, doc: RawDocument) -> Processed:
    """Undo ``slim``: the article's raw text is the document's text."""
    if done.article.raw or not doc.text:
        return done
    return Processed(replace(done.article, raw=doc.text), done.events, done.timexes)


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class Inline:
    """No parallelism: the batch runs when it is submitted (``--jobs 1``)."""

    workers = 1

    def submit(
        self, docs: Sequence[RawDocument], repeated: frozenset[str], slim: bool = False
    ) -> Pending:
        return _Done(run_batch(docs, repeated))  # nothing to pickle: never slim

    def run(self, fn: Callable[..., Any], *args: Any) -> Pending:
        return _Done(fn(*args))

    def close(self) -> None:
        pass


def _watch_parent(parent: int) -> None:
    """Worker initializer: exit when the parent dies (even by SIGKILL), never linger.

    ``parent`` is the ingesting process. A forkserver's worker is the server's
    child, and the server exits with the ingest, so a worker also leaves when
    its own parent changes.
    """
    first = os.getppid()

    def gone() -> bool:
        if os.getppid() != first:
            return True
        if os.name == "nt":  # there os.kill(pid, 0) would terminate the parent
            return False
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return False

    def watch() -> None:
        while True:
            if gone():
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()


def _context() -> multiprocessing.context.BaseContext:
    """How workers start: forked from a server that has imported newsline once.

    Each spawned worker would import the pipeline and compile its patterns
    itself (a quarter of a second of CPU each); a forkserver does it once and
    is single-threaded, so forking from it is safe. Spawn where there is none.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["newsline.parallel"])
        return ctx
    return multiprocessing.get_context("spawn")


def _ready() -> None:
    """A no-op task: submitting one per worker starts the workers."""


class LocalPool:
    """``--jobs N``: N worker processes on this machine, one writer (the caller)."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise UsageError(f"--jobs must be at least 1 (got {workers})")
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(), initializer=_watch_parent,
            initargs=(os.getpid(),),
        )
        for _ in range(workers):  # start them now, while the caller reads its first input
            self._pool.submit(_ready)

    def submit(
        self, docs: Sequence[RawDocument], repeated: frozenset[str], slim: bool = False
    ) -> Future:
        return self._pool.submit(run_batch, list(docs), repeated, slim)

    def run(self, fn: Callable[..., Any], *args: Any) -> Future:
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """``--engine dask``: batches run on a Dask cluster (a local one unless ``scheduler``).

    Given a scheduler address (``tcp://host:8786``) the same code runs on every
    machine of an existing cluster; the workers need newsline installed.
    """

    def __init__(
        self, scheduler: str | None = None, *, workers: int | None = None,
        processes: bool = True,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(
                "--engine dask needs the dask extra",
                hint="pip install 'newsline[dask]'",
            ) from None
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                    processes=processes, dashboard_address=None,
                )
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as e:
            if self._cluster is not None:
                self._cluster.close()
            raise NewslineError(
                f"cannot reach the Dask scheduler {scheduler or '(local)'}: {e}",
                hint="start one with `dask scheduler` or drop --scheduler for a local cluster",
            ) from e
        info = self._client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))

    def submit(
        self, docs: Sequence[RawDocument], repeated: frozenset[str], slim: bool = False
    ) -> Pending:
        # pure=False: two identical batches in one run are still two batches.
        return self._client.submit(run_batch, list(docs), repeated, slim, pure=False)

    def run(self, fn: Callable[..., Any], *args: Any) -> Pending:
        return self._client.submit(fn, *args, pure=False)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(
    engine: str = "local", *, jobs: int = 1, scheduler: str | None = None
) -> Engine:
    """The engine the command line asked for (``--engine``, ``--jobs``, ``--scheduler``)."""
    if engine == "dask":
        return DaskEngine(scheduler, workers=jobs if jobs > 1 else None)
    if scheduler:
        raise UsageError("--scheduler only makes sense with --engine dask")
    if engine != "local":
        raise UsageError(f"unknown engine {engine!r} (local or dask)")
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1 (got {jobs})")
    return Inline() if jobs == 1 else LocalPool(jobs)
