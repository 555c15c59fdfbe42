"""OCR by the real Tesseract, on pages the tests draw themselves (tests/scans.py): images, PDFs without
a text layer, mixed PDFs; hostile images refused with reasons. Skipped where OCR is not installed."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from archive import ReadSettings, extract_bytes
from archive.readers import NothingToRead, ReadError, read_bytes
from archive.readers._ocr import ocr_missing
from tests.scans import image_bytes, page_image, pdf_of, raw_png

pytestmark = pytest.mark.skipif(ocr_missing() is not None, reason=f"OCR cannot run here: {ocr_missing()}")

LETTER = ["Harrowgate Water Company", "14 March 2011", "Dear Dr Okafor,",
          "The storm overflow at Millford spilled on nine days in February.",
          "Yours sincerely,", "Tomasz Wierzbicki"]
SECOND_PAGE = ["The kingfisher survey counted eleven nesting pairs."]


@pytest.fixture(scope="module")
def letter_page():
    return page_image(LETTER)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt, name", [("PNG", "scan.png"), ("JPEG", "scan.jpg")])
def test_an_image_is_read_by_ocr_and_gets_metadata_as_any_document(letter_page, fmt, name):
    [document] = extract_bytes(image_bytes([letter_page], fmt), name)
    assert "storm overflow at Millford spilled on nine days" in _words(document.text)
    assert document.format == "image"
    assert (document.kind, document.sender, document.recipient) == ("letter", "Tomasz Wierzbicki", "Okafor")
    assert document.date.iso() == "2011-03-14"


def test_every_page_of_a_tiff_is_a_page(letter_page):
    raw = read_bytes(image_bytes([letter_page, page_image(SECOND_PAGE)], "TIFF"), "scan.tiff")
    assert len(raw.pages) == 2
    assert "Dear Dr Okafor" in raw.pages[0]
    assert _words(raw.pages[1]) == SECOND_PAGE[0]


def test_a_pdf_of_scans_is_read_by_ocr_page_by_page(letter_page):
    raw = read_bytes(pdf_of([letter_page, page_image(SECOND_PAGE)]), "scan.pdf")
    assert raw.page_count == 2 and "Yours sincerely" in raw.pages[0]
    assert _words(raw.pages[1]) == SECOND_PAGE[0]


def test_a_mixed_pdf_keeps_its_text_layer_and_reads_the_scanned_page():
    raw = read_bytes(pdf_of([["Typed minutes of the inquiry, with a text layer."], page_image(SECOND_PAGE)]),
                     "mixed.pdf")
    assert raw.pages[0] == "Typed minutes of the inquiry, with a text layer."
    assert _words(raw.pages[1]) == SECOND_PAGE[0]


def test_ocr_always_reads_pages_that_have_a_text_layer_too(tmp_path):
    """A page whose text layer says something else than the page shows (a bad OCR layer, here
    white text): auto keeps the layer, always reads what is on the page."""
    from fpdf import FPDF
    import io

    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    stream = io.BytesIO()
    page_image(SECOND_PAGE).save(stream, format="PNG")
    pdf.image(stream, x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.set_font("helvetica", size=12)
    pdf.set_text_color(255, 255, 255)
    pdf.text(72, 700, "an invisible layer of garbled words")
    data = bytes(pdf.output())
    assert read_bytes(data, "layered.pdf").pages == ["an invisible layer of garbled words"]
    assert _words(read_bytes(data, "layered.pdf", settings=ReadSettings(ocr="always")).pages[0]) == SECOND_PAGE[0]


def test_ocr_never_skips_scans_with_the_hint(letter_page):
    never = ReadSettings(ocr="never")
    for data, name in [(pdf_of([letter_page]), "scan.pdf"), (image_bytes([letter_page], "PNG"), "scan.png")]:
        with pytest.raises(NothingToRead, match=r"OCR is off \(--ocr never\); --ocr auto reads scans"):
            read_bytes(data, name, settings=never)


def test_a_blank_scan_fails_saying_ocr_found_nothing():
    with pytest.raises(ReadError, match="no text layer, and OCR found no text in it") as caught:
        read_bytes(pdf_of([page_image([])]), "blank.pdf")
    assert not isinstance(caught.value, NothingToRead)


def test_a_page_past_the_ocr_time_limit_is_left_out_with_a_note(letter_page):
    """Tesseract is stopped (pytesseract's timeout) and the rest of the file kept."""
    raw = read_bytes(pdf_of([["A typed covering note with a text layer."], letter_page]), "slow.pdf",
                     settings=ReadSettings(ocr_timeout=0.01))
    assert raw.pages == ["A typed covering note with a text layer.", ""]
    assert raw.notes == ["page 2 not read: OCR took longer than 0.01 s (--ocr-timeout)"]


def test_another_language_is_read_when_asked_for(letter_page):
    """eng is the only language installed here: asking for it by name works as the default does."""
    raw = read_bytes(image_bytes([letter_page], "PNG"), "scan.png", settings=ReadSettings(ocr_lang="eng"))
    assert "Dear Dr Okafor" in raw.pages[0]


def test_a_huge_pdf_page_is_drawn_smaller_not_refused():
    """A page drawn at 300 dpi would pass --max-image-mp: it is drawn at fewer dots instead."""
    raw = read_bytes(pdf_of([page_image(SECOND_PAGE, dpi=200, points=20)]), "poster.pdf",
                     settings=ReadSettings(max_image_mp=3))
    assert _words(raw.pages[0]) == SECOND_PAGE[0]


# ---- hostile images --------------------------------------------------------------------------

def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    with pytest.raises(ReadError, match=r"image too large to decode: page 1 is 100000 x 100000 pixels, .*a decompression bomb\?"):
        read_bytes(raw_png(100_000, 100_000, rows=1), "bomb.png")


def test_an_image_over_the_pixel_limit_is_refused(letter_page):
    with pytest.raises(ReadError, match=r"more than the limit of 1 million \(--max-image-mp\)"):
        read_bytes(image_bytes([letter_page], "PNG"), "big.png", settings=ReadSettings(max_image_mp=1))


def test_a_truncated_png_is_damaged(letter_page):
    data = image_bytes([letter_page], "PNG")
    with pytest.raises(ReadError, match="damaged image"):
        read_bytes(data[: len(data) // 2], "cut.png")


@pytest.mark.parametrize("data", [b"just some words, not a picture", b"\x89PNG\r\n\x1a\ngarbage", b"%!PS-Adobe"])
def test_garbage_named_as_an_image_is_refused(data):
    with pytest.raises(ReadError, match="not an image despite the extension|unreadable IMAGE|damaged image"):
        read_bytes(data, "photo.png")


def test_an_image_of_another_format_with_an_image_name_is_refused():
    import io
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (20, 20), 255).save(out, format="GIF")
    with pytest.raises(ReadError, match="not an image despite the extension"):
        read_bytes(out.getvalue(), "photo.tif")


@pytest.fixture(scope="module")
def small_png() -> bytes:
    return image_bytes([page_image(["Small page"], dpi=60)], "PNG")


@given(cut=st.integers(min_value=0, max_value=2000), noise=st.binary(max_size=64))
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_damaged_images_give_a_reason_or_text_never_a_crash(small_png, cut, noise):
    data = small_png[: len(small_png) * cut // 2000] + noise
    try:
        raw = read_bytes(data, "random.png")
    except ReadError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert isinstance(raw.pages, list)
