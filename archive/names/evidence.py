"""Stage 3, evidence: what the words of a run say on their own (a title, an organisation word, a
place, a given name...), worked out once per distinct run.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import compress

from archive.dates import MONTHS
from archive.names.runs import _MAY_OPEN_RUN
from archive.names.sports import SPORTS, TEAM_WORDS
from archive.names.tokens import (
    _INITIAL_JOINED,
    _INNER_CAPITAL_OK,
    CAP,
    LETTER,
    NUMBER,
    _bare,
    _hyphen_title,
    _key,
    _Token,
    _without_possessive,
)
from archive.names.words import (
    _HEADS_ON,
    _INSTITUTION_OR_ORG_WORDS,
    _NOT_PERSON_WORDS,
    _PARTY_SEAT,
    _SURNAME_PLACE_WORDS,
    _TITLE_WORDS,
    _TITLES_OR_ROLES,
    _WEAK_HEADS,
    ACRONYM_STOP,
    COMMON_WORDS,
    COUNTRIES,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    INSTITUTION_HEADS,
    KNOWN_ORGANISATIONS,
    MISC_WORDS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NATIONALITIES,
    ORG_HEADS,
    ORG_WORDS,
    PERSON_TITLES,
    PLACE_WORDS,
    PLACES,
    POST_NOMINALS,
    REGNAL_NUMBERS,
    ROLE_WORDS,
    TEAMS,
    TITLE_MODIFIERS,
    US_STATE_CODES,
    _by_words,
    _fold,
    _listed,
)


_CHANNEL_WORDS = {"radio", "bbc", "channel"}


# Words a comma may part from the name they end.
_COMMA_SUFFIXES = NAME_SUFFIXES | {"inc", "ltd", "llc", "l.l.c", "plc", "corp", "co", "lp", "l.p", "llp"}


# Words STOP_CAPS holds that are also surnames: after a given name they end a person's name.
SURNAME_STOP_CAPS = {"may", "page", "march", "june", "august"}


def _after_given_name(tokens: list[_Token], at: int) -> bool:
    """The token at ``at`` follows a given name that is no month itself, and no number follows it
    ("Theresa May", not "April May" or "Tony May 2005")."""
    before = tokens[at - 1]
    return (before.kind == CAP and before.key in GIVEN_NAMES and before.key not in MONTHS
            and not (at + 1 < len(tokens) and tokens[at + 1].kind == NUMBER))


def _runs(tokens: list[_Token]) -> list[tuple[int, int]]:
    """[start, end) token ranges of capitalised runs (particles inside, not at the ends)."""
    runs: list[tuple[int, int]] = []
    n = len(tokens)
    end = 0
    for i in compress(range(n), map(_MAY_OPEN_RUN, tokens)):
        if i < end:
            continue
        if not tokens[i].name and not (i + 1 < n and tokens[i + 1].kind == CAP and (i == 0 or not tokens[i - 1].name)):
            continue  # a particle opens a name only before a capitalised word: "de Silva"
        j = i + 1
        while j < n and not (tokens[j - 1].possessive and not tokens[j].continues_possessive):
            u = tokens[j]
            if u.name:
                j += 1
                continue
            if u.kind == LETTER and u.text != "I" and u.text.isupper() and j + 1 < n and tokens[j + 1].name \
                    and tokens[j - 1].kind == CAP and tokens[j - 1].key in GIVEN_NAMES:
                j += 1  # a middle initial without its full stop, as e-mail headers write it: "Vince J Kaminski"
                continue
            if u.kind == CAP and u.key in SURNAME_STOP_CAPS and _after_given_name(tokens, j):
                j += 1  # "Theresa May", "David Page": a surname that is also a month or a word of furniture
                continue
            if u.kind == NUMBER and len(u.key) == 1 and tokens[j - 1].key in _CHANNEL_WORDS:
                j += 1  # "BBC Radio 4", "BBC 3", "BBC Radio 4's": a station's number
                break
            if u.text == "," and j + 1 < n and tokens[j + 1].key in _COMMA_SUFFIXES and tokens[j - 1].kind == CAP:
                j += 2  # "Larry W. Bledsoe, Jr.", "Management Recruiters of Portland, Inc."
                continue
            if u.joiner or (u.text == "on" and tokens[j - 1].key in _HEADS_ON) or (
                    u.text == "at" and tokens[i].key == "university"):  # "University of California at Berkeley"
                k = j + 1  # "van der Westhuizen", "Speaker of the House", "Committee on Finance"
                while k < n and k - j < 3 and tokens[k].joiner:
                    k += 1
                if k < n and tokens[k].name:
                    j = k + 1
                    continue
            break
        runs.append((i, j))
        end = j
    return runs


@_by_words
def _split_title(words: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """Drop leading titles and trailing post-nominals; say whether a title marked a person."""
    titled = False
    end = 0
    for position, word in enumerate(words):
        key = _bare(word)
        if key in PERSON_TITLES or _hyphen_title(key):
            end = position + 1
        elif key in TITLE_MODIFIERS or key in NATIONALITIES or key in COUNTRIES:
            continue
        else:
            break
    if end and end < len(words):
        words, titled = words[end:], True
    elif end and end == len(words):
        return True, ()
    while words and _bare(words[-1]) in POST_NOMINALS:
        words, titled = words[:-1], True
    if len(words) > 1 and _regnal(words):
        titled = True
    return titled, words


@_by_words
def _org_by_words(words: tuple[str, ...], sports: bool) -> bool:
    """An organisation by its own words: "... Inc", "Bank of ...", "... United" (sports)."""
    if not words:
        return False
    last = _bare(words[-1])
    if len(words) > 1 and last in ORG_WORDS:
        return True
    if sports and len(words) > 1 and (last in TEAM_WORDS or _key(words[-1:]) in TEAMS or _key(words[-2:]) in TEAMS):
        return True
    if len(words) > 1 and last in TEAMS and last[-1:] == "s":
        return True  # "Texas Rangers", "New York Yankees", in any text
    if len(words) > 1 and _bare(words[0]) in ORG_HEADS and _bare(words[0]) not in _WEAK_HEADS:
        return True
    lowered = [w.lower() for w in words]
    for joiner in ("of", "for", "on"):
        if joiner in lowered:
            head = lowered.index(joiner)
            if head and _bare(words[head - 1]) in _INSTITUTION_OR_ORG_WORDS:
                return True
    return False


def _initial_word(word: str) -> bool:
    """"M.", "J.J.", "T.": initials before a surname (not "U.S." or "U.N.")."""
    core = word.replace(".", "")
    return (word.endswith(".") and 1 <= len(core) <= 3 and core.isalpha() and core.isupper()
            and (len(core) == 1 or not _listed(_fold(word))))


@_by_words
def _looks_like_person(words: tuple[str, ...]) -> bool:
    """Given name first, or initials: "Alan Shearer", "M. Waugh", "J.J. Kenny"."""
    if not words or len(words) > 4:
        return False
    first = words[0]
    # After a given name, "Hill" and "Finn" are surnames: place and nationality words are allowed.
    rest = [w for w in words[1:] if _bare(w) not in NATIONALITIES and _bare(w) not in PLACE_WORDS]
    if len(words) >= 2 and (_fold(first) in GIVEN_NAMES or _initial_word(first)) and (
            not rest or _person_words_ok(rest)):
        return True
    if len(words) == 1 and _INITIAL_JOINED.match(first):  # "T.O'Gorman"
        return True
    return False


def _institution_of(lowered: list[str], words: list[str]) -> bool:
    """The words so far hold an institution's head and what it is of or on: "Committee on Oversight"."""
    return any(word in ("on", "of", "for") and position > 0 and _bare(words[position - 1]) in INSTITUTION_HEADS
               for position, word in enumerate(lowered))


def _place_like(words: list[str]) -> bool:
    """"River Calder", "Mill Lane", "North Yorkshire", "Main St" (a street's short word ends it;
    first, it is a saint: "St Albans")."""
    return not PLACE_WORDS.isdisjoint(map(_bare, words)) or (
        len(words) > 1 and _bare(words[-1]) in _STREET_ABBREVIATIONS)


_STREET_ABBREVIATIONS = {"st", "ave", "rd", "blvd", "ln", "hwy", "pkwy"}


def _misc_like(words: list[str]) -> bool:
    """An event, a currency or a nationality-led phrase: "World Cup", "German Foreign Ministry"."""
    return not MISC_WORDS.isdisjoint(map(_bare, words)) or _bare(words[0]) in NATIONALITIES


def _is_role(words: list[str]) -> bool:
    return not ROLE_WORDS.isdisjoint(map(_bare, words))


def _odd_capitals(word: str) -> bool:
    """"GDRs", "PMI", "NATO": not a part of a person's name ("McGrath", "MacShane" are)."""
    if _initial_word(word):
        return False
    if word.isupper() and len(word) > 1:
        return True
    inner = sum(ch.isupper() for ch in word[1:])
    return inner >= 2 or (inner == 1 and not _INNER_CAPITAL_OK.match(word))


@lru_cache(maxsize=1 << 16)
def _not_in_persons_name(word: str) -> bool:
    """A word that cannot be part of a person's name: a role, a country, an organisation word..."""
    return not _initial_word(word) and (_bare(word) in _NOT_PERSON_WORDS
                                        or (_odd_capitals(word) and word.lower() not in NAME_PARTICLES))


def _person_words_ok(words: list[str]) -> bool:
    """No word that cannot be part of a person's name (roles, countries, organisation words...)."""
    if len(words) > 1 and _regnal(words):
        words = words[:-1]
    if len(words) > 2 and any(len(word) == 1 for word in words[1:-1]):
        words = [words[0]] + [word for word in words[1:-1] if len(word) > 1] + [words[-1]]  # "Mike A Roberts"
    if len(words) > 1 and _bare(words[-1]) in SURNAME_STOP_CAPS and _fold(words[0]) in GIVEN_NAMES:
        words = words[:-1]  # "Theresa May"
    if len(words) > 1 and _bare(words[-1]) in COUNTRIES and _fold(words[0]) in GIVEN_NAMES \
            and _bare(words[0]) not in PLACES:  # not "Victoria Australia"
        words = words[:-1]  # after a given name, a country is a surname: "Jim Jordan"
    return bool(words) and not any(map(_not_in_persons_name, words))


def _regnal(words: list[str] | tuple[str, ...]) -> bool:
    """A given name and a number that is part of the name: "Charles II", "John Paul II"."""
    return words[-1].lower() in REGNAL_NUMBERS and _fold(words[-2]) in GIVEN_NAMES


class _RunWords:
    """What the words of a run say on their own, without the words around them: each of the tests
    _decide makes of a run's words, in the order it makes them. Worked out once per distinct run
    (see _run_words): most runs are names met before, in the same text or an earlier one, and half
    of all runs pass every test undecided."""
    __slots__ = ("a_title", "acronym_stop", "ampersand", "city", "country_or_nationality", "dropped_outside_sports",
                 "key", "known_organisation", "long_upper", "lone_organisation_word", "looks_like_person",
                 "misc_or_role", "misc_like", "nationality_first", "nationality_place", "org_by_words", "person",
                 "person_words_ok", "place", "place_like", "place_team", "single_upper", "team", "titled",
                 "titled_person", "title_rest", "led_by_organisation")

    def __init__(self, words: tuple[str, ...]) -> None:
        key = self.key = _key(words)
        bare = [_bare(word) for word in words]
        single_upper = self.single_upper = len(words) == 1 and words[0].isupper() and len(words[0]) > 1
        self.a_title = _TITLE_WORDS.issuperset(bare) and not _TITLES_OR_ROLES.isdisjoint(bare)  # "Chief Executive"
        self.known_organisation = key in KNOWN_ORGANISATIONS and not (
            len(words) == 1 and len(key) <= 3 and not single_upper and key != "fed")
        self.team = key in TEAMS
        self.country_or_nationality = key in COUNTRIES or key in NATIONALITIES
        self.place = key in PLACES
        self.nationality_place = len(words) > 1 and (_key(words[-2:]) in COUNTRIES or _key(words[-2:]) in PLACES) \
            and (bare[0] in NATIONALITIES or bare[0] in PLACE_WORDS)  # "Jewish West Bank"
        no_dots = key.replace(".", "")
        self.acronym_stop = (key in ACRONYM_STOP or no_dots in ACRONYM_STOP or key in COMMON_WORDS
                             or key in FUNCTION_WORDS or key in US_STATE_CODES or bool(_PARTY_SEAT.match(key)))
        self.long_upper = len(key) > 5 or key in SPORTS  # "DIGEST", "EUROBONDS"
        self.person_words_ok = _person_words_ok(words)
        self.looks_like_person = _looks_like_person(words)
        self.misc_like = _misc_like(words)
        self.city = len(words) > 1 and bare[-1] in ("city", "county", "town")  # "Atlantic City"
        self.place_team = (len(words) == 2 and bare[-1] in PLACES and bare[0] not in GIVEN_NAMES
                           and words[0] not in PLACE_WORDS)  # "Rotor Volgograd"
        self.ampersand = "&" in words and len(words) > 2  # "Procter & Gamble"
        self.org_by_words = (_org_by_words(words, False), _org_by_words(words, True))  # by doc.team_sport
        self.lone_organisation_word = len(words) == 1 and bare[0] in ORG_WORDS
        # "Enron Global Markets", "BBC Scotland": a listed body's part, when no person is named in it.
        self.led_by_organisation = len(words) > 1 and bare[0] in KNOWN_ORGANISATIONS and len(bare[0]) > 2 \
            and GIVEN_NAMES.isdisjoint(bare[1:]) and _TITLES_OR_ROLES.isdisjoint(bare[1:]) \
            and POST_NOMINALS.isdisjoint(bare[1:])  # "Tory MP" is the party
        self.titled, rest = _split_title(words)  # "Mr MacShane", "Denis MacShane MP"
        self.titled_person = bool(rest and _person_words_ok(rest) and len(rest) <= 4 and not _place_like(rest)
                                  and not _listed(_key(rest)) and not _misc_like(rest))
        self.title_rest = rest
        self.place_like = _place_like(words)
        self.person = self.looks_like_person and (not self.place_like or (
            len(words) == 2 and bare[-1] in _SURNAME_PLACE_WORDS))
        self.misc_or_role = self.misc_like or _is_role(words)
        self.nationality_first = bare[0] in NATIONALITIES and len(words) > 1
        # _decide's drops that no rule on the words around comes before, in a text that is not sports
        # news (no team, table or scorecard rules; "ISSUER:" and the venue rule drop too).
        self.dropped_outside_sports = self.a_title or not self.known_organisation and (
            self.country_or_nationality or self.place or self.nationality_place or self.city
            or (single_upper and (self.acronym_stop or self.long_upper))
            or not (self.org_by_words[False] or self.ampersand) and (
                self.lone_organisation_word or (self.titled and not self.titled_person)
                or not self.titled and not self.person and (
                    self.place_like or (self.misc_or_role and not self.nationality_first))))


@lru_cache(maxsize=1 << 15)
def _run_words(words: tuple[str, ...]) -> _RunWords:
    return _RunWords(words)


def _dropped_alone(token: _Token) -> bool:
    """A run of this one token, outside sports news, is dropped whatever the words around it (a
    third of all runs: countries, places, nationalities, acronyms such as "GDP")."""
    dropped = token.alone_dropped
    if dropped is None:
        # The words _decide reads: a run of one token keeps its word or loses it (_strip_leading).
        dropped = token.alone_dropped = _run_words((_without_possessive(token.text),)).dropped_outside_sports
    return dropped
