"""The terminal view: a rich table of date, title and source count.

Only this module and the CLI talk to rich. Article text goes in as ``Text``
objects, never as markup, so brackets in a headline are shown, not obeyed, and
control characters are removed before a terminal can act on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import StringIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsline.models import Entry, Granularity
from newsline.render.labels import clean_text, entry_label, source_count

_DATE_STYLE = {
    Granularity.DAY: "bold cyan",
    Granularity.WEEK: "cyan",
    Granularity.MONTH: "cyan",
}


def render_table(entries: Sequence[Entry], *, color: bool = False, width: int | None = None) -> str:
    """The whole table as text; ANSI colour only when ``color`` is true.

    An empty timeline prints nothing (stdout is data, never a sentence).
    """
    if not entries:
        return ""
    buf = StringIO()
    console = Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=1, overflow="fold")
    table.add_column("Sources", justify="right", no_wrap=True)
    for e in entries:
        style = _DATE_STYLE.get(Granularity(e.granularity), "magenta")
        table.add_row(
            Text(entry_label(e), style=style),
            Text(clean_text(e.title)),
            Text(str(source_count(e)), style="green" if source_count(e) > 1 else ""),
        )
    console.print(table)
    return buf.getvalue()
