"""Each supported format, generated here, indexed and found through the real CLI."""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from fpdf import FPDF


def _pdf(path: Path, pages: list[str], title: str | None = None) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    pdf.output(str(path))


@pytest.fixture()
def mixed_folder(tmp_path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "windows.txt").write_bytes(
        "14 May 2010\n\nThe café’s “zanderfish” cost £12 – too much.\n".encode("cp1252"))
    (folder / "wide.txt").write_text("The quagga survey began in 2009.\n", encoding="utf-16")
    (folder / "page.html").write_text(
        "<html><head><title>Site | Osprey nest found</title>"
        '<meta property="article:published_time" content="2012-07-01T08:00:00Z">'
        "<script>var hidden='crocodilian';</script></head><body><nav>Home News</nav>"
        "<article><h1>Osprey nest found</h1><p>By Helen Marsh</p><p>An osprey nest was found near the weir.</p>"
        "</article><footer>Subscribe</footer></body></html>", encoding="utf-8")
    _pdf(folder / "report.pdf", ["Page one is about the sluice.", "Page two mentions the pangolin."],
         title="Annual sluice report")
    message = EmailMessage()
    message["From"] = "Patrick Dunmore <pd@agency.example>"
    message["To"] = "David Ashworth <da@council.example>"
    message["Date"] = "Mon, 19 May 2003 10:00:00 +0100"
    message["Subject"] = "Gauging station"
    message.set_content("Dear Councillor Ashworth,\n\nThe axolotl tanks are ready.\n\nYours sincerely,\nPatrick Dunmore")
    (folder / "mail.eml").write_bytes(bytes(message))
    return folder


def test_every_format_is_indexed_and_found(cli, mixed_folder):
    report = cli.json("index", str(mixed_folder))
    assert report["added"] == 5 and report["failed"] == []
    expectations = {
        "zanderfish": ("windows.txt", "txt"),
        "quagga": ("wide.txt", "txt"),
        "osprey": ("page.html", "html"),
        "pangolin": ("report.pdf", "pdf"),
        "axolotl": ("mail.eml", "eml"),
    }
    for word, (name, fmt) in expectations.items():
        hits = cli.json("search", word)["hits"]
        assert [(Path(h["path"]).name, h["format"]) for h in hits] == [(name, fmt)], word


def test_what_each_reader_keeps(cli, mixed_folder):
    cli.json("index", str(mixed_folder))
    assert cli.json("search", "crocodilian")["total"] == 0  # script text is not document text
    assert cli.json("search", "subscribe")["total"] == 0    # nor is the page footer
    html = cli.json("search", "osprey")["hits"][0]
    assert (html["title"], html["date"]) == ("Site | Osprey nest found", "2012-07-01")
    assert "café’s “zanderfish” cost £12 – too much" in cli.json("search", "zanderfish")["hits"][0]["snippet"]
    pdf = cli.json("search", "pangolin")["hits"][0]
    assert pdf["title"] == "Annual sluice report"
    assert [p["page"] for p in pdf["passages"]] == [2]
    mail = cli.json("search", "axolotl")["hits"][0]
    assert (mail["type"], mail["date"], mail["title"]) == ("letter", "2003-05-19", "Gauging station")
    assert cli.json("search", "sender:Dunmore")["total"] == 1
    assert cli.json("search", "recipient:Ashworth")["total"] == 1


def test_pdf_page_numbers_in_human_output(cli, mixed_folder):
    cli.json("index", str(mixed_folder))
    result = cli.run("search", "pangolin")
    assert result.exit_code == 0 and "p.2" in result.stdout


def test_mail_without_an_extension_is_read_as_email(cli, tmp_path):
    maildir = tmp_path / "maildir" / "inbox"
    maildir.mkdir(parents=True)
    (maildir / "1").write_bytes(
        b"Message-ID: <1@example>\nDate: Mon, 21 May 2001 09:00:00 -0700\n"
        b"From: marines@stanford.example\nTo: vince@enron.example\nSubject: Meeting follow-up\n"
        b'X-From: "Maria Ines De Miranda" <marines@stanford.example>\n'
        b"X-To: Kaminski, Vince J </O=ENRON/CN=VKAMINS>\n\nDear Vince, the okapi seminar is on.\n")
    (maildir / "2").write_bytes(b"just some bytes\x00\x01 without headers")
    report = cli.json("index", str(tmp_path / "maildir"))
    assert report["added"] == 1
    assert [Path(item["path"]).name for item in report["skipped"]] == ["2"]
    hit = cli.json("search", "okapi")["hits"][0]
    assert (hit["format"], hit["type"], hit["date"]) == ("eml", "letter", "2001-05-21")
    shown = cli.json("show", hit["id"])
    assert (shown["sender"], shown["recipient"]) == ("Maria Ines De Miranda", "Vince J Kaminski")
