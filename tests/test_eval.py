"""The quality gate: the whole pipeline on samples/ stays above the pinned floors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_samples", ROOT / "bench" / "eval_samples.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_samples_stay_above_the_floors():
    mod = _eval_module()
    scores = mod.evaluate()
    for name, floor in mod.FLOORS.items():
        assert getattr(scores, name) >= floor, (name, getattr(scores, name), scores.details)
