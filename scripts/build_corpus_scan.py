"""Writes the corpus's scanned letter: a resident's typed letter to Councillor Ashworth, as a
flatbed scanner gives it (a grey page, slightly askew, a few specks of dust), in a PNG with no text.

    python scripts/build_corpus_scan.py     # writes corpus/letters/2006-08-14-foley-to-ashworth-scan.png

The letter is fiction written for the corpus, like the rest of it. Needs Pillow (the test extra's
fpdf2 brings it). Read only by OCR: without it, `archive index corpus` skips it with the hint.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests` (its page drawing) importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scans import page_image

TARGET = Path(__file__).resolve().parent.parent / "corpus" / "letters" / "2006-08-14-foley-to-ashworth-scan.png"
DPI = 200
LETTER = """\
14 Weir Cottages
Mill Road
Millford CK4 2RL

14 August 2006

Councillor David Ashworth
Calderbrook District Council
Town Hall, Market Street
Calderbrook CK4 1TH

Dear Councillor Ashworth,

I am writing again about the brook behind our cottages. On Saturday, after
three weeks without a drop of rain, the overflow pipe below the footbridge
was running grey, and the smell reached our kitchens. My grandson found
dead minnows in the shallows by the ford.

The water company told me on the telephone that the overflow only works
in storms. There has been no storm. If it runs in dry weather, something
is blocked or broken, and somebody ought to find out what.

I have kept a diary of the days I have seen it running since May, and I
enclose a copy. I would be glad to show you the place.

Yours sincerely,

Margaret Foley"""


def scanned_letter():
    """The letter typed on a page, then scanned: paper not quite white, turned by half a degree,
    with dust specks (seeded, so the file is the same each time it is made)."""
    from PIL import Image

    page = page_image(LETTER.splitlines(), dpi=DPI, points=11)
    page = page.point(lambda level: 40 + level * 200 // 255)  # ink not black, paper not white
    page = page.rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=240)
    specks = random.Random(2006)
    for _ in range(300):
        page.putpixel((specks.randrange(page.width), specks.randrange(page.height)), specks.randrange(60, 160))
    return page


if __name__ == "__main__":
    scanned_letter().save(TARGET, format="PNG", dpi=(DPI, DPI), optimize=True)
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")
