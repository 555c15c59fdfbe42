"""People and organisations found by archive.names.find_names."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.names import find_names, resolve_short_form



def test_police_title_marks_a_person():
    names = find_names("PC Hassan Ali was first on the scene.")
    assert names.people == ["Hassan Ali"]
    assert names.organisations == []


def test_post_nominal_is_dropped():
    assert find_names("Denis MacShane MP wrote to the minister.").people == ["Denis MacShane"]


def test_title_marks_a_single_surname():
    assert find_names("Mr MacShane said he was pleased.").people == ["MacShane"]


def test_short_form_folds_into_the_full_name():
    text = "Denis MacShane MP wrote to the council. Mr MacShane said he was pleased."
    names = find_names(text)
    assert names.people == ["Denis MacShane"]
    assert "MacShane" not in names.people


def test_short_form_before_the_full_name_also_folds():
    text = "Mr MacShane said he was pleased. Denis MacShane MP had written in March."
    assert find_names(text).people == ["Denis MacShane"]


@pytest.mark.parametrize("text,expected", [
    ("Afterwards Mr MacShane said it was fine.", ["MacShane"]),
    ("Then PC Hassan Ali arrived.", ["Hassan Ali"]),
    ("Meanwhile Sir Denis Smith resigned.", ["Denis Smith"]),
])
def test_title_after_a_capitalised_sentence_opener(text, expected):
    assert find_names(text).people == expected


def test_organisations():
    names = find_names("A letter went to the Home Office from South Yorkshire Police.")
    assert names.organisations == ["Home Office", "South Yorkshire Police"]
    assert names.people == []


def test_organisations_joined_by_and_are_split():
    names = find_names("Officials of the Home Office and South Yorkshire Police met.")
    assert "Home Office" in names.organisations
    assert "South Yorkshire Police" in names.organisations


def test_person_of_organisation_is_split():
    names = find_names("Zoë Lefèvre of Rivers Watch spoke to Adaeze Okafor.")
    assert names.people == ["Zoë Lefèvre", "Adaeze Okafor"]
    assert names.organisations == ["Rivers Watch"]


def test_acronym_definition_gives_both_forms():
    text = ("Parents Against Child Sexual Exploitation (PACE) welcomed the report. "
            "PACE said more was needed.")
    names = find_names(text)
    assert names.organisations == ["Parents Against Child Sexual Exploitation", "PACE"]
    assert names.people == []


def test_salutation_word_is_not_a_name():
    names = find_names("Dear Ms Okafor,\n\nThank you for your letter.")
    assert names.people == ["Okafor"]
    assert not any("Dear" in name or "Thank" in name for name in names.people + names.organisations)


@pytest.mark.parametrize("text", [
    "On Tuesday March the council met.",
    "Monday was quiet. January brought snow. May I ask?",
    "On Tuesday March 3rd the committee met.",
    "Friday December 12th was the deadline.",
])
def test_months_and_weekdays_are_not_names(text):
    names = find_names(text)
    assert names.people == []
    assert names.organisations == []


def test_sign_off_name():
    assert find_names("Yours sincerely,\nTomasz Wierzbicki").people == ["Tomasz Wierzbicki"]


def test_address_block():
    names = find_names("Ms Adaeze Okafor\nHome Office\n2 Marsham Street\nLondon")
    assert names.people == ["Adaeze Okafor"]
    assert names.organisations == ["Home Office"]


def test_place_is_not_a_person():
    assert find_names("The River Calder burst its banks near Mill Lane.").people == []


def test_resolve_short_form():
    full = ["Tomasz Wierzbicki", "Adaeze Okafor"]
    assert resolve_short_form("Ms Okafor", full) == "Adaeze Okafor"
    assert resolve_short_form("Mr Jones", full) == "Jones"
    assert resolve_short_form("Adaeze Okafor", full) == "Adaeze Okafor"


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=400))
def test_find_names_never_raises_and_names_are_in_the_text(text):
    names = find_names(text)
    for name in names.people + names.organisations:
        assert name and name == name.strip()
        # Every word of a found name is taken from the text.
        assert all(word in text for word in name.split())


def test_possessives_roles_and_letterheads_are_not_separate_names():
    names = find_names("NORTHERN RIVERS SELECT COMMITTEE\n\nBy Helen Marsh, Political Correspondent\n\n"
                       "Dr Halvorsen's figures went to the Northern Rivers Select Committee. Ingrid Halvorsen agreed.")
    assert names.people == ["Helen Marsh", "Ingrid Halvorsen"]
    assert names.organisations == ["Northern Rivers Select Committee"]
