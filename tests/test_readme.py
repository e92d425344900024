"""Every command in the README's tour runs and prints what the README shows.

The tour is the README's promise to a new user, so it is executed here, in
order, against a fresh database of samples/. After a deliberate change of
output, refresh it with ``NEWSLINE_UPDATE_README=1 make test``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
TOUR = re.compile(r"<!-- tour:start -->(.*?)<!-- tour:end -->", re.S)


def _blocks(text: str) -> list[tuple[str, str]]:
    tour = TOUR.search(text)
    assert tour, "README has a tour between <!-- tour:start --> and <!-- tour:end -->"
    out = []
    for body in BLOCK.findall(tour.group(1)):
        first, _, rest = body.partition("\n")
        assert first.startswith("$ "), f"a console block starts with '$ command': {first!r}"
        out.append((first[2:], rest))
    return out


def _tidy(s: str) -> str:
    return "\n".join(line.rstrip() for line in s.rstrip("\n").splitlines()) + "\n"


def _run_tour(tmp: Path) -> list[tuple[str, str, str]]:
    (tmp / "samples").symlink_to(ROOT / "samples")
    env = dict(os.environ)
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        NEWSLINE_DB=str(tmp / "newsline.db"),
        COLUMNS="100",
        NO_COLOR="1",
        TERM="dumb",
    )
    env.pop("FORCE_COLOR", None)
    results = []
    for cmd, expected in _blocks(README.read_text(encoding="utf-8")):
        proc = subprocess.run(
            ["bash", "-o", "pipefail", "-c", cmd], cwd=tmp, env=env, capture_output=True,
            text=True, timeout=120,
        )
        assert proc.returncode == 0, f"`{cmd}` failed ({proc.returncode}): {proc.stderr}"
        results.append((cmd, expected, _tidy(proc.stdout + proc.stderr)))
    return results


def test_readme_opens_with_demo_and_test():
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"^make (\w+)", text, re.M)
    assert commands[:2] == ["demo", "test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="the tour uses a POSIX shell")
def test_tour_commands_print_what_the_readme_shows(tmp_path):
    results = _run_tour(tmp_path)
    assert len(results) >= 8, "the tour shows every format"
    if os.environ.get("NEWSLINE_UPDATE_README"):
        text = README.read_text(encoding="utf-8")
        for cmd, expected, got in results:
            old, new = f"$ {cmd}\n{expected}```", f"$ {cmd}\n{got}```"
            text = text.replace(f"```console\n{old}", f"```console\n{new}", 1)
        README.write_text(text, encoding="utf-8")
        return
    for cmd, expected, got in results:
        assert got == _tidy(expected), f"output of `{cmd}`"
