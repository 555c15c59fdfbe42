"""Writes a folder of hostile and broken files, and says what indexing must make of each.

    python tests/make_hostile_fixtures.py FOLDER

Everything is generated here (nothing binary is committed). Scans and images have one outcome
where OCR runs and another (skipped, with the hint) where it cannot. ``make_hostile_folder`` returns the
expected outcome of every entry, for ``archive index`` run with ``CLI_LIMITS`` (small limits, so
that "huge" files stay small and the run stays fast).
"""
from __future__ import annotations

import codecs
import datetime as dt
import os
import random
import sys
import zlib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.readers._ocr import ocr_missing
from tests.fixtures.hostile import bomb_pdf, pdf_with_content, with_xref
from tests.scans import raw_png

# The limits the expectations below are written for.
CLI_LIMITS = ["--max-file-mb", "1.5", "--max-text-mb", "0.5", "--max-attachment-mb", "0.25",
              "--max-message-depth", "2", "--max-inflated-mb", "5", "--timeout", "5", "--workers", "2"]
MB = 1024 * 1024

# Words that hostile markup hides in scripts, styles and frames: never document text.
HIDDEN_WORDS = ["scriptsecret", "stylesecret", "iframesecret", "deepscriptsecret", "mailscriptsecret"]
# Where a reader that fetched anything would go: a closed port on this machine.
REMOTE = "http://127.0.0.1:9"


@dataclass(frozen=True)
class Expected:
    """``outcome``: indexed, failed or skipped. ``reason``: a fragment of the failure or skip
    reason, or of the note on an indexed file that was read in part. ``text``: a fragment an
    indexed file's text holds; ``word``: a word that finds it (both empty: nothing to check)."""

    outcome: str
    reason: str = ""
    text: str = ""
    word: str = ""


# name -> (text, encoding, byte order mark, a word of it to search for)
ENCODED_TEXTS = {
    "utf-8.txt": ("Grüße aus Köln, sagte Zoë Lefèvre über die Brücke.", "utf-8", b"", "Köln"),
    "utf-8-bom.txt": ("Ναυτιλία: η επιτροπή συνεδρίασε στον Πειραιά.", "utf-8", codecs.BOM_UTF8, "Πειραιά"),
    "utf-16-le-bom.txt": ("Ελληνικά γράμματα από τη Θεσσαλονίκη.", "utf-16-le", codecs.BOM_UTF16_LE,
                          "Θεσσαλονίκη"),
    "utf-16-be-bom.txt": ("Žluťoučký kůň z Olomouce úpěl ďábelské ódy.", "utf-16-be", codecs.BOM_UTF16_BE,
                          "Olomouce"),
    "latin-1.txt": ("Señor Muñoz pagó £20 por la crème brûlée en Sevilla.", "latin-1", b"", "Muñoz"),
    "cp1252.txt": ("The “Œuvre” fee – €50 – was ‘fair’, said Ms Dubois.", "cp1252", b"", "Dubois"),
    "koi8-r.txt": ("Протокол заседания комиссии в Москве. " * 3, "koi8-r", b"", "Протокол"),
    "shift_jis.txt": ("会議 議事録 東京 本日の会議では予算について話し合いました。" * 3, "shift_jis", b"",
                      "議事録"),
    "gb18030.txt": ("北京 会议 纪要 今天的会议讨论了预算问题。" * 3, "gb18030", b"", "纪要"),
}


def _pdf(text: str, user_password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, text)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    return bytes(pdf.output())


def _linked_pdf() -> bytes:
    """Text with a web link and a link to another file: both only text to a reader."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "The heron survey, online.", link=f"{REMOTE}/heron")
    pdf.ln()
    pdf.cell(0, 8, "The appendix, elsewhere.", link=f"file:///{REMOTE}/appendix.pdf")
    return bytes(pdf.output())


def _image_only_pdf() -> bytes:
    """A page holding one picture and no text, as a scanner writes it."""
    size = 64
    pixels = zlib.compress(bytes((x * y) % 256 for y in range(size) for x in range(size)))
    image = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (size, size, len(pixels))
             + pixels + b"\nendstream")
    page = pdf_with_content(b"q 500 0 0 700 50 50 cm /Im1 Do Q")
    # Put the image where the font would be, and name it in the page's resources.
    page = page.replace(b"/Resources << /Font << /F1 5 0 R >> >>", b"/Resources << /XObject << /Im1 5 0 R >> >>")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return _rewrite_xref(page.replace(font, image))


def _rewrite_xref(pdf: bytes) -> bytes:
    """Recompute the cross-reference offsets after objects changed length."""
    body = pdf[:pdf.index(b"xref\n")]
    offsets, start = [], 0
    while (found := body.find(b" 0 obj\n", start)) != -1:
        line_start = body.rfind(b"\n", 0, found) + 1
        offsets.append(line_start)
        start = found + 1
    return with_xref(bytearray(body), offsets)


def mail(subject: str, body: str, subtype: str = "plain") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Adaeze Okafor <adaeze@example.org>"
    message["To"] = "Tomasz Wierzbicki <tomasz@example.org>"
    message["Subject"] = subject
    message["Date"] = "Mon, 14 Mar 2011 09:00:00 +0000"
    message.set_content(body, subtype=subtype)
    return message


def hostile_html() -> str:
    return f"""<!doctype html><html><head><title>Script-heavy page</title>
<link rel="stylesheet" href="{REMOTE}/style.css"><script src="{REMOTE}/app.js"></script>
<style>body {{ background: url({REMOTE}/bg.png) }} .stylesecret {{}}</style>
<meta http-equiv="refresh" content="0; url={REMOTE}/elsewhere">
</head><body onload="fetch('{REMOTE}/beacon')">
<script>var scriptsecret = new Image(); scriptsecret.src = "{REMOTE}/track";</script>
<main><p>The visible paragraph about the pumping station at Elland.</p>
<img src="{REMOTE}/photo.jpg" alt="">
<iframe src="{REMOTE}/frame">iframesecret</iframe>
<a href="javascript:alert(1)">a link is only text</a>
<object data="{REMOTE}/movie.swf"></object>
<SCRIPT type="text/javascript">document.write("scriptsecret")</SCRIPT>
</main><script>unclosed("scriptsecret")"""


def remote_mail_html() -> str:
    return (f'<html><body><p>The pelican survey.</p><img src="{REMOTE}/pixel.gif">'
            f'<link rel="stylesheet" href="{REMOTE}/mail.css"><script>mailscriptsecret()</script></body></html>')


def deep_html(depth: int = 100_000) -> str:
    return ("<html><body><p>Before the abyss.</p>" + "<div>" * depth
            + "Abyssal marker text.<script>deepscriptsecret()</script><p>Still here.</p>"
            + "</div>" * depth + "<p>After the abyss.</p></body></html>")


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _pdfs(folder: Path) -> dict[str, Expected]:
    good = _pdf("Hostile folder control text, the quetzal report.")
    _write(folder, "pdf/good.pdf", good)
    _write(folder, "pdf/truncated.pdf", good[: len(good) // 2])
    _write(folder, "pdf/encrypted.pdf", _pdf("Locked text", user_password="secret"))
    _write(folder, "pdf/encrypted-empty-password.pdf", _pdf("Opened without a password: the axolotl memo.",
                                                            user_password=""))
    _write(folder, "pdf/image-only.pdf", _image_only_pdf())
    _write(folder, "pdf/malformed.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> ((( garbage\n")
    _write(folder, "pdf/bomb.pdf", bomb_pdf(megabytes=20))
    _write(folder, "pdf/links.pdf", _linked_pdf())
    return {
        "pdf/good.pdf": Expected("indexed", text="the quetzal report", word="quetzal"),
        "pdf/truncated.pdf": Expected("failed", "damaged PDF"),
        "pdf/encrypted.pdf": Expected("failed", "encrypted PDF, no password"),
        "pdf/encrypted-empty-password.pdf": Expected("indexed", text="the axolotl memo", word="axolotl"),
        "pdf/image-only.pdf": _scan("failed", "no text layer, and OCR found no text in it",
                                    "no text layer (scanned image?): "),
        "pdf/malformed.pdf": Expected("failed", "damaged PDF"),
        "pdf/bomb.pdf": Expected("failed", "inflates to more than the limit (5 MB, --max-inflated-mb)"),
        "pdf/links.pdf": Expected("indexed", text="The heron survey, online.", word="heron"),
    }


def _scan(outcome: str, reason: str, without_ocr: str) -> Expected:
    """A scan's outcome where OCR runs; where it does not (no extra, no tesseract), skipped with the hint."""
    return Expected(outcome, reason) if ocr_missing() is None else Expected("skipped", without_ocr)


def _images(folder: Path) -> dict[str, Expected]:
    whole = raw_png(300, 200)
    _write(folder, "image/truncated.png", whole[: len(whole) // 2])
    _write(folder, "image/not-a-picture.png", "A letter saved with the wrong name.\n")
    _write(folder, "image/bomb.png", raw_png(100_000, 100_000, rows=1))  # 10 billion pixels in ~100 bytes
    _write(folder, "image/pdf-named.jpg", _pdf("Scanned? No: the ibis minutes, a PDF."))
    without_ocr = "an image, whose text only OCR reads: "
    return {
        "image/truncated.png": _scan("failed", "damaged image", without_ocr),
        "image/not-a-picture.png": Expected("failed", "not an image despite the extension"),
        "image/bomb.png": _scan("failed", "image too large to decode: page 1 is 100000 x 100000 pixels, more than "
                                "the limit of 100 million (--max-image-mp): a decompression bomb?", without_ocr),
        "image/pdf-named.jpg": Expected("indexed", text="the ibis minutes", word="ibis"),
    }


def _wrong_and_odd_files(folder: Path) -> dict[str, Expected]:
    _write(folder, "wrong/pdf-named.txt", _pdf("A PDF in disguise: the okapi minutes."))
    _write(folder, "wrong/html-named.pdf", "<html><body><p>HTML, not a PDF.</p></body></html>")
    _write(folder, "wrong/binary-named.html", bytes(range(256)) * 16)
    _write(folder, "wrong/binary-named.txt", random.Random(6).randbytes(2048))  # the same bytes every run
    _write(folder, "wrong/binary-named.eml", random.Random(6).randbytes(2048))
    _write(folder, "odd/zero-bytes.txt", b"")
    _write(folder, "odd/zero-bytes.pdf", b"")
    _write(folder, "odd/random.bin", os.urandom(4096))
    _write(folder, "odd/huge.txt", b"huge line of text\n" * (MB // 10))  # 1.8 MB, over 1.5 MB
    _write(folder, "odd/long-text.txt", ("Numbat " + "words of a very long text " * 30 + "\n") * 1000)
    return {
        "wrong/pdf-named.txt": Expected("indexed", text="the okapi minutes", word="okapi"),
        "wrong/html-named.pdf": Expected("failed", "not a PDF despite the extension"),
        "wrong/binary-named.html": Expected("failed", "binary data, not text despite the extension"),
        "wrong/binary-named.txt": Expected("failed", "binary data, not text despite the extension"),
        "wrong/binary-named.eml": Expected("failed", "binary data, not an e-mail despite the extension"),
        "odd/zero-bytes.txt": Expected("skipped", "empty file (0 bytes)"),
        "odd/zero-bytes.pdf": Expected("skipped", "empty file (0 bytes)"),
        "odd/random.bin": Expected("skipped", "unsupported file type (.bin)"),
        "odd/huge.txt": Expected("skipped", "larger than the size limit (1.5 MB, --max-file-mb)"),
        "odd/long-text.txt": Expected("indexed", "text cut at the limit of 0.5 MB of text (--max-text-mb)",
                                      text="Numbat words", word="numbat"),
    }


def _encodings(folder: Path) -> dict[str, Expected]:
    expected = {}
    for name, (text, encoding, bom, word) in ENCODED_TEXTS.items():
        _write(folder, f"encodings/{name}", bom + text.encode(encoding))
        expected[f"encodings/{name}"] = Expected("indexed", text=text.strip()[:40], word=word)
    return expected


def _html(folder: Path) -> dict[str, Expected]:
    _write(folder, "html/script-heavy.html", hostile_html())
    _write(folder, "html/deep.html", deep_html())
    return {
        "html/script-heavy.html": Expected("indexed", text="The visible paragraph about the pumping station",
                                           word="Elland"),
        "html/deep.html": Expected("indexed", "HTML nested more than 512 tags deep", text="Abyssal marker text.",
                                   word="abyssal"),
    }


def _mails(folder: Path) -> dict[str, Expected]:
    remote = mail("Remote content", remote_mail_html(), subtype="html")
    _write(folder, "mail/remote-content.eml", bytes(remote))

    oversized = mail("Oversized attachment", "The tapir inventory is attached.")
    oversized.add_attachment(b"tapir inventory line\n" * (MB // 60), maintype="text", subtype="plain",
                             filename="inventory.txt")  # 0.35 MB, over 0.25 MB
    oversized.add_attachment(b"The small tapir note.", maintype="text", subtype="plain", filename="note.txt")
    _write(folder, "mail/oversized.eml", bytes(oversized))

    # Forwarded three times: the message at depth 2 keeps its own attachment unread.
    innermost = mail("Level 3", "The narwhal at the bottom.")
    level2 = mail("Level 2", "The walrus in the middle.")
    level2.add_attachment(innermost)
    level1 = mail("Level 1", "The seal near the top.")
    level1.add_attachment(level2)
    top = mail("Nested", "The gannet on top.")
    top.add_attachment(level1)
    _write(folder, "mail/nested.eml", bytes(top))
    return {
        "mail/remote-content.eml": Expected("indexed", text="The pelican survey.", word="pelican"),
        "mail/oversized.eml": Expected("indexed", "attachment inventory.txt not read: larger than the attachment "
                                       "limit (0.25 MB, --max-attachment-mb)", text="tapir inventory", word="tapir"),
        "mail/nested.eml": Expected("indexed", text="The gannet on top.", word="gannet"),
    }


def _office(folder: Path) -> dict[str, Expected]:
    """Word documents, Outlook messages and mailboxes, broken in the ways such files arrive."""
    import io
    import zipfile

    from tests.office_fixtures import Mail, encrypted_docx, make_docx, make_msg

    letter = make_docx(["Dear Ms Okafor,", "The sluice gate is mended.", "Yours sincerely,", "Neil Fairbairn"])
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", bytes(6 * MB))  # 6 MB of zeros in a few KB, over 5 MB
    message = make_msg(Mail("Sluice gate", "The sluice gate is mended.", ("Neil Fairbairn", "nf@example.org"),
                            [("Adaeze Okafor", "ao@example.org")], dt.datetime(2012, 5, 1, tzinfo=dt.timezone.utc)))
    files = {
        "office/truncated.docx": (letter[: len(letter) // 2], Expected("failed", "damaged or truncated .docx")),
        "office/encrypted.docx": (encrypted_docx(letter), Expected("failed", "password-protected Word document")),
        "office/garbage.docx": (random.Random(17).randbytes(5000), Expected("failed", "not a Word document")),
        "office/bomb.docx": (bomb.getvalue(), Expected("failed", "a decompression bomb?")),
        "office/garbage.msg": (random.Random(18).randbytes(5000),
                               Expected("failed", "not an Outlook message (.msg): not an OLE compound file")),
        "office/truncated.msg": (message[: len(message) // 2],
                                 Expected("failed", "damaged, truncated or not an Outlook message")),
        "office/empty.mbox": (b"\n\n", Expected("failed", "empty mailbox (no messages)")),
        "office/garbage.mbox": (random.Random(19).randbytes(5000), Expected("failed", "not an mbox mailbox")),
    }
    for name, (data, _) in files.items():
        _write(folder, name, data)
    return {name: outcome for name, (_, outcome) in files.items()}


# Documents that attachments become, beside their messages (not files: not in the count of entries).
ATTACHED = {
    "mail/oversized.eml#note.txt": Expected("indexed", text="The small tapir note."),
    "mail/nested.eml#attached-message-1.eml": Expected("indexed", text="The seal near the top."),
    "mail/nested.eml#attached-message-1.eml#attached-message-1.eml": Expected(
        "indexed", "attachment attached-message-1.eml not read: attached more than 2 messages deep",
        text="The walrus in the middle."),
}


def _paths(folder: Path) -> dict[str, Expected]:
    paths = folder / "paths"
    paths.mkdir(parents=True, exist_ok=True)
    _write(folder, "paths/line\nbreak.txt", "A file name with a newline: the dugong file.")
    _write(folder, "paths/tab\tand spaces.txt", "A file name with a tab: the manatee file.")
    (paths / "loop-a").symlink_to("loop-b")
    (paths / "loop-b").symlink_to("loop-a")
    (paths / "dangling.txt").symlink_to("nowhere.txt")
    (paths / "back-to-top").symlink_to("..", target_is_directory=True)
    os.mkfifo(paths / "pipe.txt")
    undecodable = os.path.join(os.fsencode(paths), b"caf\xe9.txt")
    with open(undecodable, "wb") as handle:
        handle.write(b"A name in Latin-1, not UTF-8: the capybara file.")
    # A UTF-8 name that holds what the archive writes an undecodable byte as: refused, not confused.
    _write(folder, "paths/literal \\xe9.txt", "A name that looks escaped.")
    return {
        "paths/line\nbreak.txt": Expected("indexed", text="the dugong file", word="dugong"),
        "paths/tab\tand spaces.txt": Expected("indexed", text="the manatee file", word="manatee"),
        "paths/loop-a": Expected("skipped", "symlink loop"),
        "paths/loop-b": Expected("skipped", "symlink loop"),
        "paths/dangling.txt": Expected("skipped", "broken symlink"),
        "paths/back-to-top": Expected("skipped", "link to a folder, not followed"),
        "paths/pipe.txt": Expected("skipped", "not a regular file"),
        "paths/caf\\xe9.txt": Expected("indexed", text="the capybara file", word="capybara"),
        "paths/literal \\xe9.txt": Expected("failed", "the file name holds the text \\xNN"),
    }


def make_hostile_folder(folder: Path) -> dict[str, Expected]:
    """Write every hostile file under ``folder``; their expected outcomes by relative path
    (as the index report shows it: bytes that are not UTF-8 as \\xNN)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expected] = {}
    for make in (_pdfs, _images, _wrong_and_odd_files, _encodings, _html, _mails, _office, _paths):
        expected.update(make(folder))
    return expected


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/make_hostile_fixtures.py FOLDER")
    for path, outcome in sorted(make_hostile_folder(Path(sys.argv[1])).items()):
        print(f"{outcome.outcome:8} {path!r}: {outcome.reason}")
