"""sources: discovery, decoding, bad input files, JSON lines."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.errors import ReadError
from newsline.sources import (
    decode_bytes,
    discover,
    read_document,
    read_files_from,
    read_jsonl,
    repair_mojibake,
)

BODY = "Harbour reopens\n\nThe harbour at Kelsby reopened on Tuesday after repairs, they said.\n"


def _errors(items: list) -> dict[str, str]:
    return {os.path.basename(e.path): e.reason for e in items if isinstance(e, ReadError)}


def _files(items: list) -> list[str]:
    return [os.path.basename(p) for p in items if isinstance(p, str)]


# ---------------------------------------------------------------- discover

@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.md").write_text(BODY)
    (tmp_path / "c.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "inside.txt").write_text(BODY)
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "e.txt").write_text(BODY)
    return tmp_path


def test_discover_walks_folders_skipping_hidden_and_other_suffixes(tree: Path) -> None:
    got = list(discover([str(tree)]))
    assert _files(got) == ["a.txt", "b.md", "c.html", "e.txt"]
    assert not _errors(got)


def test_discover_glob_and_explicit_paths(tree: Path) -> None:
    assert _files(list(discover([str(tree)], glob="*.md"))) == ["b.md"]
    # a path named explicitly is read even when hidden or of another suffix
    explicit = [str(tree / ".hidden.txt"), str(tree / "d.pdf"), "-"]
    assert list(discover(explicit)) == explicit


def test_discover_reports_missing_broken_and_looping_paths(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop2.txt", tmp_path / "loop1.txt")
    os.symlink(tmp_path / "loop1.txt", tmp_path / "loop2.txt")
    os.symlink(tmp_path, tmp_path / "back")  # a folder link back up: no endless walk
    got = list(discover([str(tmp_path), str(tmp_path / "missing.txt")]))
    errs = _errors(got)
    assert "broken symlink" in errs["broken.txt"]
    assert errs["loop1.txt"] == "symlink loop"
    assert errs["missing.txt"] == "no such file or folder"
    assert "symlink loop" in errs["back"]
    assert _files(got) == ["good.txt"]


def test_read_files_from_keeps_odd_names() -> None:
    stream = io.StringIO("# list\n\n a name with spaces.txt\nplain.txt\r\n  \n")
    assert read_files_from(stream) == [" a name with spaces.txt", "plain.txt"]


# ---------------------------------------------------------------- decoding

SAMPLE = "Zoë’s café – “naïve” reporting, 5 €"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "cp1252"],
)
def test_decodes_common_encodings(data: bytes) -> None:
    assert decode_bytes(data) == SAMPLE


def test_decodes_latin1_and_crlf() -> None:
    assert decode_bytes("Genève\r\nZürich\r".encode("latin-1")) == "Genève\nZürich\n"


def _misread(s: str) -> str:
    """UTF-8 bytes read as Windows-1252, undefined bytes kept as Latin-1 (as browsers do)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                   for b in s.encode("utf-8"))


def test_repairs_unambiguous_mojibake_only() -> None:
    broken = _misread(SAMPLE)
    assert "â€" in broken
    assert repair_mojibake(broken) == SAMPLE
    for fine in ("Âge d’or", "Ã la carte", "plain ASCII", "São Paulo", "1½ cups"):
        assert repair_mojibake(fine) == fine


_LATIN = st.text(alphabet="abcXYZ éèêàçöüñÉ’“”–— ,.", max_size=60)


@given(_LATIN)
@settings(max_examples=200, deadline=None)
def test_mojibake_round_trip(s: str) -> None:
    assert repair_mojibake(_misread(s)) == s
    assert repair_mojibake(s) == s


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_decode_never_crashes_on_bytes(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data), str)
    except ReadError as exc:
        assert exc.reason


# ---------------------------------------------------------------- bad files

def _read_error(path: Path, **kw) -> str:
    with pytest.raises(ReadError) as info:
        read_document(str(path), **kw)
    assert info.value.path == str(path)
    return info.value.reason


def test_bad_files_each_get_a_clear_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "nul.txt").write_bytes(b"text\x00\x01\x02 more" * 10)
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    (tmp_path / "big.txt").write_bytes(b"word " * 1000)
    assert _read_error(tmp_path / "empty.txt") == "empty file"
    assert "empty" in _read_error(tmp_path / "blank.txt")
    assert "binary" in _read_error(tmp_path / "image.txt")
    assert "binary" in _read_error(tmp_path / "nul.txt")
    assert "undecodable" in _read_error(tmp_path / "noise.txt")
    reason = _read_error(tmp_path / "big.txt", max_bytes=1000)
    assert "too big" in reason and "--max-bytes" in reason
    assert "is a folder" in _read_error(tmp_path)
    assert _read_error(tmp_path / "gone.txt") == "no such file or folder"


def test_symlinks_broken_and_looping(tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "l2.txt", tmp_path / "l1.txt")
    os.symlink(tmp_path / "l1.txt", tmp_path / "l2.txt")
    assert "broken symlink" in _read_error(tmp_path / "broken.txt")
    assert _read_error(tmp_path / "l1.txt") == "symlink loop"


def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(BODY)
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as a user who can read mode-000 files (root)")
        assert _read_error(p) == "permission denied"
    finally:
        p.chmod(0o644)


@pytest.mark.parametrize(
    "name", ["with space.txt", "ünïcödé—name.txt", "quote'and\"dq.txt", "new\nline.txt",
             "-dash-first.txt", "semi;colon$(x).txt"]
)
def test_odd_names_are_read(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_text(BODY)
    assert list(discover([str(tmp_path)])) == [str(p)]
    assert read_document(str(p)).text == BODY


def test_good_files_beside_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "1-good.txt").write_text(BODY)
    (tmp_path / "2-empty.txt").write_bytes(b"")
    (tmp_path / "3-binary.txt").write_bytes(b"\x7fELF\x02\x01" + bytes(100))
    os.symlink(tmp_path / "nowhere", tmp_path / "4-broken.txt")
    (tmp_path / "5-good.md").write_text(BODY, encoding="utf-16")
    ok, failed = [], []
    for item in discover([str(tmp_path)]):
        if isinstance(item, ReadError):
            failed.append(item)
            continue
        try:
            ok.append(read_document(item))
        except ReadError as exc:
            failed.append(exc)
    assert [os.path.basename(d.path or "") for d in ok] == ["1-good.txt", "5-good.md"]
    assert all(d.text == BODY for d in ok)
    assert sorted(os.path.basename(e.path) for e in failed) == [
        "2-empty.txt", "3-binary.txt", "4-broken.txt"]
    assert all(str(e).startswith(e.path + ": ") for e in failed)


def test_stdin_and_caller_fields() -> None:
    doc = read_document("-", stdin=io.BytesIO(BODY.encode("cp1252")), published="2015-11-13",
                        outlet="Kelsby Post")
    assert (doc.text, doc.path, doc.published, doc.outlet) == (
        BODY, "-", "2015-11-13", "Kelsby Post")
    with pytest.raises(ReadError, match="too big"):
        read_document("-", stdin=io.BytesIO(b"x" * 50), max_bytes=10)


# ---------------------------------------------------------------- HTML

PAGE = """<html><head><title>Harbour reopens | Kelsby Post</title>
<meta property="og:site_name" content="Kelsby Post">
<meta name="date" content="2016-04-05"></head>
<body><nav>Home | News | Sport</nav><article><h1>Harbour reopens</h1>
<p>The harbour at Kelsby reopened on Tuesday after three months of repairs to the sea wall,
the council said in a statement that also thanked the fishing crews for their patience.</p>
<p>Boats queued at the entrance from early morning, and the first trawler to tie up was
greeted by a small crowd of families and the town band playing on the quay.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def test_html_without_the_extra_gives_a_hint(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    p = tmp_path / "page.html"
    p.write_text(PAGE)
    reason = _read_error(p)
    assert "pip install 'newsline[html]'" in reason


def test_html_extraction_when_installed(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    p = tmp_path / "page.htm"
    p.write_text(PAGE)
    text = read_document(str(p)).text
    assert text.startswith("---\n")
    assert "date: 2016-04-05" in text
    assert "harbour at Kelsby reopened" in text
    assert "Home | News" not in text


# ---------------------------------------------------------------- JSON lines

def test_read_jsonl_good_and_bad_lines() -> None:
    lines = "\n".join([
        '{"text": "The harbour reopened.", "published": "2016-04-05T10:00:00Z", '
        '"outlet": "Kelsby Post", "title": "Harbour", "url": "https://example.org/h"}',
        '{"text": "Second story.", "id": "abc"}',
        "not json",
        "[1, 2]",
        '{"title": "no text"}',
        '{"text": "x", "published": "last week"}',
        "",
        '{"text": "Tehranâ€™s reply"}',
    ])
    got = list(read_jsonl(io.StringIO(lines), "feed.jsonl"))
    docs = [g for g in got if not isinstance(g, ReadError)]
    errs = {e.path: e.reason for e in got if isinstance(e, ReadError)}
    assert docs[0].published == "2016-04-05" and docs[0].outlet == "Kelsby Post"
    assert docs[0].path == "feed.jsonl:1" and docs[0].url == "https://example.org/h"
    assert docs[1].path == "feed.jsonl#abc"
    assert docs[2].text == "Tehran’s reply"
    assert set(errs) == {"feed.jsonl:3", "feed.jsonl:4", "feed.jsonl:5", "feed.jsonl:6"}
    assert "not valid JSON" in errs["feed.jsonl:3"]
    assert errs["feed.jsonl:4"] == "not a JSON object"
    assert "text" in errs["feed.jsonl:5"]
    assert "ISO date" in errs["feed.jsonl:6"]
