"""Lexicon: the English words the reader reads events by (lemmas of verbs and nouns, by event
kind, and the words around them); the only place where the reader knows English words."""

from __future__ import annotations

from trotsky_geo.events import EventKind


def words(text: str) -> frozenset[str]:
    """A lexicon written as one string of words separated by spaces."""
    return frozenset(text.split())


#: Lemmas that say an event of this kind happened to the one they govern.
TRIGGERS: dict[EventKind, frozenset[str]] = {
    EventKind.BIRTH: words("bear born birth birthplace"),
    EventKind.EDUCATION: words(
        "enroll enrol study graduate educate matriculate school university college gymnasium "
        "seminary academy student studies education doctorate conservatory institute lyceum"
    ),
    EventKind.RESIDENCE: words(
        "live settle stay reside residence move relocate spend work hide home remain base "
        "emigrate house apartment flat villa estate farm life years time period job post "
        "employ teach serve lodge rent resettle position appointment engagement guest "
        "station garrison faculty staff assign"
    ),
    EventKind.TRAVEL: words(
        "arrive arrival reach return go travel leave sail visit come journey enter tour trip "
        "head cross board land transfer pass ride fly retreat depart departure proceed voyage "
        "drive march accompany join send take bring transport evacuate walk escort meet marry "
        "withdraw slip sneak rush hurry deploy redeploy dispatch continue "
        "wedding honeymoon holiday vacation stop call way route expedition repatriate "
        "examine inspect consult research explore"
    ),
    EventKind.ARREST: words("arrest capture intercept seize apprehend"),
    EventKind.IMPRISONMENT: words(
        "imprison imprisonment prison jail internment intern confine detain captivity "
        "incarcerate hold prisoner camp fortress gaol penitentiary detention custody"
    ),
    EventKind.EXILE: words("exile banish banishment"),
    EventKind.ESCAPE: words("escape flee refuge defect flight"),
    EventKind.DEPORTATION: words("deport deportation expel expulsion extradite"),
    EventKind.CONFERENCE: words(
        "conference congress meeting convene attend attendee participant delegation delegate "
        "summit convention "
        "lecture speak speech chair negotiate negotiation talk plenum session assembly "
        "address rally sign"
    ),
    EventKind.HOSPITAL: words(
        "hospital hospitalise hospitalize clinic sanatorium convalescence convalesce "
        "recuperate treatment treat"
    ),
    EventKind.ATTACK: words("attack raid stab wound shoot beat"),
    EventKind.DEATH: words("die death kill assassinate murder execute"),
    EventKind.BURIAL: words("bury rebury burial grave inter cremate ash remains tomb funeral"),
}
KIND_OF = {word: kind for kind, words in TRIGGERS.items() for word in words}

#: Kinds a noun on the path gives over a plain verb: "was sent to a work camp" is prison.
STRONG_NOUN_KINDS = frozenset(
    {
        EventKind.IMPRISONMENT,
        EventKind.EDUCATION,
        EventKind.HOSPITAL,
        EventKind.EXILE,
        EventKind.BURIAL,
        EventKind.CONFERENCE,
    }
)
#: Verbs whose kind is weak: the place noun or cue decides when there is one.
LIGHT_VERBS = words(
    "go send take bring move come spend be stay live remain return make set find get obtain "
    "secure give deliver accept"
)

#: Nouns a place phrase may hang from and still be where the subject was.
PLACE_NOUNS = words(
    "city town village capital port island province region district area suburb suburbs "
    "outskirts country countryside camp prison jail fortress school university college "
    "gymnasium seminary academy institute hospital clinic sanatorium house home apartment "
    "flat estate villa farm residence palace hotel church cathedral cemetery grave tomb "
    "embassy headquarters front border mountains coast shore bay harbour harbor station "
    "colony settlement monastery castle part centre center street square neighbourhood zone "
    "neighborhood quarter parish county state republic kingdom empire mausoleum lyceum "
    "conservatory court office base garrison barracks ship hall room family theatre garden "
    "theater opera chapel plantation mission regiment battalion brigade division unit "
    "army hometown homeland"
)
#: Verbs that take the place as their object: "reached Havana", "left Paris".
PLACE_OBJECT_VERBS = words(
    "reach enter visit leave tour cross flee depart quit attend revisit inhabit board "
    "escape exit abandon evacuate"
)
#: Risings named after the town they broke out in ("the Baise Uprising"), and the verbs by
#: which one who led them was there.
RISINGS = words("uprising rising revolt rebellion mutiny insurrection")
LEADING = words("lead organise organize command stage launch direct head")
#: Verbs by which one's forces take a place, their object: "his column captured Santa Clara".
CONQUERING = words("capture seize occupy conquer liberate besiege storm")
#: Verbs whose object is a stretch of time spent at the place: "spending the summer in Trier",
#: "served part of a term in the prison at Zwickau".
SPENDING = words("spend pass serve")
#: Verbs whose object one handles where it is: "examine the resources of libraries in London"
#: (a visit: they are journey words too).
HANDLING = words("examine inspect consult research explore")
#: Leaving verbs: their object or "from" phrase is where the move started.
LEAVING = words("leave flee depart quit escape exit abandon evacuate")
#: Verbs after which "to X" or "for X" is a destination.
MOTION = words(
    "go come move return travel sail fly send take bring transfer head leave depart flee "
    "escape deport exile banish expel emigrate relocate ride drive march walk retreat "
    "evacuate transport escort accompany journey proceed extradite invite summon recall "
    "set withdraw slip sneak smuggle steal hurry rush install lodge deploy dispatch "
    "station post redeploy continue"
)
#: Verbs by which the subject goes where others go: "they travelled to Brno, and Tito
#: accompanied them".
ACCOMPANYING = words("accompany join follow")
#: Verbs whose object moves, not their subject ("he sent his son to Paris").
SENDING = words("send bring take post mail dispatch smuggle ship")
#: Verbs that put their object somewhere: "placed him at a school at Penza" is the son's.
PLACING = words("place put enrol enroll install")
#: Verbs whose complement did not (yet) happen: "planned to go", "ordered him arrested".
IRREALIS = words(
    "plan decide hope want wish intend try attempt refuse decline offer invite propose ask order "
    "urge expect threaten dream suggest advise request demand forbid prevent consider avoid "
    "evade seek aim prepare unable willing eager ready keen encourage persuade convince tempt"
)
#: Verbs that, in the passive, make leaving an expulsion: "was ordered to leave the country".
EXPELLING = words("order force compel")
#: Verbs whose object is an event that did not befall the subject: "avoiding arrest".
AVOIDING = words("avoid evade elude dodge escape")
#: Verbs that report or describe without the subject being at the place.
NOT_PRESENCE = words(
    "say write publish describe mention call name know praise criticise criticize condemn "
    "support oppose recognise recognize believe argue advocate claim accuse compare influence "
    "recall remember reminisce recount "
    "report read translate admire dedicate declare regard consider see view defend cite "
    "quote appoint elect nominate award honour honor rename portray depict"
)
#: Verbs one does where one is, with no kind of their own: "fought in Galicia".
DONE_THERE = words("fight campaign preach")
#: Verbs whose object is only offered: "was offered a post in Tokyo".
OFFERING = words("offer promise propose")
#: Modal verbs that leave an event unreal.
MODALS = words("could might may should must can shall")
#: Nouns of what one does oneself, whoever else was there: "his speech there", "his stay".
OWN_DOINGS = words("speech lecture address talk stay")
#: Verbs whose person object went along or was met: the subject was there too.
ALONGSIDE = words("meet visit marry join accompany escort lead follow see greet receive")
#: Nouns whose place is theirs, not the subject's: "supported the revolution in Russia".
ELSEWHERE_NOUNS = words(
    "revolution situation government authorities party movement war uprising events event "
    "crisis comrades supporters followers friends members relatives people workers "
    "population police army troops forces regime state branch "
    "organisation organization community colleagues allies enemies opposition conditions "
    "affairs interests policy politics embassy consulate"
)
#: Capitalised words that end a firm's name, places and all: "Baltimore Railroad".
FIRMS = words("Railroad Railway Railways Company Corporation Bank")
#: Nouns of the subject's body after death: "buried his body", "his remains were moved".
BODY = words("body remains ashes coffin corpse ash")
#: Verbs whose object, named with "the", is a vessel: "boarded the Cambria".
BOARDING = words("board embark")
#: Vehicles a journey "to" a place is made by: "a train to", "a ship for".
VEHICLES = words("train ship boat ferry steamer steamboat plane flight car coach passage")
#: Bodies of people that carry their members along: "his regiment was deployed to Galicia".
UNITS = words(
    "regiment battalion brigade division unit corps army squadron detachment "
    "expedition troupe crew column troops forces guerrillas fleet"
)
#: Verbs that report what someone said or thought: their complement is a claim, not a stay.
REPORTING = words(
    "say write claim state declare argue believe think tell report announce remark note "
    "insist allege assert suggest recall explain"
)
#: Trigger words that are verbs only: as nouns they name no event ("head of the delegation").
VERB_ONLY = words("head call stop set pass land make take go come hold serve work base post")
NOUN_KIND_OF = {word: kind for word, kind in KIND_OF.items() if word not in VERB_ONLY}
#: Words a place name follows, as written: prepositions and verbs of movement.
LEADS_TO_PLACE = words(
    "in at to from near beside into via through outside inside around across toward towards "
    "on of for between reached entered visited left toured crossed fled departed attended "
    "leaving visiting reaching entering touring quit attend attending reach enter visit leave "
    "tour cross flee"
)
#: Words, as written, of the events read where the narrative is when no place is named.
PLACELESS_FORMS = words(
    "arrested arrest arresting arrests died death dies dying killed murdered assassinated "
    "executed shot attacked stabbed wounded raid raided fled flee fleeing escaped escape "
    "attended expelled deported banished ordered forced"
)
#: Verbs by which the subject goes to a meeting the text has just placed: "Trotsky attended".
ATTENDING = words("attend")
#: Nouns of an area a name after "of" belongs to: "the Colony of Natal" is no town.
POLITIES = words(
    "colony province kingdom duchy grand-duchy principality republic territory governorate "
    "oblast region state empire dominion protectorate county canton voivodeship"
)
#: Nouns that, after "the", stand for the town last named: "moved to the town".
BACK_TO_PLACE = words("town city village")
#: Month and season names: capitalised, but never a place.
MONTHS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn winter monday "
    "tuesday wednesday thursday friday saturday sunday"
)
#: Nouns of a move, after which "to X" is its destination: "his final move was to X".
MOVES = words(
    "move journey trip way return voyage flight visit arrival route passage transfer expedition"
)
