"""The in-edge: which files to read, and how their bytes become text.

This is the only module that reads article input. Everything it cannot read
becomes a ``ReadError`` naming the file and the reason, so a batch can report
the failure on one line and go on with the rest. Decoding trusts byte order
marks first, then strict UTF-8, then charset-normalizer; mojibake is repaired
only where the repair is unambiguous.
"""

from __future__ import annotations

import errno
import fnmatch
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, BinaryIO, TextIO

from newsline.errors import ReadError
from newsline.models import PublishedHow, RawDocument

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Articles are a few kilobytes; 10 MiB leaves room for saved web pages."""

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

HTML_HINT = "pip install 'newsline[html]' to read saved web pages"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
)

# Latin-script code pages charset-normalizer may propose. For these we first try
# Windows-1252 (see _detect); any other guess (Cyrillic, Greek, CJK) is trusted.
_WESTERN = {
    "ascii", "utf_8", "cp1252", "latin_1", "iso8859_15", "iso8859_1", "mac_roman",
    "cp1250", "iso8859_2", "cp850", "cp437", "iso8859_9", "cp1254", "iso8859_16",
}


# ---------------------------------------------------------------- discovery

def discover(paths: Sequence[str], *, glob: str | None = None) -> Iterator[str | ReadError]:
    """Expand the command line's paths into files to read, in a stable order.

    Folders are walked recursively for article suffixes (or ``glob`` when given,
    matched against the path relative to the folder and against the bare name);
    hidden files and folders inside them are skipped, but a path named
    explicitly is always read. ``-`` is passed through for stdin. Missing paths,
    broken symlinks and symlink loops come back as ``ReadError`` so the caller
    can report them in order with the rest.
    """
    for p in paths:
        if p == "-":
            yield p
            continue
        problem = _path_problem(p)
        if problem is not None:
            yield ReadError(p, problem)
            continue
        if os.path.isdir(p):
            yield from _walk(p, glob, seen=set())
        else:
            yield p


def _path_problem(path: str) -> str | None:
    """Why ``path`` cannot be opened at all, or None."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if os.path.islink(path):
            return f"broken symlink (points to {os.readlink(path)!r})"
        if exc.errno == errno.ENAMETOOLONG:
            return "file name too long"
        if exc.errno == errno.EACCES:
            return "permission denied"
        return "no such file or folder"
    return None


def _walk(folder: str, glob: str | None, seen: set[tuple[int, int]]) -> Iterator[str | ReadError]:
    try:
        st = os.stat(folder)
    except OSError as exc:  # pragma: no cover - raced away
        yield ReadError(folder, exc.strerror or "cannot open folder")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        yield ReadError(folder, "symlink loop (folder already visited)")
        return
    seen = seen | {key}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError:
        yield ReadError(folder, "permission denied (cannot list folder)")
        return
    except OSError as exc:
        yield ReadError(folder, exc.strerror or "cannot list folder")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = entry.path
        problem = _path_problem(path)
        if problem is not None:
            if entry.is_symlink() or _wanted(entry.name, path, folder, glob):
                yield ReadError(path, problem)
            continue
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(path, glob, seen)
        elif entry.is_file(follow_symlinks=True) and _wanted(entry.name, path, folder, glob):
            yield path


# Files that live beside articles in a folder but are not articles. Named
# explicitly (or matched by --glob) they are read like any other file.
NOT_ARTICLES = re.compile(r"(?i)^(readme|license|licence|changelog|contributing)\b")


def _wanted(name: str, path: str, folder: str, glob: str | None) -> bool:
    if glob is None:
        return name.lower().endswith(SUFFIXES) and not NOT_ARTICLES.match(name)
    return fnmatch.fnmatch(name, glob) or fnmatch.fnmatch(path, glob)


def read_files_from(stream: TextIO) -> list[str]:
    """Paths listed one per line (``--files-from``); blank lines and ``#`` comments skipped.

    Only the line break is stripped, so names with spaces survive intact.
    """
    out: list[str] = []
    for line in stream:
        name = line.rstrip("\r\n")
        if not name.strip() or name.lstrip().startswith("#"):
            continue
        out.append(name)
    return out


# ---------------------------------------------------------------- reading

def read_document(
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> RawDocument:
    """Read one file (or ``-`` for stdin) into a RawDocument, or raise ReadError.

    Refuses empty, binary, undecodable and too-big input with a reason a person
    can act on. Saved web pages go through trafilatura when it is installed; its
    title, date and site name come back as a front-matter block so the cleaner
    and the date cascade treat them as metadata.
    """
    data = _read_bytes(path, max_bytes, stdin)
    if path != "-" and path.lower().endswith(HTML_SUFFIXES):
        text = html_to_text(data, path)
    else:
        text = decode_bytes(data, path)
    if not text.strip():
        raise ReadError(path, "empty file (only whitespace)")
    return RawDocument(text=text, path=path, published=published, outlet=outlet)


def _read_bytes(path: str, max_bytes: int, stdin: BinaryIO | None) -> bytes:
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
    else:
        problem = _path_problem(path)
        if problem is not None:
            raise ReadError(path, problem)
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(path, "is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(path, "not a regular file")
        if st.st_size > max_bytes:
            raise ReadError(path, _too_big(st.st_size, max_bytes))
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except PermissionError:
            raise ReadError(path, "permission denied") from None
        except FileNotFoundError:
            raise ReadError(path, "no such file or folder") from None
        except OSError as exc:
            raise ReadError(path, (exc.strerror or "cannot read").lower()) from None
    if len(data) > max_bytes:
        raise ReadError(path, _too_big(len(data), max_bytes))
    if not data:
        raise ReadError(path, "empty file")
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return f"too big ({size:,} bytes > --max-bytes {max_bytes:,}); skipped"


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Bytes to text: BOM, strict UTF-8, then charset-normalizer; mojibake repaired.

    Raises ReadError for binary content and for bytes no encoding explains.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return repair_mojibake(_normalise_newlines(data.decode(codec)))
            except UnicodeDecodeError:
                raise ReadError(path, f"undecodable: starts with a {codec} BOM but "
                                      "is not valid " + codec) from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(path, f"binary file ({kind}), not text")
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return repair_mojibake(_normalise_newlines(utf16))
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes), not text")
    try:
        return repair_mojibake(_normalise_newlines(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    text = _detect(data)
    if text is None or _control_ratio(text) > 0.01:
        raise ReadError(path, "undecodable: not UTF-8 and no known text encoding fits")
    return repair_mojibake(_normalise_newlines(text))


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    # Western text has a few accented letters among ASCII words; a Cyrillic or
    # Greek code page gives mostly high bytes. Short Western text is often
    # guessed as some other code page, and Windows-1252 is the commoner truth.
    sparse = sum(1 for b in data if b > 127) <= 0.3 * sum(1 for b in data if 65 <= b <= 122)
    if guess is not None and guess not in _WESTERN and not sparse:
        return str(best)
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) == 0 and _latin_letters_ok(text):
            return text
    return str(best) if best is not None else None


def _latin_letters_ok(text: str) -> bool:
    """High characters in a cp1252 reading are mostly letters and punctuation."""
    high = [c for c in text if ord(c) > 127]
    if not high:
        return True
    ok = sum(1 for c in high if c.isalpha() or c in "‘’“”–—…€£°«»·©®´¨")
    return ok / len(high) >= 0.8


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is NUL in mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) / len(zeros) > 0.6:
            other = even if zeros is odd else odd
            if other.count(0) / len(other) < 0.1:
                try:
                    return data.decode(codec)
                except UnicodeDecodeError:
                    return None
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0)
    return bad / len(text)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Windows-1252 maps these bytes 0x80-0x9F to other characters than Latin-1 does.
_CP1252_HIGH = {ch: b for b in range(0x80, 0xA0)
                for ch in [bytes([b]).decode("cp1252", errors="ignore")] if ch}
_CONT = "[\u0080-\u00bf" + "".join(sorted(_CP1252_HIGH)) + "]"
# Only the lead bytes real mojibake shows: Â/Ã/Ä/Å (Latin-1 supplement, Latin
# Extended-A), â (punctuation and symbols: ’ “ – €) and ð (emoji). Other leads
# ("É–", "é—") are as likely to be genuine text.
_MOJIBAKE_RUN = re.compile(f"[\u00c2-\u00c5]{_CONT}|\u00e2{_CONT}{{2}}|\u00f0{_CONT}{{3}}")


def _as_cp1252_bytes(s: str) -> bytes | None:
    out = bytearray()
    for ch in s:
        if ch in _CP1252_HIGH:
            out.append(_CP1252_HIGH[ch])
        elif ord(ch) < 256:
            out.append(ord(ch))
        else:
            return None
    return bytes(out)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as Windows-1252/Latin-1 ("â€™" -> "’").

    Only runs that decode as a single valid UTF-8 character are replaced, so
    genuine accented text ("Âge", "Ã la") is left alone.
    """
    if not _MOJIBAKE_RUN.search(text):
        return text

    def fix(m: re.Match[str]) -> str:
        raw = _as_cp1252_bytes(m.group(0))
        if raw is None:
            return m.group(0)
        try:
            ch = raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group(0)
        if len(ch) != 1 or (m.group(0)[0] == "\u00e2" and unicodedata.category(ch)[0] not in "PSZ"):
            return m.group(0)
        return ch

    return _MOJIBAKE_RUN.sub(fix, text)


def html_to_text(data: bytes, path: str) -> str:
    """Main text of a saved web page, with its metadata as a front-matter block."""
    try:
        import trafilatura  # type: ignore[import-not-found]
    except ImportError:
        raise ReadError(path, f"HTML needs an extra package: {HTML_HINT}") from None
    html = decode_bytes(data, path)
    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        raise ReadError(path, "no article text found in the web page")
    fields: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = fields.get("text") or ""
    if not body.strip():
        raise ReadError(path, "no article text found in the web page")
    head = []
    for key, name in (("title", "title"), ("date", "date"), ("sitename", "source"),
                      ("url", "url"), ("author", "author")):
        val = fields.get(key)
        if val:
            head.append(f"{name}: {str(val).strip()}")
    if not head:
        return str(body)
    return "---\n" + "\n".join(head) + "\n---\n\n" + str(body)


# ---------------------------------------------------------------- JSON lines

def read_jsonl(stream: TextIO, name: str) -> Iterator[RawDocument | ReadError]:
    """One article per line for scrapers: ``{"text", "published"?, "outlet"?, ...}``.

    A line that is not a JSON object with a non-empty ``text`` comes back as a
    ReadError naming ``name:LINE``; the other lines are still read.
    """
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield ReadError(where, "not a JSON object")
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield ReadError(where, 'missing or empty "text"')
            continue
        bad = [k for k in ("published", "outlet", "title", "url", "id")
               if obj.get(k) is not None and not isinstance(obj.get(k), (str, int))]
        if bad:
            yield ReadError(where, f'"{bad[0]}" must be a string')
            continue
        published = obj.get("published")
        if published is not None:
            published = str(published).strip()
            if not _iso_day_ok(published):
                yield ReadError(where, f'"published" is not an ISO date: {published!r}')
                continue
        ident = obj.get("id")
        yield RawDocument(
            text=repair_mojibake(_normalise_newlines(text)),
            path=f"{name}#{ident}" if ident not in (None, "") else where,
            published=published[:10] if published else None,
            published_how=PublishedHow.METADATA if published else None,
            outlet=_str_or_none(obj.get("outlet")),
            title=repair_mojibake(t) if (t := _str_or_none(obj.get("title"))) else None,
            url=_str_or_none(obj.get("url")),
        )


def _str_or_none(v: object) -> str | None:
    return str(v).strip() or None if v is not None else None


def _iso_day_ok(s: str) -> bool:
    try:
        date.fromisoformat(s[:10])
    except ValueError:
        return False
    return len(s) == 10 or s[10] in "T "
