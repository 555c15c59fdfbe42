#!/usr/bin/env python3
"""Build the PDF documents of the sample corpus from plain-text sources.

Sources live in ``scripts/pdf_sources/*.txt`` (outside ``corpus/`` so that the
indexer does not see the same text twice).  Each source starts with a small
header block, terminated by a line containing only ``---``::

    Title: Running Foul: committee publishes report
    Author: Northern Rivers Select Committee
    Creation-Date: 2011-03-14T09:00:00+00:00
    Output: releases/2011-03-14-running-foul-report.pdf

``Output`` is relative to ``corpus/``.  The body uses a tiny markup:

* ``## text``      bold heading
* ``>> text``      right-aligned line (date lines, references)
* ``[[PAGEBREAK]]`` force a new page
* blank line       vertical gap; every other line is its own paragraph/line

The script also assembles the one e-mail in the corpus that carries a PDF
attachment (``corpus/letters/2011-03-17-okafor-to-wierzbicki.eml``), because
that attachment is fpdf2 output too.  Its source is
``scripts/pdf_sources/attachments/okafor-letter-2011-03-17.txt``.

Output is deterministic: creation dates come from the source headers, fpdf2
derives the document /ID from content + creation date, and the e-mail uses a
fixed MIME boundary, Message-ID and Date.  Running the script twice yields
byte-identical files.

Usage:  python scripts/build_corpus_pdfs.py [--check]
        (--check builds into memory and reports files that would change)
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "pdf_sources"
CORPUS = ROOT / "corpus"

FONT = "Helvetica"
BODY_SIZE = 11
LINE_H = 5.6


def parse_source(path: Path) -> tuple[dict[str, str], list[str]]:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path}: missing '---' header separator")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    for required in ("title", "author", "creation-date"):
        if required not in meta:
            raise ValueError(f"{path}: header {required!r} missing")
    lines = body.strip("\n").splitlines()
    for n, line in enumerate(lines, 1):
        try:
            line.encode("latin-1")
        except UnicodeEncodeError as exc:
            raise ValueError(f"{path}:{n}: not latin-1 (core fonts): {line!r}") from exc
    return meta, lines


def render_pdf(meta: dict[str, str], lines: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(meta["title"])
    pdf.set_author(meta["author"])
    if meta.get("subject"):
        pdf.set_subject(meta["subject"])
    pdf.set_creator("Calder Brook sample corpus (scripts/build_corpus_pdfs.py)")
    pdf.set_creation_date(datetime.fromisoformat(meta["creation-date"]))
    pdf.add_page()
    pdf.set_font(FONT, size=BODY_SIZE)

    for line in lines:
        if line.strip() == "[[PAGEBREAK]]":
            pdf.add_page()
            continue
        if not line.strip():
            pdf.ln(LINE_H * 0.7)
            continue
        if line.startswith("## "):
            pdf.set_font(FONT, style="B", size=BODY_SIZE + 2)
            pdf.multi_cell(0, LINE_H + 1, line[3:], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, size=BODY_SIZE)
            continue
        if line.startswith(">> "):
            pdf.multi_cell(0, LINE_H, line[3:], align="R", new_x="LMARGIN", new_y="NEXT")
            continue
        pdf.multi_cell(0, LINE_H, line, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --------------------------------------------------------------------------
# The e-mail with a PDF attachment
# --------------------------------------------------------------------------

EMAIL_WITH_PDF = {
    "output": "letters/2011-03-17-okafor-to-wierzbicki.eml",
    "attachment_source": "attachments/okafor-letter-2011-03-17.txt",
    "attachment_name": "okafor-letter-2011-03-17.pdf",
    "from": Address("Adaeze Okafor MP", "adaeze.okafor", "nrsc-committee.example"),
    "to": Address("Tomasz Wierzbicki", "tomasz.wierzbicki", "harrowgatewater.example"),
    "cc": Address("Eleanor Prowse", "eleanor.prowse", "nrsc-committee.example"),
    "date": datetime.fromisoformat("2011-03-17T11:24:05+00:00"),
    "subject": "Running Foul: the committee's recommendations and your response",
    "message_id": "<20110317112405.5C21A@nrsc-committee.example>",
    "boundary": "===============calderbrook-20110317-okafor==",
    "body": """\
Dear Mr Wierzbicki,

Please find attached a letter from me, as Chair of the Northern Rivers
Select Committee, following the publication on Monday of our report
"Running Foul: Sewage Discharges into the River Calder Brook".

The letter sets out the recommendations that fall to Harrowgate Water
Company and asks for a written response within two months. A paper copy
is in the post to Mill Lane.

I would be grateful if your office could confirm receipt to the
committee clerk, Eleanor Prowse, who is copied in. She will also be in
touch with your office about a meeting before Easter, ideally in Millford
so that members can see the site at Tanner's Bridge for themselves.

May I add, on a personal note, that I appreciated the tone of your
statement on the day of publication. The committee's conclusions are
hard on the company's record before 2008, and I know they make
uncomfortable reading. The response to them so far has been constructive,
and I hope we can keep it that way.

Yours sincerely,

Adaeze Okafor MP
Chair, Northern Rivers Select Committee
""",
}


def render_email_with_pdf() -> tuple[str, bytes]:
    spec = EMAIL_WITH_PDF
    meta, lines = parse_source(SOURCES / spec["attachment_source"])
    pdf_bytes = render_pdf(meta, lines)

    msg = EmailMessage()
    msg["From"] = spec["from"]
    msg["To"] = spec["to"]
    msg["Cc"] = spec["cc"]
    msg["Date"] = format_datetime(spec["date"])
    msg["Subject"] = spec["subject"]
    msg["Message-ID"] = spec["message_id"]
    msg["MIME-Version"] = "1.0"
    msg.set_content(spec["body"])
    msg.add_attachment(
        pdf_bytes,
        maintype="application",
        subtype="pdf",
        filename=spec["attachment_name"],
    )
    msg.set_boundary(spec["boundary"])
    return spec["output"], msg.as_bytes(policy=SMTP)


def build_all() -> dict[str, bytes]:
    outputs: dict[str, bytes] = {}
    for src in sorted(SOURCES.glob("*.txt")):
        meta, lines = parse_source(src)
        out = meta.get("output")
        if not out:
            raise ValueError(f"{src}: header 'output' missing")
        outputs[out] = render_pdf(meta, lines)
    name, data = render_email_with_pdf()
    outputs[name] = data
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if any output would change")
    args = parser.parse_args(argv)

    outputs = build_all()
    changed = []
    for rel, data in outputs.items():
        target = CORPUS / rel
        if target.exists() and target.read_bytes() == data:
            continue
        changed.append(rel)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    verb = "would change" if args.check else "written"
    print(f"{len(outputs)} outputs, {len(changed)} {verb}")
    for rel in changed:
        print(f"  {rel}")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
