"""HTML pages: the main text without scripts, styles, navigation, headers and footers."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

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
# class or id words of page furniture inside the main column
_FURNITURE = re.compile(
    r"(?:^|[-_ ])(?:related|share|sharing|social|comments?|newsletter|promo|advert|ads?|sponsor"
    r"|subscribe|subscription|sidebar|breadcrumbs?|cookie|popup|modal|most-read|trending"
    r"|recommended|outbrain|taboola|signup|paywall)(?:$|[-_ ])", re.I)
_BOILERPLATE = ["nav", "aside", "header", "footer", "menu", "dialog"]
_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "td", "th",
           "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "figure",
           "figcaption", "dd", "dt", "dl", "hr", "br", "time", "header", "footer"}
_TITLE_META = [("property", "og:title"), ("name", "twitter:title"), ("name", "dc.title")]
_DATE_META = ["article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "publish-date", "publication_date", "dc.date", "dc.date.issued",
              "dcterms.date", "dcterms.created", "citation_publication_date", "sailthru.date",
              "parsely-pub-date", "release_date"]
FURNITURE_SHARE = 0.3
ARTICLE_SHARE_OF_MAIN = 0.3
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")


def _iso_prefix(value: str | None) -> PartialDate | None:
    """The calendar part of an ISO date or timestamp ("2011-03-14T09:00:00Z")."""
    match = _ISO_DAY.match(value or "")
    if not match:
        return None
    try:
        return PartialDate(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
    except ValueError:
        return None


def _meta_content(soup: BeautifulSoup, attribute: str, value: str) -> str | None:
    tag = soup.find("meta", attrs={attribute: re.compile(f"^{re.escape(value)}$", re.I)})
    content = tag.get("content") if tag else None
    return content.strip() if isinstance(content, str) and content.strip() else None


def _title(soup: BeautifulSoup) -> str | None:
    for attribute, value in _TITLE_META:
        if content := _meta_content(soup, attribute, value):
            return content
    for tag_name in ("title", "h1"):
        tag = soup.find(tag_name)
        if tag and tag.get_text(strip=True):
            return " ".join(tag.get_text(" ").split())
    return None


def _published(soup: BeautifulSoup) -> tuple[PartialDate | None, str | None]:
    for name in _DATE_META:
        for attribute in ("property", "name", "itemprop"):
            date = _iso_prefix(_meta_content(soup, attribute, name))
            if date:
                return date, f"HTML meta {name}"
    for tag in soup.find_all("time"):
        date = _iso_prefix(tag.get("datetime"))
        if date:
            return date, "HTML <time>"
    return None, None


def _text_length(tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _main_container(soup: BeautifulSoup):
    """The article with the most text (teasers are <article>s too), else <main>, else the body."""
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    articles = soup.find_all("article")
    if articles:
        longest = max(articles, key=_text_length)
        # A page of teaser cards: the cards are <article>s, the story is the <main>.
        if main is None or _text_length(longest) >= _text_length(main) * ARTICLE_SHARE_OF_MAIN:
            return longest
    if main is not None:
        return main
    body = soup.body or soup
    for tag in body.find_all(_BOILERPLATE):
        tag.decompose()
    return body


def _is_furniture(tag) -> bool:
    if tag.attrs is None:
        return False
    names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return bool(_FURNITURE.search(names))


def _visible_text(container) -> str:
    for tag in container.find_all(["nav", "aside", "menu", "dialog"]):
        tag.decompose()
    # Furniture is small beside the story: a "share"-classed wrapper around the whole text is not furniture.
    limit = _text_length(container) * FURNITURE_SHARE
    for tag in container.find_all(_is_furniture):
        if tag is not container and tag.parent is not None and _text_length(tag) < limit:
            tag.decompose()
    # Separate blocks by newlines, inline elements by nothing, then tidy each line.
    for tag in container.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in container.get_text().split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


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


def read_markup(markup: str, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    soup = _DepthLimitedSoup(markup, settings.max_html_depth)
    title = _title(soup)
    date, date_source = _published(soup)
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    notes = [(f"HTML nested more than {settings.max_html_depth} tags deep: the deeper tags were "
              "ignored, their text kept")] if soup.too_deep else []
    return RawText(pages=[_visible_text(_main_container(soup))], title=title,
                   date=date, date_source=date_source, notes=notes)


def read(data: bytes, settings: ReadSettings = DEFAULT_SETTINGS) -> RawText:
    markup = decode(data)
    check_is_text(markup)
    return read_markup(markup, settings)
