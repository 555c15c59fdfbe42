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
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from itertools import chain, compress
from operator import attrgetter
from pathlib import Path

from archive.dates import MONTH_ABBREVIATIONS, MONTHS

_DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Names:
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- word lists

@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Lower case, no accents, single spaces: the key for word-list look-ups."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")
    if " " in text or "\t" in text or "\n" in text or "\r" in text:
        return " ".join(text.split())
    return text


def _by_words(function):
    """Memoise a pure function of a run's words (and flags): the same names recur in a text and
    across texts, and each call would fold and look up every word again."""
    cached = lru_cache(maxsize=1 << 15)(function)

    @wraps(function)
    def lookup(words, *args):
        return cached(tuple(words), *args)
    return lookup


def _word_list(name: str, *, phrases: bool = True) -> frozenset[str]:
    """Entries of archive/data/NAME, folded; one phrase a line (or, phrases=False, one word a token)."""
    entries: set[str] = set()
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if phrases:
            entries.add(_fold(line))
        else:
            entries.update(_fold(line).split())
    return frozenset(entries)


COUNTRIES = _word_list("countries.txt")              # and continents, seas, large regions
PLACES = _word_list("places.txt")                    # cities, states, counties (teams in sports news)
KNOWN_ORGANISATIONS = _word_list("organisations.txt")
TEAMS = _word_list("teams.txt")                      # clubs and nicknames: organisations in sports news
NATIONALITIES = _word_list("nationalities.txt")      # also religions and languages
GIVEN_NAMES = _word_list("given_names.txt", phrases=False)
COMMON_WORDS = _word_list("common_words.txt", phrases=False)

# --------------------------------------------------------------------------- people

# Titles that stand before a person's name (capitalised, inside the run): "Mr", "President".
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "professor", "prof",
    "councillor", "cllr", "pc", "sgt", "sergeant", "inspector", "rev", "reverend", "judge",
    "senator", "sen", "rep", "representative", "president", "minister", "chancellor", "baroness",
    "baron", "premier", "governor", "gov", "mayor", "king", "queen", "prince", "princess", "pope",
    "cardinal", "archbishop", "bishop", "father", "sheikh", "sheik", "sultan", "emir", "general",
    "gen", "colonel", "col", "lt", "lieutenant", "captain", "capt", "maj", "admiral",
    "commander", "marshal", "detective", "superintendent", "constable", "commissioner",
    "ambassador", "envoy", "chairman", "chairwoman", "speaker", "coach", "ayatollah", "imam",
    "congressman", "congresswoman", "congressmen", "senators", "sens", "reps", "representatives", "member",
    "assemblyman", "assemblywoman", "councilman", "councilwoman", "delegate",
    "rabbi", "mullah", "justice", "secretary", "secretary-general", "vice-president",
    "count", "countess", "duke", "duchess", "brother", "sister", "deputy", "attorney-general",
    "chief", "prosecutor", "spokesman", "spokeswoman", "striker", "midfielder", "defender",
    "goalkeeper", "skipper", "manager", "chief executive", "president-elect", "leader",
}
# Words that may precede a title inside the run: "Prime Minister", "Foreign Secretary".
TITLE_MODIFIERS = {
    "prime", "foreign", "finance", "defence", "defense", "interior", "deputy", "vice", "acting",
    "former", "trade", "economy", "economics", "health", "education", "labour", "labor",
    "agriculture", "transport", "energy", "industry", "state", "attorney", "crown", "grand",
    "supreme", "high", "opposition", "party", "home", "environment", "sports", "culture",
    "information", "commerce", "treasury", "budget", "first", "chief", "assistant", "junior",
    "general", "senior", "justice", "security", "privatisation", "privatization", "economic",
    "development", "planning", "communications", "tourism", "fisheries", "social", "welfare",
    "police", "army", "navy", "air", "force", "team", "national", "club", "head", "world",
    "olympic", "european", "u.s.", "us", "un", "u.n.", "nato", "eu", "white", "house", "rear",
    "lieutenant", "brigadier", "major", "staff", "sergeant", "detective", "executive",
    "financial", "monetary", "managing", "technical", "sporting", "press", "public", "ranking",
}
POST_NOMINALS = {"mp", "mep", "msp", "qc", "kc", "obe", "mbe", "cbe", "jr", "jr.", "sr", "sr.", "phd", "iii", "ii"}
# Title words inside a capitalised run, and a few roles written with a capital before a name.
RUN_TITLES = PERSON_TITLES | {"ceo", "cfo", "md", "economist", "analyst", "democrat", "republican",
                              "co-premiers", "co-premier", "chairman", "director", "coach", "captain",
                              "trainer", "skipper", "spokesman", "spokeswoman", "dissident"}
# Lower-case words right before a name that make it a person: "coach Glenn Hoddle".
ROLE_BEFORE = {
    "mr", "mrs", "ms", "dr", "coach", "striker", "midfielder", "defender", "goalkeeper", "keeper",
    "captain", "skipper", "manager", "president", "leader", "minister", "secretary", "spokesman",
    "spokeswoman", "chairman", "chairwoman", "director", "executive", "analyst", "economist",
    "dealer", "trader", "premier", "chancellor", "king", "queen", "prince", "princess", "pope",
    "general", "colonel", "ambassador", "envoy", "judge", "lawyer", "attorney", "player",
    "champion", "rival", "compatriot", "team-mate", "teammate", "opponent", "driver", "rider",
    "novelist", "writer", "author", "actor", "actress", "singer", "dissident", "governor",
    "mayor", "senator", "candidate", "nominee", "challenger", "incumbent", "veteran", "son",
    "daughter", "wife", "husband", "brother", "sister", "father", "mother", "widow", "deputy",
    "officer", "commander", "chief", "official", "spokesperson", "negotiator", "mediator",
    "prosecutor", "professor", "editor", "correspondent", "reporter", "columnist", "poet",
    "playwright", "composer", "producer", "star", "batsman", "bowler", "spinner",
    "pitcher", "catcher", "outfielder", "infielder", "shortstop", "quarterback", "forward",
    "winger", "fullback", "full-back", "centre-back", "sweeper", "trainer", "jockey", "boxer",
    "fighter", "sprinter", "runner", "swimmer", "cyclist", "golfer", "seed", "holder",
    "world-record", "successor", "predecessor", "deputies", "aide", "adviser", "advisor",
    "counterpart", "cleric", "bishop", "cardinal", "archbishop", "rebel", "warlord",
    "businessman", "tycoon", "banker", "financier", "physicist", "scientist", "doctor",
    "nurse", "teacher", "student", "priest", "monk", "nun", "sheikh", "emir", "sultan",
    "president-elect", "premier-designate", "speaker", "chairperson", "commissioner",
    "newcomer", "youngster", "right-hander", "left-hander", "left-winger",
    "right-winger", "partner", "hitter", "starter", "reliever", "closer", "slugger",
    "rookie", "defenceman", "centre", "guard", "point", "lineman", "linebacker",
    "receiver", "kicker", "punter", "cornerback", "tailback", "halfback", "fly-half",
    "scrum-half", "lock", "prop", "hooker", "flanker", "no.8",
}
# Job titles that follow names in bylines and signatures: a role, not a person.
ROLE_WORDS = {
    "correspondent", "editor", "reporter", "secretary", "officer", "manager", "spokesperson",
    "spokesman", "spokeswoman", "clerk", "chairman", "chairwoman", "chairperson", "director",
    "executive", "hydrologist", "campaigner", "councillor", "member", "members", "staff", "writer",
    "coordinator", "co-ordinator", "campaigns", "head", "adviser", "advisor", "analyst",
    "consultant", "engineer", "assistant", "administrator", "controller", "operations",
}
# Words a person's name is followed by.
PERSON_AFTER = {"said", "says", "told", "added", "explained", "stressed", "insisted", "noted",
                "admitted", "argued", "warned", "wrote", "denied", "replied", "recalled",
                "who", "whose", "himself", "herself"}

# --------------------------------------------------------------------------- organisations

# Organisation words at the end of a name: "Acme Inc", "South Yorkshire Police".
ORG_WORDS = {
    "committee", "company", "council", "agency", "department", "ministry", "office", "police",
    "ltd", "ltd.", "limited", "plc", "llp", "llc", "inc", "inc.", "corp", "corp.", "co", "co.",
    "cos", "group", "association", "trust", "authority", "board", "commission", "university",
    "college", "bank", "party", "union", "service", "services", "institute", "institution",
    "foundation", "corporation", "society", "federation", "watch", "ledger", "times", "post",
    "herald", "gazette", "news", "parliament", "assembly", "court", "tribunal", "hospital",
    "school", "church", "club", "network", "alliance", "coalition", "partnership", "inquiry",
    "unit", "executive", "cabinet", "senate", "fund", "bureau", "administration", "airlines",
    "airline", "airways", "motors", "holdings", "holding", "industries", "systems", "technologies",
    "technology", "securities", "partners", "capital", "investments", "exchange", "army",
    "navy", "journal", "radio", "television", "tv", "newsroom", "newsdesk", "front", "movement",
    "organisation", "organization", "organisations", "organizations", "congress", "chamber",
    "brothers", "bros", "bros.", "steel", "oil", "petroleum", "energy", "telecom",
    "communications", "electric", "electronics", "chemical", "chemicals", "pharmaceuticals",
    "pharmaceutical", "insurance", "financial", "finance", "bancorp", "bancshares", "mining", "mines",
    "resources", "gold", "power", "force", "airport", "railways", "railway", "shipping",
    "lines", "motor", "foods", "brewery", "breweries", "stores", "media", "press", "publishing",
    "records", "studios", "pictures", "entertainment", "software", "computer", "computers",
    "semiconductor", "instruments", "laboratories", "labs", "products", "manufacturing",
    "construction", "development", "properties", "realty", "hotels", "resorts", "gmbh", "ag",
    "sa", "s.a.", "nv", "n.v.", "bv", "spa", "s.p.a.", "ab", "asa", "oy", "kk", "pty", "bhd",
    "tbk", "sdn", "plc.", "ltda", "srl", "guard", "forces", "command", "directorate",
    "secretariat", "commissariat", "confederation", "syndicate",
    "cooperative", "co-operative", "consortium", "conglomerate", "agencies", "academy",
    "observatory", "museum", "library", "orchestra", "opera", "theatre",
    "ballet", "magazine", "daily", "weekly", "tribune", "telegraph", "observer", "express",
    "mirror", "chronicle", "courier", "monitor", "review", "standard", "independent",
    "guardian", "star", "globe", "sun", "mail", "inquirer", "examiner", "dispatch",
    "bulletin", "register", "desk", "universities", "colleges", "rovers", "wanderers", "albion", "athletic", "hotspur",
    "orient", "palace", "villa", "argyle", "alexion", "fc", "f.c.", "afc", "cf", "sc", "sv",
    "ac", "bc", "rfc", "ccc", "xi", "quartet", "band", "ensemble", "choir", "squad", "brigade",
    "battalion", "regiment", "division", "corps", "militia", "guerrillas", "rebels",
}
# ...and only in sports news: "Manchester United", "Stoke City", "Notts County".
TEAM_WORDS = {"united", "city", "county", "town", "athletic", "rangers", "celtic", "forest",
              "harlequins", "wasps", "saracens", "blacks", "wallabies", "springboks", "lions"}
# Organisation words at the start of a name: "Bank of England", "Banco Santander", "FC Porto".
ORG_HEADS = {
    "bank", "banco", "banque", "banca", "ministry", "department", "university", "council",
    "house", "federation", "association", "union", "institute", "office", "board", "bureau",
    "chamber", "church", "college", "commission", "committee", "court", "party",
    "society", "academy", "agency", "army", "corps", "fund", "organisation", "organization",
    "school", "congress", "parliament", "assembly", "senate", "confederation", "federal",
    "central", "national", "royal", "state", "people's", "fc", "ac", "sc", "sv", "afc", "cf",
    "vfb", "vfl", "tsv", "real", "sporting", "dynamo", "dinamo", "spartak", "lokomotiv",
    "torpedo", "cska", "slavia", "sparta", "olympique", "borussia", "eintracht", "fortuna",
    "hansa", "racing", "atletico", "deportivo", "ofk", "nk", "hnk", "fk", "sk", "ks", "gks",
    "club", "radio", "air", "compagnie", "societe", "cie", "grupo", "groupe",
    "united", "sociedad", "internazionale", "olympiakos", "panathinaikos", "aek", "paok",
    "hapoel", "maccabi", "beitar", "partizan", "crvena", "red", "young", "grasshoppers",
    "standard", "legia", "widzew", "gornik", "zaglebie", "ferencvaros",
    "steaua", "rapid", "universitatea", "petrolul", "ujpest", "vasas", "honved", "dukla",
    "banik", "bohemians", "austria", "admira", "tirol", "sturm", "grazer", "lask", "anderlecht",
}
# Heads that do not make a two-word run an organisation on their own ("Red Star", "Union Jack").
_WEAK_HEADS = {"red", "young", "standard", "united", "central", "national", "federal", "state",
               "royal", "austria", "real", "air", "radio", "sporting", "racing", "house", "office",
               "union", "people's"}
# Institutions named "X of Y" as a whole: "Bank of England", "University of Texas".
INSTITUTION_HEADS = {
    "bank", "banco", "banque", "banca", "ministry", "department", "university", "council", "house",
    "federation", "association", "union", "institute", "office", "board", "bureau", "chamber",
    "church", "college", "commission", "committee", "court", "party", "society", "academy", "agency",
    "army", "corps", "fund", "organisation", "organization", "school", "congress", "parliament",
    "assembly", "senate", "confederation", "league", "nation", "friends", "daughters", "sons",
    "order", "movement", "front", "alliance", "coalition", "conference", "community", "centre",
    "center", "museum", "foundation", "trust", "authority", "secretariat", "directorate", "service",
    "subcommittee", "caucus",
}
# Words a company's name may end with, and stripped to find the name used alone ("Magna").
_COMPANY_SUFFIXES = {"ltd", "limited", "inc", "corp", "co", "plc", "llc", "ag", "sa", "nv", "gmbh", "spa",
                     "bhd", "tbk", "pty", "group", "holdings", "corporation", "company"}
_COMPANY_WORDS = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh", "spa", "bhd", "group",
                  "holdings", "holding", "corporation", "company", "limited", "international",
                  "industries", "cos", "bancorp", "bancshares", "&", "the"}
# Words after a name that make it an organisation: "Britain's Sun newspaper", "Acme shares".
ORG_AFTER = {"newspaper", "newspapers", "daily", "weekly", "magazine", "agency", "radio",
             "television", "shares", "stock", "subsidiary", "unit", "officials", "executives",
             "team", "club", "side", "fans", "supporters", "board", "chairman", "coach",
             "manager", "striker", "midfielder", "defender", "goalkeeper"}
# ...of which these follow a team in sports news, and a person elsewhere.
_SPORTS_ROLES = {"coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "chairman",
                 "team", "side", "fans", "supporters", "club"}
# Positions and jobs after a team's name: "Sunderland forward Niall Quinn".
_POSITIONS = {"forward", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "captain",
              "coach", "manager", "chairman", "fullback", "full-back", "player", "players", "pitcher",
              "batsman", "bowler", "skipper", "centre-back", "sweeper", "playmaker", "lock", "prop",
              "flanker", "hooker", "scrum-half", "fly-half", "number", "president", "director"}
# Lower-case nouns before an organisation's name: "the official newspaper Granma".
_ORG_BEFORE = {"newspaper", "daily", "weekly", "magazine", "agency", "firm", "company", "carrier",
               "airline", "broadcaster", "network", "operator", "maker", "manufacturer", "publisher",
               "producer", "retailer", "insurer", "lender", "brokerage", "conglomerate", "group",
               "subsidiary", "unit", "bank", "club", "party", "organisation", "organization",
               "movement", "consortium", "utility", "exporter", "importer", "distributor", "supplier",
               "automaker", "carmaker", "chipmaker", "refiner", "miner", "developer", "builder",
               "channel", "station", "tabloid", "monthly", "journal"}
# Words after a market's name: "the Dow Jones industrial average" names an index, not a company.
_INDEX_WORDS = {"industrial", "composite", "index", "average", "futures", "market", "close", "latest",
                "opening", "contract", "contracts", "stock", "100", "share"}

# --------------------------------------------------------------------------- places and things

# Words that make a capitalised run a place, not a person ("River Calder", "Mill Lane").
PLACE_WORDS = {
    "river", "brook", "lake", "valley", "street", "road", "lane", "hill", "bridge", "park",
    "square", "county", "city", "town", "village", "north", "south", "east", "west", "avenue",
    "moor", "dale", "reservoir", "station", "airport", "island", "islands", "kingdom", "states",
    "mountains", "mountain", "mount", "mt", "lakes", "sea", "ocean", "bay", "gulf", "strait", "straits",
    "coast", "peninsula", "province", "region", "district", "republic", "desert", "plain",
    "canal", "harbour", "harbor", "port", "beach", "falls", "heights", "way", "row", "quay",
    "yard", "close", "crescent", "terrace", "place", "drive", "gardens", "weir", "ward",
    "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater",
    "stadium", "arena", "course", "circuit", "ground", "field", "oval", "centre", "fort", "camp",
}
# Place words that are also surnames after a given name: "Anthony Hill", "Trevor Marsh".
_SURNAME_PLACE_WORDS = {"hill", "park", "field", "lake", "wood", "dale", "moor", "brook", "lane", "ward",
                        "bridge", "bridges", "mount", "ford", "mills", "castle", "hall", "way", "street",
                        "close", "place", "bay", "cross", "gardens", "coast", "town", "marsh"}
# "the town of Bou Haroun": the name after "of" is a place.
_PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "island", "port",
                "capital", "suburb", "area", "county", "republic", "enclave", "valley", "river"}
# Lower-case words after a name that make it a venue, not a person: "Charles de Gaulle airport".
_VENUE_AFTER = {"airport", "stadium", "street", "road", "avenue", "square", "bridge", "station", "port",
                "harbour", "hospital", "prison", "park", "arena", "hotel", "highway", "motorway",
                "building", "palace", "hall", "theatre", "museum", "cathedral", "church", "mosque"}
# Lower-case words after a name that make it a venue, an event or a thing, not a person.
NOT_PERSON_AFTER = {
    "stadium", "final", "finals", "tournament", "series", "cup", "race", "championship",
    "championships", "meeting", "trophy", "open", "rally", "games", "derby", "circuit", "arena",
    "airport", "hotel", "street", "road", "river", "province", "region", "district", "area",
    "market", "index", "average", "bonds", "bond", "futures", "prices", "shares", "grand",
    "flight", "recovery", "symposium", "conference", "summit", "talks", "accord", "plan",
    "palace", "square", "hospital", "prison", "camp", "valley", "island", "border", "era",
    "newspaper", "daily", "weekly", "magazine", "agency", "radio", "television", "group",
    "port", "harbour", "park", "lake", "mountains", "station", "motorway", "highway", "bridge",
    "building", "headquarters", "base", "complex", "centre", "center", "stakes", "handicap",
    "party", "movement", "company", "firm", "bank", "government",
}
# Capitalised words that make a run an event, a title or a thing: "World Cup", "U.S. Open".
MISC_WORDS = {
    "cup", "open", "championship", "championships", "olympics", "olympic", "games", "prix",
    "series", "trophy", "award", "awards", "prize", "war", "festival", "day", "treaty", "accord",
    "accords", "act", "summit", "tour", "classic", "masters", "marathon", "grand",
    "derby", "stakes", "handicap", "plate", "bowl", "medal", "chronicles", "index", "indexes",
    "christmas", "easter", "ramadan", "eid", "new year", "internet", "web", "euro", "euros",
    "ecu", "dollar", "yen", "franc", "francs", "lira", "peso", "rand",
    "rouble", "ruble", "sterling", "pound", "pounds", "rupee", "rupees", "dinar", "shekel",
    "zloty", "koruna", "forint", "schilling", "guilder", "guilders", "krona",
    "krone", "baht", "ringgit", "rupiah", "yuan", "renminbi", "escudo", "peseta",
    "pesetas", "drachma", "tolar", "kuna", "litas", "lats", "hryvna",
    "league", "conference", "constitution", "declaration", "charter", "convention",
    "agreement", "protocol", "programme", "initiative",
    "doctrine", "revolution", "uprising", "crisis", "affair", "scandal",
    "century", "dynasty", "empire", "boeing-747", "jumbo", "concorde",
    "formula", "division", "premiership", "serie", "bundesliga", "primera",
    "liga", "ligue", "eredivisie", "superleague", "universiade", "paralympics", "slam",
    "hurricane", "tornado",
}

# --------------------------------------------------------------------------- words that are not names

# Capitalised words that are never part of a name, wherever they stand.
STOP_CAPS = {
    "dear", "yours", "sincerely", "faithfully", "regards", "i", "i'm", "i'd", "i'll", "i've",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "ends", "re", "subject", "cc", "tel", "email", "e-mail", "fax", "phone", "enc", "ref", "page",
    "hi", "hello", "hey", "pursuant",  # salutations ("Hi Vince"), a legal opener
    "contact", "contacts",  # a release's press contact line ("CONTACT Obama Press Office")
} | set(MONTHS) | (set(MONTH_ABBREVIATIONS) - {"jan", "mar"})
# Words that open letters, releases and headings: never the first word of a name.
NOT_NAME_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "we", "our", "you",
    "your", "he", "she", "they", "their", "his", "her", "in", "on", "at", "to", "for", "from",
    "by", "with", "as", "of", "and", "or", "but", "if", "when", "while", "after", "before",
    "dear", "yours", "sincerely", "faithfully", "regards", "best", "kind", "thank", "thanks",
    "press", "release", "news", "notes", "editors", "note", "immediate", "published",
    "embargoed", "until", "re", "subject", "ends", "today", "yesterday", "tomorrow", "chair",
    "chief", "director", "there", "here", "however", "also", "all", "some", "many", "most", "no",
    "not", "one", "two", "new", "mp", "page", "tel", "email", "phone", "fax", "cc", "enc",
    "attachment", "sent", "ref", "what", "who", "why", "how", "where", "head", "follow", "add",
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "men", "women", "men's", "women's", "boys", "girls", "mixed", "doubles", "singles", "company",
    "scorers", "scorer", "postponed", "attendance", "standings", "results", "result",
    "halftime", "half-time", "full-time", "fulltime",
}
# Sentence openers that never start a name, even a listed one: "But Deportivo", "When the All Blacks".
FUNCTION_WORDS = {
    "a", "an", "the", "and", "but", "or", "nor", "so", "yet", "if", "when", "while", "whereas",
    "although", "though", "because", "since", "as", "after", "before", "until", "unless", "once",
    "in", "on", "at", "by", "for", "from", "with", "without", "to", "into", "of", "off", "over",
    "under", "between", "among", "against", "during", "through", "about", "above", "below",
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my",
    "your", "this", "that", "these", "those", "there", "here", "then", "now", "also", "however",
    "meanwhile", "still", "only", "even", "just", "both", "all", "some", "many", "most", "each",
    "every", "no", "not", "neither", "either", "what", "which", "who", "whom", "whose", "where",
    "why", "how", "yes", "thus", "hence", "instead", "indeed", "perhaps", "afterwards", "later",
    "earlier", "today", "yesterday", "tomorrow", "last", "next", "despite", "like", "unlike",
    "near", "including", "following", "according", "dear", "yours",
}
# Non-name acronyms and abbreviations written in capitals in running text.
ACRONYM_STOP = {
    "ceo", "cfo", "coo", "ipo", "gdp", "gnp", "cpi", "ppi", "pct", "tv", "aids", "hiv", "ok",
    "eps", "pm", "am", "gmt", "est", "edt", "cet", "bst", "vat", "cd", "cds", "fm", "era",
    "rbi", "rbis", "hr", "ip", "er", "bb", "so", "nb", "ps", "pps", "re", "fyi", "asap", "usd",
    "dm", "dem", "jpy", "gbp", "chf", "frf", "itl", "esp", "nlg", "bef", "sek", "nok", "dkk",
    "fim", "ats", "xeu", "ecu", "bln", "mln", "mn", "bn", "pts", "gb", "w", "l", "d", "t",
    "mph", "kph", "km", "kg", "mw", "kw", "bpd", "bbl", "bbls", "cif", "fob", "c&f", "lme",
    "otc", "ytd", "yr", "yrs", "qtr", "q1", "q2", "q3", "q4", "h1", "h2", "fy", "no", "nos",
    "i", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "dna", "sa", "ltd",
    "inc", "plc", "ag", "nv", "co", "corp", "lbw", "st", "rd", "nd", "th", "ko", "tko",
    "mvp", "nba", "pga", "ufo", "sos", "vip", "pc", "pcs", "cd-rom", "rom", "ram", "cpu",
    "lcd", "gm", "ad", "bc", "ce", "bce", "etc", "ie", "eg", "vs", "v", "hk", "mr", "mrs",
    "dr", "ends", "eds", "ed", "note", "nyse", "nasdaq", "amex", "ftse", "dax", "cac", "djia",
    "s&p", "msci", "libor", "pibor", "fibor", "mibor", "repo", "repos", "fx", "nz", "rp",
    "lbs", "lb", "oz", "ft", "yd", "yds", "min", "max", "approx", "avg", "tel", "fax",
    "uk", "us", "usa", "uae", "ussr", "eec", "ec", "un", "caps",
    # acronyms of things, not organisations
    "pdf", "wmd", "wmds", "icbm", "icbms", "ptsd", "mba", "vp", "svp", "evp", "id", "ids", "lng", "var",
    "faq", "html", "url", "www", "rfs", "tarp", "afgp", "ppt", "xls", "doc", "asap", "fyi", "eta",
    "s", "h.r", "h.res", "hres", "s.res",  # bill numbers: "S. 2697", "H.R. 31"
}
# US states and the capital as postal codes, in releases and addresses: places, never names.
US_STATE_CODES = {
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks",
    "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny",
    "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv",
    "wi", "wy", "dc", "d.c.", "d.c", "pr",
}
# A legislator's party and seat: "D-IL", "R-IN", "MD-07".
_PARTY_SEAT = re.compile(r"^(?:[dri]-[a-z]{2}|[a-z]{2}-\d{1,2})$")

# --------------------------------------------------------------------------- joining words

CONNECTORS = {"of", "for", "and", "the", "on", "&"}
# Lower-case particles inside names: "Aravinda de Silva", "Bank of England", "Todd van Poppel".
NAME_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du",
                  "des", "dos", "das", "do", "ter", "bin", "ibn", "al", "el", "y", "zu", "dello", "degli",
                  "dei", "d'", "wa"}
JOINERS = NAME_PARTICLES | {"of", "for", "&", "the", "and"}
# The words Title Case leaves in lower case.
_TITLE_CASE_SMALL = {"a", "an", "the", "and", "or", "but", "nor", "of", "for", "to", "in", "on", "at", "by",
                     "with", "from", "as", "into", "over", "vs", "v"}
# Bodies named for what they are on: "the Committee on Oversight and Government Reform".
_HEADS_ON = {"committee", "subcommittee", "commission", "council", "caucus", "conference", "panel", "board",
             "task", "force", "taskforce"}
_SMALL_WORDS = JOINERS | {"v", "vs", "a", "an", "to", "in", "on", "at", "by", "with", "from"}
_QUOTES = {'"', "'", "`", "``", "''", "“", "”", "‘", "’"}

# --------------------------------------------------------------------------- sports news

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

# --------------------------------------------------------------------------- patterns

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
# What every acronym definition holds: a cheap test before the long pattern above.
_ACRONYM_IN_BRACKETS = re.compile(r"\([A-Z]{2,10}\)")
_DATE_LIKE = re.compile(r"^\d{4}-\d\d-\d\d$")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|an|as|ash|at|az|bin|ibn|abu|abd)-[A-Z]")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_SCORE_PAIR = re.compile(r"^\d{1,3}-\d{1,3}$")
_BOWLING_FIGURES = re.compile(r"^\d+(?:\.\d)?-\d+-\d+-\d+$")
_INITIAL_JOINED = re.compile(r"^[A-Z]\.[A-Z][a-z]")  # "T.O'Gorman"
# A capital inside a surname: "McGrath", "O'Neill", "DeVito", "Smith-Jones".
_INNER_CAPITAL_OK = re.compile(r"^(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von|St|Fitz|Al-|El-|[A-Z][a-z]+-)[A-Z]")
_SENTENCE_END = set(".!?:;")
_CLOSERS = {'"', "'", "`", "``", "''", "“", "”", "‘", "’", ")", "]"}
_OPENERS = set("\"'`“‘(-–—[*•|>")

# --------------------------------------------------------------------------- combined word lists

def _listed(key: str) -> bool:
    return key in KNOWN_ORGANISATIONS or key in COUNTRIES or key in PLACES or key in TEAMS


# Unions the rules test together, made once rather than at each test.
_NOT_PERSON_WORDS = frozenset(NOT_NAME_WORDS | STOP_CAPS | ROLE_WORDS | NATIONALITIES | COUNTRIES | ORG_WORDS)
_INSTITUTION_OR_ORG_WORDS = frozenset(INSTITUTION_HEADS | ORG_WORDS)
_TITLES_OR_MODIFIERS = frozenset(RUN_TITLES | TITLE_MODIFIERS)
_TITLE_WORDS = frozenset(PERSON_TITLES | TITLE_MODIFIERS | ROLE_WORDS)  # "Chief Executive", "Managing Director"
_TITLES_OR_ROLES = frozenset(PERSON_TITLES | ROLE_WORDS)

# --------------------------------------------------------------------------- tokens

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
        self.possessive = len(text) > 3 and text[-2:] in ("'s", "’s", "'S")  # as _without_possessive
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
            or key in ("ceo", "cfo"))
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
    if len(word) > 3 and word[-2:] in ("'s", "’s", "'S"):
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


# --------------------------------------------------------------------------- the document

_TEXT = attrgetter("text")
_LOWER = attrgetter("lower")
_CASE = attrgetter("case")
_MAY_OPEN_RUN = attrgetter("may_open_run")
_LOWER_KEY = attrgetter("lower_key")
_MID_CAPITAL_KEY = attrgetter("mid_capital_key")
_MAY_SPLIT_RUN = attrgetter("may_split_run")


class _Document:
    """Per-document evidence: which words the text writes in lower case, which capitalised."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Each line: its tokens, its kind (see _line_kind), where it starts in the text, its text.
        self.lines: list[tuple[list[_Token], str, int, str]] = []
        offset = 0
        running: list[list[_Token]] = []  # the tokens of the lines of running text ("text")
        others: list[list[_Token]] = []
        for line in text.split("\n"):
            tokens = _tokens(line)
            kind = _line_kind(tokens)
            self.lines.append((tokens, kind, offset, line))
            offset += len(line) + 1
            (running if kind == "text" else others).append(tokens)
        # The text's distinct tokens (shared objects: see _Token), each token put in a set once.
        in_running_text = set(chain.from_iterable(running))
        seen = in_running_text.union(chain.from_iterable(others))
        self.lower_seen = set(map(_LOWER_KEY, seen))
        self.lower_seen.discard(None)
        self.mid_capital = set(map(_MID_CAPITAL_KEY, in_running_text))
        self.mid_capital.discard(None)
        # How often each word in capitals stands in running text: an acronym recurs, a word set in
        # capitals for emphasis ("the MEANS ought to be proportioned to the END") mostly does not.
        self.upper_counts = Counter(token.key for token in chain.from_iterable(running) if token.case == _UPPER_WORD)
        first = next((line for _, _, _, line in self.lines if line.strip()), "")
        self.sports = _is_sports(first)
        self.team_sport = self.sports and _is_sports(first, TEAM_SPORTS)
        self.press_digest = "press digest" in first.lower()

    def common(self, token: _Token) -> bool:
        """A capitalised word that is an ordinary word here (checked at sentence starts)."""
        key = token.key
        if key in STOP_CAPS:
            return True
        if not token.initial:
            return False
        if key in COMMON_WORDS or key in NOT_NAME_WORDS:
            return True
        return key in self.lower_seen and key not in self.mid_capital


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


def _line_kind(tokens: list[_Token]) -> str:
    """"caps" (a headline or dateline in capitals), "title" (Title Case, no lower-case word),
    "none" (nothing capitalised), or "text"."""
    cases = list(map(_CASE, tokens))
    upper = cases.count(_UPPER_WORD)
    cap = cases.count(_CAPITALISED)
    lower = cases.count(_LOWER_WORD)
    words = upper + cap + lower
    if not upper and not cap:
        return "none"  # nothing capitalised: no candidate on this line
    if upper and upper >= 0.6 * words and not (upper == 1 and cap + lower >= 1 and len(tokens) > 3):
        return "caps"
    if cap >= 3 and (lower == 0 or (cap >= 2 * lower and all(
            t.text in _TITLE_CASE_SMALL for t, case in zip(tokens, cases) if case == _LOWER_WORD))):
        return "title"  # "Obama Calls for Increased Funding for Veterans"
    return "text"


# --------------------------------------------------------------------------- runs and words

def _runs(tokens: list[_Token]) -> list[tuple[int, int]]:
    """[start, end) token ranges of capitalised runs (particles inside, not at the ends)."""
    runs: list[tuple[int, int]] = []
    n = len(tokens)
    end = 0
    for i in compress(range(n), map(_MAY_OPEN_RUN, tokens)):
        if i < end:
            continue
        if not tokens[i].name and not (i + 1 < n and tokens[i + 1].kind == CAP and (i == 0 or not tokens[i - 1].name)):
            continue  # a particle opens a name only before a capitalised word: "de Silva"
        j = i + 1
        while j < n and not (tokens[j - 1].possessive and not tokens[j].continues_possessive):
            u = tokens[j]
            if u.name:
                j += 1
                continue
            if u.joiner or (u.text == "on" and tokens[j - 1].key in _HEADS_ON):
                k = j + 1  # "van der Westhuizen", "Speaker of the House", "Committee on Finance"
                while k < n and k - j < 3 and tokens[k].joiner:
                    k += 1
                if k < n and tokens[k].name:
                    j = k + 1
                    continue
            break
        runs.append((i, j))
        end = j
    return runs


@_by_words
def _split_title(words: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """Drop leading titles and trailing post-nominals; say whether a title marked a person."""
    titled = False
    end = 0
    for position, word in enumerate(words):
        key = _bare(word)
        if key in PERSON_TITLES or _hyphen_title(key):
            end = position + 1
        elif key in TITLE_MODIFIERS or key in NATIONALITIES or key in COUNTRIES:
            continue
        else:
            break
    if end and end < len(words):
        words, titled = words[end:], True
    elif end and end == len(words):
        return True, ()
    while words and _bare(words[-1]) in POST_NOMINALS:
        words, titled = words[:-1], True
    return titled, words


@_by_words
def _org_by_words(words: tuple[str, ...], sports: bool) -> bool:
    """An organisation by its own words: "... Inc", "Bank of ...", "... United" (sports)."""
    if not words:
        return False
    last = _bare(words[-1])
    if len(words) > 1 and last in ORG_WORDS:
        return True
    if sports and len(words) > 1 and (last in TEAM_WORDS or _key(words[-1:]) in TEAMS or _key(words[-2:]) in TEAMS):
        return True
    if len(words) > 1 and last in TEAMS and last[-1:] == "s":
        return True  # "Texas Rangers", "New York Yankees", in any text
    if len(words) > 1 and _bare(words[0]) in ORG_HEADS and _bare(words[0]) not in _WEAK_HEADS:
        return True
    lowered = [w.lower() for w in words]
    for joiner in ("of", "for", "on"):
        if joiner in lowered:
            head = lowered.index(joiner)
            if head and _bare(words[head - 1]) in _INSTITUTION_OR_ORG_WORDS:
                return True
    return False


def _initial_word(word: str) -> bool:
    """"M.", "J.J.", "T.": initials before a surname (not "U.S." or "U.N.")."""
    core = word.replace(".", "")
    return (word.endswith(".") and 1 <= len(core) <= 3 and core.isalpha() and core.isupper()
            and (len(core) == 1 or not _listed(_fold(word))))


@_by_words
def _looks_like_person(words: tuple[str, ...]) -> bool:
    """Given name first, or initials: "Alan Shearer", "M. Waugh", "J.J. Kenny"."""
    if not words or len(words) > 4:
        return False
    first = words[0]
    # After a given name, "Hill" and "Finn" are surnames: place and nationality words are allowed.
    rest = [w for w in words[1:] if _bare(w) not in NATIONALITIES and _bare(w) not in PLACE_WORDS]
    if len(words) >= 2 and (_fold(first) in GIVEN_NAMES or _initial_word(first)) and (
            not rest or _person_words_ok(rest)):
        return True
    if len(words) == 1 and _INITIAL_JOINED.match(first):  # "T.O'Gorman"
        return True
    return False


def _institution_of(lowered: list[str], words: list[str]) -> bool:
    """The words so far hold an institution's head and what it is of or on: "Committee on Oversight"."""
    return any(word in ("on", "of", "for") and position > 0 and _bare(words[position - 1]) in INSTITUTION_HEADS
               for position, word in enumerate(lowered))


def _place_like(words: list[str]) -> bool:
    """"River Calder", "Mill Lane", "North Yorkshire"."""
    return not PLACE_WORDS.isdisjoint(map(_bare, words))


def _misc_like(words: list[str]) -> bool:
    """An event, a currency or a nationality-led phrase: "World Cup", "German Foreign Ministry"."""
    return not MISC_WORDS.isdisjoint(map(_bare, words)) or _bare(words[0]) in NATIONALITIES


def _is_role(words: list[str]) -> bool:
    return not ROLE_WORDS.isdisjoint(map(_bare, words))


def _odd_capitals(word: str) -> bool:
    """"GDRs", "PMI", "NATO": not a part of a person's name ("McGrath", "MacShane" are)."""
    if _initial_word(word):
        return False
    if word.isupper() and len(word) > 1:
        return True
    inner = sum(ch.isupper() for ch in word[1:])
    return inner >= 2 or (inner == 1 and not _INNER_CAPITAL_OK.match(word))


@lru_cache(maxsize=1 << 16)
def _not_in_persons_name(word: str) -> bool:
    """A word that cannot be part of a person's name: a role, a country, an organisation word..."""
    return not _initial_word(word) and (_bare(word) in _NOT_PERSON_WORDS
                                        or (_odd_capitals(word) and word.lower() not in NAME_PARTICLES))


def _person_words_ok(words: list[str]) -> bool:
    """No word that cannot be part of a person's name (roles, countries, organisation words...)."""
    return bool(words) and not any(map(_not_in_persons_name, words))


class _RunWords:
    """What the words of a run say on their own, without the words around them: each of the tests
    _decide makes of a run's words, in the order it makes them. Worked out once per distinct run
    (see _run_words): most runs are names met before, in the same text or an earlier one, and half
    of all runs pass every test undecided."""
    __slots__ = ("a_title", "acronym_stop", "ampersand", "city", "country_or_nationality", "dropped_outside_sports",
                 "key", "known_organisation", "long_upper", "lone_organisation_word", "looks_like_person",
                 "misc_or_role", "misc_like", "nationality_first", "nationality_place", "org_by_words", "person",
                 "person_words_ok", "place", "place_like", "place_team", "single_upper", "team", "titled",
                 "titled_person", "title_rest")

    def __init__(self, words: tuple[str, ...]) -> None:
        key = self.key = _key(words)
        bare = [_bare(word) for word in words]
        single_upper = self.single_upper = len(words) == 1 and words[0].isupper() and len(words[0]) > 1
        self.a_title = _TITLE_WORDS.issuperset(bare) and not _TITLES_OR_ROLES.isdisjoint(bare)  # "Chief Executive"
        self.known_organisation = key in KNOWN_ORGANISATIONS and not (
            len(words) == 1 and len(key) <= 3 and not single_upper and key != "fed")
        self.team = key in TEAMS
        self.country_or_nationality = key in COUNTRIES or key in NATIONALITIES
        self.place = key in PLACES
        self.nationality_place = len(words) > 1 and (_key(words[-2:]) in COUNTRIES or _key(words[-2:]) in PLACES) \
            and (bare[0] in NATIONALITIES or bare[0] in PLACE_WORDS)  # "Jewish West Bank"
        no_dots = key.replace(".", "")
        self.acronym_stop = (key in ACRONYM_STOP or no_dots in ACRONYM_STOP or key in COMMON_WORDS
                             or key in FUNCTION_WORDS or key in US_STATE_CODES or bool(_PARTY_SEAT.match(key)))
        self.long_upper = len(key) > 5 or key in SPORTS  # "DIGEST", "EUROBONDS"
        self.person_words_ok = _person_words_ok(words)
        self.looks_like_person = _looks_like_person(words)
        self.misc_like = _misc_like(words)
        self.city = len(words) > 1 and bare[-1] in ("city", "county", "town")  # "Atlantic City"
        self.place_team = (len(words) == 2 and bare[-1] in PLACES and bare[0] not in GIVEN_NAMES
                           and words[0] not in PLACE_WORDS)  # "Rotor Volgograd"
        self.ampersand = "&" in words and len(words) > 2  # "Procter & Gamble"
        self.org_by_words = (_org_by_words(words, False), _org_by_words(words, True))  # by doc.team_sport
        self.lone_organisation_word = len(words) == 1 and bare[0] in ORG_WORDS
        self.titled, rest = _split_title(words)  # "Mr MacShane", "Denis MacShane MP"
        self.titled_person = bool(rest and _person_words_ok(rest) and len(rest) <= 4 and not _place_like(rest)
                                  and not _listed(_key(rest)) and not _misc_like(rest))
        self.title_rest = rest
        self.place_like = _place_like(words)
        self.person = self.looks_like_person and (not self.place_like or (
            len(words) == 2 and bare[-1] in _SURNAME_PLACE_WORDS))
        self.misc_or_role = self.misc_like or _is_role(words)
        self.nationality_first = bare[0] in NATIONALITIES and len(words) > 1
        # _decide's drops that no rule on the words around comes before, in a text that is not sports
        # news (no team, table or scorecard rules; "ISSUER:" and the venue rule drop too).
        self.dropped_outside_sports = self.a_title or not self.known_organisation and (
            self.country_or_nationality or self.place or self.nationality_place or self.city
            or (single_upper and (self.acronym_stop or self.long_upper))
            or not (self.org_by_words[False] or self.ampersand) and (
                self.lone_organisation_word or (self.titled and not self.titled_person)
                or not self.titled and not self.person and (
                    self.place_like or (self.misc_or_role and not self.nationality_first))))


@lru_cache(maxsize=1 << 15)
def _run_words(words: tuple[str, ...]) -> _RunWords:
    return _RunWords(words)


def _dropped_alone(token: _Token) -> bool:
    """A run of this one token, outside sports news, is dropped whatever the words around it (a
    third of all runs: countries, places, nationalities, acronyms such as "GDP")."""
    dropped = token.alone_dropped
    if dropped is None:
        # The words _decide reads: a run of one token keeps its word or loses it (_strip_leading).
        dropped = token.alone_dropped = _run_words((_without_possessive(token.text),)).dropped_outside_sports
    return dropped


# --------------------------------------------------------------------------- the extractor

@dataclass(slots=True)
class _Candidate:
    """A possible name while it is being decided (kept afterwards as a tuple: see _keep)."""
    words: list[str]
    kind: str | None           # "person", "organisation", None (undecided)
    strength: int = 0           # 2 strong evidence, 1 weak, 0 none
    line_kind: str = "text"
    table: bool = False
    initial: bool = False
    hints: set[str] = field(default_factory=set)


class _Extractor:
    """Reads one text: candidates line by line (pass 1), then decides the undecided (pass 2)."""

    def __init__(self, text: str) -> None:
        self.doc = _Document(text)
        # Candidates kept as plain tuples (words, kind, strength, line kind, table, initial, hints):
        # a long text makes many, and tuples of strings cost the garbage collector nothing.
        self.candidates: list[tuple] = []
        self.defined: list[tuple[int, int]] = []  # spans of acronym long forms, in text order
        self._defined_starts: list[int] = []
        self._quotes_in_line = False  # the line being read holds a quotation mark (else nothing is _quoted)

    # ---------------------------------------------------------------- pass 1

    def run(self) -> Names:
        early = self._acronym_definitions()
        for tokens, line_kind, offset, line in self.doc.lines:
            if line_kind != "none":
                self._line(tokens, line_kind, offset, line)
        return self._resolve(early)

    def _acronym_definitions(self) -> list[tuple[str, str]]:
        """"Parents Against Child Sexual Exploitation (PACE)": both forms are organisations."""
        early: list[tuple[str, str]] = []
        if not _ACRONYM_IN_BRACKETS.search(self.doc.text):
            return early
        for match in _ACRONYM_DEFINITION.finditer(self.doc.text):
            words = match["long"].split()
            while words and (words[0].lower() in CONNECTORS or _bare(words[0]) in NOT_NAME_WORDS
                             or _bare(words[0]) in STOP_CAPS):
                words = words[1:]
            short = match["short"]
            starts = [i for i, w in enumerate(words) if w[0] == short[0]
                      and sum(1 for x in words[i:] if x[0].isupper()) <= len(short) + 1]
            if starts:
                words = words[starts[0]:]
            if len(words) < 2 or _listed(_key(words)) or _fold(short) in FUNCTION_WORDS | COMMON_WORDS:
                continue
            if len(words) < 3 and not _org_by_words(words, False):
                continue  # "Intelligent Network (IN)": a thing, not an organisation
            # The letters of the acronym start words of the long form: "World Boxing Council (WBC)".
            initials = [w[0].upper() for w in words]
            if short[0] not in initials[:2] or short[-1] not in initials + [words[-1][-1].upper()]:
                continue
            if _looks_like_person(words) and not _org_by_words(words, False):
                continue
            early.append(("organisation", " ".join(words)))
            early.append(("organisation", match["short"]))
            self.defined.append(match.span("long"))
            self._defined_starts.append(match.start("long"))
        return early

    def _line(self, tokens: list[_Token], line_kind: str, offset: int, line: str) -> None:
        """The candidates of one line (which starts at offset in the text)."""
        doc = self.doc
        if line_kind == "caps":
            if doc.sports and self._table_line(tokens):
                self._caps_table(tokens)
            elif doc.press_digest and self._digest_title(tokens):
                words = [t.text for t in tokens if t.kind != PUNCT]
                self._keep(_Candidate(words, "organisation", 2, line_kind))
            return
        # A dateline: "MILWAUKEE, Wisconsin 1996-08-29" on its own line, or in capitals at the start of
        # a line: "LEEDS, 12 May 2010 -", "LONDON 1996-08-30".
        if len(tokens) <= 8 and _DATE_LIKE.match(tokens[-1].text):
            return
        start = 0
        while start < len(tokens) and tokens[start].kind == UPPER and tokens[start].key not in KNOWN_ORGANISATIONS:
            start += 1
        starts = _token_starts(line, offset, tokens) if self._overlaps_definition(offset, offset + len(line)) else []
        if start and start < len(tokens) and (tokens[start].text == "," or _DATE_LIKE.match(tokens[start].text)):
            tokens, starts = tokens[start:], starts[start:]
        table = doc.sports and self._table_line(tokens)
        comma_list = doc.sports and self._comma_list(tokens)
        self._quotes_in_line = not _QUOTES.isdisjoint(map(_TEXT, tokens))
        for begin, end in _runs(tokens):
            if end - begin == 1 and not doc.team_sport and (
                    tokens[begin].never_alone or (not doc.sports and _dropped_alone(tokens[begin]))):
                continue  # "The", "He", "US", "London": what _classify_run would drop, without the work
            if starts and self._inside_definition(starts[begin]):
                continue
            self._classify_run(tokens, begin, end, line_kind, table, comma_list)

    def _keep(self, c: _Candidate) -> None:
        """Store a candidate as a tuple of strings, booleans and numbers (cheap for the garbage collector)."""
        self.candidates.append((tuple(c.words), c.kind, c.strength, c.line_kind, c.table, c.initial,
                                tuple(c.hints)))

    def _overlaps_definition(self, start: int, end: int) -> bool:
        """Some acronym long form lies (at least partly) in text[start:end]."""
        if not self.defined:
            return False
        position = bisect_right(self._defined_starts, end) - 1
        return position >= 0 and self.defined[position][1] > start

    def _inside_definition(self, offset: int) -> bool:
        position = bisect_right(self._defined_starts, offset) - 1
        return position >= 0 and offset < self.defined[position][1]

    @staticmethod
    def _digest_title(tokens: list[_Token]) -> bool:
        """"JAKARTA POST", "KOMPAS": a newspaper's name heading its part of a press digest."""
        words = [t for t in tokens if t.kind != PUNCT]
        return 1 <= len(words) <= 5 and all(t.kind in (UPPER, LETTER) or t.text in JOINERS for t in words)

    @staticmethod
    def _table_line(tokens: list[_Token]) -> bool:
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

    @staticmethod
    def _comma_list(tokens: list[_Token]) -> bool:
        """"Given, Breen, Staunton, Irwin": a line listing single names."""
        commas = sum(1 for t in tokens if t.text == ",")
        others = sum(1 for t in tokens if (t.kind == LOWER and t.text not in JOINERS) or t.kind == NUMBER
                     or t.text in "():;")
        return commas >= 2 and others == 0

    def _caps_table(self, tokens: list[_Token]) -> None:
        """"TEXAS 75 58 .564 -", "LG 2 OB 0": the teams of a standings table in capitals."""
        run: list[str] = []
        for position, token in enumerate(tokens + [_FULL_STOP]):
            if token.kind in (UPPER, CAP, LETTER) or (run and token.text == "&"):
                run.append(token.text)
                continue
            if run:
                key = _key(run)
                followed_by_number = token.kind == NUMBER
                if followed_by_number and key not in COUNTRIES and key not in ACRONYM_STOP and key not in NATIONALITIES \
                        and not _misc_like(run) and len(run) <= 4 and not any(
                            _bare(w) in STOP_CAPS or _bare(w) in COMMON_WORDS or _bare(w) in NOT_NAME_WORDS for w in run):
                    self._keep(_Candidate(list(run), "organisation", 1, "caps", table=True))
                run = []

    def _classify_run(self, tokens: list[_Token], begin: int, end: int, line_kind: str,
                      table: bool, comma_list: bool = False) -> None:
        """Split a run where it holds several names, trim it, and decide what it is if the evidence
        allows (otherwise it waits for pass 2)."""
        doc = self.doc
        run_tokens = tokens[begin:end]
        if not run_tokens:
            return
        words = list(map(_TEXT, run_tokens))
        entry = doc.sports and self._table_entry(tokens, begin, end, table)
        team_entry = entry and doc.team_sport and not _looks_like_person(words)
        # Most runs ("Tony Blair") hold no title or joining word that _split_run could split them at.
        if len(words) > 1 and any(map(_MAY_SPLIT_RUN, run_tokens[:-1])) \
                and self._split_run(tokens, begin, end, line_kind, table, comma_list, team_entry):
            return
        if not team_entry:
            words, run_tokens = self._strip_leading(words, run_tokens)
        if not words:
            return
        begin = end - len(run_tokens)
        candidate = _Candidate(words, None, 0, line_kind, False, run_tokens[0].initial)
        if run_tokens[-1].possessive:
            candidate.hints.add("possessive")
            words[-1] = _without_possessive(words[-1])
        if entry:
            candidate.table = True
            after = tokens[end:end + 4]
            if (len(after) > 3 and after[0].text == "(" and after[2].text == ")" and len(after[1].text) <= 3
                    and after[1].kind in (UPPER, LETTER) and doc.team_sport):
                candidate.words = words = words + ["(" + after[1].text + ")"]  # "Mladost (L)"
        if comma_list:
            candidate.hints.add("list")
        if (begin == 0 or tokens[begin - 1].text in ",;:-–—(") and (
                end == len(tokens) or tokens[end].text in ",;:-–—)"):
            candidate.hints.add("segment")  # a whole field of a list or an address block
        candidate.kind, candidate.strength = self._decide(candidate, tokens, begin, end)
        if candidate.kind != "drop":
            if self._quotes_in_line and self._quoted(tokens, begin, end):  # not worked out for dropped runs
                candidate.hints.add("quoted")
            self._keep(candidate)

    def _split_run(self, tokens: list[_Token], begin: int, end: int, line_kind: str, table: bool,
                   comma_list: bool, team_entry: bool) -> bool:
        """A run of several words that holds a title and a person's name, or several names joined
        by "of", "and" ...: keep or classify the parts and say True; False when it is one name."""
        doc = self.doc
        run_tokens = tokens[begin:end]
        words = list(map(_TEXT, run_tokens))
        lowered = list(map(_LOWER, run_tokens))
        # A title inside the run starts a person's name: "Security Council President Tono Eitel",
        # "Assistant Secretary of State John Kornblum", "Afterwards Mr MacShane".
        title_at = None
        if not team_entry:
            for position in range(len(run_tokens) - 1):
                if run_tokens[position].title:
                    title_at = position
        if title_at is not None:
            rest = list(range(title_at + 1, len(words)))
            if rest and lowered[rest[0]] in ("of", "for"):
                given = [k for k in rest if _fold(words[k]) in GIVEN_NAMES and k + 1 < len(words)]
                rest = list(range(given[0], len(words))) if given else []
            person = [words[k] for k in rest]
            if person:
                person[-1] = _without_possessive(person[-1])
            while person and _bare(person[-1]) in POST_NOMINALS:
                person = person[:-1]
            if person and len(person) <= 4 and _person_words_ok(person) and not _place_like(person) \
                    and not _misc_like(person) and not _org_by_words(person, doc.sports) \
                    and not _listed(_key(person)) and not any(w.lower() in JOINERS for w in person):
                self._keep(_Candidate(person, "person", 2, line_kind, initial=False))
                # What stands before the title: an organisation, or only more titles and places.
                prefix_end = begin + title_at
                while prefix_end > begin and (tokens[prefix_end - 1].key in _TITLES_OR_MODIFIERS
                                              or tokens[prefix_end - 1].key in JOINERS
                                              or tokens[prefix_end - 1].key in NATIONALITIES
                                              or tokens[prefix_end - 1].key in COUNTRIES):
                    prefix_end -= 1
                if prefix_end > begin:
                    self._classify_run(tokens, begin, prefix_end, line_kind, table, comma_list)
                return True
        # "Keith O'Neill of Norwich City": a person of an organisation, unless "Bank of England".
        inner = lowered[1:-1]
        for joiner in (("of", "for", "and", "the", "&") if inner else ()):
            if joiner in inner and not (team_entry and joiner in ("of", "the") and not (
                    joiner == "of" and _key(words[lowered.index("of") + 1:]) in COUNTRIES)):
                position = lowered.index(joiner, 1)
                if joiner == "and":  # "X and Y Committee and the Department": two names, parted at "and the"
                    position = next((k for k in range(position, len(lowered) - 1)
                                     if lowered[k] == "and" and lowered[k + 1] == "the"), position)
                left, right = words[:position], words[position + 1:]
                keep = False
                if joiner in ("of", "for"):
                    keep = _bare(left[-1]) in INSTITUTION_HEADS and len(left) <= 3 and not _looks_like_person(left)
                    keep = keep or _key(words) in KNOWN_ORGANISATIONS or _key(words) in COUNTRIES
                    # "Gold Fields of South Africa Ltd" is one company.
                    keep = keep or (_bare(right[-1]) in _COMPANY_SUFFIXES and _bare(left[-1]) not in ORG_WORDS
                                    and not _looks_like_person(left)
                                    and not (len(left) == 1 and doc.common(run_tokens[0])))
                elif joiner in ("and", "&") and lowered[position + 1] != "the" \
                        and _institution_of(lowered[:position], words):
                    keep = True  # "Committee on Oversight and Government Reform", "Department of Health and Human Services"
                elif joiner in ("and", "&"):
                    left_complete = (_org_by_words(left, doc.sports) or _listed(_key(left))
                                     or _looks_like_person(left) or len(left) > 1)
                    keep = joiner == "&" or (_org_by_words(words, doc.sports) and lowered[position + 1] != "the" and (
                        not left_complete or _bare(left[0]) in ORG_HEADS))  # "House Oversight and Reform Committee"
                elif joiner == "the":
                    keep = False
                if keep:
                    break
                if joiner in ("of", "for") and _bare(left[-1]) in RUN_TITLES:
                    # "Minister of Foreign Affairs": an office, not a name; "Speaker of the House of
                    # Representatives": the office names an organisation.
                    right_words = [w for w in right if w.lower() not in ("the",)]
                    if _org_by_words(right_words, doc.sports) or _key(right_words) in KNOWN_ORGANISATIONS:
                        self._keep(_Candidate(right_words, "organisation", 2, line_kind))
                    return True
                self._classify_run(tokens, begin, begin + position, line_kind, table, comma_list)
                self._classify_run(tokens, begin + position + 1, end, line_kind, table, comma_list)
                return True
        return False

    @staticmethod
    def _quoted(tokens: list[_Token], begin: int, end: int) -> bool:
        """Inside quotation marks: a nickname, a title, a slogan (" Hands of Stone ")."""
        left = begin - 1
        while left >= 0 and (tokens[left].kind != PUNCT or tokens[left].text in ".'") and begin - left < 6:
            left -= 1
        right = end
        while right < len(tokens) and tokens[right].kind != PUNCT and right - end < 6:
            right += 1
        return (left >= 0 and tokens[left].text in _QUOTES and right < len(tokens)
                and tokens[right].text in _QUOTES and (left == begin - 1 or right == end))

    def _table_entry(self, tokens: list[_Token], begin: int, end: int, table: bool) -> bool:
        """A name in a results table or a score line: followed by its score ("Leeds 2 Barcelona 1",
        "Stoke 4 3 1 0 7 4 10", "Mladost (L) 2"), or one side of a fixture ("Birmingham v Barnsley")."""
        if not self.doc.sports:
            return False
        after = tokens[end:end + 4]
        nxt = after[0] if after else None
        prev = tokens[begin - 1].text if begin else ""
        if nxt is not None and _ORDINAL.match(nxt.text):
            return False  # "Sabri Lamouchi 87th": a substitute's minute
        if prev in ("v", "vs") or (nxt is not None and nxt.text in ("v", "vs")):
            return True  # "May 31 - June 2 v Derbyshire (three days)"
        if table:
            if nxt is not None and nxt.kind == NUMBER:
                return True
            if (len(after) > 3 and after[0].text == "(" and after[2].text == ")" and len(after[1].text) <= 3
                    and after[1].kind in (UPPER, LETTER) and after[3].kind == NUMBER):
                return True
        # "... defeat to Guingamp 2-1 in the league": a team with its score in a sentence.
        return bool(self.doc.team_sport and nxt is not None and _SCORE_PAIR.match(nxt.text))

    def _strip_leading(self, words: list[str], tokens: list[_Token]) -> tuple[list[str], list[_Token]]:
        """Drop opening words that are not part of the name: "The", "By", common sentence openers."""
        first = tokens[0]
        if first.kind != INITIAL and (first.strippable or (first.initial and self.doc.common(first))):
            words, tokens = self._strip_openers(words, tokens)  # (which would keep any other first word)
        while words and tokens[-1].lower in JOINERS:
            words, tokens = words[:-1], tokens[:-1]
        return words, tokens

    def _strip_openers(self, words: list[str], tokens: list[_Token]) -> tuple[list[str], list[_Token]]:
        """The opening words _strip_leading drops."""
        protect = ((len(words) > 1 or not self.doc.common(tokens[0]))
                   and (_listed_opening(words) or _org_by_words(words, self.doc.sports)))
        while words:
            t = tokens[0]
            if t.kind != INITIAL and (t.lower in CONNECTORS or t.key in ("the", "a", "an")):
                words, tokens = words[1:], tokens[1:]
                continue
            if t.kind != INITIAL and (t.key in FUNCTION_WORDS or t.key.startswith("ex-")) and len(words) > 1 \
                    and not _listed(_key(words)):
                words, tokens = words[1:], tokens[1:]
                continue
            if t.kind == INITIAL or protect or (t.key == "new" and len(words) > 1):
                break
            if t.key in NOT_NAME_WORDS or t.key in STOP_CAPS or (t.initial and self.doc.common(t)):
                if len(words) > 1 and t.initial and t.key in GIVEN_NAMES and t.key not in NOT_NAME_WORDS:
                    break  # "Mark Philippoussis (Australia) beat ..."
                words, tokens = words[1:], tokens[1:]
                protect = _listed(_key(words)) or _org_by_words(words, self.doc.sports)
                continue
            break
        return words, tokens

    def _decide(self, c: _Candidate, tokens: list[_Token], begin: int, end: int) -> tuple[str | None, int]:
        """The kind of c ("person", "organisation", "drop" or None for undecided) and the strength of
        the evidence (see _Candidate), from the words of the name and the words around it; may trim
        c.words and add hints for pass 2."""
        doc = self.doc
        words = c.words
        run = _run_words(tuple(words))
        before = tokens[max(0, begin - 3):begin]
        after = tokens[end:end + 4]
        prev = before[-1].lower if before else ""
        prev2 = before[-2].lower if len(before) > 1 else ""
        nxt = after[0].text if after else ""
        nxt_low = after[0].lower if after else ""

        if run.a_title:
            return "drop", 2  # "Chief Executive", "Managing Director"
        if all(word.isupper() and len(word) > 1 for word in words) and not run.known_organisation \
                and all(_bare(word) in doc.lower_seen for word in words if word.lower() not in JOINERS):
            return "drop", 2  # "the MEANS", "POLITICAL POWER": words in capitals for emphasis
        # Whole-run look-ups.
        if run.known_organisation:
            if nxt_low in _INDEX_WORDS:
                return "drop", 2  # "the Dow Jones industrial average", "the Nasdaq composite"
            return "organisation", 2
        if doc.sports and run.team:
            return "organisation", 2
        if run.country_or_nationality:
            return "drop", 2
        if run.place:
            if doc.team_sport and (nxt_low in _POSITIONS or self._team_context(c, before, nxt)):
                return "organisation", 2
            return "drop", 2
        if run.nationality_place:
            return "drop", 2  # "Jewish West Bank"
        if run.single_upper:
            if run.acronym_stop:
                return "drop", 2
            if nxt == ":":
                return "drop", 2  # "ISSUER:", "DELIVERY:": a label
            if run.long_upper:
                return "drop", 1  # "DIGEST", "EUROBONDS": a word in capitals, not an acronym
        # Cricket scorecards: "c Healy b Warne", "lbw b Fleming", "Fleming 8-1-26-3".
        if doc.sports and (prev in ("c", "b", "st") or _BOWLING_FIGURES.match(nxt)) and run.person_words_ok:
            return "person", 2
        if c.table and doc.team_sport and not run.looks_like_person and not run.misc_like:
            c.hints.add("table")
            return None, 0
        if run.city and not (
                doc.team_sport and self._team_context(c, before, nxt)):
            return "drop", 1  # "Atlantic City", "Kansas City" as places
        if doc.team_sport and run.place_team:
            return "organisation", 1  # "Rotor Volgograd", "Hansa Rostock"
        if run.org_by_words[doc.team_sport] or run.ampersand:
            return "organisation", 2  # "Procter & Gamble", "Douglas & Lomason"
        if run.lone_organisation_word:
            return "drop", 1
        # Titles before the name ("Mr MacShane") and post-nominals after it ("Denis MacShane MP").
        if run.titled:
            if run.titled_person:
                c.words = list(run.title_rest)
                return "person", 2
            return "drop", 1
        if nxt_low in _VENUE_AFTER:
            return "drop", 1  # "Charles de Gaulle airport", "Kosevo stadium"
        if run.person:
            return "person", 2
        if run.place_like:
            return "drop", 1
        if run.misc_or_role:
            if run.nationality_first:
                c.words = words[1:]
                return self._decide(c, tokens, begin + 1, end)
            return "drop", 1
        if doc.team_sport and nxt_low in _POSITIONS and len(words) <= 2 and not run.looks_like_person \
                and "possessive" not in c.hints:
            return "organisation", 1  # "Sunderland forward Niall Quinn"
        if nxt_low in ORG_AFTER and prev != "the" and "possessive" not in c.hints:
            if nxt_low not in _SPORTS_ROLES:
                return "organisation", 1
            if doc.team_sport and len(words) <= 2:
                return "organisation", 1  # "Newcastle manager Kevin Keegan"
        if prev in _ORG_BEFORE and not run.looks_like_person and "possessive" not in c.hints:
            return "organisation", 1  # "official newspaper Granma", "telecoms operator Unicom"
        if prev in ROLE_BEFORE or (prev2 in ROLE_BEFORE and (prev in NATIONALITIES or prev in COUNTRIES)):
            if run.person_words_ok and len(words) <= 4:
                return "person", 2
        if doc.sports and nxt and _ORDINAL.match(nxt) and run.person_words_ok:
            return "person", 2 if len(words) > 1 else 1  # "Roberto Carlos 79th"
        # A scorer's minute or a pitcher's record in brackets: "Cosmin Contra (31st)", "Pettite (19-7)".
        if doc.sports and nxt == "(" and len(after) > 1 and after[1].text[:1].isdigit() and run.person_words_ok:
            return "person", 2 if len(words) > 1 else 1
        # A batsman: "Inzamam-ul-Haq c Thorpe b Croft 6", "A. Gurusinha run out 16".
        if doc.sports and len(after) > 1 and (nxt in ("c", "b", "lbw", "st") or (
                nxt in ("run", "not") and after[1].text == "out")) and run.person_words_ok:
            return "person", 2
        # An athlete with a country in brackets: "Tim Henman (Britain)".
        if nxt == "(" and len(after) > 2:
            inside = _fold(after[1].text)
            if inside in COUNTRIES or inside in NATIONALITIES or _fold(after[1].text + " " + after[2].text) in COUNTRIES:
                if len(words) >= 2 and run.person_words_ok:
                    return "person", 2
                if doc.sports and len(words) == 1 and run.person_words_ok and not (
                        len(after) > 3 and after[3].kind == NUMBER and doc.team_sport):
                    return "person", 1
        # Teams in results tables and score lines.
        if doc.sports and c.table:
            c.hints.add("table")
            return None, 0
        if nxt_low in PERSON_AFTER or (nxt == "," and len(after) > 1 and after[1].lower in ("who", "whose")):
            c.hints.add("said")
        if prev in ("in", "at", "near", "into", "outside", "between") or (prev == "of" and prev2 in _PLACE_NOUNS):
            c.hints.add("place")
        elif prev in ("of", "from", "to"):
            c.hints.add("place-weak")
        if prev == "the":
            c.hints.add("the")
        if prev in _QUOTES and nxt in _QUOTES:
            c.hints.add("quoted")
        if nxt_low in NOT_PERSON_AFTER:
            c.hints.add("thing")
        if nxt == ":":
            c.hints.add("label")
        if run.single_upper and not c.hints & {"label", "thing"} and (
                doc.upper_counts[run.key] > 1 or len(run.key) <= 4 or not run.key.isalpha()):
            return "organisation", 1  # an acronym in running text: "OSCE", "KDP"
        return None, 0

    def _team_context(self, c: _Candidate, before: list[_Token], nxt: str) -> bool:
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

    # ---------------------------------------------------------------- pass 2

    def _resolve(self, early: list[tuple[str, str]]) -> Names:
        """Pass 2: the undecided take the kind the document gives the same words elsewhere, or a
        guess; then duplicates go and short forms fold into full names."""
        people: list[str] = []
        organisations: list[str] = []
        decided: dict[str, str] = {}
        for kind, name in early:
            decided.setdefault(_fold(name), kind)
        for words, kind, strength, *_ in self.candidates:
            if kind in ("person", "organisation") and strength >= 2:
                decided.setdefault(_key(words), kind)
        person_tokens: set[str] = set()
        org_tokens: set[str] = set()
        org_stems: set[str] = set()
        for key, kind in decided.items():
            (person_tokens if kind == "person" else org_tokens).update(key.split())
            if kind == "organisation":
                stem = key.split()
                while len(stem) > 1 and stem[-1].rstrip(".") in _COMPANY_WORDS:
                    stem = stem[:-1]
                if len(stem) < len(key.split()):
                    org_stems.add(" ".join(stem))
        # Results tables: rows of people (golf, athletics) or of teams (football)?
        person_rows = team_rows = 0
        for _, kind, _, _, table, _, hints in self.candidates:
            if table:
                person_rows += kind == "person"
                team_rows += kind == "organisation" or "table" in hints
        found: list[tuple[str, str]] = list(early)
        for words, kind, strength, line_kind, table, initial, hints in self.candidates:
            key = _key(words)
            if kind is None or (kind == "organisation" and strength < 2 and key in decided):
                kind = decided.get(key)
            if kind is None and key in org_stems:
                kind = "organisation"
            if kind is None:
                c = _Candidate(list(words), None, strength, line_kind, table, initial, set(hints))
                kind = self._guess(c, key, person_tokens, org_tokens, person_rows, team_rows)
            if kind in ("person", "organisation"):
                found.append((kind, " ".join(words)))
        seen: set[tuple[str, str]] = set()
        for kind, name in found:
            if name and (kind, name) not in seen:
                seen.add((kind, name))
                (people if kind == "person" else organisations).append(name)
        people = [p for p in people if not _not_a_person(p)]
        people = _fold_initials(_fold_short_forms(people))
        org_keys = {_fold(o) for o in organisations}
        people = [p for p in people if _fold(p) not in org_keys]
        return Names(people=people, organisations=_fold_short_forms(organisations))

    def _guess(self, c: _Candidate, key: str, person_tokens: set[str], org_tokens: set[str],
               person_rows: int, team_rows: int) -> str | None:
        """A candidate without decisive evidence: table rows follow the table, a lone word is the
        person or team named in full elsewhere, two or three plain capitalised words are a person."""
        doc = self.doc
        words = c.words
        if "table" in c.hints:
            if len(words) >= 2 and person_rows > team_rows and _person_words_ok(words):
                return "person"
            return "organisation"
        if len(words) == 1:
            if key in person_tokens:
                return "person"
            if key in org_tokens and doc.sports:
                return "organisation"
            if not _person_words_ok(words):
                return None
            if "list" in c.hints:
                return "person"
            if c.hints & {"place", "place-weak", "quoted", "thing", "the", "label"}:
                return None
            if ("said" in c.hints or "possessive" in c.hints) and not (
                    c.initial and words[0].endswith("s") and not words[0].endswith(("ss", "us", "is"))
                    and "possessive" not in c.hints):
                return "person"
            if doc.sports and not c.initial and (c.line_kind != "title" or "segment" in c.hints):
                return "person"
            return None
        if c.line_kind == "title" and not c.hints & {"list", "segment"}:
            return None
        if not _person_words_ok(words) or c.hints & {"place", "quoted", "thing", "label"} or _bare(words[0]) == "new":
            return None
        # Words the text also uses in lower case are ordinary words: "Goverment Bonds".
        if any(_bare(w) in doc.lower_seen and _bare(w) not in GIVEN_NAMES for w in words):
            return None
        if 2 <= len(words) <= 3:
            return "person"
        return None


# Last words of a document's name: "White Paper", "Terrorism Bill", "Marshall Plan".
_DOCUMENT_WORDS = {"paper", "bill", "plan", "act", "report", "review", "strategy", "programme", "program",
                   "scheme", "initiative", "amendment", "resolution", "budget"}


def _not_a_person(name: str) -> bool:
    """A title alone ("President", "General"), a common word, or a document named as if a person."""
    words = [_bare(word) for word in name.split()]
    if len(words) == 1:
        return words[0] in _TITLES_OR_ROLES or words[0] in RUN_TITLES or words[0] in COMMON_WORDS
    return words[-1] in _DOCUMENT_WORDS


# --------------------------------------------------------------------------- folding

def _fold_short_forms(names: list[str]) -> list[str]:
    """Keep "MacShane" only when no fuller name in the same text ends with it; one spelling per name."""
    endings: set[str] = set()
    for name in names:
        words = name.split()
        for i in range(1, len(words)):
            endings.add(" ".join(words[i:]))
    folded: list[str] = []
    seen_case_folded: dict[str, int] = {}
    for name in names:
        key = name.casefold()
        if key in seen_case_folded:
            # "NORTHERN RIVERS SELECT COMMITTEE" on a letterhead is the committee named in the text.
            if folded[seen_case_folded[key]].isupper() and not name.isupper():
                folded[seen_case_folded[key]] = name
            continue
        if name in endings:
            continue
        seen_case_folded[key] = len(folded)
        folded.append(name)
    return folded


def _fold_initials(people: list[str]) -> list[str]:
    """"A. Okafor" is "Adaeze Okafor" when the text names exactly one Okafor whose name starts with A."""
    by_surname: dict[str, list[str]] = {}
    for name in people:
        words = name.split()
        if len(words) >= 2 and not _initial_word(words[0]):
            by_surname.setdefault(words[-1], []).append(name)
    folded = []
    for name in people:
        words = name.split()
        if len(words) == 2 and _initial_word(words[0]):
            fuller = [full for full in by_surname.get(words[-1], []) if full[0] == words[0][0]]
            if len(fuller) == 1:
                continue
        folded.append(name)
    return folded


# --------------------------------------------------------------------------- the API

# E-mail and page furniture that is written like names but never is one: the routing after a name
# in forwarded headers ("Vince J Kaminski/HOU/ECT@ECT", "Enron@NA"), "----- Original Message -----",
# "Forwarded by", and a word processor's styles pasted into a text ("/* Style Definitions */",
# "{mso-style-name: ...}").
_FURNITURE = re.compile(
    r"(?<=[\w.])(?:[/@][A-Za-z][\w.&-]{0,24})+"
    r"|-{2,}\s*(?:Original Message|Forwarded by)\b|\bOriginal Message\b"
    r"|/\*[^*]{0,200}\*/|\{[^{}\n]{0,2000}\}", re.I)


# A wide gap inside a line parts columns or a page's header blocks ("Barack Obama       Barack
# Obama"): names do not run across it.
_GAP = re.compile(r"[ \t]{4,}")


def _blank_furniture(text: str) -> str:
    """The text with its furniture turned to spaces and wide gaps into line breaks (so that every
    other character keeps its place)."""
    if "/" in text or "@" in text or "{" in text or "riginal" in text:
        text = _FURNITURE.sub(lambda match: " " * len(match.group()), text)
    if "    " in text or "\t" in text:
        text = _GAP.sub(lambda match: "\n" + match.group()[1:], text)
    return text


def find_names(text: str) -> Names:
    """The people and organisations a text names, each once, in order of first mention."""
    return _Extractor(_blank_furniture(text)).run()


def bare_person(name: str) -> str:
    """A person's name without titles and post-nominals: "Cllr David Ashworth" -> "David Ashworth"."""
    _, words = _split_title(name.split())
    return " ".join(words) or name


def written_like_a_person(name: str) -> bool:
    """One to five capitalised words (particles aside), as a person's name is written: not
    "the People of the State of New York" (a letter's addressees), not "All Employees"."""
    words = bare_person(name).split()
    return 1 <= len(words) <= 5 and all(word[:1].isupper() or word.lower() in NAME_PARTICLES for word in words) \
        and not any(_bare(word) in NOT_NAME_WORDS or _bare(word) in COMMON_WORDS for word in words)


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
