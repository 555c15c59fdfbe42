"""Quality gate for the date finder on hand-labelled real sentences (bench/dates_quality.py).

The sentences stay in ../shared/realdata; without it these tests skip, with the reason.
Floors sit just under the figures measured when set (bench/README.md): raised, never lowered.
"""
from __future__ import annotations

import pytest

from bench.dates_quality import REALDATA, evaluate

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason=f"real data folder {REALDATA} is absent")


@pytest.mark.parametrize("label_set,sentences,precision,recall", [
    ("development", 240, 0.98, 0.97),
    ("held-out", 200, 0.98, 0.97),
])
def test_precision_and_recall(label_set, sentences, precision, recall):
    tally = evaluate(label_set)["all"]
    assert tally.sentences >= sentences
    assert tally.precision >= precision, tally.misses
    assert tally.recall >= recall, tally.misses
