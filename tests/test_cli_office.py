"""Word documents, Outlook messages and mailboxes through the real CLI: indexed, found, shown, refused."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from tests.office_fixtures import Mail, encrypted_docx, make_docx, make_mbox, make_msg

SENT = dt.datetime(2011, 6, 1, 8, 30, tzinfo=dt.timezone.utc)
HAS_MSG = importlib.util.find_spec("extract_msg") is not None and importlib.util.find_spec("aspose") is not None


def _mail(subject: str, body: str, **more) -> Mail:
    return Mail(subject=subject, body=body, sender=("Ingrid Halvorsen", "ingrid@riverswatch.example"),
                to=[("Adaeze Okafor", "adaeze@nrsc-committee.example")], sent=SENT, **more)


@pytest.fixture()
def office_folder(tmp_path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "letter.docx").write_bytes(make_docx(
        ["Dear Ms Okafor,", "The lamprey count at the weir has doubled.", "Yours sincerely,", "Ingrid Halvorsen"],
        table=[["Site", "Count"], ["Millford Weir", "38 lampreys"]], author="Ingrid Halvorsen",
        created=dt.datetime(2012, 5, 2, 10)))
    (folder / "box.mbox").write_bytes(make_mbox([
        _mail("Eel survey", "The elver pass at Tanner's Bridge is clear."),
        _mail("Otter sightings", "Two otters were filmed below the outfall.",
              attachments=[("otters.txt", b"Holt found under the footbridge.\n")]),
    ], tmp_path))
    (folder / "cut.docx").write_bytes(make_docx(["A cut document."])[:900])
    (folder / "junk.mbox").write_bytes(b"\x00\x07 not a mailbox at all\n" * 20)
    if importlib.util.find_spec("msoffcrypto"):
        (folder / "locked.docx").write_bytes(encrypted_docx(make_docx(["Secret plans for the storage tunnel."])))
    if HAS_MSG:
        (folder / "note.msg").write_bytes(make_msg(_mail(
            "Crayfish traps", "The signal crayfish traps are set below the weir.",
            attachments=[("traps.txt", b"Twelve traps, checked daily.\n")])))
    return folder


def _name(path: str) -> str:
    return "/".join(Path(path).parts[-2:])


def test_office_formats_are_indexed_found_and_refused_with_reasons(cli, office_folder):
    result = cli.run("index", str(office_folder), "--json")
    assert result.exit_code == 3, result.output  # some files failed, the rest went in
    summary = json.loads(result.stdout)
    failed = {Path(problem["path"]).name: problem["error"] for problem in summary["failed"]}
    assert failed["cut.docx"].startswith("damaged or truncated .docx")
    assert failed["junk.mbox"].startswith("not an mbox mailbox")
    if (office_folder / "locked.docx").exists():
        assert failed["locked.docx"].startswith("password-protected Word document")
    expected = {"lamprey": ("drop/letter.docx", "docx"),
                "elver": ("box.mbox#message-1.eml", "eml"),
                "otters": ("box.mbox#message-2.eml", "eml"),
                "holt": ("box.mbox#message-2.eml#otters.txt", "txt")}
    if HAS_MSG:
        expected |= {"crayfish": ("drop/note.msg", "msg"), "traps": ("drop/note.msg#traps.txt", "txt")}
    for word, (path, fmt) in expected.items():
        hits = cli.json("search", word, "--type", "letter", "--type", "article", "--type", "committee_release")["hits"]
        found = [(hit["path"], hit["format"]) for hit in hits if hit["path"].endswith(path)]
        assert len(found) == 1 and found[0][1] == fmt, (word, hits)
    assert [_name(hit["path"]) for hit in cli.json("search", "--format", "mbox")["hits"]] == ["drop/box.mbox"]


def test_a_mailbox_message_is_shown_by_its_path_and_a_word_letter_has_its_writer(cli, office_folder):
    cli.run("index", str(office_folder))
    message = cli.json("show", str(office_folder / "box.mbox#message-2.eml"))
    assert message["title"] == "Otter sightings" and message["date"] == "2011-06-01"
    assert message["sender"] == "Ingrid Halvorsen" and "filmed below the outfall" in message["text"]
    letter = cli.json("show", str(office_folder / "letter.docx"))
    assert letter["type"] == "letter" and letter["sender"] == "Ingrid Halvorsen"
    assert letter["date"] == "2012-05-02" and letter["date_source"] == "Word document properties (created)"
    assert "Millford Weir\t38 lampreys" in letter["text"]


def test_a_changed_mailbox_replaces_its_messages_and_an_unchanged_one_is_not_read(cli, office_folder, tmp_path):
    for refused in ("cut.docx", "junk.mbox", "locked.docx"):
        (office_folder / refused).unlink(missing_ok=True)
    assert cli.json("index", str(office_folder))["failed"] == []
    again = cli.json("index", str(office_folder))
    assert again["added"] == again["updated"] == 0
    (office_folder / "box.mbox").write_bytes(make_mbox([_mail("Heron roost", "A heron roost by the sluice.")],
                                                       tmp_path))
    changed = cli.json("index", str(office_folder))
    assert changed["updated"] == 1
    assert cli.json("search", "otters")["total"] == 0
    assert [_name(hit["path"]) for hit in cli.json("search", "heron")["hits"]] == ["drop/box.mbox#message-1.eml"]
