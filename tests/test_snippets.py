"""Passages: phrases marked only where whole, words marked in every form asked for, pages counted."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh.highlight import ContextFragmenter

from archive.document import PAGE_BREAK
from indexer._schema import EXACT_ANALYZER, FOLDED, without_possessive
from indexer._snippets import Targets, _marked_tokens, _Token, best_passages


def _marked(passage) -> list[str]:
    return [passage.text[start:end] for start, end in passage.matches]


def test_a_phrase_is_marked_only_where_its_words_stand_together():
    text = "Her letter was short. Thank you for your five page letter of 2 March."
    passages = best_passages(text, Targets(phrases=(("five", "page", "letter"),)))
    assert [_marked(p) for p in passages] == [["five", "page", "letter"]]


def test_every_form_asked_for_is_marked():
    text = "One letter came in May; two more letters followed, each lettered by hand."
    passages = best_passages(text, Targets(words=frozenset({"letter", "letters", "lettered"})))
    assert _marked(passages[0]) == ["letter", "letters", "lettered"]


def test_exact_words_fold_case_and_accents():
    passages = best_passages("Evidence from ZOË Lefèvre.", Targets(words=frozenset({"zoe"})))
    assert _marked(passages[0]) == ["ZOË"]


def test_page_of_a_passage_is_the_page_of_its_first_match():
    text = "Opening words." + PAGE_BREAK + "Second page words." + PAGE_BREAK + "The pangolin is here."
    passages = best_passages(text, Targets(words=frozenset({"pangolin"})))
    assert [p.page for p in passages] == [3]
    assert PAGE_BREAK not in passages[0].text


def test_no_targets_no_passages():
    assert best_passages("Some text.", Targets()) == []
    assert best_passages("", Targets(words=frozenset({"text"}))) == []


# --------------------------------------------------------------------------- only the words around matches

def _every_word_marked(text: str, targets: Targets) -> list[_Token]:
    """The reference: every word of the text made a token and marked, as Whoosh's highlighting
    would tokenize the text, for the fragmenter to read whole."""
    tokens = [_Token(t.text, t.startchar, t.endchar, t.text in targets.words)
              for t in EXACT_ANALYZER(text, chars=True, removestops=False)]
    words = [token.text for token in tokens]
    for phrase in targets.phrases:
        for first in range(len(words) - len(phrase) + 1):
            if all(wanted in (words[first + place], without_possessive(words[first + place]))
                   for place, wanted in enumerate(phrase)):
                for token in tokens[first:first + len(phrase)]:
                    token.matched = True
    return tokens


def _fragments(text: str, tokens: list[_Token]) -> list[tuple]:
    fragmenter = ContextFragmenter(maxchars=200, surround=80, charlimit=None)
    return [(f.startchar, f.endchar, [(t.startchar, t.text) for t in f.matches])
            for f in fragmenter.fragment_tokens(text, tokens)]


# Words the targets are drawn from, and pieces of text between them: short and long gaps, sentence
# ends, apostrophes, words inside words ("the" in "other"), accents and curly quotes.
_VOCABULARY = ["the", "other", "bank", "of", "england", "england's", "a", "i", "x", "letter", "letters",
               "Zoë", "ZOË", "minister", "administer", "s", "o'neil", "Thé", "İstanbul", "ΟΔΟΣ", "Æthelred", "Blair’s"]
_GAPS = st.sampled_from([" ", "  ", ", ", ". ", "\n\n", " - ", "’s ", "'s ", " " * 90, " " * 300, "... ", "\u00a0",
                         "\x0c"])
_TEXTS = st.lists(st.tuples(st.sampled_from(_VOCABULARY).map(lambda w: w.upper() if len(w) == 3 else w), _GAPS),
                  max_size=120).map(lambda parts: "".join(word + gap for word, gap in parts))
_TARGETS = st.builds(
    Targets,
    st.frozensets(st.sampled_from(["the", "bank", "england", "england's", "a", "letter", "zoe", "minister", "s",
                                   "the", "blair's", "blair", "aethelred", "odos", "istanbul"]),
                  max_size=3),
    st.lists(st.lists(st.sampled_from(["the", "bank", "of", "england", "a", "letter", "other"]),
                      min_size=2, max_size=3).map(tuple), max_size=2).map(tuple))


@settings(max_examples=500, deadline=None, database=None)
@given(_TEXTS, _TARGETS, st.sampled_from([None, (0, 0), (1, 5), (30, 40)]))
# A match just after a fragment closes has no context before it, so its fragment runs on twice as far.
@example("x bank " + "a " * 76 + "bank " + "a " * 200, Targets(frozenset({"bank"})), None)
# A phrase's words far apart: the words before its longest must be read too.
@example("x " * 50 + "of" + " " * 100 + "the " + "england " + "a " * 100, Targets(phrases=(("of", "the", "england"),)), None)
def test_the_words_around_matches_make_the_fragments_every_word_makes(text, targets, reading):
    """Only the words near what matched become tokens (_marked_tokens), for speed; the fragmenter
    must make from them exactly the fragments it makes from every word of the text, however
    little is read around each match at first (``reading``: small, it is read again wider)."""
    marked = _marked_tokens(text, targets, 80, reading)
    assert _fragments(text, marked) == _fragments(text, _every_word_marked(text, targets))


def test_accent_folding_keeps_each_character_in_its_place():
    # _folded_in_place relies on it: each folded letter is one letter.
    assert all(isinstance(folded, str) and len(folded) == 1 for folded in FOLDED.values())


def test_a_match_deep_in_a_long_text_has_its_passage():
    # Whoosh's fragmenter reads 32,768 characters unless told otherwise: page 20 of a report is further.
    text = "The river board met. " * 2000 + PAGE_BREAK + "The pangolin was seen near the weir."
    passages = best_passages(text, Targets(words=frozenset({"pangolin"})))
    assert [(_marked(p), p.page) for p in passages] == [(["pangolin"], 2)]
