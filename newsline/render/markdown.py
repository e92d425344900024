"""Markdown for reports: year and month headings, one bullet per entry, and
footnote citations that quote the clause each source gave.

Article text is escaped so that a quote can never become a link, an image,
raw HTML, emphasis or maths in a Markdown renderer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsline.models import Entry, Granularity
from newsline.render.labels import MONTH_NAMES, clean_text, entry_days, entry_label, source_line

# Every ASCII punctuation character may be backslash-escaped in CommonMark. Text is
# always mid-line here, so only what can open markup there is escaped: emphasis,
# code, links/images (via the brackets), raw HTML, entities, GFM strikethrough and
# tables, and the $ of maths extensions.
_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&$])")
_SUB_YEAR = {Granularity.DAY, Granularity.WEEK, Granularity.MONTH}


def escape_md(text: str) -> str:
    """Make article text inert: one line, every markdown-active character escaped."""
    return _ACTIVE.sub(r"\\\1", clean_text(text))


def _headings(e: Entry) -> tuple[str, str | None]:
    """(level-2 heading, level-3 heading or None) an entry is listed under."""
    days = entry_days(e)
    gran = Granularity(e.granularity)
    if days is None:
        return "Undated", None
    first = days[0]
    if gran in (Granularity.DECADE, Granularity.CENTURY):
        return entry_label(e), None
    if gran in _SUB_YEAR:
        return str(first.year), f"{MONTH_NAMES[first.month - 1]} {first.year}"
    if gran is Granularity.YEAR:
        return str(first.year), None
    return str(first.year), entry_label(e)  # quarters and seasons head their own group


def render_markdown(entries: Sequence[Entry]) -> str:
    """Grouped bullets with ``[^n]`` citations; entry order is kept within groups.

    Entries dated only to a year are listed right under the year heading, before
    its months, whatever their place in the input.
    """
    if not entries:
        return ""
    groups: dict[str, tuple[list[Entry], dict[str, list[Entry]]]] = {}
    for e in entries:
        top, sub = _headings(e)
        loose, subs = groups.setdefault(top, ([], {}))
        if sub is None:
            loose.append(e)
        else:
            subs.setdefault(sub, []).append(e)

    lines: list[str] = ["# Timeline", ""]
    notes: list[str] = []

    def bullet(e: Entry) -> str:
        marks = []
        for src in e.sources:
            notes.append(
                f"[^{len(notes) + 1}]: {escape_md(source_line(src))}: "
                f"“{escape_md(src.text)}” (date words: “{escape_md(src.expression)}”)"
            )
            marks.append(f"[^{len(notes)}]")
        return f"- **{escape_md(entry_label(e))}**: {escape_md(e.title)}{''.join(marks)}"

    for top, (loose, subs) in groups.items():
        lines += [f"## {escape_md(top)}", ""]
        if loose:
            lines += [bullet(e) for e in loose] + [""]
        for sub, items in subs.items():
            lines += [f"### {escape_md(sub)}", ""]
            lines += [bullet(e) for e in items] + [""]
    if notes:
        lines += notes + [""]
    return "\n".join(lines)
