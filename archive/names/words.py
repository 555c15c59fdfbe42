"""The word lists and word sets the name rules look words up in (archive/data/*.txt and the sets
written here): titles, organisation words, places, things, words that are never names.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, wraps
from pathlib import Path

from archive.dates import MONTH_ABBREVIATIONS, MONTHS

_DATA = Path(__file__).resolve().parent.parent / "data"


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
    "goalkeeper", "skipper", "manager", "chief executive", "president-elect", "leader", "whip",
}


# Words that may precede a title inside the run: "Prime Minister", "Foreign Secretary".
TITLE_MODIFIERS = {
    "prime", "majority", "minority", "foreign", "finance", "defence", "defense", "interior", "deputy", "vice", "acting",
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


POST_NOMINALS = {"mp", "mep", "msp", "qc", "kc", "obe", "mbe", "cbe", "phd"}
# Generational suffixes stay in the name as written: "Charles Womack Jr.", "Larry W. Bledsoe, Jr.".
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr."}
# Numbers that end a person's name and stay part of it: "Charles II", "George III", "John Smith IV".
REGNAL_NUMBERS = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xii", "xiv", "xv", "xvi"}


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


# Organisation words at the end of a name: "Acme Inc", "South Yorkshire Police".
ORG_WORDS = {
    "committee", "company", "council", "agency", "department", "ministry", "office", "police",
    "ltd", "ltd.", "limited", "plc", "llp", "llc", "l.l.c", "l.l.p", "lp", "l.p", "inc", "inc.", "forum", "caucus", "corp", "corp.", "co", "co.", "centers", "centres",
    "cos", "archives", "chamber", "chambers", "rail", "group", "association", "trust", "authority", "board",
    "commission", "university",
    "college", "bank", "party", "union", "service", "services", "institute", "institution",
    "foundation", "corporation", "society", "federation", "watch", "ledger", "times", "post",
    "herald", "gazette", "news", "parliament", "assembly", "court", "tribunal", "hospital", "clinic",
    "school", "church", "club", "network", "alliance", "coalition", "partnership", "inquiry",
    "unit", "executive", "cabinet", "senate", "fund", "bureau", "administration", "airlines",
    "airline", "airways", "motors", "holdings", "holding", "industries", "systems", "technologies",
    "technology", "securities", "partners", "capital", "investments", "exchange", "army",
    "navy", "journal", "packet", "advertiser", "chronicle", "tribune", "radio", "television", "tv", "newsroom", "newsdesk", "front", "movement",
    "organisation", "organization", "organisations", "organizations", "congress", "chamber",
    "brothers", "bros", "bros.", "steel", "oil", "petroleum", "energy", "telecom",
    "communications", "electric", "electronics", "chemical", "chemicals", "pharmaceuticals",
    "pharmaceutical", "insurance", "financial", "finance", "bancorp", "bancshares", "mining", "mines",
    "resources", "gold", "power", "force", "airport", "railways", "railway", "shipping",
    "lines", "motor", "foods", "brewery", "breweries", "stores", "media", "press", "publishing",
    "records", "studios", "pictures", "entertainment", "software", "computer", "computers",
    "semiconductor", "instruments", "laboratories", "laboratory", "labs", "products", "manufacturing",
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
    "club", "radio", "air", "compagnie", "societe", "cie", "grupo", "groupe", "team",
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
    "federation", "association", "union", "institute", "office", "board", "bureau", "chamber", "chambers",
    "church", "college", "commission", "committee", "court", "party", "society", "academy", "agency",
    "army", "corps", "fund", "organisation", "organization", "school", "congress", "parliament",
    "assembly", "senate", "confederation", "league", "nation", "friends", "daughters", "sons",
    "order", "movement", "front", "alliance", "coalition", "conference", "community", "centre",
    "center", "museum", "foundation", "trust", "authority", "secretariat", "directorate", "service",
    "subcommittee", "caucus", "laboratory",
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
    "oblast", "ditch", "circle",
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
    "dear", "vide", "yours", "sincerely", "faithfully", "regards", "best", "kind", "thank", "thanks",
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
    "sdb", "slbm", "slbms", "cafe", "afg", "chip", "snap", "wic", "mou", "pep",  # programmes, weapons, rules
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


def _listed(key: str) -> bool:
    return key in KNOWN_ORGANISATIONS or key in COUNTRIES or key in PLACES or key in TEAMS


# Unions the rules test together, made once rather than at each test.
_NOT_PERSON_WORDS = frozenset(NOT_NAME_WORDS | STOP_CAPS | ROLE_WORDS | NATIONALITIES | COUNTRIES | ORG_WORDS)


_INSTITUTION_OR_ORG_WORDS = frozenset(INSTITUTION_HEADS | ORG_WORDS)


_TITLES_OR_MODIFIERS = frozenset(RUN_TITLES | TITLE_MODIFIERS)


_TITLE_WORDS = frozenset(PERSON_TITLES | TITLE_MODIFIERS | ROLE_WORDS)  # "Chief Executive", "Managing Director"


_TITLES_OR_ROLES = frozenset(PERSON_TITLES | ROLE_WORDS)
