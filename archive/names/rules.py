"""The name rules as a table: each rule, the stage that applies it, and an example of what it does.

Read top to bottom, this is the order in which a run meets the rules (decision.py's _decide, then
pass 2). tests/test_names_rules.py runs find_names on every example and checks the people and
organisations it must find, and the strings it must not find as any name.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    stage: str
    rule: str
    example: str
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    not_names: tuple[str, ...] = ()


RULES = [
    # tokens
    Rule("tokens", "e-mail routing after a name is furniture",
         "From: Shirley Crenshaw/HOU/ECT@ECT on 01/02/2000 about the model.",
         people=("Shirley Crenshaw",), not_names=("HOU", "ECT")),
    Rule("tokens", "a name an address list wraps across lines is joined again",
         "To: Vince J Kaminski/HOU/ECT@ECT, Mario Aguilar \nBenitez/ENRON_DEVELOPMENT@ENRON_DEVELOPMENT, Shirley\n"
         ">Crenshaw/HOU/ECT@ECT\nSubject: the model", people=("Mario Aguilar Benitez", "Shirley Crenshaw"),
         not_names=("Mario Aguilar", "Benitez")),
    Rule("tokens", "'Original Message' and forwarding lines are furniture",
         "-----Original Message-----\nThe model from Stinson Gibner is ready.", people=("Stinson Gibner",),
         not_names=("Original Message",)),
    Rule("tokens", "a listed body with a digit in its name is a name: G8, MI6, ITV1",
         "The G8 met and MI6 spoke to ITV1.", organisations=("G8", "MI6", "ITV1")),
    Rule("tokens", "two spaces part the fields of a line whose punctuation was stripped",
         "Contact  Amy Brundage  Obama  202 228 5511", people=("Amy Brundage",), not_names=("Amy Brundage Obama",)),
    Rule("tokens", "... but not a plural and the word after it, where an apostrophe was stripped",
         "He sits on the Senate Veterans  Affairs Committee.", organisations=("Senate Veterans Affairs Committee",)),
    # runs
    Rule("runs", "a headline in Title Case is a heading: its words are not names on their own",
         "Obama Calls for Increased Funding for Veterans\n\nThe senator spoke.", not_names=("Obama Calls",)),
    Rule("runs", "a sentence-opening word the text also writes in lower case is an ordinary word",
         "Pursuant to the agreement, the firm paid. The deal was pursuant to law.", not_names=("Pursuant",)),
    Rule("runs", "a listed body opening a sentence is the body, unless the text mostly writes it in lower case",
         "He spoke. Labour has said it will act. Labour wants more.", organisations=("Labour",)),
    Rule("runs", "a station's number is part of its name", "He told BBC Radio 4 and Channel 4 so.",
         organisations=("BBC Radio 4", "Channel 4")),
    Rule("runs", "... and a possessive leaves it so", "He told BBC Radio 4's World At One and ITV1's This Morning.",
         organisations=("BBC Radio 4", "ITV1")),
    Rule("runs", "a body is named for what it is on: Committee on X and Y",
         "The House Committee on Oversight and Government Reform met.",
         organisations=("House Committee on Oversight and Government Reform",), not_names=("Government Reform",)),
    Rule("runs", "a university 'at' a place is one name; a school of a subject is one name",
         "He taught at the University of California at Berkeley. Then he ran the Jesse H. Jones Graduate School of "
         "Management.", organisations=("University of California at Berkeley",
                                       "Jesse H. Jones Graduate School of Management")),
    Rule("runs", "a body's possessive parts it from what it owns", "Nancy Ho of Purdue University's Laboratory of "
         "Renewable Resources Engineering spoke.", people=("Nancy Ho",),
         organisations=("Purdue University", "Laboratory of Renewable Resources Engineering")),
    Rule("runs", "a titled person and a body joined by 'and' part", "Sen. Dick Lugar and Gleaners Food Bank of "
         "Indiana met.", people=("Dick Lugar",), not_names=("Sen. Dick Lugar and Gleaners Food Bank",)),
    Rule("runs", "two names joined by 'and' part when the second stands alone",
         "The House of Representatives and the Senate agreed.", organisations=("House of Representatives", "Senate")),
    # evidence and decision, in _decide's order
    Rule("decision", "a union named before the word 'union' keeps it; a trade union is its name",
         "Mark Serwotka, of the Public and Commercial Services union, spoke. The Usdaw trade union agreed.",
         people=("Mark Serwotka",), organisations=("Public and Commercial Services union", "Usdaw")),
    Rule("decision", "a body's head or secretary 'of' a name makes it a body, unless the text writes it in lower case",
         "Dave Prentis, general secretary of Unison, spoke. He is Head of Research and does research.",
         people=("Dave Prentis",), organisations=("Unison",), not_names=("Research",)),
    Rule("decision", "a US party's adjective before its people or plans is the party, not before other words",
         "My Republican colleagues and the Democratic candidates agreed. Republican government presupposes virtue.",
         organisations=("Republican", "Democratic")),
    Rule("runs", "after a given name, a month or 'Page' is a surname, unless a number follows",
         "Theresa May and David Page spoke in May. Tony May 2005 was a date.",
         people=("Theresa May", "David Page"), not_names=("May", "Tony May")),
    Rule("evidence", "after a given name, a country is a surname", "Rep. Jim Jordan spoke. He flew to Jordan.",
         people=("Jim Jordan",), not_names=("Jordan",)),
    Rule("decision", "a listed body's conference, manifesto or shadow after its name is the body",
         "At the Conservative Party Conference, Labour Shadow Chancellor Ed Ball spoke.",
         people=("Ed Ball",), organisations=("Conservative Party", "Labour"),
         not_names=("Conservative Party Conference", "Labour Shadow")),
    Rule("runs", "a body's word ends the body's name before a title inside a run",
         "They were backed by Metropolitan Police Commissioner Sir John Stevens.",
         people=("John Stevens",), organisations=("Metropolitan Police",)),
    Rule("runs", "a chamber of commerce, a rail company and an archive are bodies",
         "The British Chambers of Commerce, Network Rail and the National Archives agreed.",
         organisations=("British Chambers of Commerce", "Network Rail", "National Archives")),
    Rule("decision", "a listed body's members are the body: 'House Members'",
         "She joined other House Members in the vote.", organisations=("House",), not_names=("House Members",)),
    Rule("decision", "a town's government named as such is an organisation: 'City of X'",
         "The City of Fort Wayne will pay, and the Pacific Northwest National Laboratory will test it.",
         organisations=("City of Fort Wayne", "Pacific Northwest National Laboratory")),
    Rule("decision", "a title alone is no name", "The Chief Executive resigned.", not_names=("Chief Executive",)),
    Rule("decision", "in a text that sets ordinary words in capitals for weight, a word in capitals is no acronym",
         "The MEANS and the END, the LATTER and the FORMER, the POWER and the WILL. Their HOPE grew. The means, "
         "the end, the latter, the former, the power, the will.", not_names=("HOPE",)),
    Rule("decision", "words in capitals for emphasis are not acronyms",
         "The MEANS ought to be proportioned to the end. The means are many.", not_names=("MEANS",)),
    Rule("decision", "a listed organisation is an organisation", "Shares in Enron fell.", organisations=("Enron",)),
    Rule("runs", "a listed name that starts with 'The' keeps it", "He read it in The Times.",
         organisations=("The Times",)),
    Rule("decision", "a party is an organisation, however it is named",
         "The Lib Dems and the Tories attacked Labour.", organisations=("Lib Dems", "Tories", "Labour")),
    Rule("decision", "a country, a nationality or a place is not a name",
         "Britain and Sheffield welcomed the French visitors.", not_names=("Britain", "Sheffield", "French")),
    Rule("decision", "a building or a street is a place, even when it speaks",
         "Downing Street said the talks would go on.", not_names=("Downing Street",)),
    Rule("decision", "US state codes, party-seat tags and bill numbers are not names",
         "Senator Barack Obama (D-IL) of IL introduced S. 2697 in Washington, D.C.",
         people=("Barack Obama",), not_names=("D-IL", "IL", "S.", "D.C.")),
    Rule("decision", "acronyms of things are not organisations",
         "The PDF on WMD and PTSD was sent to NATO.", organisations=("NATO",), not_names=("PDF", "WMD", "PTSD")),
    Rule("decision", "a listed body's part, naming no person, is an organisation",
         "She moved from Enron Global Markets to Enron India.", organisations=("Enron Global Markets", "Enron India")),
    Rule("decision", "a chamber before a bill's name is the chamber: 'the Senate WRDA bill'",
         "It was in the Senate WRDA bill. The Parliament of Great Britain met.",
         organisations=("Senate", "Parliament of Great Britain"), not_names=("Senate WRDA",)),
    Rule("decision", "a listed body before an office stays an organisation: 'House Majority Leader'",
         "The plan was backed by House Majority Leader Steny Hoyer.", people=("Steny Hoyer",),
         organisations=("House",)),
    Rule("decision", "organisation words make an organisation: Inc, Bank of, Committee",
         "Acme Widgets Inc hired the Bank of England.", organisations=("Acme Widgets Inc", "Bank of England")),
    Rule("decision", "a party before a person's name is the party, and the person is a person",
         "Liberal Democrat David Laws and Labour MP Diane Abbott spoke.",
         people=("David Laws", "Diane Abbott"), organisations=("Liberal Democrat", "Labour")),
    Rule("decision", "a party before a post-nominal is the party, not a person: 'Tory MP'",
         "The Tory MP and a Labour MEP told the Commons.", organisations=("Tory", "Labour", "Commons")),
    Rule("decision", "a title before a name makes a person, and is left off",
         "Congressman Elijah Cummings met Sen. Dick Lugar.", people=("Elijah Cummings", "Dick Lugar")),
    Rule("decision", "a salutation word opens no name, and the name it greets is a person",
         "Hi Vince, the numbers are in.", people=("Vince",), not_names=("Hi Vince",)),
    Rule("decision", "a line of a name and a comma over a message, or of a given name under it, is a person",
         "Stinson,\n\nPlease call me.\n\nVince", people=("Stinson", "Vince")),
    Rule("evidence", "a middle initial without its full stop stays in the name", "cc: Vince J Kaminski/HOU/ECT@ECT",
         people=("Vince J Kaminski",), not_names=("HOU", "ECT")),
    Rule("evidence", "a generational suffix stays in the name as written", "Mayor Larry W. Bledsoe, Jr. thanked "
         "Martin Luther King Jr. Day volunteers.", people=("Larry W. Bledsoe, Jr.",), not_names=("Jr.",)),
    Rule("decision", "a job written after a person's name in a list is no part of it",
         "Team:\n  Julian Poole Lead\n  Mario Benitez Senior Analyst", people=("Julian Poole", "Mario Benitez"),
         not_names=("Julian Poole Lead", "Mario Benitez Senior Analyst")),
    Rule("evidence", "a regnal number after a given name is part of the name", "Troops of Charles II were few.",
         people=("Charles II",)),
    Rule("pass 2", "words the text also writes in lower case are no name",
         "The Legislative Authority is vested. The legislative authority shall meet.",
         not_names=("Legislative Authority",)),
    Rule("decision", "a place word makes a place: Fort, River, Street", "He flew to Fort Wayne.",
         not_names=("Fort Wayne",)),
    Rule("decision", "an event word makes an event", "After Hurricane Katrina the agency acted.",
         not_names=("Hurricane Katrina",)),
    Rule("decision", "a form's field is no name", "Resource Name: the trading desk", not_names=("Resource Name",)),
    Rule("decision", "a group of people named as such is not an organisation", "The Illinois Senators wrote.",
         not_names=("Illinois Senators",)),
    Rule("decision", "a rank or role before one word the text writes in lower case is no person",
         "General Introduction\n\nThe introduction is short. The Chief Magistrate is a magistrate. Mr Brown wore brown.",
         people=("Brown",), not_names=("Introduction", "Magistrate")),
    Rule("decision", "a role before a name makes a person", "They hired coach Glenn Hoddle.", people=("Glenn Hoddle",)),
    Rule("decision", "an acronym defined in brackets for a thing (a treaty, a programme, a facility) is no name",
         "Russia signed the Chemical Weapons Convention (CWC). The CWC binds it. A Future Leaders Exchange (FLEX) "
         "program student came.", not_names=("Chemical Weapons Convention", "CWC", "Future Leaders Exchange", "FLEX")),
    Rule("decision", "an acronym defined in brackets is an organisation, both forms",
         "Parents Against Child Sexual Exploitation (PACE) met.",
         organisations=("Parents Against Child Sexual Exploitation", "PACE")),
    Rule("decision", "where a text sets ordinary words in capitals for weight, ordinary words capitalised are no "
         "name, a body's name stays one",
         "The MEANS ought to be proportioned to the END. The LATTER and the FORMER agree. The WHOLE and the PARTS "
         "differ, as the means, the end, the latter, the former, the whole and the parts do. A FIRM Union needs "
         "the General Power, as the Council of Censors found.",
         organisations=("Council of Censors",), not_names=("FIRM Union", "General Power", "MEANS")),
    Rule("decision", "a company's suffix after a comma stays in its name; a street's short word makes a place",
         "Jim Smith\nManagement Recruiters of Portland, Inc.\n1 Main St\nThe PJM Interconnection L.L.C. wrote.",
         people=("Jim Smith",), organisations=("Management Recruiters of Portland, Inc", "PJM Interconnection L.L.C."),
         not_names=("Main St",)),
    Rule("decision", "an owner's possessive parts a body from what it owns when either is a body by its words",
         "He works for Stanford's Energy Modeling Forum.", organisations=("Energy Modeling Forum",),
         not_names=("Stanford's Energy Modeling Forum",)),
    Rule("decision", "two listed bodies side by side are two names", "He joined the GOP Senate leadership.",
         organisations=("GOP", "Senate"), not_names=("GOP Senate",)),
    Rule("decision", "a caucus is a body", "The Senate Hunger Caucus met.", organisations=("Senate Hunger Caucus",)),
    Rule("decision", "a committee named by a list of its fields is one organisation, commas and all",
         "He chaired the Senate Agriculture, Nutrition and Forestry Committee and sat on the Committee on Health, "
         "Education, Labor, and Pensions.",
         organisations=("Senate Agriculture, Nutrition and Forestry Committee",
                        "Committee on Health, Education, Labor, and Pensions"),
         not_names=("Senate Agriculture", "Nutrition and Forestry Committee", "Labor")),
    Rule("decision", "\"The\" and a run alone in quotation marks are a work's title, not a body",
         'He co-authored "The New Petroleum" in 1999.', not_names=("New Petroleum",)),
    Rule("decision", "a trust fund is an account, not a body", "Money from the Highway Trust Fund was cut.",
         not_names=("Highway Trust Fund",)),
    # pass 2 and folding
    Rule("pass 2", "a given name alone in running text is a person, unless the text writes it in lower case",
         "I spoke with Shirley this morning.\n\n> John,\n> the draft is fine.", people=("Shirley", "John")),
    Rule("pass 2", "... or uses it as a place somewhere, or it is a month",
         "Care at the Marion facility lapsed. Marion staff left on Jan 5.", not_names=("Marion", "Jan")),
    Rule("pass 2", "a lone word that opens a person's name found in full is that person, unless it is also an "
         "organisation's word", "Stinson Gibner wrote to Rice University. Vince and Stinson met Rice Alums.",
         people=("Stinson Gibner", "Stinson"), not_names=("Rice",)),
    Rule("pass 2", "two or three capitalised words without other evidence are a person, unless the first is an "
         "ordinary word and no given name", "The Global Markets book was checked by Gillian Boyer and Tom Keel.",
         people=("Gillian Boyer", "Tom Keel"), not_names=("Global Markets",)),
    Rule("pass 2", "a lone surname is the person named in full elsewhere",
         "Alan Shearer scored. Later Shearer missed.", people=("Alan Shearer",), not_names=("Shearer",)),
    Rule("pass 2", "a title alone, or a document's name, is no person",
         "The President signed the White Paper and the Terrorism Bill.",
         not_names=("President", "White Paper", "Terrorism Bill")),
    Rule("pass 2", "a person's name by its words alone, that the text also writes before a body's word, is "
         "that body's short form", "Care at the Walter Reed Army Medical Center lapsed. Problems at Walter Reed "
         "were known. Walter Smith said so.", people=("Walter Smith",), not_names=("Walter Reed",)),
    Rule("pass 2", "a short form folds into the full name", "Denis MacShane MP spoke. Mr MacShane left.",
         people=("Denis MacShane",), not_names=("MacShane",)),
]
