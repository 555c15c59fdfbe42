"""Stage 2, runs: per document, what each line is (running text, a heading in capitals or Title
Case) and which words it writes in lower case; in a line, the runs of capitalised tokens that
may be names.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from operator import attrgetter

from archive.names.sports import TEAM_SPORTS, _is_sports
from archive.names.tokens import _CAPITALISED, _LOWER_WORD, _UPPER_WORD, _Token, _tokens
from archive.names.words import (
    _TITLE_CASE_SMALL,
    COMMON_WORDS,
    KNOWN_ORGANISATIONS,
    NOT_NAME_WORDS,
    STOP_CAPS,
    _fold,
)

_TEXT = attrgetter("text")


_LOWER = attrgetter("lower")


_CASE = attrgetter("case")


_MAY_OPEN_RUN = attrgetter("may_open_run")


_LOWER_KEY = attrgetter("lower_key")


_MID_CAPITAL_KEY = attrgetter("mid_capital_key")


_MAY_SPLIT_RUN = attrgetter("may_split_run")


class _Document:
    """Per-document evidence: which words the text writes in lower case, which capitalised."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Each line: its tokens, its kind (see _line_kind), where it starts in the text, its text.
        self.lines: list[tuple[list[_Token], str, int, str]] = []
        offset = 0
        running: list[list[_Token]] = []  # the tokens of the lines of running text ("text")
        others: list[list[_Token]] = []
        for line in text.split("\n"):
            tokens = _tokens(line)
            kind = _line_kind(tokens)
            self.lines.append((tokens, kind, offset, line))
            offset += len(line) + 1
            (running if kind == "text" else others).append(tokens)
        # The text's distinct tokens (shared objects: see _Token), each token put in a set once.
        in_running_text = set(chain.from_iterable(running))
        seen = in_running_text.union(chain.from_iterable(others))
        self.lower_seen = set(map(_LOWER_KEY, seen))
        self.lower_seen.discard(None)
        self.mid_capital = set(map(_MID_CAPITAL_KEY, in_running_text))
        self.mid_capital.discard(None)
        # How often each word in capitals stands in running text: an acronym recurs, a word set in
        # capitals for emphasis ("the MEANS ought to be proportioned to the END") mostly does not.
        self.upper_counts = Counter(token.key for token in chain.from_iterable(running) if token.case == _UPPER_WORD)
        # A text that sets ordinary words in capitals for weight (the Federalist's "the MEANS", "the
        # LATTER"): there, a word in capitals is an acronym only if it is a listed body.
        self.emphatic = sum(key in self.lower_seen for key in self.upper_counts) >= 5
        first = next((line for _, _, _, line in self.lines if line.strip()), "")
        self.sports = _is_sports(first)
        self.team_sport = self.sports and _is_sports(first, TEAM_SPORTS)
        self.press_digest = "press digest" in first.lower()
        self._lower_case_share: dict[str, bool] = {}

    def common(self, token: _Token) -> bool:
        """A capitalised word that is an ordinary word here (checked at sentence starts)."""
        key = token.key
        if key in STOP_CAPS:
            return True
        if not token.initial:
            return False
        if key in KNOWN_ORGANISATIONS and key not in NOT_NAME_WORDS:
            return self._mostly_lower_case(token.text)  # "Labour has said" beside "the labour market"
        if key in COMMON_WORDS or key in NOT_NAME_WORDS:
            return True
        return key in self.lower_seen and key not in self.mid_capital

    def _mostly_lower_case(self, word: str) -> bool:
        """The text writes this listed body's name in lower case more often than capitalised (as
        often, for an everyday word: "House prices rose" beside "the house")."""
        if word not in self._lower_case_share:
            pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)
            written = [found[0].islower() for found in pattern.finditer(self.text)]
            lower, capitalised = sum(written), len(written) - sum(written)
            everyday = _fold(word) in COMMON_WORDS
            self._lower_case_share[word] = lower > capitalised or (everyday and lower == capitalised)
        return self._lower_case_share[word]


def _line_kind(tokens: list[_Token]) -> str:
    """"caps" (a headline or dateline in capitals), "title" (Title Case, no lower-case word),
    "none" (nothing capitalised), or "text"."""
    cases = list(map(_CASE, tokens))
    upper = cases.count(_UPPER_WORD)
    cap = cases.count(_CAPITALISED)
    lower = cases.count(_LOWER_WORD)
    words = upper + cap + lower
    if not upper and not cap:
        return "none"  # nothing capitalised: no candidate on this line
    if upper and upper >= 0.6 * words and not (upper == 1 and cap + lower >= 1 and len(tokens) > 3):
        return "caps"
    if cap >= 3 and (lower == 0 or (cap >= 2 * lower and all(
            t.text in _TITLE_CASE_SMALL for t, case in zip(tokens, cases) if case == _LOWER_WORD))):
        return "title"  # "Obama Calls for Increased Funding for Veterans"
    return "text"
