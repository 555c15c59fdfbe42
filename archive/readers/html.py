"""HTML pages: the main text (readability-lxml finds it), the title and the page's own date.

A page is parsed once by lxml for its meta tags; readability-lxml picks the article out of the
navigation, teasers and furniture around it (measured against home-made rules and trafilatura in
bench/html_quality.py); BeautifulSoup turns the HTML it picks into text with paragraph breaks.
Markup with no page around it (an e-mail's HTML body), pages nested deeper than lxml parses and
pages with no article that readability recognises are read whole by BeautifulSoup, as visible text.
"""
from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html
from bs4 import BeautifulSoup
from readability import Document
from readability.readability import Unparseable

from archive.document import PartialDate
from archive.readers.base import RawText
from archive.readers.text import check_is_text, decode
from archive.settings import DEFAULT_SETTINGS, ReadSettings

# Never document text. (Not <form>: some sites wrap the whole page in one.)
_NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "canvas", "iframe",
               "object", "embed", "button", "select", "input", "textarea", "head"]
# Those of them that hold content (not void like <input>): what they hold is hidden even when
# they are nested too deep to become tags.
_HIDING = set(_NEVER_TEXT) - {"embed", "input"}
_BOILERPLATE = ["nav", "aside", "header", "footer", "menu", "dialog"]
_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "td", "th",
           "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "figure",
           "figcaption", "dd", "dt", "dl", "hr", "br", "time", "header", "footer"}
_TITLE_META = ["og:title", "twitter:title", "dc.title"]
_DATE_META = ["article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
              "dcterms.date", "dcterms.created", "citation_publication_date", "sailthru.date",
              "parsely-pub-date", "release_date"]
_META_KEYS = ("property", "name", "itemprop")
# libxml2 stops building the tree this deep (without its "huge" option, which readability does
# not set): a page nested deeper is read by BeautifulSoup instead, which keeps the deep text.
LXML_MAX_DEPTH = 255
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")
# Characters lxml refuses in a tree it builds (C0 controls but tab and newlines): never visible text.
_NOT_IN_TREES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# readability logs, with a traceback, every page it gives up on; the archive says so itself.
logging.getLogger("readability").addHandler(logging.NullHandler())
logging.getLogger("readability").propagate = False


def _iso_prefix(value: str | None) -> PartialDate | None:
    """The calendar part of an ISO date or timestamp ("2011-03-14T09:00:00Z")."""
    match = _ISO_DAY.match(value or "")
    if not match:
        return None
    try:
        return PartialDate(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
    except ValueError:
        return None


def _parse(markup: str):
    """The page's lxml tree, or None for markup with no elements at all."""
    try:  # bytes: lxml refuses a str that declares its own encoding
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=_UTF8_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None


def _meta(tree) -> dict[str, str]:
    """Meta tags' content by their property, name or itemprop, lower-cased; the first one wins."""
    found: dict[str, str] = {}
    for tag in tree.iter("meta"):
        content = (tag.get("content") or "").strip()
        for key in _META_KEYS:
            if content and tag.get(key):
                found.setdefault(tag.get(key).strip().lower(), content)
    return found


def _title(tree, meta: dict[str, str]) -> str | None:
    for name in _TITLE_META:
        if name in meta:
            return meta[name]
    for tag_name in ("title", "h1"):
        for tag in tree.iter(tag_name):
            text = " ".join(tag.text_content().split())
            if text:
                return text
    return None


def _published(tree, meta: dict[str, str]) -> tuple[PartialDate | None, str | None]:
    for name in _DATE_META:
        date = _iso_prefix(meta.get(name))
        if date:
            return date, f"HTML meta {name}"
    for tag in tree.iter("time"):
        date = _iso_prefix(tag.get("datetime"))
        if date:
            return date, "HTML <time>"
    return None, None


def _deeper_than(tree, depth: int) -> bool:
    # Each step of the path is one level of elements: cheap, whatever the page's size.
    return bool(tree.getroottree().xpath("boolean(" + "/*" * (depth + 1) + ")"))


def _text_with_breaks(container) -> str:
    """Blocks on lines of their own, inline elements run together, each line tidied."""
    for tag in container.find_all(["nav", "aside", "menu", "dialog"]):
        tag.decompose()
    for tag in container.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in container.get_text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _DepthLimitedSoup(BeautifulSoup):
    """html.parser's tree, with tags nested deeper than ``max_depth`` left out and their text kept
    in the deepest tag allowed (bs4 inserts into deep trees in time that grows with the depth)."""

    def __init__(self, markup: str, max_depth: int) -> None:
        self.max_depth = max_depth
        self.too_deep = False
        self._hidden_open = 0  # <script>s and the like opened too deep, not yet closed
        super().__init__(markup, "html.parser")

    def handle_starttag(self, name, *args, **kwargs):
        if len(self.tagStack) <= self.max_depth:
            return super().handle_starttag(name, *args, **kwargs)
        self.too_deep = True
        if name in _HIDING:
            self._hidden_open += 1
        elif name in _BLOCKS:
            self.handle_data("\n")  # the block is gone, but its words stay apart from the next
        return None

    def handle_endtag(self, name, nsprefix=None) -> None:
        if self._hidden_open and name in _HIDING:
            self._hidden_open -= 1
            return
        super().handle_endtag(name, nsprefix)

    def handle_data(self, data: str) -> None:
        if not self._hidden_open:  # a script's text is never document text, however deep
            super().handle_data(data)


def visible_text(markup: str, settings: ReadSettings = DEFAULT_SETTINGS) -> tuple[str, list[str]]:
    """All the text a browser shows, but for the page's header, footer and navigation; and a note
    when the markup was nested deeper than the limit."""
    soup = _DepthLimitedSoup(markup, settings.max_html_depth)
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    body = soup.body or soup
    for tag in body.find_all(_BOILERPLATE):
        tag.decompose()
    notes = [(f"HTML nested more than {settings.max_html_depth} tags deep: the deeper tags were "
              "ignored, their text kept")] if soup.too_deep else []
    return _text_with_breaks(body), notes


def _main_text(markup: str) -> str:
    """The article's text, or "" when readability finds none."""
    try:
        article = Document(_NOT_IN_TREES.sub("", markup)).summary(html_partial=True)
    except Unparseable:
        return ""
    soup = BeautifulSoup(article, "html.parser")
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    return _text_with_breaks(soup)


def read_markup(markup: str, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    """A web page: its main text, title and date."""
    tree = _parse(markup)
    if tree is None:
        return RawText(pages=[""])
    meta = _meta(tree)
    date, date_source = _published(tree, meta)
    depth_limit = min(settings.max_html_depth, LXML_MAX_DEPTH)
    if _deeper_than(tree, depth_limit):
        text, notes = visible_text(markup, settings)
    else:
        text, notes = _main_text(markup), []
    if not text:  # readability finds no article in a page of short lines: all of it is the text
        text, notes = visible_text(markup, settings)
    return RawText(pages=[text], title=_title(tree, meta), date=date, date_source=date_source,
                   notes=notes)


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    markup = decode(data)
    check_is_text(markup)
    return read_markup(markup, settings)
