"""The rule set that only serves sports news: which texts are sports news, and the word sets of its
teams, positions and results tables (the tables' and scorecards' rules in decision.py ask here).
"""
from __future__ import annotations

import re

from archive.names.tokens import _DATE_LIKE, CAP, LOWER, NUMBER, UPPER, _Token
from archive.names.words import JOINERS, NAME_PARTICLES, _fold

# ...and only in sports news: "Manchester United", "Stoke City", "Notts County".
TEAM_WORDS = {"united", "city", "county", "town", "athletic", "rangers", "celtic", "forest",
              "harlequins", "wasps", "saracens", "blacks", "wallabies", "springboks", "lions"}


# ...of which these follow a team in sports news, and a person elsewhere.
_SPORTS_ROLES = {"coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "chairman",
                 "team", "side", "fans", "supporters", "club"}


# Positions and jobs after a team's name: "Sunderland forward Niall Quinn".
_POSITIONS = {"forward", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "captain",
              "coach", "manager", "chairman", "fullback", "full-back", "player", "players", "pitcher",
              "batsman", "bowler", "skipper", "centre-back", "sweeper", "playmaker", "lock", "prop",
              "flanker", "hooker", "scrum-half", "fly-half", "number", "president", "director"}


# A headline such as "SOCCER - ..." or "Boxing-..." marks sports news.
SPORTS = {
    "soccer", "football", "cricket", "tennis", "golf", "athletics", "baseball", "basketball",
    "boxing", "cycling", "rugby", "motor", "motorcycling", "motor racing", "horse racing",
    "racing", "squash", "nfl", "nhl", "nba", "hockey", "ice hockey", "swimming", "skiing",
    "alpine skiing", "rowing", "sailing", "yachting", "badminton", "table tennis", "volleyball",
    "handball", "snooker", "darts", "judo", "wrestling", "gymnastics", "triathlon",
    "formula one", "american football", "rugby union", "rugby league", "sport", "sports",
    "speedway", "equestrianism", "canoeing", "fencing", "weightlifting",
    "ice skating", "figure skating", "bobsleigh", "polo", "lacrosse", "netball", "marathon",
}


# ...and these the sports whose teams are organisations (not golf, tennis or athletics).
TEAM_SPORTS = {"soccer", "football", "cricket", "baseball", "basketball", "rugby", "rugby union",
               "rugby league", "nfl", "nhl", "nba", "hockey", "ice hockey", "volleyball", "handball",
               "american football", "sport", "sports"}


_SPORTS_HEADLINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,24}?)\s*-")


_SCORE_PAIR = re.compile(r"^\d{1,3}-\d{1,3}$")


_BOWLING_FIGURES = re.compile(r"^\d+(?:\.\d)?-\d+-\d+-\d+$")


def _is_sports(first_line: str, sports: set[str] = SPORTS) -> bool:
    match = _SPORTS_HEADLINE.match(first_line)
    if match and _fold(match.group(1)) in sports:
        return True
    words = _opening_words(first_line)
    return len(words) > 1 and (words[0] in sports or " ".join(words) in sports)


def _opening_words(line: str, start: int = 200) -> list[str]:
    """The first two words of the folded line, a hyphen parting words. Folding goes character by
    character, so only the line's start is folded when that holds them whole: a first line can be
    a page long (and the fold cache would keep it)."""
    words = _fold(line[:start]).replace("-", " ").split()
    if len(words) <= 2 and len(line) > start:
        words = _fold(line).replace("-", " ").split()  # the second word may go on past the start
    return words[:2]


def is_table_line(tokens: list[_Token]) -> bool:
    """A line of a results table or score list: names and numbers, hardly any other words."""
    numbers = lowers = names = 0
    if len(tokens) > 1 and tokens[1].text in ("-", "--") and tokens[0].kind == UPPER:
        return False  # "CRICKET - AUSTRALIA 228-9 IN 50 OVERS": a headline
    for t in tokens:
        if t.kind == NUMBER:
            if _DATE_LIKE.match(t.text):
                return False
            numbers += 1
        elif t.kind == LOWER and t.text not in ("v", "vs", "and", "not", "out", "lbw", "c", "b", "st", "run") \
                and t.text not in NAME_PARTICLES:
            lowers += 1
        elif t.kind in (CAP, UPPER):
            names += 1
    if not names or lowers > 3:
        return False
    return numbers >= 1 or any(t.text in ("v", "vs") for t in tokens)


def is_comma_list(tokens: list[_Token]) -> bool:
    """"Given, Breen, Staunton, Irwin": a line listing single names."""
    commas = sum(1 for t in tokens if t.text == ",")
    others = sum(1 for t in tokens if (t.kind == LOWER and t.text not in JOINERS) or t.kind == NUMBER
                 or t.text in "():;")
    return commas >= 2 and others == 0


def team_context(c, before: list[_Token], nxt: str) -> bool:
    """In sports news: a team name, not a venue ("in Leeds", "Leicester:", "(at Lord's, London)")."""
    prev = before[-1].lower if before else ""
    if nxt in (":", "(") or prev in ("in", "at", "near", "outside", "into", "(", "between"):
        return False
    if prev == "of" and len(before) > 1 and before[-2].kind in (CAP, UPPER):
        return False  # "Espanyol of Barcelona"
    if c.table:
        return True
    if prev == "," and len(before) > 1 and before[-2].kind in (CAP, UPPER):
        return False
    return True
