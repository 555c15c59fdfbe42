"""People and organisations named in a text, by rules (no model, nothing downloaded).

How a text is read
------------------
Each line is split into tokens. Runs of capitalised tokens, with the particles that join names
("of", "de", "van", "&" ...), are the candidate names. Each candidate is classified as a person,
an organisation, or neither (a place, a nationality, an event, a heading), from:

* word lists written for this module (``archive/data/*.txt``): countries and regions, cities
  and counties, well-known organisations, sports clubs and team nicknames, given names,
  nationality words and common English words;
* the words of the name: titles and post-nominals ("Mr", "President", "MP"), organisation words
  ("Inc", "Bank", "Party", "Ministry", "Police"), place words ("River", "Street"), event words
  ("Cup", "Open");
* the words around it: a role before a person ("coach Glenn Hoddle"), a country in brackets after
  an athlete ("Tim Henman (Britain)"), a cricket scorecard ("c Healy b Warne"), a results table or
  score line in sports news, whose teams are organisations ("Leeds 2 Barcelona 1"), an acronym
  defined in brackets ("Parents Against Child Sexual Exploitation (PACE)");
* the rest of the document: a capitalised word that opens a sentence is an ordinary word when the
  document also writes it in lower case; a lone surname is the person named in full elsewhere;
  a line in capitals (a headline, a dateline) carries no case information and is skipped, apart
  from results tables and the newspaper names of press digests.

Candidates with clear evidence are decided as they are read; the rest are decided once the whole
document has been read ("Shearer" alone is a person because "Alan Shearer" is). Short forms then
fold into the full name ("Mr MacShane" -> "Denis MacShane"). The work is one pass over the lines
plus per-document sets and dictionaries: linear in the length of the text.

The stages, a module each, in the order a text goes through them:

1. tokens.py    furniture blanked (e-mail routing, "Original Message"); lines split into tokens
2. runs.py      per document: each line's kind and the words it writes in lower case; the runs
                of capitalised tokens in a line
3. evidence.py  what a run's own words say (_RunWords: title, organisation word, place, given name...)
4. decision.py  a run decided from its evidence and the words around it; pass 2 for the rest;
                short forms folded
words.py holds the word lists every stage looks words up in; sports.py the rule set only sports
news uses (results tables, scorecards, teams).
"""
from __future__ import annotations

from archive.names.decision import (
    Names,
    bare_person,
    find_names,
    resolve_short_form,
    written_like_a_person,
)

__all__ = ["Names", "bare_person", "find_names", "resolve_short_form", "written_like_a_person"]
