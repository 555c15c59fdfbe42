"""Quality gates for kinds, document dates and letter parties (bench/metadata_quality.py).

Floors sit at the figures measured when they were set (bench/README.md) less a little
slack; they are raised as the rules improve, never lowered to let a change through.
"""
from __future__ import annotations

import pytest

from bench.metadata_quality import (REALDATA, congress_cases, corpus_cases, enron_cases,
                                    federalist_cases, grimmer_cases, score)

needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason=f"real data folder {REALDATA} is absent")


def test_shipped_corpus():
    result = score(corpus_cases())
    assert result.share("kind") >= 0.97, result.wrong
    assert result.share("date") >= 0.97, result.wrong
    assert result.share("sender") >= 0.95, result.wrong
    assert result.share("recipient") >= 0.95, result.wrong


@needs_realdata
@pytest.mark.parametrize("cases,kind_floor,date_floor", [
    (federalist_cases, 0.99, 0.99),
    (grimmer_cases, 0.99, 0.97),
    (lambda: enron_cases(200), 0.99, 0.99),
    (congress_cases, 0.95, None),
])
def test_real_letters_and_releases(cases, kind_floor, date_floor):
    result = score(cases())
    assert result.share("kind") >= kind_floor, result.wrong[:10]
    if date_floor is not None:
        assert result.share("date") >= date_floor, result.wrong[:10]
