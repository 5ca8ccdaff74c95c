"""English words and phrases the event rules look for, grouped by what they signal.

Kept apart from the rules in events.py so they can be reviewed, extended (or translated)
without reading the logic. Every rule using them is general: nothing here names a person
or a sentence of any one biography.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A lexicon written as one string of words separated by spaces."""
    return frozenset(text.split())


#: A place after these words was meant or refused, not reached.
IRREALIS = (
    "en route to",
    "on the way to",
    "on his way to",
    "on her way to",
    "forbidden to",
    "refused",
    "requested",
    "request",
    "proposed",
    "planned",
    "intended",
    "hoped",
    "wanted",
    "applied to",
    "would",
    "could",
    "offered",
    "sought",
    "in absentia",
    "denied",
    "avoid",
    "instead of",
    "closer to",
    "nearer to",
    "tried to",
    "attempted to",
    "failed to",
    "unable to",
    "might",
    "should",
)
#: A place in what someone argued or wrote is not where they were.
REPORTING = re.compile(
    r"\b(?:argued|argues|said|says|stated|claimed|believed|thought|feared|noted|"
    r"described|warned|predicted|expected|hoped|insisted|asserted|denied)\b"
)
#: A length of time ("for the next 20 years") dates what it follows, not a place after it.
DURATION = re.compile(
    r"(?i)(?:for|over|during)\b|the\s+(?:next|following)\s+(?:\d+|two|three|four|five|six|seven"
    r"|eight|nine|ten|few|several)\b"
)
#: Capitalised words that open a clause without naming a person: "Spanish authorities".
NOT_A_PERSON = re.compile(
    r"[\w-]*(?:ish|ese|ian|ean|ic)|French|Dutch|Swiss|Soviet|German|Greek|British|Tsarist|Nazi"
    r"|Bolsheviks?|Mensheviks?|Communists?|Socialists?|Imperial|Royal|Red|White|The|A|An"
)
PAST_PERFECT = re.compile(r"\bhad\s+been\b")
NEGATIONS = frozenset({"not", "never", "no", "nor"})

#: Common nouns that act as someone other than the subject when they open a clause.
OTHER_AGENTS = words(
    "authorities government police policemen troops army navy delegates workers members "
    "factions faction opposition court committee sailors soldiers guards bodyguards assassins "
    "typesetters supporters leaders people crowd fascists burglars officers forces party mob "
    "inmates prisoners strikers students socialists communists deputies village town city "
    "newspaper paper talks negotiations commission leadership unrest ship"
)
#: After a possessive of the subject, these nouns are other people; others are his own acts.
RELATIONS = words(
    "wife husband son sons daughter daughters sister brother father mother parents "
    "children grandson granddaughter friend friends colleague colleagues ally allies deputy "
    "secretary assistant guards bodyguards supporters followers opponents rivals widow "
    "companion biographer brother-in-law sister-in-law"
)
#: After a possessive of the subject, these nouns make him the one who moves.
OWN_MOVES = words(
    "move arrival return departure journey trip ship train exile expulsion deportation "
    "imprisonment stay flight escape travels army column forces troops expedition body "
    "remains ashes coffin casket"
)
LEADING_WORDS = words(
    "in on at after before during when while from by for with following upon although though "
    "since until despite as throughout within between under soon back deported exiled "
    "expelled en having once"
)
SUBORDINATORS = words(
    "although though when while after before since as because if once until whereas"
)
FUNCTION_WORDS = words(
    "the a an in on at after before during when while from by for with following upon "
    "although though however initially later soon meanwhile throughout since until due using "
    "despite as both this these that those it its there then thus consequently subsequently "
    "instead nevertheless moreover furthermore also again eventually finally only even "
    "accounts according over under of to into between among amid amidst some most many "
    "several each every all one two three four five first second against without within "
    "beyond along across around behind besides toward towards inside outside near under "
    "unlike like because once having being and or but if any no here where what via "
    "through he she his her they their we i"
)
MONTHS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn winter monday "
    "tuesday wednesday thursday friday saturday sunday"
)
CONNECTORS = re.compile(
    r"^\s*(?:,|\(now|\(|in the|in|near|,\s*near|of the|of|on the|on|at|,\s*at|\s"
    r"|,\s*then\s+in(?:\s+the)?)\s*$"
)
TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w'’\-]*|\d[\d,.]*|[^\w\s]")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?:while|whereas|but)\s|\s+while\s|,\s+and\s+(?=the\s|[A-Z]|(?:in|on)\s)"
)
#: A place after these is a modifier of something else, not where the subject is.
NOT_A_STAY = re.compile(
    r"(?:\bthan\s+(?:in\s+)?|(?<!island )(?<!village )(?<!town )(?<!city )(?<!port )"
    r"(?<!region )(?<!province )(?<!suburb )(?<!outskirts )(?<!university )(?<!college )"
    r"(?<!academy )(?<!institute )(?<!school )(?<!conservatory )\bof\s+(?:the\s+)?)$"
)
#: Inside a phrase opened by one of these, a place without its own verb is background.
BACKGROUND = re.compile(r"\b(?:after|before|following|despite|during|against|since|until)\b")
NAME = r"(?:[A-Z][\w'’\-]+\s+){0,3}[A-Z][\w'’\-]+"
BORN_AS = re.compile(rf"\(born\s+({NAME})(?=[;,)])|^({NAME})(?=\s+(?:was|is)\s+born\b)")
WHERE = re.compile(r"\s*(?:\([^)]*\))?,\s+where\s+(\w+)\s+([^,;.]*)")
INCLUDING = re.compile(r"\bincluding\s+(?:[A-Z][\w'’\-]*\s+)*([A-Z][\w'’\-]*)")
#: A place named by a common noun: the event is somewhere, but not where the story last was.
ELSEWHERE = re.compile(
    r"\b(?:back (?:in|to|at)|in the|at the|to the|into the|from the) (?:capital|city|town|"
    r"village|countryside|country|provinces?|south|north|east|west|front|mountains|coast|"
    r"border|abroad)\b|\babroad\b"
)
#: ", who had been released from prison in Cuba": a clause about the person just named.
RELATIVE_CLAUSE = re.compile(r",\s+(?:who|whom|whose)\b[^,;]*")
#: After a place, the list goes on: "Dublin, Cork and Belfast".
LIST_GOES_ON = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:then|finally|later|also)\s+)?[A-Z]"
)
#: Before a place, a list has begun: "first in Nikolayev, then Kherson, Odessa".
LIST_BEFORE = re.compile(r"(?:,|\bthen|\bfirst\s+(?:in|at|to))\s*$")
#: "there" pointing back at a place, not the existential "there was".
THERE = re.compile(
    r"\b[Tt]here\b(?!\s+(?:was|were|is|are|had|has|have|seemed|seems|appeared|remained|would"
    r"|could|might|must|being|existed|came|followed)\b)"
)
#: A capitalised name after a locative word: a place, whether or not the gazetteer knows it.
UNRESOLVED_PLACE = re.compile(r"\b(?:to|in|at|of|into|near|from)\s+(?:the\s+)?[A-Z]")
#: A place name followed by one of these is part of a name: "the Paris Commune".
NAMED_AFTER = re.compile(r"\s+([A-Z][a-z]+)\b")
#: ... unless it names a gathering the subject can attend there: "the Zimmerwald Conference".
GATHERINGS = words(
    "Conference Congress Convention Summit Soviet Assembly Council Meeting Exhibition Games "
    "University College Academy Institute School Gymnasium Seminary Cathedral Palace Prison "
    "Hospital Station Harbour Harbor Port Square Street Avenue Castle Fortress Citadel "
    "Cemetery Museum Library Theatre Theater Observatory Conservatory Bay City Island"
)
#: "after Leon Czolgosz shot": a subordinate clause with someone else acting.
OTHERS_DEED = re.compile(
    r"\b(?:after|when|while|because|before|since|until|where|as)\s+(?:[A-Z][\w'’-]+\s+){1,4}"
    r"(?:\w+ly\s+)?$"
)
#: "was sent", "had been brought": the subject is what is moved.
PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$")
#: After a place, the text denies going there: "without his ever going there".
NEVER_WENT = re.compile(
    r"[^.;]*?\bwithout\s+(?:his|her|their)\s+(?:ever\s+)?(?:going|visiting|being|setting foot)"
)
#: A title in capitals before the preposition: "The Civil War in France" names a book.
TITLE_BEFORE = re.compile(
    r"(?<=\w )(?:The|A|An)\s+(?:(?:[A-Z][a-z]+|of|the|and)\s+)*[A-Z][a-z]+\s+(?:in|of|at)\s+$"
)
#: Between a place and its own date: "at Bombay on 9 January 1915", "in Paris in 1919".
ATTACHED_DATE = re.compile(r"\s*,?\s*(?:on|in)?\s*")
#: "... and served", "then moved": a second verb joined to the first.
SECOND_VERB = re.compile(r"\b(?:and|then|but)\s+(?:\w+ly\s+)?[a-z]+ed\b")
