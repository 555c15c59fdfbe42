"""The archive's ranking settings, the same for every engine: BM25's term weight, and which
fields count a word's documents in the body too."""
from __future__ import annotations

import math

# BM25's two settings: how soon more occurrences of a word stop counting (K1), and how much a long
# document is marked down (B). The values of rank-bm25 and most IR textbooks.
K1 = 1.5
B = 0.75
# Fields whose words are also in the body (a title, the names): weighed by the body's count.
WEIGHED_BY_BODY = ("title", "names")


def bm25_idf(documents: int, found: int) -> float:
    """The usual BM25 term weight (as in Lucene): a word found in most documents weighs next to
    nothing. Whoosh's own, log(N/(n+1)) + 1, keeps such a word at a third or more of a rare
    word's weight, so that long questions full of common words ranked by their common words."""
    return math.log(1 + (documents - found + 0.5) / (found + 0.5))
