"""People and organisations named in a text, by rules (no model to download).

A first rule set: capitalised sequences, titles that mark people, suffixes that
mark organisations, acronyms defined in brackets, and short forms folded into
the full names they stand for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.dates import MONTH_NUMBER

PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "professor", "prof",
    "councillor", "cllr", "pc", "sgt", "sergeant", "inspector", "rev", "reverend", "judge",
    "senator", "rep", "representative", "president", "minister", "chancellor", "baroness", "baron",
}
POST_NOMINALS = {"mp", "mep", "msp", "qc", "kc", "obe", "mbe", "cbe", "jr", "sr", "phd"}
ORG_WORDS = {
    "committee", "company", "council", "agency", "department", "ministry", "office", "police",
    "ltd", "limited", "plc", "llp", "inc", "group", "association", "trust", "authority", "board",
    "commission", "university", "college", "bank", "party", "union", "service", "services",
    "institute", "foundation", "corporation", "corp", "society", "federation", "watch", "ledger",
    "times", "post", "herald", "gazette", "news", "parliament", "assembly", "court", "tribunal",
    "hospital", "school", "church", "club", "network", "alliance", "coalition", "partnership",
    "inquiry", "unit", "executive", "cabinet", "senate", "house", "fund", "bureau", "administration",
}
# Capitalised words that open sentences, headings and letters but are never names on their own.
NOT_NAME_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "we", "our", "i", "you",
    "your", "he", "she", "they", "their", "his", "her", "in", "on", "at", "to", "for", "from",
    "by", "with", "as", "of", "and", "or", "but", "if", "when", "while", "after", "before",
    "dear", "yours", "sincerely", "faithfully", "regards", "best", "kind", "thank", "thanks",
    "press", "release", "news", "notes", "editors", "note", "for", "immediate", "published",
    "embargoed", "until", "re", "subject", "ends", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "chair", "chief", "director",
    "there", "here", "however", "also", "all", "some", "many", "most", "no", "not", "one", "two",
    "new", "mp", "page", "tel", "email", "phone", "fax", "cc", "enc", "attachment", "sent",
    "street", "lane", "road", "avenue", "ref", "our", "what", "who", "why", "how", "where",
} | set(MONTH_NUMBER)
# Words that make a capitalised pair a place, not a person ("River Calder", "Mill Lane").
PLACE_WORDS = {
    "river", "brook", "lake", "valley", "street", "road", "lane", "hill", "bridge", "park",
    "square", "county", "city", "town", "village", "north", "south", "east", "west", "avenue",
    "moor", "dale", "reservoir", "station", "airport", "island", "islands", "kingdom", "states",
}
# Job titles that follow names in bylines and signatures: a role, not a person.
ROLE_WORDS = {
    "correspondent", "editor", "reporter", "secretary", "officer", "manager", "spokesperson",
    "spokesman", "spokeswoman", "clerk", "chairman", "chairwoman", "chairperson", "director",
    "executive", "hydrologist", "campaigner", "councillor", "member", "members", "staff", "writer",
}
CONNECTORS = {"of", "for", "and", "the", "on", "&"}

# Capitalised words; a full stop only after a title or an initial, so sequences stop at sentence ends.
_WORD = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sgt|Cllr|St)\.|[A-Z]\.|[A-Z][\w'’\-]*\w|[A-Z])"
_SEQUENCE = re.compile(rf"(?<![\w'’]){_WORD}(?:[ \t](?:(?:of|for|and|the|on|&)[ \t])?{_WORD})*")
_ACRONYM_DEFINITION = re.compile(r"(?P<long>(?:[A-Z][\w'’\-]+\s(?:(?:of|for|and|the|on|&)\s)?){1,8}[A-Z][\w'’\-]+)\s\((?P<short>[A-Z]{2,10})\)")


@dataclass
class Names:
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


def _bare(word: str) -> str:
    return word.rstrip(".").lower()


def _split_title(words: list[str]) -> tuple[bool, list[str]]:
    """Drop leading titles and trailing post-nominals; say whether a title marked a person."""
    titled = False
    while words and _bare(words[0]) in PERSON_TITLES:
        words, titled = words[1:], True
    while words and _bare(words[-1]) in POST_NOMINALS:
        words, titled = words[:-1], True
    return titled, words


def _trim_connectors(words: list[str]) -> list[str]:
    while words and (words[0].lower() in CONNECTORS or _bare(words[0]) in NOT_NAME_WORDS):
        words = words[1:]
    while words and words[-1].lower() in CONNECTORS:
        words = words[:-1]
    return words


def _is_organisation(words: list[str]) -> bool:
    return bool(words) and (_bare(words[-1]) in ORG_WORDS or any(_bare(w) in ORG_WORDS for w in words[1:]))


def _without_possessive(word: str) -> str:
    """"Halvorsen's" -> "Halvorsen"."""
    return re.sub(r"['’]s$", "", word)


def _from_title(words: list[str]) -> list[str]:
    """A title inside a capitalised run starts the name: "Afterwards Mr MacShane" -> "Mr MacShane"."""
    for position, word in enumerate(words[1:], start=1):
        if _bare(word) in PERSON_TITLES:
            return words[position:]
    return words


def _person(words: list[str]) -> str | None:
    words = _trim_connectors(_from_title(words))
    titled, words = _split_title(words)
    words = _trim_connectors(words)
    words = [_without_possessive(w) for w in words]
    if not words or any(_bare(w) in NOT_NAME_WORDS | PLACE_WORDS | ROLE_WORDS or (w.isupper() and len(w) > 2)
                        for w in words):
        return None
    if (titled and len(words) <= 3) or 2 <= len(words) <= 3:
        return " ".join(words)
    return None


def _split_at_connectors(words: list[str]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for word in words:
        if word.lower() in CONNECTORS:
            segments.append([])
        else:
            segments[-1].append(word)
    return [segment for segment in segments if segment]


def _classify(raw: str, preceded_by_the: bool) -> list[tuple[str, str]]:
    """One capitalised sequence as an organisation, or as the people it names."""
    words = _trim_connectors(raw.split())
    _, words = _split_title(words)
    segments = _split_at_connectors(words)
    if len(segments) > 1 and any(len(seg) >= 2 and _is_organisation(seg) for seg in segments):
        # "Home Office and South Yorkshire Police", "Zoë Lefèvre of Rivers Watch": several names.
        return [found for seg in segments for found in _classify(" ".join(seg), False)]
    if _is_organisation(words):
        words = _trim_connectors(words)
        if len(words) >= 2 or (words and preceded_by_the):
            return [("organisation", " ".join(words))]
        return []
    people = (_person(segment) for segment in _split_at_connectors(raw.split()))
    return [("person", name) for name in people if name]


def _add(found: list[str], name: str) -> None:
    if name and name not in found:
        found.append(name)


def _fold_short_forms(names: list[str]) -> list[str]:
    """Keep "MacShane" only when no fuller name in the same text ends with it; one spelling per name."""
    folded: list[str] = []
    seen_case_folded: dict[str, int] = {}
    for name in names:
        key = name.casefold()
        if key in seen_case_folded:
            # "NORTHERN RIVERS SELECT COMMITTEE" on a letterhead is the committee named in the text.
            if folded[seen_case_folded[key]].isupper() and not name.isupper():
                folded[seen_case_folded[key]] = name
            continue
        seen_case_folded[key] = len(folded)
        longer = [other for other in names if other != name and other.endswith(" " + name)]
        if longer:
            seen_case_folded.pop(key)
            continue
        folded.append(name)
    return folded


def find_names(text: str) -> Names:
    people: list[str] = []
    organisations: list[str] = []
    defined = []
    for match in _ACRONYM_DEFINITION.finditer(text):
        _add(organisations, " ".join(_trim_connectors(match["long"].split())))
        _add(organisations, match["short"])
        defined.append(match.span("long"))
    for match in _SEQUENCE.finditer(text):
        if any(start <= match.start() < end for start, end in defined):
            continue
        preceded_by_the = text[max(0, match.start() - 4):match.start()].lower() == "the "
        for kind, name in _classify(match.group(), preceded_by_the):
            _add(people if kind == "person" else organisations, name)
    # A person's surname alone is a short form, not another person.
    people = _fold_short_forms(people)
    people = [p for p in people if p not in organisations]
    return Names(people=people, organisations=_fold_short_forms(organisations))


def bare_person(name: str) -> str:
    """A person's name without titles and post-nominals: "Cllr David Ashworth" -> "David Ashworth"."""
    _, words = _split_title(name.split())
    return " ".join(words) or name


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
