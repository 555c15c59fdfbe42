"""Kinds from structure: letters, committee releases, articles."""
from __future__ import annotations

import pytest

from archive import kinds
from archive.kinds import classify_kind
from archive.readers.base import RawText


def _kind(text: str, path: str = "inbox/doc.txt", email: bool = False) -> str:
    return classify_kind(text, RawText(pages=[text], is_email=email), path)


@pytest.mark.parametrize("text,kind", [
    ("17 March 2011\n\nDear Ms Okafor,\n\nThank you.\n\nYours sincerely,\n\nTomasz Wierzbicki", "letter"),
    ("INTERNAL MEMORANDUM\nTo: Tomasz Wierzbicki\nFrom: Neil Fairbairn\n\nThe overflow ran again.", "letter"),
    ("To the People of the State of New York:\n\nAMONG the numerous advantages...", "letter"),
    ("PRESS RELEASE\nPublished 14 March 2011\nThe Northern Rivers Select Committee today...\nNotes to editors", "committee_release"),
    ("Baltimore, MD (February 8, 2019)—Today, Congressman Elijah E. Cummings (MD-07) issued the "
     "following statement on the bill:", "committee_release"),
    ("SEN. LUGAR URGES FARM REFORM\n  U.S. Sen. Dick Lugar today sent a letter to his colleagues.", "committee_release"),
    ("Water firm fined\n\nBy Helen Marsh, Political Correspondent\n\nLEEDS, 12 May 2010 — The firm...", "article"),
])
def test_structure_decides(text, kind):
    assert _kind(text) == kind


def test_email_is_a_letter_unless_the_text_says_otherwise():
    assert _kind("Hi Vince, see you Tuesday.", email=True) == "letter"
    release = "PRESS RELEASE\nFor immediate release: 3 June 2010\nThe committee today announced...\nNotes to editors"
    assert _kind(release, email=True) == "committee_release"


def test_folder_name_is_a_hint_when_the_text_says_nothing():
    assert _kind("Some words with no structure at all.", "archive/releases/x.txt") == "committee_release"
    assert _kind("Some words with no structure at all.", "archive/letters/x.txt") == "letter"
    assert _kind("Some words with no structure at all.", "archive/misc/x.txt") == "article"


@pytest.mark.parametrize("sign", kinds.SIGNS, ids=[sign.name for sign in kinds.SIGNS])
def test_each_sign_is_found_in_its_example_and_not_in_its_near_miss(sign):
    assert sign.found_in(sign.example)
    assert not sign.found_in(sign.near_miss)


def test_no_single_word_weighs_enough_to_decide():
    """A sign of weight 1 needs a second sign: committee, published, a title are words."""
    assert max(sign.weight for sign in kinds.SIGNS) == kinds.DECIDING_SCORE
    for word in ("committee", "published", "press release", "Senator Lugar"):
        scores = kinds.kind_scores(f"Headline\n\nThe {word} met on Tuesday.", RawText(pages=[""]))
        assert kinds.decided_kind(scores) is None, word


@pytest.mark.parametrize("text", [
    "MPs attack tax credit system\n\nThe committee published its report on Tuesday, saying the scheme "
    "had failed families. Committee chairman John Smith said ministers must act.",
    "Minister faces letter row\n\nA Commons committee has released a letter from the minister in which "
    "she admits the figures were wrong. The committee said it would publish more papers next week.",
    "Fed chief warning on US deficit\n\nSpeaking to the House Budget Committee, the Federal Reserve "
    "chairman urged Congress to act.",
])
def test_a_news_report_about_a_committee_is_an_article(text):
    assert _kind(text) == "article"


@pytest.mark.parametrize("text", [
    "SEN. LUGAR MEETS WITH HOOSIER TROOPS IN BOSNIA\n\nSen. Dick Lugar met on August 28-29 with the men "
    "and women of the Indiana National Guard.",
    "WASHINGTON, D.C. – Congressman Darrell Issa, today, announced the passage of H.R. 31.",
    "Congressmen Kevin McCarthy and Devin Nunes released the following joint statement in reaction to reports",
    "Obama Statement   U S  Senator Barack Obama   FOR IMMEDIATE RELEASE  Contact  Tommy Vietor  202 228 5511",
])
def test_a_legislators_release_without_a_folder_hint_is_a_release(text):
    assert _kind(text, "inbox/0001.txt") == "committee_release"
