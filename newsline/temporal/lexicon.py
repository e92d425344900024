"""The vocabulary of English date expressions, as data.

The matcher (patterns.py) builds its regular expressions from these tables and
the resolver looks words up here, so adding a word or an abbreviation is a data
change, not a new regex. Keys are lowercase; values are what the word means on
the calendar.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Months that are also ordinary English words: alone they need a preposition.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"may", "march"})

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1,
    "tuesday": 2, "tue": 2, "tues": 2,
    "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4,
    "friday": 5, "fri": 5,
    "saturday": 6,
    "sunday": 7,
}
# "Sat" and "Sun" are left out on purpose: names, "the Sun" newspaper.

# Capitalised words after a weekday that make it part of a name, not a date.
WEEKDAY_NAME_FOLLOWERS: frozenset[str] = frozenset({
    "times", "telegraph", "mirror", "express", "herald", "post", "mail", "observer",
    "independent", "tribune", "journal", "edition", "magazine", "school", "service",
    "night live", "bloody", "club", "harbor", "harbour", "street", "group", "society",
    "star", "sport", "people", "record", "river", "creek", "lake", "valley", "bay", "road",
    "avenue", "square", "park", "hill", "island", "beach", "point",
})

# Capitalised nouns after which a feast's name is a place or an event's name ("Christmas
# Island", "Easter Rising", "Christmas Creek"), not a day.
HOLIDAY_NAME_FOLLOWERS: frozenset[str] = frozenset({
    "island", "islands", "isle", "isles", "rising", "uprising", "offensive", "truce", "massacre",
    "agreement", "accord", "accords", "creek", "river", "lake", "valley", "bay", "road",
    "street", "square", "park", "hill", "beach", "point",
})

# Nouns that make a date the name of a group ("the March 14 alliance", "the March 23
# Movement", "the militant group November 17"), not a day of the story.
DATE_NAMED_GROUPS: frozenset[str] = frozenset({
    "alliance", "movement", "coalition", "bloc", "group", "brigade", "brigades",
    "organisation", "organization", "front", "faction",
})

# Lower-case compounds in which a weekday is no date ("she teaches Sunday school").
WEEKDAY_COMPOUNDS: frozenset[str] = frozenset({"sunday school", "sunday schools", "sunday best"})

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI",
}
# Words for the edges of the day, valued as the part of the day they fall in ("since dawn").
DAY_EDGES: dict[str, str] = {
    "dawn": "MO", "daybreak": "MO", "sunrise": "MO", "first light": "MO",
    "dusk": "EV", "nightfall": "EV", "sunset": "EV", "sundown": "EV",
}

UNITS: dict[str, str] = {
    "second": "S", "seconds": "S", "minute": "M", "minutes": "M", "min": "M", "mins": "M",
    "hr": "H", "hrs": "H",  # live-blog shorthand: "5 mins ago", "2 hrs ago"
    "hour": "H", "hours": "H", "day": "D", "days": "D",
    "week": "W", "weeks": "W", "weekend": "WE", "weekends": "WE",
    "fortnight": "W", "fortnights": "W",  # counted as two weeks each (parsing.FORTNIGHT)
    "month": "M", "months": "M", "quarter": "Q", "quarters": "Q",
    "year": "Y", "years": "Y", "decade": "DE", "decades": "DE",
    "century": "CE", "centuries": "CE",
}
TIME_UNITS: frozenset[str] = frozenset({"S", "M_", "H"})  # units that take the "PT" prefix

NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "one hundred": 100, "a half": 0.5, "half a": 0.5, "half an": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12,
}
TENS: frozenset[str] = frozenset({
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
})

# Quantities with no number: the value keeps an X ("PXY").
VAGUE_NUMBERS: frozenset[str] = frozenset({
    "a few", "few", "several", "many", "some", "a number of", "the", "a couple of years",
})

# Days of the month as spoken ("the twenty-third of May", "June third").
_ORD_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
              "ninth")
DAY_ORDINALS: dict[str, int] = {
    **{w: k + 1 for k, w in enumerate(_ORD_UNITS)},
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
    **{f"twenty-{w}": 21 + k for k, w in enumerate(_ORD_UNITS)},
    "thirty-first": 31,
}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4, "final": 4,
}

# Words before a year-less "quarter" that name the quarter being reported.
QUARTER_REFERENCES: frozenset[str] = frozenset({"latest", "current", "recent", "most recent"})

# Hedges on a quantity ("about three weeks", "no more than a year").
APPROX_WORDS: tuple[str, ...] = (
    "about", "around", "approximately", "nearly", "almost", "roughly", "some",
    "more than", "less than", "fewer than", "at least", "at most", "up to", "over",
    "no more than", "no less than", "just over", "just under", "barely",
    "well over", "only", "just", "under",
)

# Modifiers that sit inside a duration or a date's extent.
APPROX_MODIFIERS: tuple[str, ...] = (
    "about", "around", "approximately", "nearly", "almost", "roughly", "some",
    "more than", "less than", "fewer than", "at least", "at most", "up to", "over",
    "under", "no more than", "no less than", "just over", "just under", "barely",
    "only", "just", "the past", "the last", "the next", "the first", "the final",
    "the coming", "the previous", "the following", "past", "last", "next", "first",
    "another", "the", "an additional", "a further",
)

# Position words inside a period: value keeps the period, TimeML puts it in mod.
POSITION_MODIFIERS: tuple[str, ...] = (
    "early", "late", "mid", "middle", "the end of", "the beginning of", "the start of",
    "the middle of", "the early", "the late", "the mid", "end of", "start of",
    "beginning of", "earlier", "later",
)

# Deictic words: "today" and the like, with their offset in days from the anchor.
DAY_DEICTICS: dict[str, int] = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
}

# TimeML reference values for words that point at now, the past or the future.
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF",
    "the past": "PAST_REF", "formerly": "PAST_REF",
    # "at the then current price": current at a past time, not now
    "then current": "PAST_REF", "then-current": "PAST_REF",
    "lately": "PAST_REF", "recent years": "PAST_REF", "past years": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF",
    "coming months": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the years ahead": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF", "a future date": "FUTURE_REF",
}

# Adverbs of frequency: (value, granularity unit) for TimeML SET.
FREQUENCIES: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "biweekly": "P2W", "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y",
    "yearly": "P1Y", "biannually": "P6M", "fortnightly": "P2W",
}

# Words of a match report: near them "the first half" is the game's, not the year's.
SPORTS_WORDS: frozenset[str] = frozenset({
    "scored", "score", "scoring", "goal", "goals", "equalised", "equalized", "equaliser",
    "equalizer", "penalty", "kick-off", "kickoff", "half-time", "halftime", "striker",
    "midfielder", "goalkeeper", "touchdown", "touchdowns", "innings", "referee", "match",
    "header", "free-kick", "corner", "substitute", "tries", "quarterback", "rebounds",
})
# What "the first half of ..." may be a half of, when it is the calendar's.
HALF_OF_PERIODS: tuple[str, ...] = ("year", "fiscal", "calendar", "this", "last", "next",
                                    "the year", "the fiscal", "the current", "the decade",
                                    "the century")

# Holidays with a fixed month and day.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
    "veterans day": (11, 11), "veterans' day": (11, 11), "remembrance day": (11, 11),
    "armistice day": (11, 11), "st. patrick's day": (3, 17), "st patrick's day": (3, 17),
    "saint patrick's day": (3, 17), "may day": (5, 1), "bastille day": (7, 14),
    "canada day": (7, 1), "australia day": (1, 26), "juneteenth": (6, 19),
    "the fourth of july": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
    # British and Commonwealth feasts and nights
    "bonfire night": (11, 5), "guy fawkes night": (11, 5), "burns night": (1, 25),
    "st george's day": (4, 23), "st. george's day": (4, 23), "st andrew's day": (11, 30),
    "st. andrew's day": (11, 30), "st david's day": (3, 1), "st. david's day": (3, 1),
    "anzac day": (4, 25), "waitangi day": (2, 6),
    "inauguration day": (1, 20),  # of a US president
}
# Days counted from the nth weekday of a month: (month, ISO weekday, n, days after it).
# Black Friday and Cyber Monday follow (US) Thanksgiving, the fourth Thursday of November;
# (US) Election Day is the Tuesday after the first Monday of November.
OFFSET_HOLIDAYS: dict[str, tuple[int, int, int, int]] = {
    "black friday": (11, 4, 4, 1), "cyber monday": (11, 4, 4, 4), "election day": (11, 1, 1, 1),
}

# Things named after a feast, not times: "an Easter egg", "Christmas tree growers".
HOLIDAY_OBJECTS: frozenset[str] = frozenset({
    "egg", "eggs", "tree", "trees", "card", "cards", "carol", "carols", "cracker", "crackers",
    "pudding", "puddings", "stocking", "stockings", "ornament", "ornaments", "decorations",
    "lights", "costume", "costumes", "bunny", "lily", "lilies", "wreath", "wreaths",
})

# Holidays on the nth weekday of a month: (month, ISO weekday, n); n = -1 is the last.
# US usage, as in most English-language wire copy.
WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4),
    "labor day": (9, 1, 1), "memorial day": (5, 1, -1), "mother's day": (5, 7, 2),
    "father's day": (6, 7, 3), "presidents day": (2, 1, 3), "presidents' day": (2, 1, 3),
    "martin luther king day": (1, 1, 3), "martin luther king jr. day": (1, 1, 3),
    "columbus day": (10, 1, 2),
    "remembrance sunday": (11, 7, 2),  # British: the second Sunday of November
    # (US) the biggest day of presidential primaries: the first Tuesday of March in every
    # cycle since 2012 (2008's fell on Feb. 5)
    "super tuesday": (3, 2, 1),
}

# Epithets that make a weekday the name of a past event, not a day of this week:
# "Black Monday" (1987's crash), "Bloody Sunday", "Blue Monday".
WEEKDAY_EPITHETS: frozenset[str] = frozenset({"Black", "Bloody", "Blue", "Manic"})

# Holidays counted in days from Easter Sunday (Western computus).
EASTER_HOLIDAYS: dict[str, int] = {
    "easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1,
    "good friday": -2, "holy saturday": -1, "holy thursday": -3, "maundy thursday": -3,
    "palm sunday": -7,
    "ash wednesday": -46, "pentecost": 49, "whit monday": 50, "shrove tuesday": -47,
    "pancake day": -47,
}

# Hours a clock may be read out in ("half past seven", "a quarter to twelve").
CLOCK_HOURS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Time zones that may follow a clock time and stay inside the expression.
TIME_ZONES: tuple[str, ...] = (
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET",
    "CEST", "ET", "CT", "MT", "PT", "EET", "EEST", "WET", "MSK", "IST", "JST", "KST", "HKT",
    "SGT", "AEST", "AEDT", "NZST", "NZDT", "SAST", "EAT", "WAT", "HST", "AKST", "AKDT",
)

# Tense and modality cues that decide whether a bare weekday or month lies
# before or after the anchor. Multi-word cues are matched as phrases.
FUTURE_CUES: tuple[str, ...] = (
    "will", "'ll", "shall", "won't", "is expected to", "are expected to", "expected to",
    "plans to", "plan to", "planned to", "planning to", "is due to", "are due to", "due to",
    "is set to", "are set to", "set to", "is scheduled to", "are scheduled to",
    "scheduled to", "scheduled for", "to be held", "ahead of", "is to", "are to",
    "going to", "would", "next", "upcoming", "intends to", "hopes to", "aims to",
    "is likely to", "will be", "is slated to", "slated for", "expects to", "as early as",
    "as soon as", "plans", "set for", "until", "postponed until", "delayed until",
    "adjourned until", "extended until", "may", "might", "must", "should",
    # present tense of scheduled events: "the summit ends on Wednesday"
    "begins", "starts", "opens", "ends", "closes", "expires", "arrives", "departs",
    "resumes", "convenes", "meets", "visits", "travels", "heads", "kicks off",
    # ... and their plural present: "the two leaders meet Monday"
    "begin", "start", "open", "convene", "meet", "resume", "arrive", "depart", "travel",
    # hopes and fixtures: "officials hope to reopen by Friday", "the visitors face Leeds on
    # Saturday", "voters head to the polls on Sunday". Not "could": "could end Wednesday"
    # looks ahead, "could be located Wednesday" back ("could not" is a past cue, below).
    "hope to", "hoping to", "aim to", "aiming to", "intend to", "intending to", "expect to",
    "expecting to", "is poised to", "are poised to", "poised to", "is due", "are due",
    "face", "faces", "head to", "heads to", "no later than", "no earlier than",
    "not earlier than", "planned for", "continues", "continue", "runs", "hosts",
    # a forecast in the present: "she expects a ruling by Friday", "rain is forecast from
    # Thursday", and a vote in the present: "voters go to the polls on Tuesday"
    "expects", "expect", "is forecast", "are forecast", "is predicted", "are predicted",
    "is likely", "are likely", "is unlikely", "are unlikely", "reopens", "reopen",
    # fixtures in the present: "New Zealand play Wales on Saturday evening"; "steps down in the
    # spring"; "the jobs data due at 8:30 a.m. on Friday" ("was due" is a past cue, below)
    "play", "plays", "steps down", "step down", "due",
    "go to the polls", "goes to the polls", "go on sale", "goes on sale",
    # "schools go back on Wednesday", "clocks go back at 2 a.m. on Sunday" (not "had to go
    # back", resolve._PLAIN_PRESENT)
    "go back", "goes back",
    # a schedule in the plural present: "the polls close at 8 p.m. Tuesday". Only with such
    # a subject: "stocks close higher on Friday" is a market report of the day just gone
    "polls close", "doors close", "nominations close", "entries close", "bids close",
    # fixtures and returns: "City host the leaders on Saturday", "she returns there on
    # Saturday"; a place shut on a day ahead: "markets are closed on Monday"
    "host", "return", "returns", "is closed", "are closed", "remain closed", "remains closed",
    # dividends, launches and releases: "payable on Oct. 10", "the phone ships Sept. 24"
    "payable", "ships", "is available", "are available", "goes on sale", "go on sale",
    # rules and prices from a day: "the new tariff is effective Oct. 1", "comes into force"
    "is effective", "are effective", "becomes effective", "become effective", "takes effect",
    "take effect", "comes into force", "come into force", "enters into force",
    # warnings and rules in force: "a yellow warning is in place from 9 a.m. on Saturday"
    "is in place", "are in place", "is in effect", "are in effect", "remains in place",
    "remain in place", "remains in effect", "remain in effect",
)
PAST_CUES: tuple[str, ...] = (
    "said", "says", "had", "was", "were", "did", "last", "ago", "told", "has been",
    "have been", "announced", "reported", "earlier", "since", "had been due to",
    "had been scheduled to", "had been expected to", "was expected to", "were expected to",
    "was scheduled to", "was due to", "was supposed to", "could not", "couldn't",
    "was planned for", "were planned for", "had been planned for", "was due", "were due",
    "had been due", "was to", "were to", "was unlikely", "were unlikely",
)
# Future in the past: after a past verb of saying these look ahead of the report, which is
# about now ("officials said the striker was due to return on Tuesday", "warned work could
# not start before the autumn"); alone they stay past ("the envoy was to have arrived").
BACKSHIFTED_CUES: frozenset[str] = frozenset({
    "was to", "were to", "was due to", "were due to", "was due", "were due",
    "was expected to", "were expected to", "was scheduled to", "was unlikely", "were unlikely",
    "was planned for", "were planned for", "could not",
})
# The past verbs of saying that shift those cues: what they report is still ahead.
BACKSHIFT_REPORTERS: frozenset[str] = frozenset({
    "said", "told", "announced", "added", "stated", "warned", "confirmed", "indicated",
    "insisted", "predicted", "cautioned", "signalled", "signaled", "explained",
})
# A date moved to a new day lies ahead: "the vote has been postponed to Thursday". Only
# right before the expression ("was pushed to the brink on Monday" is no new date).
RESCHEDULE_CUES: tuple[str, ...] = (
    "postponed to", "postponed until", "delayed to", "delayed until", "pushed back to",
    "pushed back until", "put off until", "put off to", "rescheduled for", "rescheduled to",
    "brought forward to", "moved up to", "moved back to", "deferred to", "deferred until",
    "adjourned to", "pushed to", "postponed for", "delayed for", "moved to",
)
# "it was not until Friday", "aid did not arrive until Monday": "until" after a past negation
PAST_NEGATIONS: frozenset[str] = frozenset({"wasn't", "weren't", "didn't", "hadn't"})
PAST_NEGATED_AUX: frozenset[str] = frozenset({"was", "were", "did", "had"})
# Verbs that report speech or thought: a month further on in their sentence belongs to
# what is reported ("officials announced the rules take effect in March"), so such a
# distant verb does not set its tense.
REPORTING_VERBS: frozenset[str] = frozenset({
    "said", "says", "told", "announced", "reported", "added", "noted", "stated", "wrote",
    "explained", "warned", "insisted", "argued", "claimed", "confirmed", "revealed",
    "disclosed", "estimated", "predicted", "forecast", "indicated", "suggested",
    "acknowledged", "admitted", "believed", "thought", "hoped", "feared", "expected",
    "projected", "signalled", "signaled", "promised", "pledged", "vowed", "agreed",
    "decided", "planned", "intended", "proposed", "urged", "asked", "demanded", "ordered",
    "threatened", "knew", "learned", "heard", "showed", "found", "ruled", "voted",
})
# Past verbs of commitment: followed by "to" + a verb they put that verb after the
# commitment ("the two sides agreed to meet again on Thursday", "vowed to resume the
# shelling on Sunday"); a date between the verb and "to" is the day of the commitment.
COMMITMENT_VERBS: frozenset[str] = frozenset({
    "agreed", "promised", "vowed", "pledged", "threatened", "decided", "voted", "resolved",
    "undertook", "offered", "swore", "committed", "volunteered", "arranged",
})
# Conjunctions of a condition: the present after them speaks of the future ("if no deal
# is reached by Sunday", "unless lawmakers act by Thursday").
CONDITION_WORDS: frozenset[str] = frozenset({"if", "unless"})
# Frequent irregular past-tense verbs (regular ones end in -ed).
IRREGULAR_PAST: frozenset[str] = frozenset({
    "said", "told", "met", "went", "came", "saw", "took", "gave", "made", "held", "left",
    "began", "won", "lost", "struck", "fell", "rose", "sold", "bought", "hit", "killed",
    "found", "got", "thought", "brought", "sent", "spent", "built", "paid", "put",
    "led", "fled", "shot", "spoke", "wrote", "broke", "chose", "drove", "flew", "grew",
    "knew", "ran", "sat", "stood", "threw", "wore", "felt", "kept", "heard", "meant",
    "became", "did", "had", "was", "were", "quit", "cut", "let", "shut", "swore", "sank",
    "sought", "caught", "taught", "fought", "ate", "bore", "slid", "upheld", "withdrew",
    "overtook", "underwent", "forecast", "dealt",
})
# Words ending in -ed that are not past-tense verbs.
NOT_PAST_ED: frozenset[str] = frozenset({
    "need", "needed", "speed", "bed", "red", "hundred", "shed", "seed", "feed", "weed",
    "breed", "greed", "creed", "deed", "indeed", "proceed", "succeed", "exceed", "embed",
    "naked", "sacred", "wicked", "ted", "ned", "fred", "ahmed", "mohammed", "united",
    "limited", "based", "expected", "scheduled", "planned", "slated", "supposed",
    "intended", "proposed", "anticipated", "interested", "concerned", "related",
    "advanced", "armed", "med", "sled", "wed",
})
# "un-" + participle is mostly an adjective ("an unspecified date", "unnamed officials");
# these reverse an action and are verbs ("police unveiled the plan on Monday").
UN_VERBS: frozenset[str] = frozenset({
    "unveiled", "unleashed", "unloaded", "unlocked", "uncovered", "unfolded", "unearthed",
    "unraveled", "unravelled", "unplugged", "unpacked", "unsealed", "unseated", "untied",
    "unwrapped", "unfurled", "unmasked", "unnerved", "unsettled", "unblocked", "unbuckled",
    "unzipped", "unhooked", "unloosed", "unburdened", "unfastened", "unlisted",
})
# Words that end a governing clause for the tense look-back.
CLAUSE_BREAKS: tuple[str, ...] = (";", ":", "\u2013", "\u2014", " - ", "--", "(", ")", '"',
                                  "\u201c", "\u201d", "``", "''")

# Words the tense look-back needs by name (resolve.tense_cue).
# Base forms of schedule verbs: after "will", "did" or "not" the auxiliary decides.
BASE_PRESENT: frozenset[str] = frozenset({
    "begin", "start", "open", "convene", "meet", "resume", "arrive", "depart", "travel",
    "continue", "reopen", "play", "host", "return",
})
# Present verbs of a schedule are nouns after a determiner: "the meet on Saturday",
# "the close on Friday", "the end of trading on Monday"
SCHEDULE_PRESENT: frozenset[str] = frozenset({
    "begins", "starts", "opens", "ends", "closes", "expires", "arrives", "departs", "resumes",
    "convenes", "meets", "visits", "travels", "heads", "begin", "start", "open", "convene",
    "meet", "resume", "arrive", "depart", "travel", "close", "end", "continues", "continue",
    "runs", "hosts", "face", "faces", "reopens", "reopen", "play", "plays", "host", "return",
    "returns",
})
# "if"/"unless" after these asks about something ("asked if the vote on Monday was fair"),
# it does not set a condition on the future
NOT_BEFORE_IF: frozenset[str] = frozenset({
    "as", "even", "asked", "ask", "asks", "asking", "wondered", "wonder", "wonders", "unclear",
    "clear", "know", "knows", "knew", "sure", "see", "saw", "check", "checked", "whether",
    "only",
})

# First month of each TimeML season code (northern hemisphere, as TimeBank reads them).
SEASON_FIRST_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
