"""The HTML timeline in a real browser: headless Chromium parses it and draws it.

Skipped, with a message, when no Chromium is installed (Debian: ``apt-get
install -y chromium``; CI installs it). The PNG is decoded with zlib and
struct only, so no imaging library is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from newsline.render import entry_from_dict, render

DATA = Path(__file__).parent / "data"
ENTRIES = [
    entry_from_dict(d) for d in json.loads((DATA / "render_entries.json").read_text())["events"]
]
WIDTH, HEIGHT = 1000, 800
LIGHT_BG, DARK_BG = (0xFB, 0xFB, 0xF8), (0x15, 0x19, 0x1D)  # --bg in render/html.py


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (apt-get install -y chromium) — skipped"
)


def _run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp / 'profile'}",
        *args,
    ]
    env = {**os.environ, "HOME": str(tmp)}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, check=False)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, unfiltered rows, bytes per pixel) of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif ftype == 2:
            line = bytearray((x + p) & 0xFF for x, p in zip(line, prev, strict=True))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                upleft = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, prev[i], upleft)) & 0xFF
        rows.append(bytes(line))
        prev = rows[-1]
    return width, height, rows, bpp


def test_chromium_draws_a_timeline_that_is_not_blank(tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    page.write_text(render(ENTRIES, "html"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    proc = _run(tmp_path, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri())
    assert shot.exists(), proc.stderr[-2000:]
    width, height, rows, bpp = decode_png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    colours = {row[i : i + 3] for row in rows[::4] for i in range(0, len(row), bpp * 4)}
    assert len(colours) > 1, "blank screenshot"
    corner = tuple(rows[0][:3])
    # The page background is painted: the inline style passed the CSP hash check.
    assert corner in (LIGHT_BG, DARK_BG), corner


def test_chromium_parses_hostile_text_as_text(tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    page.write_text(render(ENTRIES, "html"), encoding="utf-8")
    proc = _run(tmp_path, "--dump-dom", page.as_uri())
    dom = proc.stdout
    assert "</html>" in dom, proc.stderr[-2000:]
    assert "<script" not in dom.lower()  # no script element was created
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # the text is shown as text
    assert dom.count('class="entry') == len(ENTRIES)
