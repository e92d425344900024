"""A deterministic synthetic news corpus for the scale benchmark.

Stories are invented (places, people, bodies and happenings come from small word
lists below); each story is covered by several outlets over a few days, so the
same happenings recur across articles with different wording and different kinds
of date expressions: absolute days, weekdays relative to the publication date,
"yesterday", months, years, "last week". Every article is about 400 words with
a headline, a byline with the outlet and a dateline carrying the publication date.

    python bench/synth.py OUT_DIR --articles 1000 [--seed 7] [--jsonl]

Same seed, same corpus, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PLACES = [
    "Arvelle", "Brackmoor", "Cindral", "Dunmere", "Eskavol", "Farrowby", "Glenhask",
    "Hollowmere", "Istrava", "Jorvik Vale", "Kestrun", "Lowenmark", "Marrowgate", "Norwhistle",
    "Ossary", "Pellingford", "Quarrydeep", "Rothwyn", "Saltmarsh Cross", "Tarnebury",
    "Umberlee", "Vantry", "Wexholm", "Yarrowdale", "Zennor Bay",
]
BODIES = [
    "the regional water board", "the harbour authority", "the transport ministry",
    "the city council", "the provincial assembly", "the teachers' union",
    "the rail operator", "the health trust", "the mining cooperative", "the port workers' guild",
    "the energy regulator", "the coastal guard", "the farmers' federation",
]
FIRST = [
    "Maren", "Tobias", "Ilse", "Corwin", "Dalia", "Fenna", "Garrick", "Hedda", "Ansel", "Brisa",
    "Oskar", "Petra", "Rune", "Selma", "Tamsin", "Ulric", "Vera", "Wendel", "Yusra", "Zoltan",
]
LAST = [
    "Aldersey", "Brannock", "Castellane", "Dovecote", "Everline", "Fairweather", "Grisby",
    "Hawthorne", "Ivesley", "Kettering", "Lindqvist", "Mortlake", "Nettleship", "Oakhurst",
    "Pemberton", "Quillfeather", "Rookwood", "Stanmore", "Thistlewood", "Underhill",
]
OUTLETS = [
    "The Arvelle Gazette", "Northern Courier", "Coastline Daily", "The Valley Herald",
    "Metro Ledger", "Harbour Times", "Provincial Post", "The Evening Lantern", "Wire Service One",
    "Upland Observer", "The Morning Standard", "Riverside Record",
]
# Happenings of a story: (verb phrase, noun phrase) templates filled with the story's names.
ACTS = [
    ("{body} voted to close the {thing}", "the vote on the {thing}"),
    ("floodwater breached the {thing} near {place}", "the breach at the {thing}"),
    ("{person} resigned as head of {body}", "the resignation of {person}"),
    ("workers walked out at the {thing}", "the strike at the {thing}"),
    ("{body} signed an agreement to rebuild the {thing}", "the rebuilding agreement"),
    ("inspectors found cracks in the {thing}", "the inspection of the {thing}"),
    ("a fire damaged the {thing} outside {place}", "the fire at the {thing}"),
    ("{person} announced an inquiry into the {thing}", "the inquiry into the {thing}"),
    ("residents marched through {place} to protest about the {thing}", "the protest march"),
    ("the court in {place} halted work on the {thing}", "the court order on the {thing}"),
    ("{body} reopened the {thing} to traffic", "the reopening of the {thing}"),
    ("engineers began draining the reservoir behind the {thing}", "the draining work"),
]
THINGS = [
    "north dam", "old ferry terminal", "coal wharf", "river bridge", "pumping station",
    "eastern viaduct", "grain silo", "tram depot", "sea wall", "lighthouse pier",
]
FILLER = [
    "Officials declined to say how much the work would cost.",
    "Local shopkeepers said trade had slowed sharply in recent weeks.",
    "The matter is expected to come up again when the budget is debated.",
    "Several families living nearby have asked for clearer information.",
    "Critics argue that warnings were ignored for far too long.",
    "A spokesperson said the safety of residents remained the priority.",
    "Independent engineers have been asked to review the original plans.",
    "Opposition members called for the minutes of every meeting to be published.",
    "Traffic was diverted along the coast road while crews were at work.",
    "The figures have not been independently verified.",
    "Insurers are still assessing the damage to homes and businesses.",
    "Volunteers handed out water and blankets at the community hall.",
    "The union said its members were ready to return if talks resumed.",
    "Some residents said they had heard loud noises during the night.",
    "Documents seen by reporters suggest the problem was known earlier.",
    "Neither side would comment on the details of the negotiations.",
]
SUBJECTS = [
    "Residents", "Shop owners", "Local engineers", "Council members", "Emergency crews",
    "Parents at the village school", "Fishermen on the quay", "Hospital staff", "Commuters",
    "Retired miners", "Students from the technical college", "Volunteers",
]
VERBS = [
    "questioned", "welcomed", "criticised", "asked about", "worried about", "debated",
    "complained about", "wrote letters about", "gathered to discuss", "raised doubts over",
]
OBJECTS = [
    "the cost of the repairs", "the closure of the coast road", "the new safety rules",
    "the pace of the clean-up", "the missing inspection records", "the emergency shelters",
    "the plans for compensation", "the noise from the night shifts", "the detour for lorries",
    "the water quality in the estuary", "the handling of the complaints",
]
TAILS = [
    "at a crowded public meeting", "in a petition with hundreds of signatures",
    "on local radio", "in a statement", "outside the town hall", "during a heated debate",
    "in comments to reporters", "at the weekly market",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_DAY = date(2012, 1, 1)
SPAN_DAYS = 365 * 12


@dataclass(frozen=True)
class Story:
    place: str
    body: str
    person: str
    thing: str
    acts: tuple[tuple[str, str, date], ...]  # (clause, noun phrase, day)
    background_year: int


def _story(rng: random.Random) -> Story:
    place = rng.choice(PLACES)
    body = rng.choice(BODIES)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    thing = rng.choice(THINGS)
    first = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    acts = []
    day = first
    for tmpl, noun in rng.sample(ACTS, rng.randint(3, 5)):
        fill = {"place": place, "body": body, "person": person, "thing": thing}
        acts.append((tmpl.format(**fill), noun.format(**fill), day))
        day += timedelta(days=rng.randint(0, 4))
    return Story(place, body, person, thing, tuple(acts), first.year - rng.randint(1, 6))


def _long(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _say(rng: random.Random, d: date, pub: date) -> str:
    """A date expression for day ``d`` as a reporter writing on ``pub`` might put it."""
    gap = (pub - d).days
    options = [f"on {_long(d)}", f"on {d.day} {MONTHS[d.month - 1]} {d.year}"]
    if gap == 1:
        options += ["yesterday", "on " + WEEKDAYS[d.weekday()]]
    elif gap == 0:
        options += ["today", "earlier today"]
    elif 1 < gap < 7:
        options += ["on " + WEEKDAYS[d.weekday()], "last " + WEEKDAYS[d.weekday()]]
    elif gap < 0 and gap > -7:
        options += ["on " + WEEKDAYS[d.weekday()], "next " + WEEKDAYS[d.weekday()]]
    if d.year == pub.year:
        options.append(f"on {MONTHS[d.month - 1]} {d.day}")
    return rng.choice(options)


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def _article(rng: random.Random, story: Story, n: int) -> tuple[str, str, date]:
    """(file name, text, publication day) of one article about ``story``."""
    last_day = story.acts[-1][2]
    pub = last_day + timedelta(days=rng.randint(0, 3))
    outlet = rng.choice(OUTLETS)
    reporter = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    clause, noun, day = rng.choice(story.acts)
    head = _capital(f"{noun} leaves {story.place} uneasy").replace("  ", " ")
    lines = [head, f"By {reporter}, {outlet}", ""]
    paras: list[str] = []
    lead = f"{story.place.upper()}, {_long(pub)} — {_capital(clause)} {_say(rng, day, pub)}."
    paras.append(lead)
    words = len(lead.split())
    turns = 0
    while words < 390:
        turns += 1
        pick = rng.random()
        if pick < 0.16:
            c, nn, d = rng.choice(story.acts)
            if rng.random() < 0.5:
                s = f"{_capital(c)} {_say(rng, d, pub)}, according to {story.person}."
            else:
                s = f"{_capital(_say(rng, d, pub))}, {c}."
        elif pick < 0.20:
            s = (f"The {story.thing} was built in {story.background_year} and last repaired "
                 f"in {MONTHS[rng.randrange(12)]} {story.background_year + rng.randint(1, 3)}.")
        elif pick < 0.24:
            s = (f"{_capital(story.body)} said {WEEKDAYS[rng.randrange(7)]} that a full report "
                 f"would follow next month.")
        elif pick < 0.28:
            s = (f"Last week {story.person} met residents in {story.place}, and another "
                 f"meeting is planned for {MONTHS[(pub.month + rng.randint(0, 2)) % 12]}.")
        elif pick < 0.55:
            s = rng.choice(FILLER)
        else:
            s = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                 f"{rng.choice(TAILS)}.")
        if paras and turns % 3:
            paras[-1] += " " + s
        else:
            paras.append(s)
        words += len(s.split())
    text = "\n".join(lines) + "\n" + "\n\n".join(paras) + "\n"
    name = f"{pub.isoformat()}_{n:06d}.txt"
    return name, text, pub


def generate(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """Yield ``n`` (file name, text) pairs; stories are shared by 2-12 articles each."""
    rng = random.Random(seed)
    made = 0
    while made < n:
        story = _story(rng)
        for _ in range(min(rng.randint(2, 12), n - made)):
            name, text, _pub = _article(rng, story, made)
            yield name, text
            made += 1


def write_corpus(out: Path, n: int, seed: int = 7, *, per_folder: int = 1000) -> int:
    """Write ``n`` articles as text files in sub-folders of ``out``; return total bytes."""
    total = 0
    for i, (name, text) in enumerate(generate(n, seed)):
        folder = out / f"{i // per_folder:04d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
    return total


def write_jsonl(path: Path, n: int, seed: int = 7) -> int:
    """The same corpus as JSON lines ({"text", "id"}); returns the bytes of text."""
    total = 0
    with open(path, "w", encoding="utf-8") as fh:
        for name, text in generate(n, seed):
            fh.write(json.dumps({"id": name, "text": text}) + "\n")
            total += len(text.encode("utf-8"))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jsonl", action="store_true", help="write one JSONL file instead")
    a = ap.parse_args()
    if a.jsonl:
        size = write_jsonl(a.out, a.articles, a.seed)
    else:
        size = write_corpus(a.out, a.articles, a.seed)
    print(f"wrote {a.articles} articles, {size / 1e6:.1f} MB of text to {a.out}")


if __name__ == "__main__":
    main()
