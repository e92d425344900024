"""Out-edge: turn timeline entries into text in one of the supported formats.

``render(entries, fmt)`` returns the whole output; the CLI decides where it
goes (``write_output`` writes a file atomically). ``json``/``jsonl`` are the
machine contract (see ``entry_to_dict``); the other formats are for people and
their tools (spreadsheets, calendars, TimelineJS, browsers).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence

from newsline.errors import UsageError
from newsline.models import Entry
from newsline.render.csvfmt import render_csv
from newsline.render.html import render_html
from newsline.render.ics import render_ics
from newsline.render.jsonfmt import (
    SCHEMA_VERSION,
    entry_from_dict,
    entry_to_dict,
    render_json,
    render_jsonl,
)
from newsline.render.markdown import render_markdown
from newsline.render.table import render_table
from newsline.render.timelinejs import render_timelinejs

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "entry_from_dict",
    "entry_to_dict",
    "format_for_path",
    "render",
    "write_output",
]

FORMATS: tuple[str, ...] = ("table", "md", "json", "jsonl", "csv", "ics", "timelinejs", "html")

_RENDERERS: dict[str, Callable[[Sequence[Entry]], str]] = {
    "md": render_markdown,
    "json": render_json,
    "jsonl": render_jsonl,
    "csv": render_csv,
    "ics": render_ics,
    "timelinejs": render_timelinejs,
    "html": render_html,
}

# Checked in order, longest first: ".timeline.json" is TimelineJS, plain ".json" the contract.
_EXTENSIONS: tuple[tuple[str, str], ...] = (
    (".timeline.json", "timelinejs"),
    (".tljs.json", "timelinejs"),
    (".markdown", "md"),
    (".ndjson", "jsonl"),
    (".jsonl", "jsonl"),
    (".json", "json"),
    (".html", "html"),
    (".htm", "html"),
    (".ical", "ics"),
    (".ics", "ics"),
    (".csv", "csv"),
    (".txt", "table"),
    (".md", "md"),
)


def format_for_path(path: str) -> str | None:
    """The format an output file name asks for, or None when the extension is unknown.

    ``x.timeline.json`` means TimelineJS; ``.txt`` means the plain table.
    """
    name = os.path.basename(path).lower()
    for ext, fmt in _EXTENSIONS:
        if name.endswith(ext) and len(name) > len(ext):
            return fmt
    return None


def render(
    entries: Sequence[Entry], fmt: str, *, color: bool = False, width: int | None = None
) -> str:
    """The complete output text of ``entries`` in format ``fmt``.

    ``color`` and ``width`` only affect ``table``. Raises UsageError for an
    unknown format.
    """
    fmt = str(getattr(fmt, "value", fmt))  # a CLI enum member works too
    if fmt == "table":
        return render_table(entries, color=color, width=width)
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise UsageError(
            f"unknown format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}"
        ) from None
    return renderer(entries)


def write_output(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temp file in the same folder, then rename).

    Bytes are written as UTF-8 without newline translation, so the CRLF that
    csv and ics require survive on every platform. A reader never sees half a file.
    """
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".newsline-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(path).st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
