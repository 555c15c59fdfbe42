"""Stage 4, decision: each run, with its evidence and the words around it, decided as a person,
an organisation or neither (pass 1); the undecided decided from the rest of the document (pass
2); short forms folded into full names.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from archive.dates import MONTH_ABBREVIATIONS
from archive.names.evidence import (
    _dropped_alone,
    _initial_word,
    _institution_of,
    _looks_like_person,
    _misc_like,
    _org_by_words,
    _person_words_ok,
    _place_like,
    _run_words,
    _runs,
    _split_title,
)
from archive.names.runs import _LOWER, _MAY_SPLIT_RUN, _TEXT, _Document
from archive.names.sports import (
    _BOWLING_FIGURES,
    _POSITIONS,
    _SCORE_PAIR,
    _SPORTS_ROLES,
    is_comma_list,
    is_table_line,
    team_context,
)
from archive.names.tokens import (
    _ACRONYM_DEFINITION,
    _ACRONYM_IN_BRACKETS,
    _COMMA_COMMITTEE,
    _DATE_LIKE,
    _FULL_STOP,
    _ORDINAL,
    CAP,
    INITIAL,
    LETTER,
    NUMBER,
    PUNCT,
    UPPER,
    _bare,
    _blank_furniture,
    _key,
    _listed_opening,
    _Token,
    _token_starts,
    _without_possessive,
)
from archive.names.words import (
    _COMPANY_SUFFIXES,
    _COMPANY_WORDS,
    _INDEX_WORDS,
    _ORG_BEFORE,
    _PLACE_NOUNS,
    _QUOTES,
    _TITLES_OR_MODIFIERS,
    _TITLES_OR_ROLES,
    _VENUE_AFTER,
    ACRONYM_STOP,
    COMMON_WORDS,
    CONNECTORS,
    COUNTRIES,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    INSTITUTION_HEADS,
    JOINERS,
    KNOWN_ORGANISATIONS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NATIONALITIES,
    NOT_NAME_WORDS,
    NOT_PERSON_AFTER,
    ORG_AFTER,
    ORG_HEADS,
    ORG_WORDS,
    PERSON_AFTER,
    POST_NOMINALS,
    ROLE_BEFORE,
    RUN_TITLES,
    STOP_CAPS,
    _fold,
    _listed,
)


@dataclass
class Names:
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Candidate:
    """A possible name while it is being decided (kept afterwards as a tuple: see _keep)."""
    words: list[str]
    kind: str | None           # "person", "organisation", None (undecided)
    strength: int = 0           # 2 strong evidence, 1 weak, 0 none
    line_kind: str = "text"
    table: bool = False
    initial: bool = False
    hints: set[str] = field(default_factory=set)


class _Extractor:
    """Reads one text: candidates line by line (pass 1), then decides the undecided (pass 2)."""

    def __init__(self, text: str) -> None:
        self.doc = _Document(text)
        # Candidates kept as plain tuples (words, kind, strength, line kind, table, initial, hints):
        # a long text makes many, and tuples of strings cost the garbage collector nothing.
        self.candidates: list[tuple] = []
        self.defined: list[tuple[int, int]] = []  # spans of acronym long forms, in text order
        self._defined_starts: list[int] = []
        self._things: set[str] = set()  # acronyms and long forms defined as things: "Chemical Weapons Convention (CWC)"
        self._placed: set[str] = set()  # single words the text uses as places somewhere ("in Marion")
        self._quotes_in_line = False  # the line being read holds a quotation mark (else nothing is _quoted)

    # ---------------------------------------------------------------- pass 1

    def run(self) -> Names:
        early = self._acronym_definitions() + self._comma_committees()
        for tokens, line_kind, offset, line in self.doc.lines:
            if line_kind != "none":
                self._line(tokens, line_kind, offset, line)
        return self._resolve(early)

    def _acronym_definitions(self) -> list[tuple[str, str]]:
        """"Parents Against Child Sexual Exploitation (PACE)": both forms are organisations."""
        early: list[tuple[str, str]] = []
        if not _ACRONYM_IN_BRACKETS.search(self.doc.text):
            return early
        for match in _ACRONYM_DEFINITION.finditer(self.doc.text):
            words = match["long"].split()
            while words and (words[0].lower() in CONNECTORS or _bare(words[0]) in NOT_NAME_WORDS
                             or _bare(words[0]) in STOP_CAPS):
                words = words[1:]
            short = match["short"]
            starts = [i for i, w in enumerate(words) if w[0] == short[0]
                      and sum(1 for x in words[i:] if x[0].isupper()) <= len(short) + 1]
            if starts:
                words = words[starts[0]:]
            if len(words) < 2 or _listed(_key(words)) or _fold(short) in FUNCTION_WORDS | COMMON_WORDS:
                continue
            following = self.doc.text[match.end():match.end() + 20].split()[:1]
            if (following and following[0].lower().strip(".,;") in _THING_HEADS) or (
                    _bare(words[-1]) in _THING_HEADS and not _org_by_words(words, False)):
                self._things.update((_key(words), _fold(short)))  # "Chemical Weapons Convention (CWC)", "(FLEX) program"
                continue
            if len(words) < 3 and not _org_by_words(words, False):
                continue  # "Intelligent Network (IN)": a thing, not an organisation
            # The letters of the acronym start words of the long form: "World Boxing Council (WBC)".
            initials = [w[0].upper() for w in words]
            if short[0] not in initials[:2] or short[-1] not in initials + [words[-1][-1].upper()]:
                continue
            if _looks_like_person(words) and not _org_by_words(words, False):
                continue
            early.append(("organisation", " ".join(words)))
            early.append(("organisation", match["short"]))
            self.defined.append(match.span("long"))
            self._defined_starts.append(match.start("long"))
        return early

    def _comma_committees(self) -> list[tuple[str, str]]:
        """"Senate Agriculture, Nutrition and Forestry Committee": one organisation, though its
        commas cut it into runs; the runs inside are skipped like an acronym's long form."""
        if "ommittee" not in self.doc.text:
            return []
        early = [("organisation", " ".join(match["long"].split()))
                 for match in _COMMA_COMMITTEE.finditer(self.doc.text)]
        if early:
            spans = self.defined + [match.span("long") for match in _COMMA_COMMITTEE.finditer(self.doc.text)]
            self.defined = sorted(spans)
            self._defined_starts = [start for start, _ in self.defined]
        return early

    def _line(self, tokens: list[_Token], line_kind: str, offset: int, line: str) -> None:
        """The candidates of one line (which starts at offset in the text)."""
        doc = self.doc
        if line_kind == "caps":
            if doc.sports and is_table_line(tokens):
                self._caps_table(tokens)
            elif doc.press_digest and self._digest_title(tokens):
                words = [t.text for t in tokens if t.kind != PUNCT]
                self._keep(_Candidate(words, "organisation", 2, line_kind))
            return
        # A dateline: "MILWAUKEE, Wisconsin 1996-08-29" on its own line, or in capitals at the start of
        # a line: "LEEDS, 12 May 2010 -", "LONDON 1996-08-30".
        if len(tokens) <= 8 and _DATE_LIKE.match(tokens[-1].text):
            return
        start = 0
        while start < len(tokens) and tokens[start].kind == UPPER and tokens[start].key not in KNOWN_ORGANISATIONS:
            start += 1
        starts = _token_starts(line, offset, tokens) if self._overlaps_definition(offset, offset + len(line)) else []
        if start and start < len(tokens) and (tokens[start].text == "," or _DATE_LIKE.match(tokens[start].text)):
            tokens, starts = tokens[start:], starts[start:]
        table = doc.sports and is_table_line(tokens)
        comma_list = doc.sports and is_comma_list(tokens)
        self._quotes_in_line = not _QUOTES.isdisjoint(map(_TEXT, tokens))
        for begin, end in _runs(tokens):
            if end - begin == 1 and not doc.team_sport and (
                    tokens[begin].never_alone or (not doc.sports and _dropped_alone(tokens[begin]))):
                continue  # "The", "He", "US", "London": what _classify_run would drop, without the work
            if starts:
                end = next((k for k in range(begin, end) if self._inside_definition(starts[k])), end)
                if end == begin:
                    continue  # inside a long form, kept whole already; a run reaching into one stops at it
            self._classify_run(tokens, begin, end, line_kind, table, comma_list)

    def _keep(self, c: _Candidate) -> None:
        """Store a candidate as a tuple of strings, booleans and numbers (cheap for the garbage collector)."""
        self.candidates.append((tuple(c.words), c.kind, c.strength, c.line_kind, c.table, c.initial,
                                tuple(c.hints)))

    def _overlaps_definition(self, start: int, end: int) -> bool:
        """Some acronym long form lies (at least partly) in text[start:end]."""
        if not self.defined:
            return False
        position = bisect_right(self._defined_starts, end) - 1
        return position >= 0 and self.defined[position][1] > start

    def _inside_definition(self, offset: int) -> bool:
        position = bisect_right(self._defined_starts, offset) - 1
        return position >= 0 and offset < self.defined[position][1]

    @staticmethod
    def _digest_title(tokens: list[_Token]) -> bool:
        """"JAKARTA POST", "KOMPAS": a newspaper's name heading its part of a press digest."""
        words = [t for t in tokens if t.kind != PUNCT]
        return 1 <= len(words) <= 5 and all(t.kind in (UPPER, LETTER) or t.text in JOINERS for t in words)

    def _caps_table(self, tokens: list[_Token]) -> None:
        """"TEXAS 75 58 .564 -", "LG 2 OB 0": the teams of a standings table in capitals."""
        run: list[str] = []
        for position, token in enumerate(tokens + [_FULL_STOP]):
            if token.kind in (UPPER, CAP, LETTER) or (run and token.text == "&"):
                run.append(token.text)
                continue
            if run:
                key = _key(run)
                followed_by_number = token.kind == NUMBER
                if followed_by_number and key not in COUNTRIES and key not in ACRONYM_STOP and key not in NATIONALITIES \
                        and not _misc_like(run) and len(run) <= 4 and not any(
                            _bare(w) in STOP_CAPS or _bare(w) in COMMON_WORDS or _bare(w) in NOT_NAME_WORDS for w in run):
                    self._keep(_Candidate(list(run), "organisation", 1, "caps", table=True))
                run = []

    def _classify_run(self, tokens: list[_Token], begin: int, end: int, line_kind: str,
                      table: bool, comma_list: bool = False) -> None:
        """Split a run where it holds several names, trim it, and decide what it is if the evidence
        allows (otherwise it waits for pass 2)."""
        doc = self.doc
        run_tokens = tokens[begin:end]
        if not run_tokens:
            return
        words = list(map(_TEXT, run_tokens))
        if len(words) > 1 and self._parted(tokens, begin, end, words, line_kind, table, comma_list):
            return
        entry = doc.sports and self._table_entry(tokens, begin, end, table)
        team_entry = entry and doc.team_sport and not _looks_like_person(words)
        # Most runs ("Tony Blair") hold no title or joining word that _split_run could split them at.
        if len(words) > 1 and any(map(_MAY_SPLIT_RUN, run_tokens[:-1])) \
                and self._split_run(tokens, begin, end, line_kind, table, comma_list, team_entry):
            return
        if not team_entry:
            words, run_tokens = self._strip_leading(words, run_tokens)
        if not words:
            return
        begin = end - len(run_tokens)
        office_at = len(words) > 2 and _office_after(words)
        if office_at:  # "Julian Poole Lead", "Mario Benitez Associate": a team list's name and job
            self._classify_run(tokens, begin, begin + office_at, line_kind, table, comma_list)
            return
        candidate = _Candidate(words, None, 0, line_kind, False, run_tokens[0].initial)
        if run_tokens[-1].possessive:
            candidate.hints.add("possessive")
            words[-1] = _without_possessive(words[-1])
        if entry:
            candidate.table = True
            after = tokens[end:end + 4]
            if (len(after) > 3 and after[0].text == "(" and after[2].text == ")" and len(after[1].text) <= 3
                    and after[1].kind in (UPPER, LETTER) and doc.team_sport):
                candidate.words = words = words + ["(" + after[1].text + ")"]  # "Mladost (L)"
        if comma_list:
            candidate.hints.add("list")
        if (begin == 0 or tokens[begin - 1].text in ",;:-–—(") and (
                end == len(tokens) or tokens[end].text in ",;:-–—)"):
            candidate.hints.add("segment")  # a whole field of a list or an address block
        candidate.kind, candidate.strength = self._decide(candidate, tokens, begin, end)
        if candidate.kind == "organisation" and self._quotes_in_line and self._work_title(tokens, begin, end):
            candidate.kind = "drop"  # "The New Petroleum," in Foreign Affairs: an article, not a body
        if candidate.kind != "drop":
            if self._quotes_in_line and self._quoted(tokens, begin, end):  # not worked out for dropped runs
                candidate.hints.add("quoted")
            self._keep(candidate)

    def _parted(self, tokens: list[_Token], begin: int, end: int, words: list[str], line_kind: str,
                table: bool, comma_list: bool) -> bool:
        """A run of several names classified part by part: a body and what it owns ("Purdue
        University's Laboratory of ..."), a party and its member ("Liberal Democrat David Laws"),
        a name and its suffix ("Larry Bledsoe, Jr."). False when the run is none of these."""
        run_tokens = tokens[begin:end]
        if any(map(_POSSESSIVE, run_tokens[:-1])):
            owner_at = next(k + 1 for k, token in enumerate(run_tokens) if token.possessive)
            owner = words[:owner_at - 1] + [_without_possessive(words[owner_at - 1])]
            owned = words[owner_at:]
            saint = _bare(owner[0]) in ("st", "saint")  # "St. Joseph's High School" is one name
            if _org_by_words(owner, self.doc.sports) or (
                    len(owned) > 1 and not saint and _org_by_words(owned, self.doc.sports)):
                self._classify_run(tokens, begin, begin + owner_at, line_kind, table, comma_list)
                self._classify_run(tokens, begin + owner_at, end, line_kind, table, comma_list)
                return True
        if len(words) == 2 and all(_bare(word) in KNOWN_ORGANISATIONS for word in words) and not _listed(_key(words)):
            for part in (begin, begin + 1):  # "the GOP Senate leadership": the GOP, the Senate
                self._classify_run(tokens, part, part + 1, line_kind, table, comma_list)
            return True
        if len(words) < 3:
            return False
        body_at = _body_before_person(words)
        if body_at:
            self._keep(_Candidate(words[:body_at], "organisation", 2, line_kind))
            self._classify_run(tokens, begin + body_at, end, line_kind, table, comma_list)
            return True
        if run_tokens[-1].key in NAME_SUFFIXES:
            comma = words[-2] == ","
            kept = len(self.candidates)
            self._classify_run(tokens, begin, end - 1 - comma, line_kind, table, comma_list)
            self._add_suffix(kept, words[-2 - comma], words[-1], comma)
            return True
        return False

    def _add_suffix(self, kept: int, last_word: str, suffix: str, comma: bool) -> None:
        """Give the person just kept from a run, if it ends the run, its suffix back: "Jr."."""
        if len(self.candidates) == kept:
            return
        words, kind, *rest = self.candidates[-1]
        if kind in ("person", None) and words[-1] == last_word:
            ending = (words[-1] + ",", suffix) if comma else (words[-1], suffix)
            self.candidates[-1] = (words[:-1] + ending, "person", *rest)

    def _split_run(self, tokens: list[_Token], begin: int, end: int, line_kind: str, table: bool,
                   comma_list: bool, team_entry: bool) -> bool:
        """A run of several words that holds a title and a person's name, or several names joined
        by "of", "and" ...: keep or classify the parts and say True; False when it is one name."""
        doc = self.doc
        run_tokens = tokens[begin:end]
        words = list(map(_TEXT, run_tokens))
        lowered = list(map(_LOWER, run_tokens))
        # A title inside the run starts a person's name: "Security Council President Tono Eitel",
        # "Assistant Secretary of State John Kornblum", "Afterwards Mr MacShane".
        title_at = None
        if not team_entry:
            for position in range(len(run_tokens) - 1):
                if run_tokens[position].title:
                    title_at = position
        if title_at is not None:
            rest = list(range(title_at + 1, len(words)))
            if rest and lowered[rest[0]] in ("of", "for"):
                given = [k for k in rest if _fold(words[k]) in GIVEN_NAMES and k + 1 < len(words)]
                rest = list(range(given[0], len(words))) if given else []
            person = [words[k] for k in rest]
            if person:
                person[-1] = _without_possessive(person[-1])
            while person and _bare(person[-1]) in POST_NOMINALS:
                person = person[:-1]
            if person and len(person) <= 4 and _person_words_ok(person) and not _place_like(person) \
                    and not self._office_of_a_word(words[title_at], person) \
                    and not _misc_like(person) and not _org_by_words(person, doc.sports) \
                    and not _listed(_key(person)) and not any(w.lower() in JOINERS for w in person):
                self._keep(_Candidate(person, "person", 2, line_kind, initial=False))
                # What stands before the title: an organisation, or only more titles and places.
                prefix_end = begin + title_at
                # A body's word after another word ends a body's name: "Metropolitan Police Commissioner".
                while prefix_end > begin and tokens[prefix_end - 1].key not in KNOWN_ORGANISATIONS and not (
                        prefix_end - 1 > begin and tokens[prefix_end - 1].key in ORG_WORDS) and (
                        tokens[prefix_end - 1].key in _TITLES_OR_MODIFIERS or tokens[prefix_end - 1].key in JOINERS
                        or tokens[prefix_end - 1].key in NATIONALITIES or tokens[prefix_end - 1].key in COUNTRIES):
                    prefix_end -= 1
                if prefix_end == begin + 1 and tokens[begin].key in KNOWN_ORGANISATIONS:
                    # "House Majority Leader Kevin McCarthy" opening a line: the House, not a sentence's opener.
                    self._keep(_Candidate([tokens[begin].text], "organisation", 2, line_kind))
                elif prefix_end > begin:
                    self._classify_run(tokens, begin, prefix_end, line_kind, table, comma_list)
                return True
        # "Keith O'Neill of Norwich City": a person of an organisation, unless "Bank of England".
        inner = lowered[1:-1]
        # "House and Senate", "the Senate and the House": two names, when the second stands alone.
        for position in (k for k in range(1, len(lowered) - 1) if lowered[k] == "and"):
            right = [w for w in words[position + 1:] if w.lower() != "the"]
            if lowered[position + 1] == "the" or _key(right) in KNOWN_ORGANISATIONS or _key(right) in COUNTRIES:
                self._classify_run(tokens, begin, begin + position, line_kind, table, comma_list)
                self._classify_run(tokens, begin + position + 1, end, line_kind, table, comma_list)
                return True
        for joiner in (("of", "for", "and", "the", "&") if inner else ()):
            if joiner in inner and not (team_entry and joiner in ("of", "the") and not (
                    joiner == "of" and _key(words[lowered.index("of") + 1:]) in COUNTRIES)):
                position = lowered.index(joiner, 1)
                if joiner == "and":  # "X and Y Committee and the Department": two names, parted at "and the"
                    position = next((k for k in range(position, len(lowered) - 1)
                                     if lowered[k] == "and" and lowered[k + 1] == "the"), position)
                left, right = words[:position], words[position + 1:]
                keep = False
                if joiner in ("of", "for"):
                    keep = _bare(left[-1]) in INSTITUTION_HEADS and len(left) <= 5 and not _looks_like_person(left)
                    keep = keep or _key(words) in KNOWN_ORGANISATIONS or _key(words) in COUNTRIES or _municipal(words)
                    # "Gold Fields of South Africa Ltd" is one company.
                    keep = keep or (_bare(right[-1]) in _COMPANY_SUFFIXES and _bare(left[-1]) not in ORG_WORDS
                                    and not _looks_like_person(left)
                                    and not (len(left) == 1 and doc.common(run_tokens[0])))
                elif joiner in ("and", "&") and lowered[position + 1] != "the" \
                        and _institution_of(lowered[:position], words):
                    keep = True  # "Committee on Oversight and Government Reform", "Department of Health and Human Services"
                elif joiner in ("and", "&"):
                    left_complete = (_org_by_words(left, doc.sports) or _listed(_key(left))
                                     or _looks_like_person(left) or _titled_person(left))
                    keep = joiner == "&" or (_org_by_words(words, doc.sports) and lowered[position + 1] != "the" and (
                        not left_complete or _bare(left[0]) in ORG_HEADS))  # "House Oversight and Reform Committee"
                elif joiner == "the":
                    keep = False
                if keep:
                    break
                if joiner in ("of", "for") and _bare(left[-1]) in RUN_TITLES:
                    # "Minister of Foreign Affairs": an office, not a name; "Speaker of the House of
                    # Representatives": the office names an organisation.
                    right_words = [w for w in right if w.lower() not in ("the",)]
                    if _org_by_words(right_words, doc.sports) or _key(right_words) in KNOWN_ORGANISATIONS:
                        self._keep(_Candidate(right_words, "organisation", 2, line_kind))
                    return True
                self._classify_run(tokens, begin, begin + position, line_kind, table, comma_list)
                self._classify_run(tokens, begin + position + 1, end, line_kind, table, comma_list)
                return True
        return False

    @staticmethod
    def _quoted(tokens: list[_Token], begin: int, end: int) -> bool:
        """Inside quotation marks: a nickname, a title, a slogan (" Hands of Stone ")."""
        left = begin - 1
        while left >= 0 and (tokens[left].kind != PUNCT or tokens[left].text in ".'") and begin - left < 6:
            left -= 1
        right = end
        while right < len(tokens) and tokens[right].kind != PUNCT and right - end < 6:
            right += 1
        return (left >= 0 and tokens[left].text in _QUOTES and right < len(tokens)
                and tokens[right].text in _QUOTES and (left == begin - 1 or right == end))

    def _work_title(self, tokens: list[_Token], begin: int, end: int) -> bool:
        """Quotation marks around "The" and the run, and nothing else: the title of a work ("The New
        Petroleum"), unless its words make it a body ("The Coca-Cola Company")."""
        words = tuple(token.text for token in tokens[begin:end])
        return (begin >= 2 and tokens[begin - 1].lower == "the" and tokens[begin - 2].text in _QUOTES
                and end < len(tokens) and (tokens[end].text in _QUOTES or (
                    tokens[end].text in ",." and end + 1 < len(tokens) and tokens[end + 1].text in _QUOTES))
                and not _run_words(words).known_organisation and _bare(words[-1]) not in _COMPANY_SUFFIXES)

    def _table_entry(self, tokens: list[_Token], begin: int, end: int, table: bool) -> bool:
        """A name in a results table or a score line: followed by its score ("Leeds 2 Barcelona 1",
        "Stoke 4 3 1 0 7 4 10", "Mladost (L) 2"), or one side of a fixture ("Birmingham v Barnsley")."""
        if not self.doc.sports:
            return False
        after = tokens[end:end + 4]
        nxt = after[0] if after else None
        prev = tokens[begin - 1].text if begin else ""
        if nxt is not None and _ORDINAL.match(nxt.text):
            return False  # "Sabri Lamouchi 87th": a substitute's minute
        if prev in ("v", "vs") or (nxt is not None and nxt.text in ("v", "vs")):
            return True  # "May 31 - June 2 v Derbyshire (three days)"
        if table:
            if nxt is not None and nxt.kind == NUMBER:
                return True
            if (len(after) > 3 and after[0].text == "(" and after[2].text == ")" and len(after[1].text) <= 3
                    and after[1].kind in (UPPER, LETTER) and after[3].kind == NUMBER):
                return True
        # "... defeat to Guingamp 2-1 in the league": a team with its score in a sentence.
        return bool(self.doc.team_sport and nxt is not None and _SCORE_PAIR.match(nxt.text))

    def _strip_leading(self, words: list[str], tokens: list[_Token]) -> tuple[list[str], list[_Token]]:
        """Drop opening words that are not part of the name: "The", "By", common sentence openers."""
        first = tokens[0]
        if first.kind != INITIAL and (first.strippable or (first.initial and self.doc.common(first))):
            words, tokens = self._strip_openers(words, tokens)  # (which would keep any other first word)
        while words and tokens[-1].lower in JOINERS:
            words, tokens = words[:-1], tokens[:-1]
        return words, tokens

    def _strip_openers(self, words: list[str], tokens: list[_Token]) -> tuple[list[str], list[_Token]]:
        """The opening words _strip_leading drops."""
        protect = ((len(words) > 1 or not self.doc.common(tokens[0]))
                   and (_listed_opening(words) or _org_by_words(words, self.doc.sports)))
        while words:
            t = tokens[0]
            if t.key == "the" and _key(words) in KNOWN_ORGANISATIONS:
                break  # "The Times", "The Hague Tribunal": the article is part of the name
            if t.kind != INITIAL and (t.lower in CONNECTORS or t.key in ("the", "a", "an")):
                words, tokens = words[1:], tokens[1:]
                continue
            if t.kind != INITIAL and (t.key in FUNCTION_WORDS or t.key.startswith("ex-")) and len(words) > 1 \
                    and not _listed(_key(words)):
                words, tokens = words[1:], tokens[1:]
                continue
            if t.kind == INITIAL or protect or (t.key == "new" and len(words) > 1):
                break
            if t.key in NOT_NAME_WORDS or t.key in STOP_CAPS or (t.initial and self.doc.common(t)):
                if len(words) > 1 and t.initial and t.key in GIVEN_NAMES and t.key not in NOT_NAME_WORDS:
                    break  # "Mark Philippoussis (Australia) beat ..."
                words, tokens = words[1:], tokens[1:]
                protect = _listed(_key(words)) or _org_by_words(words, self.doc.sports)
                continue
            break
        return words, tokens

    def _decide(self, c: _Candidate, tokens: list[_Token], begin: int, end: int) -> tuple[str | None, int]:
        """The kind of c ("person", "organisation", "drop" or None for undecided) and the strength of
        the evidence (see _Candidate), from the words of the name and the words around it; may trim
        c.words and add hints for pass 2."""
        doc = self.doc
        words = c.words
        run = _run_words(tuple(words))
        before = tokens[max(0, begin - 3):begin]
        after = tokens[end:end + 4]
        prev = before[-1].lower if before else ""
        prev2 = before[-2].lower if len(before) > 1 else ""
        nxt = after[0].text if after else ""
        nxt_low = after[0].lower if after else ""

        if len(words) > 1 and _bare(words[-1]) in _GROUPS_OF_PEOPLE:
            if _key(words[:-1]) in KNOWN_ORGANISATIONS:
                c.words = words[:-1]
                return "organisation", 2  # "other House Members": the House
            if "of" not in map(str.lower, words):
                return "drop", 2  # "Illinois Senators" are a group, named as such elsewhere
        if run.a_title or run.key in self._things or _key(words[-2:]) == "trust fund":
            return "drop", 2  # "Chief Executive", "Managing Director"; "CWC" defined as a treaty
        if len(words) > 2 and _municipal(words):
            return "organisation", 2  # "the City of Fort Wayne is prepared to match the investment"
        if self._addressed(words, tokens, begin, end):
            return "person", 2  # "Hi Vince", "Steve," over a message, "Vince" under it
        if nxt_low == "union" and "possessive" not in c.hints and not (
                run.looks_like_person or run.place or run.country_or_nationality):
            c.words = [*words, after[0].text]
            return "organisation", 2  # "the Public and Commercial Services union"
        if all(word.isupper() and len(word) > 1 for word in words) and not run.known_organisation \
                and all(_bare(word) in doc.lower_seen for word in words if word.lower() not in JOINERS):
            return "drop", 2  # "the MEANS", "POLITICAL POWER": words in capitals for emphasis
        if doc.emphatic and not run.known_organisation and self._capitalised_for_weight(words):
            return "drop", 2  # the Federalist's "the General Power", "FIRM Union", "HOPE"
        if len(words) > 1 and _bare(words[-1]) in _A_BODYS_OWN and _key(words[:-1]) in KNOWN_ORGANISATIONS:
            c.words = words[:-1]
            return "organisation", 2  # "the Conservative Party Conference", "Conservative Shadow": the party
        # Whole-run look-ups.
        if run.known_organisation:
            if nxt_low in _INDEX_WORDS:
                return "drop", 2  # "the Dow Jones industrial average", "the Nasdaq composite"
            return "organisation", 2
        if doc.sports and run.team:
            return "organisation", 2
        if run.country_or_nationality:
            return "drop", 2
        if run.place:
            if doc.team_sport and (nxt_low in _POSITIONS or team_context(c, before, nxt)):
                return "organisation", 2
            return "drop", 2
        if run.nationality_place:
            return "drop", 2  # "Jewish West Bank"
        if run.single_upper:
            if run.acronym_stop:
                return "drop", 2
            if nxt == ":":
                return "drop", 2  # "ISSUER:", "DELIVERY:": a label
            if run.long_upper:
                return "drop", 1  # "DIGEST", "EUROBONDS": a word in capitals, not an acronym
        # Cricket scorecards: "c Healy b Warne", "lbw b Fleming", "Fleming 8-1-26-3".
        if doc.sports and (prev in ("c", "b", "st") or _BOWLING_FIGURES.match(nxt)) and run.person_words_ok:
            return "person", 2
        if c.table and doc.team_sport and not run.looks_like_person and not run.misc_like:
            c.hints.add("table")
            return None, 0
        if run.city and not (
                doc.team_sport and team_context(c, before, nxt)):
            return "drop", 1  # "Atlantic City", "Kansas City" as places
        if doc.team_sport and run.place_team:
            return "organisation", 1  # "Rotor Volgograd", "Hansa Rostock"
        if run.led_by_organisation and not doc.sports and c.line_kind != "title" and not all(map(str.isupper, words)) \
                and _bare(words[0]) not in doc.lower_seen:  # not "The Total Number of the House", "TOTAL EXCLUSION"
            if _bare(words[0]) in _LEGISLATURES and ORG_WORDS.isdisjoint(map(_bare, words[1:])) \
                    and JOINERS.isdisjoint(map(str.lower, words)):  # not "Parliament of Great Britain"
                c.words = words[:1]  # "the Senate WRDA bill", "Senate Transportation Appropriations": the Senate
            return "organisation", 2  # "Enron Global Markets", "Enron India"
        if run.ampersand and not run.org_by_words[doc.team_sport] and self._plain_words_joined(words):
            return "drop", 1  # "Vision & Values", "Convention & Exhibition", "Elliott & David"
        if run.org_by_words[doc.team_sport] or run.ampersand:
            return "organisation", 2  # "Procter & Gamble", "Douglas & Lomason"
        if run.lone_organisation_word:
            return "drop", 1
        # Titles before the name ("Mr MacShane") and post-nominals after it ("Denis MacShane MP").
        if run.titled:
            if run.title_rest and _run_words(run.title_rest).known_organisation:
                c.words = list(run.title_rest)
                return "organisation", 2  # "Tory MP", "Labour MEP": the party
            if run.titled_person:
                if len(words) == 2 and self._office_of_a_word(words[0], run.title_rest):
                    return "drop", 1  # "General Introduction", "Chief Magistrate", "Republican Principles"
                c.words = list(run.title_rest)
                return "person", 2
            return "drop", 1
        if nxt_low in _VENUE_AFTER:
            return "drop", 1  # "Charles de Gaulle airport", "Kosevo stadium"
        if nxt == ":" and len(words) > 1 and _bare(words[0]) not in GIVEN_NAMES and not run.org_by_words[False]:
            return "drop", 1  # "Resource Name:", "Meeting Room:": a form's field
        if run.person:
            c.hints.add("by its words")  # a given name and a surname, nothing around them
            return "person", 2
        if run.place_like:
            return "drop", 1
        if run.misc_or_role:
            if run.nationality_first:
                c.words = words[1:]
                return self._decide(c, tokens, begin + 1, end)
            return "drop", 1
        if doc.team_sport and nxt_low in _POSITIONS and len(words) <= 2 and not run.looks_like_person \
                and "possessive" not in c.hints:
            return "organisation", 1  # "Sunderland forward Niall Quinn"
        if len(words) == 1 and _bare(words[0]) in _PARTY_ADJECTIVES and nxt_low in _PARTY_MEMBERS:
            return "organisation", 2  # "my Republican colleagues", "Democratic candidates": the party
        if nxt_low == "trade" and len(after) > 1 and after[1].lower == "union" and not run.looks_like_person:
            return "organisation", 2  # "the Usdaw trade union"
        if prev == "of" and prev2 in _HEADED_BY and not run.looks_like_person and "possessive" not in c.hints \
                and not (len(words) == 1 and _bare(words[0]) in doc.lower_seen):  # not "Head of Research"
            return "organisation", 1  # "general secretary of Unison", "the head of Ofsted"
        if nxt_low in ORG_AFTER and prev != "the" and "possessive" not in c.hints:
            if nxt_low not in _SPORTS_ROLES:
                return "organisation", 1
            if doc.team_sport and len(words) <= 2:
                return "organisation", 1  # "Newcastle manager Kevin Keegan"
        if prev in _ORG_BEFORE and not run.looks_like_person and "possessive" not in c.hints:
            return "organisation", 1  # "official newspaper Granma", "telecoms operator Unicom"
        if prev in ROLE_BEFORE or (prev2 in ROLE_BEFORE and (prev in NATIONALITIES or prev in COUNTRIES)):
            if run.person_words_ok and len(words) <= 4 and not self._office_of_a_word(prev, words):
                return "person", 2
        if doc.sports and nxt and _ORDINAL.match(nxt) and run.person_words_ok:
            return "person", 2 if len(words) > 1 else 1  # "Roberto Carlos 79th"
        # A scorer's minute or a pitcher's record in brackets: "Cosmin Contra (31st)", "Pettite (19-7)".
        if doc.sports and nxt == "(" and len(after) > 1 and after[1].text[:1].isdigit() and run.person_words_ok:
            return "person", 2 if len(words) > 1 else 1
        # A batsman: "Inzamam-ul-Haq c Thorpe b Croft 6", "A. Gurusinha run out 16".
        if doc.sports and len(after) > 1 and (nxt in ("c", "b", "lbw", "st") or (
                nxt in ("run", "not") and after[1].text == "out")) and run.person_words_ok:
            return "person", 2
        # An athlete with a country in brackets: "Tim Henman (Britain)".
        if nxt == "(" and len(after) > 2:
            inside = _fold(after[1].text)
            if inside in COUNTRIES or inside in NATIONALITIES or _fold(after[1].text + " " + after[2].text) in COUNTRIES:
                if len(words) >= 2 and run.person_words_ok:
                    return "person", 2
                if doc.sports and len(words) == 1 and run.person_words_ok and not (
                        len(after) > 3 and after[3].kind == NUMBER and doc.team_sport):
                    return "person", 1
        # Teams in results tables and score lines.
        if doc.sports and c.table:
            c.hints.add("table")
            return None, 0
        if nxt_low in PERSON_AFTER or (nxt == "," and len(after) > 1 and after[1].lower in ("who", "whose")):
            c.hints.add("said")
        if prev in ("in", "at", "near", "into", "outside", "between") or (prev == "of" and prev2 in _PLACE_NOUNS):
            c.hints.add("place")
        elif prev in ("of", "from", "to"):
            c.hints.add("place-weak")
        if prev == "the":
            c.hints.add("the")
        if prev in _QUOTES and nxt in _QUOTES:
            c.hints.add("quoted")
        if nxt_low in NOT_PERSON_AFTER:
            c.hints.add("thing")
        if nxt[:1].isupper() or nxt[:1] == "-":
            c.hints.add("cut")  # "David" of "David Page", "George" of "George Bush-style": part of a longer run
        if nxt == ":":
            c.hints.add("label")
        if run.single_upper and not c.hints & {"label", "thing"} and not doc.emphatic and (
                doc.upper_counts[run.key] > 1 or len(run.key) <= 4 or not run.key.isalpha()):
            return "organisation", 1  # an acronym in running text: "OSCE", "KDP"
        return None, 0

    def _capitalised_for_weight(self, words: list[str]) -> bool:
        """In a text that capitalises ordinary words for weight: a run holding an ordinary word in
        capitals ("FIRM Union"), or of ordinary words only ("the Appointing Power") that does not
        end in a body's word ("the Council of Censors" is a name)."""
        ordinary = self.doc.lower_seen
        plain = [_bare(word) for word in words if word.lower() not in JOINERS]
        if not plain:
            return False
        if any(word.isupper() and len(word) > 1 and _bare(word) in ordinary | COMMON_WORDS for word in words):
            return True
        return plain[-1] not in _EMPHATIC_BODY_HEADS and all(
            word in ordinary or word in COMMON_WORDS for word in plain)

    def _office_of_a_word(self, title: str, rest: tuple[str, ...] | list[str]) -> bool:
        """A rank or role before one word the text also writes in lower case ("General Introduction",
        "Chief Magistrate"); an honorific before a surname stays a person ("Mr Brown", "Senator Hope")."""
        return len(rest) == 1 and _bare(title) not in _HONORIFICS and _bare(rest[0]) in self.doc.lower_seen

    def _plain_words_joined(self, words: list[str]) -> bool:
        """Words joined by "&" that are each an ordinary word of the text, or given names."""
        named = [_bare(word) for word in words if word != "&"]
        return all(word in self.doc.lower_seen or word in COMMON_WORDS for word in named) \
            or all(word in GIVEN_NAMES for word in named)

    def _addressed(self, words: list[str], tokens: list[_Token], begin: int, end: int) -> bool:
        """A person greeted or signing: a salutation's name ("Hi Vince", "Dear Shirley Crenshaw"),
        a line that is only a name and a comma over a message ("Stinson,"), or only a given name
        (a sign-off: "Vince"). Not a word the text also writes in lower case ("Thanks,", "All,")."""
        quoted = 0  # "> John," in a quoted reply
        while quoted < begin and tokens[quoted].text == ">":
            quoted += 1
        greeted = begin == quoted + 1 and tokens[quoted].lower in _SALUTATION_WORDS
        if not (greeted or (begin == quoted and len(words) == 1 and len(tokens) - end <= 1)):
            return False  # most runs: cheap tests first, on _decide's path for every run
        if len(words) > 3 or not _person_words_ok(words) or any(
                _bare(word) in self.doc.lower_seen or _bare(word) in COMMON_WORDS for word in words):
            return False
        rest = [token.text for token in tokens[end:]]
        if greeted:
            return not rest or rest[0] in (",", "!", ":", "-")
        if begin > quoted or len(words) > 1 or rest not in ([], [","], ["."], ["!"]):
            return False
        return rest == [","] or _fold(words[0]) in GIVEN_NAMES

    # ---------------------------------------------------------------- pass 2

    def _resolve(self, early: list[tuple[str, str]]) -> Names:
        """Pass 2: the undecided take the kind the document gives the same words elsewhere, or a
        guess; then duplicates go and short forms fold into full names."""
        people: list[str] = []
        organisations: list[str] = []
        decided: dict[str, str] = {}
        for kind, name in early:
            decided.setdefault(_fold(name), kind)
        for words, kind, strength, *_ in self.candidates:
            if kind in ("person", "organisation") and strength >= 2:
                decided.setdefault(_key(words), kind)
        person_tokens: set[str] = set()
        org_tokens: set[str] = set()
        org_stems: set[str] = set()
        for key, kind in decided.items():
            (person_tokens if kind == "person" else org_tokens).update(key.split())
            if kind == "organisation":
                stem = key.split()
                while len(stem) > 1 and stem[-1].rstrip(".") in _COMPANY_WORDS:
                    stem = stem[:-1]
                if len(stem) < len(key.split()):
                    org_stems.add(" ".join(stem))
        # Results tables: rows of people (golf, athletics) or of teams (football)?
        person_rows = team_rows = 0
        for words, kind, _, _, table, _, hints in self.candidates:
            if table:
                person_rows += kind == "person"
                team_rows += kind == "organisation" or "table" in hints
            if len(words) == 1 and not _PLACE_HINTS.isdisjoint(hints):
                self._placed.add(_key(words))  # "in Marion", "the Marion facility": a place here
        found: list[tuple[str, str]] = list(early)
        guessed: set[str] = set()  # people of several words decided by their own words or a guess alone
        undecided_words: list[str] = []
        for words, kind, strength, line_kind, table, initial, hints in self.candidates:
            key = _key(words)
            if kind is None or (kind == "organisation" and strength < 2 and key in decided):
                kind = decided.get(key)
            if kind == "person" and "by its words" in hints:
                guessed.add(key)
            if kind is None and key in org_stems:
                kind = "organisation"
            if kind is None:
                c = _Candidate(list(words), None, strength, line_kind, table, initial, set(hints))
                kind = self._guess(c, key, person_tokens, org_tokens, person_rows, team_rows)
                if kind == "person" and len(words) > 1:
                    guessed.add(key)
            if kind in ("person", "organisation"):
                found.append((kind, " ".join(words).replace(" , ", ", ")))  # "Acme, Inc."
            elif kind is None and len(words) == 1:
                undecided_words.append(words[0])
        found += self._given_names_of(found, undecided_words)
        if guessed:
            found = [(kind, name) for kind, name in found
                     if not (kind == "person" and _fold(name) in guessed and self._opens_a_body(name))]
        seen: set[tuple[str, str]] = set()
        for kind, name in found:
            if name and (kind, name) not in seen and not self._written_in_lower_case(name):
                seen.add((kind, name))
                (people if kind == "person" else organisations).append(name)
        people = [p for p in people if not _not_a_person(p)]
        people = _fold_initials(_fold_short_forms(people))
        org_keys = {_fold(o) for o in organisations}
        people = [p for p in people if _fold(p) not in org_keys]
        return Names(people=people, organisations=_fold_short_forms(organisations))

    def _given_names_of(self, found: list[tuple[str, str]], words: list[str]) -> list[tuple[str, str]]:
        """Lone words left undecided that open the name of a person found in full: "Vince and
        Stinson" beside "Stinson Gibner" (a surname alone is folded into the full name later)."""
        first_words = {_bare(name.split()[0]) for kind, name in found
                       if kind == "person" and " " in name and _bare(name.split()[-1]) not in _JOB_WORDS}
        # Not a word of an organisation's name: "Rice" beside "Rice University" and "Rice Alums".
        first_words -= {_bare(word) for kind, name in found if kind == "organisation" for word in name.split()}
        return [("person", word) for word in words
                if _bare(word) in first_words and _bare(word) not in self.doc.lower_seen
                and _bare(word) not in COMMON_WORDS and _bare(word) not in ORG_WORDS
                and _bare(word) not in self._placed]

    def _opens_a_body(self, name: str) -> bool:
        """The text also writes these words before a body's or an institution's word: "problems
        at Walter Reed" beside "the Walter Reed Army Medical Center" (the name is its short form)."""
        text = self.doc.text
        at = text.find(name)
        while at >= 0:
            word = _NEXT_WORD.match(text, at + len(name))
            if word and _bare(word[1]) in _BODY_WORDS and (at == 0 or not text[at - 1].isalnum()):
                return True
            at = text.find(name, at + 1)
        return False

    def _written_in_lower_case(self, name: str) -> bool:
        """The text also writes these words in lower case, so they are a phrase capitalised for
        weight, not a name: "the Legislative Authority" beside "the legislative authority"."""
        if " " not in name or not name[0].isupper() or _key(name.split()) in KNOWN_ORGANISATIONS:
            return False
        lowered = name.lower()
        return lowered in self.doc.text and re.search(rf"(?<!\w){re.escape(lowered)}(?!\w)", self.doc.text) is not None

    def _guess(self, c: _Candidate, key: str, person_tokens: set[str], org_tokens: set[str],
               person_rows: int, team_rows: int) -> str | None:
        """A candidate without decisive evidence: table rows follow the table, a lone word is the
        person or team named in full elsewhere, two or three plain capitalised words are a person."""
        doc = self.doc
        words = c.words
        if "table" in c.hints:
            if len(words) >= 2 and person_rows > team_rows and _person_words_ok(words):
                return "person"
            return "organisation"
        if len(words) == 1:
            if key in person_tokens:
                return "person"
            if key in org_tokens and doc.sports:
                return "organisation"
            if not _person_words_ok(words):
                return None
            if "list" in c.hints:
                return "person"
            if c.hints & (_PLACE_HINTS | {"quoted", "thing", "label"}):
                return None
            if not doc.sports and _fold(words[0]) in GIVEN_NAMES and key not in doc.lower_seen \
                    and key not in COMMON_WORDS and key not in MONTH_ABBREVIATIONS and "cut" not in c.hints \
                    and key not in self._placed:
                return "person"  # "I spoke with Shirley this morning"
            if ("said" in c.hints or "possessive" in c.hints) and not (
                    c.initial and words[0].endswith("s") and not words[0].endswith(("ss", "us", "is"))
                    and "possessive" not in c.hints):
                return "person"
            if doc.sports and not c.initial and (c.line_kind != "title" or "segment" in c.hints):
                return "person"
            return None
        if c.line_kind == "title" and not c.hints & {"list", "segment"}:
            return None
        if not _person_words_ok(words) or c.hints & {"place", "quoted", "thing", "label"} or _bare(words[0]) == "new":
            return None
        # Words the text also uses in lower case are ordinary words: "Goverment Bonds".
        if any(_bare(w) in doc.lower_seen and _bare(w) not in GIVEN_NAMES for w in words):
            return None
        if _bare(words[0]) in COMMON_WORDS and _fold(words[0]) not in GIVEN_NAMES:
            return None  # "Global Markets", "Long Term": ordinary words capitalised, no given name
        if 2 <= len(words) <= 3:
            return "person"
        return None


_JOBS_AFTER_NAME = {"associate", "analyst", "lead", "director", "manager", "consultant", "engineer", "specialist",
                    "coordinator", "intern", "president", "vice-president", "vp", "assistant", "administrator"}
_JOB_WORDS = _JOBS_AFTER_NAME | {"vice", "senior", "chief", "deputy", "executive", "managing", "general"}


def _titled_person(words: list[str]) -> bool:
    """A title and a person's name: "Sen. Dick Lugar"."""
    run = _run_words(tuple(words))
    return run.titled and run.titled_person


def _municipal(words: list[str]) -> bool:
    """A town's government, named as such: "City of Fort Wayne", "County of Marion"."""
    if words and words[0] == "The":
        words = words[1:]
    return len(words) > 2 and words[0] in ("City", "County", "Town", "Borough") and words[1] == "of"


def _body_before_person(words: list[str]) -> int:
    """How many opening words name a listed body right before a person's name, or 0."""
    if len(words) < 3 or len(words[0]) <= 2 or _fold(words[0]) in GIVEN_NAMES:
        return 0
    for at in range(1, min(3, len(words) - 1) + 1):
        if _key(words[:at]) in KNOWN_ORGANISATIONS and _looks_like_person(words[at:]):
            return at
    return 0


def _office_after(words: list[str]) -> int:
    """Where a job written after a person's name starts ("Julian Poole Lead", "Mario Benitez Senior
    Analyst"), or 0: the words before it must look like a person's name."""
    if len(words) < 3 or _bare(words[-1]) not in _JOBS_AFTER_NAME:
        return 0
    at = len(words) - 1
    while at > 2 and _bare(words[at - 1]) in _JOB_WORDS:
        at -= 1
    before = words[:at]
    return at if _looks_like_person(before) or (len(before) <= 3 and _person_words_ok(before)) else 0


_SALUTATION_WORDS = {"dear", "hi", "hello", "hey", "morning", "thanks"}
# Last words of a document's name: "White Paper", "Terrorism Bill", "Marshall Plan".
_DOCUMENT_WORDS = {"paper", "bill", "plan", "act", "report", "review", "strategy", "programme", "program",
                   "scheme", "initiative", "amendment", "resolution", "budget", "grant", "grants"}
# Last words of a thing's name, or the word right after its acronym: "Chemical Weapons Convention
# (CWC)", "the Future Leaders Exchange (FLEX) program".
_THING_HEADS = (_DOCUMENT_WORDS - {"initiative"}) | {
    "facility", "facilities", "system", "systems", "project", "study", "weapon", "weapons", "reduction", "test",
    "standard", "model", "convention", "treaty", "accord", "agreement", "protocol", "award", "prize", "student",
    "students", "agent", "missile", "missiles"}
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
# Words that make the name before them a body's or an institution's: "Walter Reed Army ...".
_BODY_WORDS = (ORG_WORDS | INSTITUTION_HEADS) - {"the", "&"}
# Last words that keep a run of ordinary words a name even where ordinary words are capitalised
# for weight: "the Council of Censors", "the Board of Treasury", "the General Assembly".
_EMPHATIC_BODY_HEADS = {"assembly", "board", "chamber", "church", "college", "commission", "committee", "congress",
                        "council", "court", "courts", "house", "ministry", "parliament", "party", "school", "senate",
                        "society", "university", "bank", "league", "journal", "packet", "advertiser", "gazette"}
# Titles that only ever stand before a person's name.
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "baroness", "baron", "senator", "sen",
               "rep", "congressman", "congresswoman", "governor", "gov", "mayor", "judge", "justice", "professor",
               "prof", "rev", "reverend", "father", "sister", "brother", "president"}
_POSSESSIVE = attrgetter("possessive")
# Hints that a lone word stands for a place where it stands: "in Marion", "the Marion facility".
_PLACE_HINTS = frozenset({"place", "place-weak", "the"})
# Chambers whose name opens a bill's or a committee's: "the Senate WRDA bill".
_LEGISLATURES = {"senate", "house", "congress", "commons", "parliament", "assembly"}
# A US party's adjective names the party before its people and its plans ("Republican leaders",
# "the Republican budget"), not before other words ("Republican government" in the Federalist is a
# form of government).
_PARTY_ADJECTIVES = {"republican", "democratic", "democrat"}
_PARTY_MEMBERS = {"colleague", "colleagues", "leader", "leaders", "leadership", "candidate", "candidates", "senators",
                  "members", "lawmakers", "legislators", "congressman", "congresswoman", "congressmen", "governor",
                  "governors", "nominee", "nominees", "primary", "primaries", "caucus", "majority", "minority",
                  "whip", "aides", "staff", "voters", "activists", "officials", "party", "ticket", "incumbent",
                  "challenger", "mayor", "senator", "representative", "representatives", "delegation", "counterparts",
                  "attempt", "plan", "plans", "bill", "budget", "proposal", "proposals", "amendment", "agenda",
                  "effort", "efforts", "policies"}
# What a listed body holds or has, written after its name in capitals: the body is the name.
_A_BODYS_OWN = {"conference", "conferences", "manifesto", "shadow", "spokesman", "spokeswoman", "spokesperson",
                "headquarters", "website", "leadership"}
# Whom a body has, before "of" and its name: "general secretary of Unison", "the head of Ofsted".
_HEADED_BY = {"secretary", "spokesman", "spokeswoman", "chairman", "chairwoman", "chair", "head", "boss",
              "leader", "founder", "members"}
# Plural titles and roles that make a run a group of people: "Illinois Senators".
_GROUPS_OF_PEOPLE = {"senators", "congressmen", "representatives", "members", "officials", "lawmakers",
                     "leaders", "residents", "voters", "employees", "staff", "mps", "meps", "msps", "peers",
                     "activists", "supporters", "councillors"}
# A bill's number standing alone: "H.Res.", "S.", "H.R.".
_BILL_NUMBER = re.compile(r"^(?:H\.\s?R|H\.\s?Res|S\.\s?Res|S)\.?$", re.I)


def _not_a_person(name: str) -> bool:
    """A title alone ("President", "General"), a common word, or a document named as if a person."""
    if _BILL_NUMBER.match(name):
        return True
    words = [_bare(word) for word in name.split()]
    if len(words) == 1:
        return words[0] in _TITLES_OR_ROLES or words[0] in RUN_TITLES or words[0] in COMMON_WORDS
    return words[-1] in _DOCUMENT_WORDS


def _fold_short_forms(names: list[str]) -> list[str]:
    """Keep "MacShane" only when no fuller name in the same text ends with it; one spelling per name."""
    endings: set[str] = set()
    for name in names:
        words = name.split()
        for i in range(1, len(words)):
            endings.add(" ".join(words[i:]))
    folded: list[str] = []
    seen_case_folded: dict[str, int] = {}
    for name in names:
        key = name.casefold()
        if key in seen_case_folded:
            # "NORTHERN RIVERS SELECT COMMITTEE" on a letterhead is the committee named in the text.
            if folded[seen_case_folded[key]].isupper() and not name.isupper():
                folded[seen_case_folded[key]] = name
            continue
        if name in endings:
            continue
        seen_case_folded[key] = len(folded)
        folded.append(name)
    return folded


def _fold_initials(people: list[str]) -> list[str]:
    """"A. Okafor" is "Adaeze Okafor" when the text names exactly one Okafor whose name starts with A."""
    by_surname: dict[str, list[str]] = {}
    for name in people:
        words = name.split()
        if len(words) >= 2 and not _initial_word(words[0]):
            by_surname.setdefault(words[-1], []).append(name)
    folded = []
    for name in people:
        words = name.split()
        if len(words) == 2 and _initial_word(words[0]):
            fuller = [full for full in by_surname.get(words[-1], []) if full[0] == words[0][0]]
            if len(fuller) == 1:
                continue
        folded.append(name)
    return folded


def find_names(text: str) -> Names:
    """The people and organisations a text names, each once, in order of first mention."""
    return _Extractor(_blank_furniture(text)).run()


def bare_person(name: str) -> str:
    """A person's name without titles and post-nominals: "Cllr David Ashworth" -> "David Ashworth"."""
    _, words = _split_title(name.split())
    return " ".join(words) or name


def written_like_a_person(name: str) -> bool:
    """One to five capitalised words (particles aside), as a person's name is written: not
    "the People of the State of New York" (a letter's addressees), not "All Employees"."""
    words = bare_person(name).split()
    return 1 <= len(words) <= 5 and all(word[:1].isupper() or word.lower() in NAME_PARTICLES for word in words) \
        and not any(_bare(word) in NOT_NAME_WORDS or _bare(word) in COMMON_WORDS for word in words)


def resolve_short_form(short: str, full_names: list[str]) -> str:
    """"Ms Okafor" -> "Adaeze Okafor" when the text names her in full."""
    _, words = _split_title(short.split())
    if not words:
        return short
    tail = " ".join(words)
    for name in full_names:
        if name == tail or name.endswith(" " + tail):
            return name
    return tail
