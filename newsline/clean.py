"""Pure: turn a saved article into its body text, keeping aside what was removed.

Web clutter (comment widgets, app promotions, appeals, photo credits ...) is
recognised line by line with a curated list of patterns, and across a batch by
lines that repeat in many unrelated articles (``repeated_lines``). Front matter
and header lines become ``Cleaned.meta``. Nothing is thrown away: every dropped
line is a ``RemovedLine`` with raw-text offsets and a reason, so ``show --raw``
can mark it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsline.models import Cleaned, RemovedLine

# ---------------------------------------------------------------- lines


@dataclass
class _Line:
    start: int  # offsets of the stripped content in the raw text
    end: int
    raw: str  # raw[start:end]
    norm: str  # normalised text ("" for a blank line)


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                         "„": '"', "‟": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
                         "\t": " ", "\u2007": " "})
_SPACES = re.compile(r" {2,}")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPH = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.+?)\1$")


# both tables and the carriage return in one pass (their keys are disjoint)
_NORMALISE = {**_ZERO_WIDTH, **_QUOTES, ord("\r"): None}


def normalise_line(s: str) -> str:
    """One line as the rest of the pipeline sees it: plain spaces, straight quotes."""
    s = s.translate(_NORMALISE)
    s = _SPACES.sub(" ", s).strip()
    s = _MD_HEADING.sub("", s)
    m = _MD_EMPH.match(s)
    return m.group(2).strip() if m else s


def line_key(s: str) -> str:
    """The form in which lines are compared across articles (``repeated_lines``)."""
    return normalise_line(s).casefold().rstrip(" .:!")


def _key_of_norm(norm: str) -> str:
    """``line_key`` of a line that ``normalise_line`` already produced.

    Normalising again changes such a line only through a markdown heading or
    emphasis marker left at its start, so the common line skips that work.
    """
    if norm[:1] in ("#", "*", "_"):
        return line_key(norm)
    return norm.casefold().rstrip(" .:!")


def _split_lines(raw: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for part in raw.split("\n"):
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        start = pos + lead
        out.append(_Line(start, start + len(body), body, normalise_line(body) if body else ""))
        pos += len(part) + 1
    return out


# ---------------------------------------------------------------- patterns

def _rx(*alts: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(alts) + r")[\s.!:]*", re.I)


_BOILERPLATE: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"add (?:a |your )?comments?", r"\d* ?comments?(?: \(\d+\))?",
         r"(?:view|show|load|read|see|hide) (?:all )?(?:\d+ )?comments?",
         r"sort by:?(?: \w+){0,3}",
         r"(?:like|reply|report)(?: [·|] (?:like|reply|report|share))+",
         r"(?:newest|oldest|best|top|most liked) first",
         r"there are no comments yet.*", r"be the first to comment.*",
         r"leave a (?:reply|comment).*", r"cancel reply", r"post (?:a )?comment",
         r"your email address will not be published.*", r"required fields are marked.*",
         r"join the (?:conversation|discussion)", r"comments? (?:are|is) closed",
         r"log ?in to (?:comment|reply).*", r"save my name, email.*",
         r"(?:name|email|website|comment) ?\*"), "comment widget"),
    (_rx(r"download (?:the|our) .{0,40}app.*", r"get (?:the|our) .{0,40}app.*",
         r"(?:available|download) on the app store.*", r"get it on google play",
         r"open in app", r"read (?:it|this) in (?:the|our) app.*"), "app promotion"),
    (_rx(r"(?:sign up|subscribe|register) (?:for|to) (?:our|the) .{0,60}"
         r"(?:newsletters?|updates|alerts|briefing).*",
         r"subscribe(?: now| today| here)?", r"(?:get|receive) (?:our|the) .{0,40}newsletter.*",
         r"already (?:a subscriber|have an account).*", r"newsletters?", r"sign up(?: now)?",
         r"subscribe to (?:continue|read|unlock).*",
         r"support (?:our|independent|quality) journalism.*",
         r"become a (?:member|subscriber|supporter).*", r"(?:make a )?donat(?:e|ion)(?: now)?",
         r"you have \d+ free articles? (?:left|remaining).*",
         r"this (?:article|content) is for subscribers.*",
         r"(?:get|receive) .{0,60}(?:in your inbox|newsletter|briefing).{0,40}"),
     "subscription plea"),
    (_rx(r"follow (?:us|this link|our|the) .{0,80}", r"follow .{1,60} on (?:social media|"
         r"twitter|x|facebook|instagram|telegram|whatsapp|linkedin|youtube|tiktok)",
         r"join our (?:whatsapp|telegram|facebook).{0,60}", r"share (?:this|on|via) .{0,40}",
         r"(?:share|tweet|email|print|copy link|"
         r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest)(?: (?:this|article|"
         r"story|page))?", r"click here (?:to|for) .{0,80}", r"like us on facebook.*",
         r"(?:share|tweet|email)(?: [|·] (?:share|tweet|email|facebook|twitter|whatsapp))+"),
     "social prompt"),
    (_rx(r"this is (?:an )?ai[- ]generated summari[sz]ation.*",
         r"summari[sz]e this (?:article|story)(?: with ai)?", r"ai[- ]generated summary.*",
         r"this (?:article|summary) was (?:generated|created|produced|written) "
         r"(?:with|by|using) (?:the help of )?ai.*", r"listen to (?:this|the) (?:article|story).*",
         r"\d+ min(?:ute)?s? read"), "AI or reading aid note"),
    (_rx(r"how does this (?:story |article )?make you feel\??", r"what do you think\??",
         r"(?:take|vote in) (?:our|the|this) poll.*", r"reader poll.*",
         r"was this (?:article|story) (?:helpful|useful)\??.*"), "reader poll"),
    (_rx(r"loading\.*", r"advertisement", r"advertisement - scroll to continue.*", r"ad",
         r"sponsored(?: content)?", r"skip to (?:main )?content", r"back to top",
         r"(?:read more|also read|read also|related|recommended|more from .{0,40}|most read|"
         r"trending now|you may also like|related articles?|related stories)(?: ?:.{0,120})?",
         r"(?:image|photo|video|gallery|watch)", r"(?:©|copyright) .{0,100}",
         r"all rights reserved.*", r"(?:tags?|filed under|topics?) ?:.{0,150}",
         r"(?:additional )?(?:reporting|writing|editing) by .{1,150}",
         r"!\[[^\]]*\]\([^)]*\)"),
     "page furniture"),
)

_AGENCIES = {
    "agence france-presse": "Agence France-Presse", "agence france presse": "Agence France-Presse",
    "afp": "Agence France-Presse", "reuters": "Reuters", "thomson reuters": "Reuters",
    "associated press": "Associated Press", "the associated press": "Associated Press",
    "ap": "Associated Press", "bloomberg": "Bloomberg", "dpa": "dpa", "xinhua": "Xinhua",
    "ani": "ANI", "pti": "PTI", "press trust of india": "PTI", "ians": "IANS", "efe": "EFE",
    "ansa": "ANSA", "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap",
    "tass": "TASS", "upi": "UPI", "anadolu agency": "Anadolu Agency",
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))
_CREDIT_LINE = re.compile(rf"(?:by |source: ?|\()?({_AGENCY_ALT})(?: news)?\)?\.?", re.I)

_PHOTO_AGENCY = (r"(?:epa(?:-efe)?|afp|reuters|ap|ap photo|afp photo|getty images|shutterstock|"
                 r"anadolu(?: agency)?|xinhua|efe|ansa|dpa|pa(?: wire| media)?|bloomberg|"
                 r"alamy|sipa|imago)")
_PHOTO_CREDIT = re.compile(
    rf"\(?(?:{_PHOTO_AGENCY}(?: ?/ ?[\w .'-]{{1,60}})?"
    rf"|(?:photo|photograph|image|file photo|picture|pic|photo credit|credit)s? ?"
    rf"(?::|by|-|/) ?.{{1,80}}"
    rf"|[\w .'-]{{1,60}} ?/ ?{_PHOTO_AGENCY}(?: via getty images)?)\)?\.?",
    re.I,
)
# "Floodwater fills the square. Photo: Ada Fenn for the Ledger": a caption ending in a credit
_CAPTION_CREDIT = re.compile(
    r".{0,200}\b(?:photo|photograph|picture|image)s?(?: credit)?\s*:\s*[^.!?]{1,80}", re.I)
_APPEAL_HEAD = re.compile(
    r"(?:be part of quality journalism|support (?:quality|independent|our) journalism|"
    r"a (?:message|note) (?:from|to) (?:the editor|our readers).*|dear reader.{0,40}|"
    r"why (?:you should )?(?:pay|support).{0,60}journalism.*)[\s.!:]*", re.I)
_APPEAL_WORDS = re.compile(
    r"journalis|subscri|support|donat|paying|advertis|readers?\b|contribut|membership", re.I)

# Header lines: "Date: ...", "Published 13 Nov 2015", "By Jane Doe", "Source: ..."
_HEADER_FIELDS = (
    (re.compile(r"(?:first )?(?:published|posted|publication date)(?: on| at)?\s*[:\-–—]?\s*"
                r"(?P<v>.*\d.*)", re.I), "published"),
    (re.compile(r"(?:last )?(?:updated|modified)(?: on| at)?\s*[:\-–—]?\s*(?P<v>.*\d.*)", re.I),
     "updated"),
    (re.compile(r"(?:date|dated|dateline)\s*[:\-–—]\s*(?P<v>.*\d.*)", re.I), "date"),
    (re.compile(r"(?:source|outlet|publisher|publication)\s*:\s*(?P<v>.+)", re.I), "outlet"),
    (re.compile(r"(?:author|byline|written by|by)\s*:\s*(?P<v>.+)", re.I), "author"),
    (re.compile(r"(?:posted|written|published) by (?P<v>.{1,80})", re.I), "author"),
    (re.compile(r"(?:url|link|canonical|original url)\s*:\s*(?P<v>\S+://\S+)", re.I), "url"),
    (re.compile(r"(?:title|headline)\s*:\s*(?P<v>.+)", re.I), "title"),
    (re.compile(r"By (?P<v>[A-Z][\w.'-]*(?: (?:[A-Z][\w.'-]*|and|&|de|van|von|bin|al-\w+)){0,6})"
                r"(?:,? (?:and|with) .{1,40})?"), "author"),
)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_BARE_DATE = re.compile(
    rf"(?:{_WEEKDAY},? )?(?:\d{{1,2}}(?:st|nd|rd|th)? {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}}"
    rf"(?:st|nd|rd|th)?,? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
    r"(?:,? (?:at )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,5}| \(?[A-Z]{2,5}\)?)?)?",
    re.I,
)
_FRONT_KEYS = {
    "date": "date", "published": "published", "pubdate": "published",
    "published_at": "published", "date_published": "published", "datepublished": "published",
    "publish_date": "published", "updated": "updated", "modified": "updated",
    "lastmod": "updated", "date_modified": "updated", "title": "title", "headline": "title",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "site": "outlet",
    "site_name": "outlet", "sitename": "outlet", "url": "url", "link": "url",
    "canonical": "url", "author": "author", "authors": "author", "by": "author",
    "byline": "author",
}
_SIGN_OFF = re.compile(
    rf"\s*(?:[–—]|--?)\s*(?P<o>[A-Z][A-Za-z0-9&'-]*\.(?:com|net|org|ph|in|pk|co\.uk|co|news)"
    rf"|{_AGENCY_ALT}|[A-Z]{{2,6}})\s*\.?\s*$"
    rf"|\s*\((?P<p>{_AGENCY_ALT})\)\s*\.?\s*$",
    re.I,
)
_DATELINE_CREDIT = re.compile(
    r"^[A-Z]{2,}[A-Za-z0-9 .,'-]{0,60}?\((?P<o>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,4})\)\s*[-–—]")
_TERMINAL = tuple('.!?:;"\')]')
_HEADER_ZONE = 12  # header lines and credits are looked for in the first non-blank lines


def _boilerplate(norm: str) -> str | None:
    if len(norm) > 220:
        return None
    for rx, reason in _BOILERPLATE:
        if rx.fullmatch(norm):
            return reason
    return None


def _header(norm: str) -> list[tuple[str, str]] | None:
    """Fields of a header line, or None when the line is not (only) header."""
    if len(norm) > 160 or norm.endswith((".", '"')) and not _BARE_DATE.fullmatch(norm):
        return None
    parts = re.split(r"\s+[|·•]\s+", norm)
    fields: list[tuple[str, str]] = []
    for part in parts:
        part = part.strip()
        if _BARE_DATE.fullmatch(part.rstrip(".")):
            fields.append(("date", part.rstrip(".")))
            continue
        for rx, key in _HEADER_FIELDS:
            m = rx.fullmatch(part)
            if m:
                fields.append((key, m.group("v").strip().strip('"')))
                break
        else:
            return None
    return fields


def _headline_like(norm: str) -> bool:
    words = norm.split()
    return (
        2 <= len(words) <= 25
        and len(norm) <= 200
        and not norm.endswith((".", ",", ";", ":"))
        and (norm[0].isupper() or norm[0].isdigit() or norm[0] in "\"'")
        and not re.match(r"^[A-Z]{3,}[A-Z .]*(?:,|\(| [-–—]|:)", norm)
    )


def _agency(name: str) -> str:
    return _AGENCIES.get(name.casefold(), name)


def _outlet_name(s: str) -> str:
    s = s.strip()
    if s.casefold() in _AGENCIES:
        return _AGENCIES[s.casefold()]
    return re.sub(r"\.(?:com|net|org|ph|in|pk|co\.uk|co|news)$", "", s, flags=re.I)


# ---------------------------------------------------------------- front matter

def _front_matter(lines: list[_Line], meta: dict[str, str],
                  removed: list[RemovedLine]) -> int:
    """Parse a leading ``---`` block; return the index of the first body line."""
    i = 0
    while i < len(lines) and not lines[i].norm:
        i += 1
    if i >= len(lines) or lines[i].norm != "---":
        return 0
    for j in range(i + 1, min(len(lines), i + 60)):
        if lines[j].norm in ("---", "..."):
            break
    else:
        return 0
    for ln in lines[i:j + 1]:
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", ln.norm)
        if m:
            key = _FRONT_KEYS.get(m.group(1).lower().replace("-", "_"))
            val = m.group(2).strip().strip("'\"").strip()
            if key and val and key not in meta:
                meta[key] = val
        if ln.raw:
            removed.append(RemovedLine(ln.start, ln.end, ln.raw, "front matter"))
    return j + 1


# ---------------------------------------------------------------- clean

def clean(raw: str, *, repeated: frozenset[str] = frozenset()) -> Cleaned:
    """Body text of an article with clutter and header lines taken out.

    ``repeated`` holds ``line_key`` forms of lines that recur across the batch
    (from ``repeated_lines``); they are removed like curated boilerplate.
    """
    lines = _split_lines(raw)
    removed: list[RemovedLine] = []
    meta: dict[str, str] = {}
    first = _front_matter(lines, meta, removed)
    body = lines[first:]

    def drop(ln: _Line, reason: str) -> None:
        removed.append(RemovedLine(ln.start, ln.end, ln.raw, reason))

    credit: str | None = None
    title: str | None = meta.get("title")
    title_key = line_key(title) if title else None
    title_seen = False
    first_content = False  # the first body line may be the headline
    body_started = False
    kept: list[_Line | None] = []  # None marks a paragraph break
    nonblank = 0
    after_credit = False
    in_appeal = False
    for ln in body:
        if not ln.norm:
            kept.append(None)
            continue
        nonblank += 1
        norm = ln.norm
        key = _key_of_norm(norm)
        was_credit, after_credit = after_credit, False
        if in_appeal:
            if _APPEAL_WORDS.search(norm):
                drop(ln, "appeal")
                continue
            in_appeal = False
        if title_key is not None and key == title_key:
            if title_seen:
                drop(ln, "repeated headline")
                continue
            title_seen = first_content = True
            kept.append(ln)
            continue
        if nonblank <= _HEADER_ZONE and not body_started:
            fields = _header(norm)
            if fields:
                for k, v in fields:
                    meta.setdefault(k, v)
                drop(ln, "header: " + ", ".join(k for k, _ in fields))
                continue
            m = _CREDIT_LINE.fullmatch(norm)
            if m and credit is None:
                credit = _agency(m.group(1))
                drop(ln, "agency credit")
                continue
        reason = _boilerplate(norm)
        if reason is None and _APPEAL_HEAD.fullmatch(norm):
            reason, in_appeal = "appeal", True
        if reason is None and len(norm) <= 90 and _PHOTO_CREDIT.fullmatch(norm):
            reason, after_credit = "photo credit", True
        if reason is None and len(norm) <= 250 and _CAPTION_CREDIT.fullmatch(norm):
            reason = "photo caption"
        if reason is None and key in repeated:
            reason = "repeated across articles"
        if reason is None and was_credit and not norm.endswith(_TERMINAL) \
                and len(norm.split()) <= 40:
            reason = "photo caption"
        if reason is not None:
            drop(ln, reason)
            continue
        if len(norm.split()) >= 12 and norm.endswith(_TERMINAL):
            body_started = True  # headers and credits come before the first paragraph
        if not first_content:
            first_content = True
            if title is None and _headline_like(norm):
                title, title_key, title_seen = norm, key, True
        kept.append(ln)

    outlet = _first_outlet(meta, credit, kept, removed)
    text = _assemble(kept)
    return Cleaned(text=text, removed=tuple(sorted(removed, key=lambda r: r.start)),
                   meta=meta, title=title, outlet=outlet)


def _first_outlet(meta: dict[str, str], credit: str | None, kept: list[_Line | None],
                  removed: list[RemovedLine]) -> str | None:
    """Outlet from front matter/header, agency credit, dateline credit, sign-off."""
    lines = [ln for ln in kept if ln is not None]
    signoff: str | None = None
    for ln in lines[-3:]:  # the sign-off ends one of the last paragraphs
        m = _SIGN_OFF.search(ln.raw)
        if m and (m.group("p") or _looks_like_outlet(m.group("o"))):
            name = m.group("p") or m.group("o")
            cut = len(ln.raw[: m.start()].rstrip())
            removed.append(RemovedLine(ln.start + m.start(), ln.end, ln.raw[m.start():].strip(),
                                       "sign-off"))
            ln.raw = ln.raw[:cut]
            ln.end = ln.start + cut
            ln.norm = normalise_line(ln.raw)
            signoff = signoff or _outlet_name(name)
    if meta.get("outlet"):
        return _outlet_name(meta["outlet"])
    if credit:
        return credit
    for ln in lines[:4]:
        m = _DATELINE_CREDIT.match(ln.norm)
        if m:
            return _agency(m.group("o"))
    return signoff


def _looks_like_outlet(name: str) -> bool:
    return "." in name or name.casefold() in _AGENCIES or name.isupper()


def _assemble(kept: list[_Line | None]) -> str:
    """Paragraphs joined by blank lines; hard-wrapped lines joined back up."""
    paras: list[list[str]] = [[]]
    for ln in kept:
        if ln is None or not ln.norm:
            if paras[-1]:
                paras.append([])
            continue
        paras[-1].append(ln.norm)
    out: list[str] = []
    for para in paras:
        if not para:
            continue
        lines = [para[0]]
        for nxt in para[1:]:
            prev = lines[-1]
            if not prev.endswith(_TERMINAL) and (nxt[:1].islower() or len(prev) >= 60):
                lines[-1] = prev + " " + nxt
            else:
                lines.append(nxt)
        out.append("\n".join(lines))
    return "\n\n".join(out)


# ---------------------------------------------------------------- corpus level

def repeated_lines(texts: Iterable[str], min_docs: int = 3) -> frozenset[str]:
    """``line_key`` forms of lines found in at least ``min_docs`` different articles.

    Lines shared by near-copies of one story (syndicated wire copy) are not
    clutter: when the articles sharing a line also share most of their other
    lines, that group of lines is left out.
    """
    docs_of: dict[str, set[int]] = defaultdict(set)
    sizes: list[int] = []
    for d, text in enumerate(texts):
        keys = {line_key(x) for x in set(text.split("\n"))}  # blank lines repeat
        keys = {k for k in keys if len(k) >= 3 and not k.isdigit()}
        sizes.append(len(keys))
        for k in keys:
            docs_of[k].add(d)
    groups: dict[frozenset[int], list[str]] = defaultdict(list)
    for k, ds in docs_of.items():
        if len(ds) >= min_docs:
            groups[frozenset(ds)].append(k)
    out: set[str] = set()
    for group, shared in groups.items():
        smallest = min(sizes[d] for d in group)
        if len(shared) * 2 >= smallest and smallest > 4:
            continue  # near-duplicate articles: their shared lines are the story
        out.update(shared)
    return frozenset(out)
