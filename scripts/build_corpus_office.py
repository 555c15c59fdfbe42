#!/usr/bin/env python3
"""Build the corpus's Word document, Outlook message and mailbox from the texts below.

    python scripts/build_corpus_office.py

Needs the test extra (python-docx is core; aspose-email-foss writes the .msg). The texts are
fictional, written for this project's storyline like the rest of corpus/:

* ``letters/2011-10-03-kaur-to-ashworth.docx``: Rachel Kaur (Parents and Residents for Clean
  Water) to Councillor David Ashworth after the independent audit, with a table of monitors and a
  letterhead in the page header; author and creation date in the document properties.
* ``letters/2012-07-20-wierzbicki-to-okafor.msg``: Tomasz Wierzbicki's Outlook message to Adaeze
  Okafor after the tunnel's go-ahead, copied to Neil Fairbairn, with the works programme attached.
* ``letters/2010-rivers-watch-spill-log.mbox``: three messages between Rivers Watch volunteers
  in spring 2010, the second with the volunteers' spill log attached.
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.office_fixtures import Mail, make_docx, make_mbox, make_msg  # noqa: E402

CORPUS = ROOT / "corpus"
BST = dt.timezone(dt.timedelta(hours=1))

KAUR_LETTER = dict(
    header="Parents and Residents for Clean Water · 12 Tanner's Row · Millford",
    paragraphs=[
        "3 October 2011",
        "Councillor David Ashworth",
        "Calderbrook District Council",
        "Town Hall, Millford",
        "",
        "Dear Councillor Ashworth,",
        "",
        "Overflow monitors after the independent audit",
        "",
        "Thank you for meeting our members in the Tanner's Row community room last week. As promised, I set out "
        "below what the independent audit by John Q. Smith found at the three monitors nearest to "
        "Tanner's Row, beside what our own volunteers saw from the footbridge over the same months.",
        "",
        "The audit confirms what residents have been saying since 2008: the monitor at Tanner's Bridge "
        "stopped logging spills hours before the water ran clear. Harrowgate Water Company says the "
        "faulty monitors have all been replaced. We would like the council to ask the company to "
        "publish the corrected figures for the first half of 2011, monitor by monitor, so that "
        "parents can see how often the brook was running with sewage while children played on the banks.",
        "",
        "We would also be grateful if you could raise the question of warning signs at the footbridge "
        "with the Environment Agency. Patrick Dunmore told our meeting in June that signs were a matter "
        "for the council; the council told us they were a matter for the Agency.",
        "",
        "Yours sincerely,",
        "",
        "Rachel Kaur",
    ],
    table=[["Monitor", "Hours logged, January to June 2011", "Hours seen by volunteers"],
           ["Tanner's Bridge", "212", "301"],
           ["Mill Lane", "96", "104"],
           ["Lowfield outfall", "41", "not watched"]],
    footer="PRCW is a residents' group founded in 2008. Our sampling results are published every month.",
    author="Rachel Kaur", created=dt.datetime(2011, 10, 3, 19, 40), title="Overflow monitors after the independent audit",
)

WIERZBICKI_MESSAGE = Mail(
    subject="Tanner's Bridge tunnel: works programme and residents' meetings",
    body="Dear Ms Okafor,\n\n"
         "Following the committee's statement of 16 July, I attach the programme for the storage tunnel "
         "at Tanner's Bridge as agreed with our contractor last week. Site set-up begins on 13 August and "
         "the tunnel boring machine should arrive in Millford in early October.\n\n"
         "You asked that residents know exactly what the construction will mean for them. We will hold "
         "drop-in sessions at the Millford library on the first Tuesday of every month while the works "
         "last, and Neil Fairbairn, who is copied here, will attend each of them in person.\n\n"
         "I would be glad to give the committee a short written update every quarter until the tunnel "
         "is finished in 2014.\n\n"
         "Yours sincerely,\n\n"
         "Tomasz Wierzbicki\n"
         "Chief Executive, Harrowgate Water Company",
    sender=("Tomasz Wierzbicki", "tomasz.wierzbicki@harrowgate-water.example"),
    to=[("Adaeze Okafor", "adaeze.okafor@nrsc-committee.example")],
    cc=[("Neil Fairbairn", "neil.fairbairn@harrowgate-water.example")],
    sent=dt.datetime(2012, 7, 20, 16, 12, tzinfo=BST),
    attachments=[("tunnel-works-programme.txt", (
        "Tanner's Bridge storage tunnel: the works programme\n\nHarrowgate Water Company\nIssued 19 July 2012\n\n"
        "13 August 2012      site set-up at the Lowfield works compound\n"
        "October 2012        tunnel boring machine arrives; boring begins\n"
        "Spring 2013         shafts at Mill Lane and Tanner's Bridge\n"
        "2014                tunnel connected and in service\n\n"
        "Residents' drop-in sessions: Millford library, first Tuesday of each month, 4 to 7 pm.\n"
    ).encode())],
)

SPILL_LOG_MAILS = [
    Mail(subject="Footbridge rota for April",
         body="Hi Ingrid,\n\nCould you take the Tuesday and Friday mornings at the footbridge in April? "
              "Rachel's group has offered to cover the weekends. If the overflow is running, please note "
              "the time it started and photograph the outfall from the same spot as last month.\n\nThanks,\nZoë",
         sender=("Zoë Lefèvre", "zoe.lefevre@riverswatch.example"),
         to=[("Ingrid Halvorsen", "ingrid.halvorsen@riverswatch.example")],
         sent=dt.datetime(2010, 3, 29, 20, 5, tzinfo=BST)),
    Mail(subject="Re: Footbridge rota for April",
         body="Zoë,\n\nHappy to. I have put the March log into one file (attached) so that we can send it to "
              "the committee with the hydrology notes. The overflow ran on nine mornings in March, four of "
              "them after less than a millimetre of rain.\n\nIngrid",
         sender=("Ingrid Halvorsen", "ingrid.halvorsen@riverswatch.example"),
         to=[("Zoë Lefèvre", "zoe.lefevre@riverswatch.example")],
         sent=dt.datetime(2010, 3, 30, 7, 48, tzinfo=BST),
         attachments=[("march-2010-spill-log.txt", (
             "Rivers Watch spill log at the Tanner's Bridge footbridge\n\nDated 30 March 2010\n\n"
             "2 March 2010    07:10  running, brown water, strong smell\n"
             "9 March 2010    07:25  running\n"
             "16 March 2010   07:05  running after 0.4 mm of rain\n"
             "23 March 2010   07:30  running after 0.2 mm of rain\n"
             "30 March 2010   07:15  running, sanitary debris on the bank\n"
         ).encode())]),
    Mail(subject="Re: Footbridge rota for April",
         body="Thank you, Ingrid. I will send the log to Adaeze Okafor's office with our covering letter, "
              "and copy Councillor Ashworth, who asked to see every month's figures.\n\nZoë",
         sender=("Zoë Lefèvre", "zoe.lefevre@riverswatch.example"),
         to=[("Ingrid Halvorsen", "ingrid.halvorsen@riverswatch.example")],
         sent=dt.datetime(2010, 3, 30, 12, 31, tzinfo=BST)),
]


def main() -> None:
    letters = CORPUS / "letters"
    (letters / "2011-10-03-kaur-to-ashworth.docx").write_bytes(make_docx(**KAUR_LETTER))
    (letters / "2012-07-20-wierzbicki-to-okafor.msg").write_bytes(make_msg(WIERZBICKI_MESSAGE))
    with tempfile.TemporaryDirectory() as folder:
        (letters / "2010-rivers-watch-spill-log.mbox").write_bytes(make_mbox(SPILL_LOG_MAILS, Path(folder)))


if __name__ == "__main__":
    main()
