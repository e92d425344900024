"""The quality gate: the whole pipeline on samples/ stays above the pinned floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _eval_module():
    path = ROOT / "bench" / "eval_samples.py"
    spec = importlib.util.spec_from_file_location("eval_samples", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def test_samples_stay_above_the_floors():
    mod = _eval_module()
    scores = mod.evaluate()
    for name, floor in mod.FLOORS.items():
        assert getattr(scores, name) >= floor, (name, getattr(scores, name), scores.details)
