"""Kinds on real documents under neutral names (issue 14): the text alone decides.

Skipped, with the reason, without ../shared/realdata. Floors are the figures measured when the
rules were written (bench/README.md), raised when the rules improve, never lowered to let a change
pass. Every fifth document of each set was held out while the rules were tuned.
"""
from __future__ import annotations

import pytest

from bench.kinds_quality import REALDATA, evaluate

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason=f"real data folder {REALDATA} is absent")

# Measured 2026-12-06 (all / held-out): bbc 0.9996 / 0.9978, senate 0.9924 / 0.9937,
# house 0.9848 / 0.9803 (short of the 0.99 target: lines with no sign of any kind), letters 1.0.
FLOORS = {"bbc": 0.999, "bbc politics": 0.999, "senate": 0.99, "house": 0.98, "enron": 1.0, "federalist": 1.0}


@pytest.fixture(scope="module")
def scores():
    return evaluate()


@pytest.mark.parametrize("name", list(FLOORS))
def test_kinds_meet_their_floor_without_a_folder_hint(scores, name):
    assert scores[name].share() >= FLOORS[name], scores[name].wrong[:10]
    assert scores[name].share("held out") >= FLOORS[name] - 0.01
