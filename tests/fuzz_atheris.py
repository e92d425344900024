"""Coverage-guided fuzzing with atheris (optional; not part of `make test`).

    pip install atheris
    python tests/fuzz_atheris.py -atheris_runs=200000          # or -max_total_time=600

One target takes arbitrary bytes through the whole per-article path: decoding,
cleaning, publication date, sentences, date expressions, events. Only
newsline's own errors may escape, and every event's offsets must point into
the clean text. A crash is written by libFuzzer as crash-<hash> in the current
folder; replay it with ``python tests/fuzz_atheris.py crash-<hash>``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newsline.errors import NewslineError
    from newsline.models import RawDocument
    from newsline.pipeline import process_document
    from newsline.sources import decode_bytes


def one(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    anchor = ["2015-11-13", "1999-12-31", "2024-02-29", None][fdp.ConsumeIntInRange(0, 3)]
    try:
        text = decode_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()), "fuzz")
    except NewslineError:
        return
    try:
        done = process_document(RawDocument(text=text, path="fuzz.txt", published=anchor))
    except NewslineError:
        return
    body = done.article.text
    for e in done.events:
        assert 0 <= e.expr_start < e.expr_end <= len(body), e
        assert body[e.expr_start:e.expr_end] == e.expression, e
        assert 0 <= e.clause_start <= e.clause_end <= len(body), e


if __name__ == "__main__":
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
