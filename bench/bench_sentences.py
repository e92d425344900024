"""Sentence splitting: ours against well-kept libraries, on a small gold set.

Usage: python bench/bench_sentences.py [--repeat N]

The gold set below is invented news prose full of the traps that matter here
(titles, agency abbreviations, a.m./p.m., initials, quotes, headlines without a
full stop). Each paragraph is a list of gold sentences; paragraphs are joined
by blank lines into one text. A sentence counts as found when a splitter
returns exactly it (whitespace stripped). Prints precision/recall/F1 and time
per splitter; libraries that are not installed are skipped (pysbd; nltk's
Punkt without trained data, since the trained models need a download).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from newsline.sentences import split_sentences

GOLD: list[list[str]] = [
    ["Storm hits coast"],
    ["Power was cut to 30,000 homes on Sunday.", "Crews expect repairs to take a week."],
    ["Mr. Alvarez arrived in the U.S. capital on Jan. 5 at 9 a.m. local time.",
     "He met Gen. Ortiz of the Acme Corp. board the same day."],
    ["The U.S. economy grew 2.5% in the quarter.", "Analysts at J.P. Morgan had expected less."],
    ['"We will not back down," said Sen. Hale.', "Her aides declined to comment."],
    ["The vote passed 52-48 late on Tuesday.", "It now goes to the House."],
    ["George W. Bush visited the site in 2005.", "His successor followed in 2009."],
    ["Is the deal dead?", "Not yet, officials say!", "Talks resume Monday."],
    ["The company, Brightline Inc., said profits rose.", "Shares jumped 4 percent."],
    ["Prices rose in the U.S.", "The Fed is expected to act."],
    ["The meeting ended at 11 p.m.", "No deal was reached."],
    ["Dr. Singh, who led the study, said the results were clear.",
     "Other researchers were less sure."],
    ["Flights resumed at 6 a.m. Monday after the storm.", "Delays continued."],
    ["The firm is based in St. Louis.", "It employs 4,000 people."],
    ["Officials said the No. 2 reactor was shut.", "Inspectors arrive on Sept. 14."],
    ["He cited the U.N. report.", "It found 1,200 violations."],
    ['She asked: "Who pays for this?"', "Nobody answered."],
    ["The index closed at 3,402.51 points.", "Volume was light."],
    ["Rescue teams worked through the night...", "By dawn, 14 people had been found."],
    ["Ms. Okafor, 42, joined the board in Oct. 2019.", "She replaces Mr. Lind."],
    ["The plan (approved in March) takes effect next year.", "Critics call it rushed."],
    ["Talks collapse in Geneva"],
    ["The report was published by the W.H.O. on Friday.", "It urges faster testing."],
    ["Lt. Col. Mara Voss commanded the unit.", "She retired in 2018."],
    ["Apple Inc. reported results on Thursday.", "Revenue beat forecasts."],
    ['"It is over," he said.', '"We lost."'],
    ["Exports to the E.U. fell 3 percent, according to the data.", "Imports rose."],
    ["The talks, hosted by Norway, ended without a deal; another round is planned.",
     "Diplomats were cautious."],
    ["Jan. 6 hearings resume today.", "Witnesses include two former aides."],
    ["The court ruled 5-4 in favor of the state.", "An appeal is likely."],
    ['A spokesman for the ministry said: "No comment."',
     "The ministry later issued a statement."],
    ["Visitors paid $12.50 each.", "Children entered free."],
    ["The bill, sponsored by Rep. Carla Diaz (D-Fla.), passed.", "It heads to the Senate."],
    ["Prof. Amit Rao of M.I.T. led the team.", "Results appear in Nature."],
    ["The ship left port at 4 p.m. on Saturday.", "It was due back Monday."],
    ["Police arrested three men in the U.K.", "Officers seized weapons."],
    ["Turnout was 61 percent.", "That is the highest since 1998."],
    ["Minister Ana Perez resigned on Friday.", "Her deputy, Luis Ortega, takes over."],
    ["The storm, named Irma, weakened overnight.", "Forecasters expect rain through Wednesday."],
    ["He said he would return in Dec.", "The date is not fixed."],
    ["Cases rose to 1,345, the agency said.", "Deaths held steady at 12."],
    ["Wildfire forces evacuations near Redding"],
    ["KABUL, Afghanistan – A blast hit a market on Tuesday, police said.",
     "At least nine people were hurt."],
    ["The minister – who took office in 2014 – denied the claims.", "An inquiry opens Monday."],
    ["Gov. Lee signed the bill at 10 a.m. Friday.", "It takes effect Jan. 1."],
    ["Sales at Smith & Co. fell sharply.", "The firm blamed the weather."],
    ["U.S. officials declined to comment.", "European diplomats were more open."],
    ["The new line cost $1.2 bn.", "Riders welcomed it."],
    ["Why now?", "Because the deadline is near, aides said."],
    ["The fund was set up by Mr. and Mrs. Patel in 1999.", "It has since grown tenfold."],
    ["The Rev. Martin Luther King Jr. spoke here in 1963.", "Thousands came to listen."],
    ["She earned a Ph.D. in physics.", "Then she moved to Oslo."],
    ["The U.S.-led coalition struck at 3 a.m.", "The raid killed five fighters."],
    ["Talks stalled, said Amb. Rhee.", "A new round starts soon."],
    ["Unemployment fell to 4.1 pct.", "Wages rose."],
    ["The deal closes in Q3.", "Regulators must approve it."],
]
# Known hard cases: an acronym or "Jr." before a capitalised word that opens a sentence.


def gold_text() -> tuple[str, list[str]]:
    paras = [" ".join(p) for p in GOLD]
    return "\n\n".join(paras), [s for p in GOLD for s in p]


def ours(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def _splitters() -> dict[str, Callable[[str], list[str]]]:
    out: dict[str, Callable[[str], list[str]]] = {"newsline": ours}
    try:
        import pysbd  # type: ignore[import-not-found]

        seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
        out["pysbd"] = lambda t: [s for p in t.split("\n\n") for s in seg.segment(p)]
    except ImportError:
        print("pysbd not installed: skipped", file=sys.stderr)
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer  # type: ignore[import-not-found]

        punkt = PunktSentenceTokenizer()
        out["nltk-punkt-untrained"] = lambda t: [s for p in t.split("\n\n")
                                                 for s in punkt.tokenize(p)]
    except ImportError:
        print("nltk not installed: skipped", file=sys.stderr)
    return out


def score(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    p = [s.strip() for s in pred if s.strip()]
    remaining = list(gold)
    tp = 0
    for s in p:
        if s in remaining:
            remaining.remove(s)
            tp += 1
    prec = tp / len(p) if p else 0.0
    rec = tp / len(gold)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--show", action="store_true", help="print each splitter's misses")
    args = ap.parse_args(argv)
    text, gold = gold_text()
    print(f"gold: {len(gold)} sentences in {len(GOLD)} paragraphs, {len(text)} chars")
    for name, fn in _splitters().items():
        pred = fn(text)
        prec, rec, f1 = score(pred, gold)
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            fn(text)
        per = (time.perf_counter() - t0) / args.repeat
        kchars = len(text) / per / 1000
        print(f"{name:22s} P={prec:.3f} R={rec:.3f} F1={f1:.3f} "
              f"time={per * 1000:.2f}ms ({kchars:,.0f} kchar/s)")
        if args.show:
            for s in gold:
                if s not in [x.strip() for x in pred]:
                    print(f"    missed: {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
