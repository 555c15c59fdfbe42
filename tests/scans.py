"""Scanned pages the OCR tests make themselves: the project's own words drawn by Pillow at print
size, saved as PNG, JPEG or TIFF, or placed in a PDF by fpdf2 with no text layer."""
from __future__ import annotations

import io
import struct
import zlib

# Letter size at the dots to the inch given; text at 12 points, as typed letters are.
PAGE_INCHES = (8.5, 11)
POINTS_PER_INCH = 72


def page_image(lines: list[str], dpi: int = 200, points: int = 12):
    """A white page with ``lines`` typed on it in black, one inch from the top and left edges."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = (int(inches * dpi) for inches in PAGE_INCHES)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(8, round(points * dpi / POINTS_PER_INCH)))
    line_height = round(points * dpi / POINTS_PER_INCH * 1.6)
    for number, line in enumerate(lines):
        draw.text((dpi, dpi + number * line_height), line, fill=0, font=font)
    return image


def image_bytes(images: list, fmt: str, dpi: int = 200) -> bytes:
    """The pages as one file of ``fmt`` (PNG, JPEG; TIFF holds them all)."""
    out = io.BytesIO()
    first, *rest = images
    extra = {"save_all": True, "append_images": rest, "compression": "tiff_deflate"} if fmt == "TIFF" else {}
    first.save(out, format=fmt, dpi=(dpi, dpi), **extra)
    return out.getvalue()


def pdf_of(pages: list, dpi: int = 200) -> bytes:
    """A PDF of letter-size pages: an image is placed as a scan (no text layer), a list of
    strings is typed as text (a text layer)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_font("helvetica", size=12)
    for page in pages:
        pdf.add_page()
        if isinstance(page, list):
            for line in page:
                pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
        else:
            stream = io.BytesIO()
            page.save(stream, format="PNG", dpi=(dpi, dpi))
            pdf.image(stream, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def raw_png(width: int, height: int, rows: int | None = None) -> bytes:
    """A grey PNG written byte by byte (no Pillow): a header claiming width x height, and ``rows``
    rows of white pixels (all of them by default; fewer make a bomb's few bytes claim a billion)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey, no interlace
    row = b"\x00" + b"\xff" * width  # each row: filter type 0, then its pixels
    pixels = zlib.compress(row * (height if rows is None else rows))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
