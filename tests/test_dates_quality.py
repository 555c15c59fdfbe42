"""Quality gate for the date finder on hand-labelled real sentences (bench/dates_quality.py).

The sentences stay in ../shared/realdata; without it these tests skip, with the reason.
"""
from __future__ import annotations

import pytest

from bench.dates_quality import REALDATA, evaluate

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason=f"real data folder {REALDATA} is absent")


def test_precision_and_recall_on_the_development_set():
    tally = evaluate()["all"]
    assert tally.sentences >= 240
    assert tally.precision >= 0.98, tally.misses
    assert tally.recall >= 0.97, tally.misses
