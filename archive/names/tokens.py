"""Stage 1, tokens: a line split into tokens (words with their case and kind, punctuation), each
token made once per distinct chunk and shared; furniture that is never a name blanked first.
"""
from __future__ import annotations

import re
from functools import lru_cache

from archive.names.words import (
    _SMALL_WORDS,
    CONNECTORS,
    FUNCTION_WORDS,
    JOINERS,
    KNOWN_ORGANISATIONS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PERSON_TITLES,
    PLACE_WORDS,
    ROLE_BEFORE,
    RUN_TITLES,
    STOP_CAPS,
    _by_words,
    _fold,
    _listed,
)

# Tokens: words (with inner apostrophes, hyphens, dots and ampersands), or one other character.
_TOKEN = re.compile(r"\w(?:[\w'’.&\-]*\w)?\.?|\S")


# Abbreviations whose full stop belongs to the word ("Mr.", "Inc.", "St.").
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "co", "inc", "corp", "ltd", "bros", "gen", "col",
    "lt", "capt", "sgt", "gov", "sen", "rep", "rev", "prof", "mt", "ft", "no", "vs", "v", "cllr",
    "maj", "adm", "cmdr", "supt", "insp", "det", "messrs", "mme", "mlle", "fr", "plc", "cie",
}


# Company abbreviations whose full stop at the end of a line ends the sentence too.
_LINE_END_ABBREVIATIONS = {"inc", "corp", "co", "ltd", "bros", "plc", "cie"}


# "Parents Against Child Sexual Exploitation (PACE)": a long form and its acronym.
_ACRONYM_DEFINITION = re.compile(
    r"(?P<long>(?:[A-Z][\w'’\-]+\s(?:(?:of|for|and|the|on|in|&)\s){0,2}){1,8}[A-Z][\w'’\-]+)\s\((?P<short>[A-Z]{2,10})\)")


# A committee named by a list of its fields: "Senate Agriculture, Nutrition and Forestry Committee",
# "Committee on Health, Education, Labor, and Pensions". The commas would cut it into several runs.
# Fields of at most six words, at most ten of them: bounded, so a long run of capitalised words
# costs linear time, not the cubic time of unbounded nested repeats.
_FIELD = r"[A-Z][\w'’\-]*(?:\s+(?:of\s+)?[A-Z][\w'’\-]*){0,5}"
_FIELDS = rf"{_FIELD}(?:,\s+{_FIELD}){{1,9}},?\s+(?:and|&)\s+{_FIELD}"
_COMMA_COMMITTEE = re.compile(
    rf"(?P<long>(?:(?:U\.S\.\s+)?(?:Senate|House)\s+)?(?:{_FIELDS}\s+(?:Sub)?[Cc]ommittee\b"
    rf"|(?:Sub)?[Cc]ommittee\s+on\s+(?:the\s+)?{_FIELDS}))")


# What every acronym definition holds: a cheap test before the long pattern above.
_ACRONYM_IN_BRACKETS = re.compile(r"\([A-Z]{2,10}\)")


_DATE_LIKE = re.compile(r"^\d{4}-\d\d-\d\d$")


_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|an|as|ash|at|az|bin|ibn|abu|abd)-[A-Z]")


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


_INITIAL_JOINED = re.compile(r"^[A-Z]\.[A-Z][a-z]")  # "T.O'Gorman"


# A capital inside a surname: "McGrath", "O'Neill", "DeVito", "Smith-Jones".
_INNER_CAPITAL_OK = re.compile(r"^(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von|St|Fitz|Al-|El-|[A-Z][a-z]+-)[A-Z]")


_SENTENCE_END = set(".!?:;")


_CLOSERS = {'"', "'", "`", "``", "''", "“", "”", "‘", "’", ")", "]"}


_OPENERS = set("\"'`“‘(-–—[*•|>")


# Token kinds.
CAP, UPPER, INITIAL, LOWER, NUMBER, PUNCT, LETTER = range(7)


# How a token counts towards its line's kind (see _line_kind).
_OTHER_CASE, _UPPER_WORD, _CAPITALISED, _LOWER_WORD = range(4)


def _hyphen_title(key: str) -> bool:
    """"Major-General", "Vice-Premier", "Co-Premiers"."""
    return "-" in key and key.rsplit("-", 1)[1].rstrip("s") in PERSON_TITLES


class _Token:
    """One token: its text, kind, sentence-initial flag and look-up key, and what the run finder
    asks of it. Tokens are shared and never changed (but for alone_dropped, worked out when first
    needed): the tokeniser hands out one object per (text, sentence-initial) pair, so a text of
    millions of tokens makes hardly any objects and every word's properties are worked out once,
    not at each occurrence."""
    __slots__ = ("alone_dropped", "case", "continues_possessive", "initial", "joiner", "key", "kind", "lower",
                 "lower_key", "may_open_run", "may_split_run", "mid_capital_key", "name", "never_alone", "particle",
                 "possessive", "strippable", "text", "title")

    def __init__(self, text: str, kind: int, initial: bool = False, key: str = "") -> None:
        # Equal strings are kept once (most words are in lower case already): tokens stay in the cache.
        lower = text.lower()
        self.lower = lower = text if lower == text else lower
        self.key = key = lower if key == lower else key
        self.text, self.kind, self.initial = text, kind, initial
        # The key this token adds to its document's words in lower case, or to its words capitalised
        # in mid-sentence (see _Document), or None.
        self.lower_key = key if kind == LOWER else None
        self.mid_capital_key = key if kind == CAP and not initial else None
        # Can be part of a name: capitalised, capitals or an initial, not a stop word.
        self.name = kind == INITIAL or (kind in (CAP, UPPER) and key not in STOP_CAPS)
        self.possessive = len(text) > 2 and text[-2:] in ("'s", "’s", "'S")  # as _without_possessive
        self.joiner = text in JOINERS  # "van der Westhuizen", "Speaker of the House"
        # A particle that may open a name before a capitalised word: "de Silva".
        self.particle = kind == LOWER and text in NAME_PARTICLES and text not in ("y", "do", "the", "and")
        self.may_open_run = self.name or self.particle
        # A word that continues a name after a possessive: "Britain's Home Office".
        self.continues_possessive = kind == CAP and (key in PLACE_WORDS or key in ORG_WORDS)
        # A title or role inside a run, after which a person's name starts: "President Tono Eitel",
        # "Afterwards Mr MacShane" (a role word opening a sentence counts too).
        self.title = not self.possessive and (
            ((key in RUN_TITLES or _hyphen_title(key) or (initial and key in ROLE_BEFORE)) and kind != UPPER)
            or key in ("ceo", "cfo", "mp", "mep", "msp"))  # "Labour MP Diane Abbott"
        # Where _Extractor._split_run may cut a run: at a title, or at a joining word inside it.
        self.may_split_run = self.title or lower in ("of", "for", "and", "the", "&")
        # May be dropped from the start of a run (see _Extractor._strip_leading); never_alone:
        # dropped whenever it is a run on its own, whatever the document ("The", "He", "Monday").
        self.strippable = kind != INITIAL and (
            self.lower in CONNECTORS or key in FUNCTION_WORDS or key in NOT_NAME_WORDS or key in STOP_CAPS
            or key in ("the", "a", "an") or key.startswith("ex-"))
        self.never_alone = kind != INITIAL and (
            self.lower in CONNECTORS or key in ("the", "a", "an")
            or ((key in NOT_NAME_WORDS or key in STOP_CAPS) and not _listed(_fold(text))))
        # Dropped as a run on its own outside sports news, whatever the words around it ("US",
        # "London", "GDP"): None until _dropped_alone first asks (most words never stand alone).
        self.alone_dropped = None
        if kind == UPPER and len(text) > 1:
            self.case = _UPPER_WORD
        elif kind == CAP or kind == INITIAL:
            self.case = _CAPITALISED
        elif kind == LOWER and text not in _SMALL_WORDS:
            self.case = _LOWER_WORD
        else:
            self.case = _OTHER_CASE

    def __repr__(self) -> str:
        return f"_Token({self.text!r}, {self.kind}, {self.initial}, {self.key!r})"


def _kind(text: str) -> int:
    """CAP, UPPER, INITIAL, LOWER, NUMBER, PUNCT or LETTER."""
    first = text[0]
    if first.isdigit():
        return NUMBER
    if not first.isalpha():
        return PUNCT
    if first.islower():
        if _ARABIC_ARTICLE.match(text):
            return CAP  # "al-Saadani"
        return LOWER
    letters = [ch for ch in text if ch.isalpha()]
    if any(ch.isdigit() for ch in text):
        if _without_possessive(text).lower() in KNOWN_ORGANISATIONS:
            return UPPER  # "G8", "MI6", "ITV1's": listed bodies with a digit in their name
        return NUMBER if text[-1].isdigit() else LOWER  # "Under-21", "H1", "4x100m"
    if len(letters) == 1:
        return INITIAL if text.endswith(".") else LETTER
    if "-" in text:
        tail = text.rsplit("-", 1)[1]
        if tail[:1].islower() and len(tail) > 2:
            return LOWER  # "Bergamo-based", "United Nations-sponsored": an adjective
    if all(ch.isupper() for ch in letters):
        return UPPER  # "NATO", "U.S.", "J.J."
    return CAP


_FULL_STOP = _Token(".", PUNCT, False, ".")


# What the tokeniser makes of a piece of text, by the text. For a text the token pattern matched as
# a whole ("Blair's", "said."): [tokens when not sentence-initial, tokens when sentence-initial
# (made when first needed), next initial flag after each]. For a chunk of a line between spaces
# that the pattern splits ("said:", "(AP)"): the same and the entries of its parts (see
# _chunk_info). One dictionary for both: a text the pattern matched as a whole somewhere is
# matched as a whole on its own too (the pattern looks neither ahead nor behind), so most chunks
# are the entry of their one token, looked up once. Bounded: cleared when full, so a long run over
# many documents keeps only a working set.
_TOKEN_CACHE: dict[str, list] = {}


_TOKEN_CACHE_SIZE = 1 << 17


def _token_info(text: str) -> list:
    """The entry of _TOKEN_CACHE for one text matched as a whole (made and stored on first sight)."""
    if len(_TOKEN_CACHE) >= _TOKEN_CACHE_SIZE:
        _TOKEN_CACHE.clear()
    if text[-1] == "." and len(text) > 1 and text[0].isalnum():
        base = text[:-1]
        if not (len(base) == 1 or "." in base or base.lower() in _ABBREVIATIONS):
            # A word and the full stop that ends its sentence: the next word opens a sentence.
            info = [(_Token(base, _kind(base), False, _token_key(base)), _FULL_STOP), None, True, True]
            _TOKEN_CACHE[text] = info
            return info
    kind = _kind(text)
    if kind == PUNCT:
        punct = (_Token(text, PUNCT, False, text),)
        if text in _SENTENCE_END:
            info = [punct, punct, True, True]
        elif text in _OPENERS:
            info = [punct, punct, False, True]  # an opening quote or bracket keeps the sentence start
        else:
            info = [punct, punct, False, False]
    else:
        info = [(_Token(text, kind, False, _token_key(text)),), None, False, False]
    _TOKEN_CACHE[text] = info
    return info


def _sentence_initial(info: list) -> tuple[_Token, ...]:
    """The tokens of a _TOKEN_CACHE entry when its word opens a sentence (made once, then kept)."""
    word, *rest = info[0]
    info[1] = (_Token(word.text, word.kind, True, word.key), *rest)
    return info[1]


def _chunk_info(chunk: str) -> list:
    """The entry of _TOKEN_CACHE for one chunk between spaces (made and stored on first sight). No
    token spans a space, so a line's tokens are its chunks' tokens in order: splitting at spaces and
    one look-up per chunk (most chunks recur) costs far less than matching the token pattern along
    the whole line."""
    parts = _TOKEN.findall(chunk)
    if len(parts) == 1:
        return _TOKEN_CACHE.get(chunk) or _token_info(chunk)  # the one part is the whole chunk
    infos = [_TOKEN_CACHE.get(text) or _token_info(text) for text in parts]
    tokens, next_initial = _through_chunk(infos, False)
    info = [tokens, None, next_initial, None, infos]
    if len(_TOKEN_CACHE) >= _TOKEN_CACHE_SIZE:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[chunk] = info
    return info


def _through_chunk(infos: list[list], initial: bool) -> tuple[tuple[_Token, ...], bool]:
    """The tokens of a chunk's _TOKEN_CACHE entries, the first opening a sentence or not, and
    whether the token after them opens one."""
    tokens: list[_Token] = []
    for info in infos:
        if initial:
            tokens.extend(info[1] or _sentence_initial(info))
            initial = info[3]
        else:
            tokens.extend(info[0])
            initial = info[2]
    return tuple(tokens), initial


def _chunk_opening(info: list) -> tuple[_Token, ...]:
    """The tokens of a chunk's _TOKEN_CACHE entry when it opens a sentence (made once, then kept)."""
    if len(info) == 4:
        return _sentence_initial(info)  # the chunk is one match of the token pattern
    info[1], info[3] = _through_chunk(info[4], True)
    return info[1]


def _tokens(line: str) -> list[_Token]:
    """The line's tokens (shared _Token objects: see _Token)."""
    tokens: list[_Token] = []
    extend = tokens.extend
    chunks = line.split()
    infos = list(map(_TOKEN_CACHE.get, chunks))
    if None in infos:
        infos = [info or _chunk_info(chunk) for chunk, info in zip(chunks, infos)]
    initial = True
    for info in infos:
        if initial:
            extend(info[1] or _chunk_opening(info))
            initial = info[3]
        else:
            extend(info[0])
            initial = info[2]
    if tokens:
        last = len(tokens) - 1
        while last > 0 and tokens[last].text in _CLOSERS:
            last -= 1  # "... said Warner Bros. \"" ends the sentence too
        token = tokens[last]
        if token.text[-1] == "." and token.key in _LINE_END_ABBREVIATIONS:
            # "Lear Corp." at the end of a sentence: the full stop ends the sentence.
            tokens[last:last + 1] = [_Token(token.text[:-1], token.kind, token.initial, token.key), _FULL_STOP]
    return tokens


def _token_starts(line: str, offset: int, tokens: list[_Token]) -> list[int]:
    """The offset in the text where each of the line's tokens (from _tokens) starts: needed only
    in the few documents that define acronyms, so not kept with every token."""
    starts: list[int] = []
    pieces: list[_Token] = []
    for match in _TOKEN.finditer(line):
        start = offset + match.start()
        text = match.group()
        for token in (_TOKEN_CACHE.get(text) or _token_info(text))[0]:
            pieces.append(token)
            starts.append(start)
            start += len(token.text)
    if len(starts) < len(tokens):
        # The end-of-line split of "Corp." (see _tokens) made one token more: its full stop.
        last = len(pieces) - 1
        while last > 0 and pieces[last].text in _CLOSERS:
            last -= 1
        starts.insert(last + 1, starts[last] + len(pieces[last].text) - 1)
    return starts


def _token_key(text: str) -> str:
    """"Shearer's" -> "shearer", "Inc." -> "inc"."""
    return _fold(_without_possessive(text)).rstrip(".")


def _without_possessive(word: str) -> str:
    """"Halvorsen's" -> "Halvorsen"."""
    if len(word) > 2 and word[-2:] in ("'s", "’s", "'S"):
        return word[:-2]
    return word


@lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    """The look-up key of one word: folded, without a final full stop."""
    return _fold(word).rstrip(".")


def _key(words: list[str] | tuple[str, ...]) -> str:
    """The look-up key of a run of words."""
    return _fold(" ".join(words))


@_by_words
def _listed_opening(words: tuple[str, ...]) -> bool:
    """The run, or its first two or three words, is in a word list: "Bank of England officials"."""
    return _listed(_key(words)) or _listed(_key(words[:2])) or _listed(_key(words[:3]))


# E-mail and page furniture that is written like names but never is one: the routing after a name
# in forwarded headers ("Vince J Kaminski/HOU/ECT@ECT", "Enron@NA"), "----- Original Message -----",
# "Forwarded by", and a word processor's styles pasted into a text ("/* Style Definitions */",
# "{mso-style-name: ...}").
_FURNITURE = re.compile(
    r"(?<=[\w.])(?:[/@][A-Za-z][\w.&-]{0,24})+"
    r"|-{2,}\s*(?:Original Message|Forwarded by)\b|\bOriginal Message\b"
    r"|/\*[^*]{0,200}\*/|\{[^{}\n]{0,2000}\}", re.I)


# A gap of two spaces or more inside a line parts columns, header blocks and the fields of a line
# whose punctuation was stripped ("Contact  Amy Brundage  Obama  202 228 5511"): names do not run across it.
# Not two spaces after a plural before a capital: a stripped apostrophe ("Senate Veterans  Affairs Committee").
_GAP = re.compile(r"(?<![a-z]s)[ \t]{2,}|[ \t]{3,}|\t|  (?![A-Z][a-z])")


# A name an address list wraps across lines: "To: Vince J Kaminski/HOU/ECT@ECT, Mario Aguilar \n
# Benitez/ENRON_DEVELOPMENT@...": the line break (and a space before it) between its words.
_WRAPPED_NAME = re.compile(r"[A-Za-z.]( ?\n>?[ \t]*)(?=[A-Z][\w'.-]*[/@][A-Za-z])")
_ADDRESS_LINE = re.compile(r"^>?\s*(?:To|Cc|cc|CC|Bcc|From):|[/@][A-Za-z]")


def _wrapped_names(text: str) -> list[tuple[int, int]]:
    """Where an address line breaks a name: the line ends in a word, the next line opens with an
    address ("Benitez/ENRON_DEVELOPMENT@..."), and the line is a header's or holds addresses."""
    spans = []
    for match in _WRAPPED_NAME.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        if _ADDRESS_LINE.search(line):
            spans.append(match.span(1))
    return spans


def _blank_furniture(text: str) -> str:
    """The text with its furniture turned to spaces and wide gaps into line breaks (so that every
    other character keeps its place), and names wrapped in address lists joined again."""
    wrapped = []
    if "/" in text or "@" in text or "{" in text or "riginal" in text:
        wrapped = _wrapped_names(text)
        text = _FURNITURE.sub(lambda match: " " * len(match.group()), text)
    if "  " in text or "\t" in text:
        text = _GAP.sub(lambda match: "\n" + match.group()[1:], text)
    for start, end in reversed(wrapped):  # after the gaps: the two spaces left must not part the name
        text = text[:start] + " " * (end - start) + text[end:]
    return text
