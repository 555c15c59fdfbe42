"""A quoted phrase finds exactly the real BBC articles whose words hold it (issue 14).

Skipped, with the reason, without ../shared/realdata. Words are runs of letters and digits with a
trailing 's dropped (bench/phrase_recall.py), so a possessive counts as its word: "the Bank of
England's" holds "bank of england".
"""
from __future__ import annotations

import pytest

from bench.phrase_recall import BBC, bbc_texts, compare, files_holding, holds
from indexer import index_paths
from indexer._schema import EXACT_ANALYZER

pytestmark = pytest.mark.skipif(not BBC.is_dir(), reason=f"the BBC articles are not at {BBC}")


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("bbc") / "index"
    index_paths([str(BBC)], index_dir)
    return compare(index_dir, bbc_texts())


def test_every_phrase_finds_exactly_the_files_holding_it(comparison):
    assert len(comparison) >= 20
    for phrase, holding, found in comparison:
        assert holding, phrase  # a phrase no article holds would test nothing
        assert found == holding, (phrase, sorted(holding - found)[:3], sorted(found - holding)[:3])


@pytest.mark.parametrize("phrase", ["the bank of england", "prime minister tony blair", "the government"])
def test_some_articles_hold_the_phrase_only_before_a_possessive(phrase):
    """What the test above is for: taken word for word as written, fewer articles hold these
    phrases than with a possessive as its word ("the Bank of England's")."""
    texts = bbc_texts()
    wanted = phrase.split()
    as_written = {path for path, text in texts.items()
                  if holds([token.text for token in EXACT_ANALYZER(text)], wanted)}
    assert as_written < files_holding(texts, phrase)
