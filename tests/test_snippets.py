"""Passages: phrases marked only where whole, words marked in every form asked for, pages counted."""
from __future__ import annotations

from archive.document import PAGE_BREAK
from indexer._snippets import Targets, best_passages


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
