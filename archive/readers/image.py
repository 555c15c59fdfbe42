"""Images (PNG, JPEG, TIFF with all its pages): a scanned page's text by OCR (archive/readers/_ocr.py).

Pillow opens the picture; without the `ocr` extra or the tesseract program an image is skipped,
with the hint what to install. A hostile image is refused before it is decoded: too many pixels
(--max-image-mp; a few KB of PNG can claim a billion), a truncated file, bytes that are no image.
"""
from __future__ import annotations

import io

from archive.readers import _ocr
from archive.readers.base import NothingToRead, RawText, ReadError, check_text_layer
from archive.settings import DEFAULT_SETTINGS, ReadSettings

# The formats read, as Pillow names them: what its extension claims, the bytes must be.
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "TIFF": "TIFF"}


# How each format's files begin, checked without Pillow (which comes with the extra).
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    if not data.startswith(_SIGNATURES):
        raise ReadError("not an image despite the extension (not PNG, JPEG or TIFF)")
    hint = _ocr.ocr_hint(settings)
    if hint is not None:
        raise NothingToRead(f"an image, whose text only OCR reads: {hint}")
    from PIL import Image, ImageSequence

    # Pillow's own guard against decompression bombs warns from its limit and refuses from twice
    # it, with its own wording: the archive checks each page's size in its header, at its own
    # limit (--max-image-mp), before any page is decoded.
    Image.MAX_IMAGE_PIXELS = None
    image = _open(data)
    pages, notes = [], []
    with image:
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            _check_size(frame, settings, number)
            picture = _decoded(frame, number)
            text, note = _ocr.image_text(picture, settings, number)
            pages.append(text)
            if note:
                notes.append(note)
    check_text_layer(pages, settings)
    return RawText(pages=pages, notes=notes)


def _open(data: bytes):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise ReadError("not an image despite the extension") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # a header Pillow cannot make sense of
        raise ReadError(f"damaged image ({error})") from None
    if image.format not in FORMATS:
        raise ReadError(f"a {image.format} image, which is not read (PNG, JPEG and TIFF are)")
    return image


def _check_size(frame, settings: ReadSettings, number: int) -> None:
    width, height = frame.size
    if width * height > settings.max_image_pixels:
        raise ReadError(_bomb(f"page {number} is {width} x {height} pixels, more than the limit of "
                              f"{settings.max_image_mp:g} million (--max-image-mp)"))


def _bomb(why: str) -> str:
    return f"image too large to decode: {why}: a decompression bomb?"


def _decoded(frame, number: int):
    """The frame's pixels, decoded whole now, so that damage is told here as such."""
    try:
        frame.load()
        return frame.copy()
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # what Pillow raises on damage
        raise ReadError(f"damaged image (page {number}: {error})") from None
