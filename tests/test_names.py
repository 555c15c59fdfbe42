"""People and organisations found by archive.names.find_names."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.names import find_names, resolve_short_form
from archive.names.sports import _opening_words
from archive.names.tokens import (
    _CLOSERS,
    _FULL_STOP,
    _LINE_END_ABBREVIATIONS,
    _TOKEN,
    _TOKEN_CACHE,
    _through_chunk,
    _Token,
    _token_info,
    _tokens,
)
from archive.names.words import _fold


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


# --------------------------------------------------------------------------- rules for news text

def test_sentence_openers_and_words_the_text_writes_in_lower_case_are_not_names():
    names = find_names("Officials said the plan would work. Mr Jones agreed.\n"
                       "Bonds rallied on Friday. Traders bought bonds and sold shares.")
    assert names.people == ["Jones"]
    assert names.organisations == []


@pytest.mark.parametrize("text,person,organisation", [
    ("Security Council President Tono Eitel said members were concerned.", "Tono Eitel", "Security Council"),
    ("Prime Minister Benjamin Netanyahu spoke.", "Benjamin Netanyahu", None),
    ("Assistant Secretary of State John Kornblum spoke.", "John Kornblum", None),
    ("German Chancellor Helmut Kohl met British officials.", "Helmut Kohl", None),
])
def test_a_title_inside_a_run_starts_the_persons_name(text, person, organisation):
    names = find_names(text)
    assert names.people == [person]
    assert names.organisations == ([organisation] if organisation else [])


def test_a_role_before_a_name_marks_a_person():
    assert find_names("England's new coach Glenn Hoddle said he was happy.").people == ["Glenn Hoddle"]


def test_a_given_name_makes_a_person_even_with_a_place_word_surname():
    assert find_names("Anthony Hill beat Peter Nicol in the final.").people == ["Anthony Hill", "Peter Nicol"]


def test_initials_before_a_surname_but_not_country_abbreviations():
    names = find_names("Results from the U.S. Open on Friday. J.J. Kenny watched.")
    assert names.people == ["J.J. Kenny"]
    assert names.organisations == []


def test_organisation_words_and_institutions_named_x_of_y():
    names = find_names("Acme Holdings Inc said profits rose. Bank of England officials agreed.")
    assert names.organisations == ["Acme Holdings Inc", "Bank of England"]
    assert names.people == []


def test_a_person_of_an_organisation_is_split_at_of():
    names = find_names("Don Penney of the Rochester Fire Department said so.")
    assert names.people == ["Don Penney"]
    assert names.organisations == ["Rochester Fire Department"]


def test_ampersand_joins_an_organisations_name():
    names = find_names("Shares of Douglas & Lomason Co rose. Procter & Gamble fell.")
    assert names.organisations == ["Douglas & Lomason Co", "Procter & Gamble"]
    assert names.people == []


def test_countries_cities_and_nationalities_are_not_names():
    names = find_names("She flew from London to Paris, then to Germany with German and British friends.")
    assert names.people == [] and names.organisations == []


def test_known_organisations_and_news_agencies():
    names = find_names("The report was confirmed by Reuters and NATO on Friday.")
    assert names.organisations == ["Reuters", "NATO"]


def test_acronym_definition_needs_a_real_long_form():
    names = find_names("The World Boxing Council (WBC) stripped him of the title. The WBC said so.")
    assert names.organisations == ["World Boxing Council", "WBC"]
    assert "IN" not in find_names("It used Intelligent Network (IN) switches.").organisations


def test_an_acronym_definition_starts_at_the_acronyms_first_letter():
    names = find_names("Thanks went to Suharto and the Organisation of Islamic Conference (OIC) on Saturday.")
    assert "Organisation of Islamic Conference" in names.organisations
    assert "OIC" in names.organisations


def test_headlines_and_datelines_in_capitals_are_skipped():
    text = ("SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.\nLONDON 1996-08-30\n"
            "Alan Shearer was named England captain on Friday.")
    names = find_names(text)
    assert names.people == ["Alan Shearer"]
    assert names.organisations == []


def test_a_dateline_at_the_start_of_a_line_is_a_place():
    names = find_names("LEEDS, 12 May 2010 - Work on the flood defences has been delayed, Helen Marsh reports.")
    assert names.people == ["Helen Marsh"]
    assert names.organisations == []


def test_teams_in_sports_results_are_organisations():
    text = ("SOCCER - ENGLISH LEAGUE RESULTS.\nLONDON 1996-08-31\nLeeds 2 Barcelona 1\n"
            "Stoke 4 3 1 0 7 4 10\nPostponed: Birmingham v Barnsley")
    names = find_names(text)
    assert names.organisations == ["Leeds", "Barcelona", "Stoke", "Birmingham", "Barnsley"]
    assert names.people == []


def test_the_same_towns_outside_sports_news_are_places():
    names = find_names("She moved from Leeds to Barcelona in 1990 and later to Stoke.")
    assert names.organisations == [] and names.people == []


def test_a_standings_table_in_capitals():
    text = "BASEBALL - MAJOR LEAGUE STANDINGS.\nNEW YORK 1996-08-30\nW L PCT GB\nTEXAS 75 58 .564 -\nSEATTLE 70 63 .526 5"
    names = find_names(text)
    assert names.organisations == ["TEXAS", "SEATTLE"]


def test_club_and_city_and_team_nicknames_in_sports_news():
    text = ("SOCCER - RUSSIA.\nMOSCOW 1996-08-30\nRotor Volgograd must play behind closed doors after fans "
            "hurled bottles at Dynamo Moscow players.\nThe squad includes Sunderland forward Niall Quinn.")
    names = find_names(text)
    assert names.organisations == ["Rotor Volgograd", "Dynamo Moscow", "Sunderland"]
    assert names.people == ["Niall Quinn"]
    assert find_names("The Texas Rangers beat the New York Yankees.").organisations == [
        "Texas Rangers", "New York Yankees"]


def test_cricket_scorecard():
    text = ("CRICKET - AUSTRALIA V SRI LANKA SCOREBOARD.\nCOLOMBO 1996-08-30\n"
            "M. Waugh c Healy b Warne 50\nA. Gurusinha run out 16\nBowling: Vaas 7-0-29-0")
    names = find_names(text)
    assert names.people == ["M. Waugh", "Healy", "Warne", "A. Gurusinha", "Vaas"]
    assert names.organisations == []


def test_athletes_with_a_country_in_brackets_and_scorers_with_minutes():
    text = ("TENNIS - RESULTS.\nNEW YORK 1996-08-30\nTim Henman (Britain) beat Doug Flach (U.S.) 6-3 6-4\n"
            "Scorers: Cosmin Contra (31st), Mihai Tararache 75th")
    names = find_names(text)
    assert names.people == ["Tim Henman", "Doug Flach", "Cosmin Contra", "Mihai Tararache"]
    assert names.organisations == []


def test_press_digest_newspaper_headings():
    text = "PRESS DIGEST - Indonesia - Aug 30.\nJAKARTA 1996-08-30\nJAKARTA POST\nThe government raised fuel prices."
    assert find_names(text).organisations == ["JAKARTA POST"]


def test_a_possessive_ends_a_name_unless_a_place_word_follows():
    names = find_names("Birmingham's Gary Breen was selected. The outfall below Tanner's Bridge spilled.")
    assert names.people == ["Gary Breen"]
    assert names.organisations == []


def test_a_quoted_nickname_is_not_a_name():
    names = find_names('Boxing legend Roberto " Hands of Stone " Duran fights on Saturday.')
    assert not any(word in name for name in names.people for word in ("Hands", "Stone"))


def test_a_venue_named_after_a_person_is_not_a_person():
    assert find_names("Unions marched at Charles de Gaulle airport north of Paris.").people == []


def test_initials_fold_into_the_full_name():
    names = find_names("Dear Ms A. Okafor,\nAdaeze Okafor of the Home Office will attend.")
    assert names.people == ["Adaeze Okafor"]


def test_titles_alone_are_not_organisations():
    names = find_names("Tomasz Wierzbicki, Chief Executive, Harrowgate Water Company")
    assert names.people == ["Tomasz Wierzbicki"]
    assert names.organisations == ["Harrowgate Water Company"]


def test_an_organisation_noun_before_a_name():
    names = find_names("The official newspaper Granma reported the death. Telecoms operator Unicom won.")
    assert names.organisations == ["Granma", "Unicom"]


def test_market_indexes_are_not_organisations():
    names = find_names("The Dow Jones industrial average fell and the Nasdaq composite index rose.")
    assert names.organisations == []


def test_a_company_named_without_its_suffix_stays_a_company():
    names = find_names("Magna International Inc agreed the deal. Magna Holdings said so. Later Magna Holdings rose.")
    assert "Magna Holdings" in names.organisations
    assert names.people == []


def test_extraction_is_linear_in_the_length_of_the_text():
    paragraph = ("Denis MacShane MP wrote to the Home Office. Mr MacShane said South Yorkshire Police "
                 "had met Parents Against Child Sexual Exploitation (PACE) in Rotherham on Tuesday.\n")
    small, large = paragraph * 500, paragraph * 4000  # about 90 KB and 700 KB
    timings = []
    for text in (small, large):
        start = time.perf_counter()
        names = find_names(text)
        timings.append(time.perf_counter() - start)
        assert names.people == ["Denis MacShane"]
    # Eight times the text may take at most about eight times as long (generous for a busy machine).
    assert timings[1] < 16 * timings[0] + 0.5


# --------------------------------------------------------------------------- speed-ups keep the answers

_MIXED = ("SOCCER - ENGLISH LEAGUE RESULTS\nLeeds 2 Barcelona 1\n"
          "Lear Corp. said Mr. Jones of the Bank of England met Parents Against Child Sexual Exploitation "
          "(PACE). \"Hands of Stone\" Roberto Duran (Panama) won. Officials said the plan would work.\n"
          "Officials at Warner Bros. met coach Glenn Hoddle and Aravinda de Silva; Tony Blair's aide agreed.")


def test_answers_do_not_depend_on_the_token_cache(monkeypatch):
    """Tokens are shared objects from a bounded cache (of tokens and of chunks): a full cache is cleared, and
    nothing found may depend on what the cache holds or on texts read before."""
    import archive.names.tokens as names_module

    expected = find_names(_MIXED)
    assert find_names(_MIXED) == expected  # read twice: shared tokens are never changed
    monkeypatch.setattr(names_module, "_TOKEN_CACHE_SIZE", 5)
    names_module._TOKEN_CACHE.clear()
    assert find_names(_MIXED) == expected  # the cache cleared many times within one text
    assert "Jones" in expected.people and "PACE" in expected.organisations


def test_acronym_definitions_are_found_on_any_line():
    text = "First line.\nThe World Boxing Council (WBC) ruled.\nThe WBC and Parents Against Child Sexual Exploitation (PACE) met."
    names = find_names(text)
    assert names.organisations[:2] == ["World Boxing Council", "WBC"]
    assert "PACE" in names.organisations


# --------------------------------------------------------------------------- tokens by chunks

def _tokens_one_by_one(line: str) -> list[tuple]:
    """The line's tokens as the token pattern finds them along the whole line, one at a time: the
    reference for _tokens, which goes by chunks between spaces."""
    found, _ = _through_chunk([_TOKEN_CACHE.get(text) or _token_info(text) for text in _TOKEN.findall(line)],
                              initial=True)
    tokens = list(found)
    if tokens:
        last = len(tokens) - 1
        while last > 0 and tokens[last].text in _CLOSERS:
            last -= 1
        token = tokens[last]
        if token.text[-1] == "." and token.key in _LINE_END_ABBREVIATIONS:
            tokens[last:last + 1] = [_Token(token.text[:-1], token.kind, token.initial, token.key), _FULL_STOP]
    return [(t.text, t.kind, t.initial, t.key) for t in tokens]


_LINE_PIECES = st.sampled_from([
    "Mr", "Mr.", "Blair", "Blair's", "said", "the", "U.S.", "Corp.", "Inc", "co.", "de", "Bank", "of", "A.", "J.J.",
    "al-Saadani", "Under-21", "2004", "3.5", "i.e.", " ", "  ", "\t", "\u00a0", "\u2003", ".", ",", ":", ";", "!",
    "?", "(", ")", '"', "'", "“", "”", "‘", "’", "-", "–", "&", "é", "Ölund", "x",
])


@settings(max_examples=1000, deadline=None, database=None)
@given(st.lists(_LINE_PIECES, max_size=30).map("".join))
def test_tokens_by_chunks_are_the_tokens_one_by_one(line):
    assert [(t.text, t.kind, t.initial, t.key) for t in _tokens(line)] == _tokens_one_by_one(line)


@settings(max_examples=1000, deadline=None, database=None)
@given(st.one_of(st.lists(_LINE_PIECES, max_size=30).map("".join), st.text()))
def test_a_text_the_token_pattern_matched_is_matched_whole_on_its_own(line):
    """What lets one cache hold tokens and chunks (see _TOKEN_CACHE): a chunk that is a token's text
    is that one token."""
    for text in _TOKEN.findall(line):
        assert _TOKEN.findall(text) == [text]


@settings(max_examples=1000, deadline=None, database=None)
@given(st.one_of(st.lists(st.sampled_from(["SOCCER", "Rugby", "union", "-", " ", "\u00a0", "\u00a8", "\uff0d", "é", "ß",
                                           "Ölund", "’", "x"]), max_size=30).map("".join), st.text()),
       st.integers(0, 12))
def test_the_opening_words_of_a_line_are_those_of_the_whole_line_folded(line, start):
    """_opening_words folds only the start of a long first line."""
    assert _opening_words(line, start) == _fold(line).replace("-", " ").split()[:2]
