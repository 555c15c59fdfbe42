"""The `archive` command: parse options, call the archive and indexer libraries, render."""
from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import shlex
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

try:  # typer 0.29's internals, for _PlainValues only (its docstring says why, and how it is guarded)
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
    TYPER_INTERNALS = True
except ImportError:  # another typer: its own conversion throughout
    RuntimeParam = object
    TYPER_INTERNALS = False

# Only what every command needs is imported here: a CLI process pays each import on every call, and
# `archive search` must not pay for reading files (pdfminer, the metadata and names rules) or for the
# indexing run. The commands that need those import them where they run.
from archive import DEFAULT_SETTINGS, KINDS, DateParseError, ReadSettings, SourceError, user_date_span
from archive.file_names import shown
from indexer import SORTS, ArchiveIndexError, SearchRequest, default_index_dir
from indexer.engines import ENGINES

if TYPE_CHECKING:
    from indexer import ArchiveIndex, CheckReport, IndexOptions


@dataclass(frozen=True)
class _PlainValue(RuntimeParam):
    """typer's conversion of a str, int, bool, list of str or Path parameter, done without pydantic.

    typer 0.29 converts each parameter value through a pydantic TypeAdapter built when the command
    runs (the help options' included): importing pydantic and building the adapters took ~0.1 s of
    every `archive search`. Values of the usual spellings ("10", "letters/*.pdf") are converted here
    to what those adapters return; any other (an int written "-1" or "1e3", bytes) goes to typer's
    own conversion, so unusual values and error messages stay typer's."""

    def _coerce_value(self, value: Any, param, ctx) -> Any:
        converted = _plain_conversion(self.annotation, value)
        if converted is _NOT_PLAIN:
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)
        if self.annotation is Path:
            # Existence and the other checks a Path option may ask for stay typer's own.
            return coerce_cli_path(converted, self.parameter_info, path_type=Path, param=param, ctx=ctx)
        return converted


_NOT_PLAIN = object()
PLAIN_ANNOTATIONS = (str, int, bool, list[str], Path)


def _plain_conversion(annotation: Any, value: Any) -> Any:
    """What typer's pydantic adapter makes of a value of the usual spelling, else _NOT_PLAIN."""
    if annotation is str and isinstance(value, str):
        return value
    if annotation is int and type(value) is int:
        return value
    if annotation is int and isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if annotation is bool and type(value) is bool:
        return value
    if annotation == list[str] and isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
        return list(value)
    if annotation is Path and isinstance(value, str) and value:
        return Path(value)
    return _NOT_PLAIN


def _has_plain_value(param) -> bool:
    """A parameter whose values _PlainValue converts as typer would: no bounds, parser, file or choice."""
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    return (descriptor.annotation in PLAIN_ANNOTATIONS and info.parser is None
            and info.min is None and info.max is None and not info.clamp and info.path_type is None
            and not descriptor.is_file and not descriptor.is_choice)


class _PlainValues:
    """For a typer command or group: its plain parameters are converted without pydantic (_PlainValue).

    This leans on typer 0.29's internals (typer._coercion, a parameter's `_runtime_param`):
    tests/test_cli_startup.py checks every command's values and errors against typer's own
    conversion. A typer without those modules or the slot keeps its own conversion (a search
    then pays the 0.1 s), which tests/test_cli_startup.py runs too."""

    def get_params(self, ctx) -> list:
        params = super().get_params(ctx)
        for param in params if TYPER_INTERNALS else ():
            # typer fills `_runtime_param` on first use; were that to change, typer's own stays.
            if getattr(param, "_runtime_param", False) is None and _has_plain_value(param):
                descriptor = param.type_descriptor
                param._runtime_param = _PlainValue(parameter_info=descriptor.parameter_info,
                                                   annotation=descriptor.annotation)
        return params


class PlainValuesCommand(_PlainValues, TyperCommand):
    pass


class PlainValuesGroup(_PlainValues, TyperGroup):
    pass


app = typer.Typer(
    help="A document archive with full-text search: index letters, committee releases and "
         "articles (PDF, HTML, text, e-mail), then find them by phrase, name and date.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, cls=PlainValuesGroup,
)
# Without emoji codes: a document's ":smile:" is its words, not 😄 (markup is escaped where it is printed).
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

# indexer.batch.IndexOptions's defaults, written out so that defining the options of `archive index`
# does not import the indexing run into every command (tests/test_cli_startup.py checks they agree).
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_COMMIT_EVERY = 20000
FORMATS = ("pdf", "html", "txt", "eml", "docx", "msg", "mbox", "image")
CSV_OUTPUT = "csv"
# An index in this many segments or more is worth compacting: searches visit every segment (at
# 100,000 documents, ten segments answer within 100 ms at p95; bench/README.md), and a run merges
# small segments itself, so this many are large ones.
COMPACT_HINT_SEGMENTS = 20
EXIT_ERROR = 1
EXIT_SOME_FAILED = 3
# `archive check`: the files changed or went since they were indexed; the index itself is damaged.
EXIT_OUTDATED = 4
EXIT_DAMAGED = 5

IndexOption = typer.Option(None, "--index", envvar="ARCHIVE_INDEX", show_envvar=True,
                           help="Index folder [default: $XDG_DATA_HOME/paper-archive/index].")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of text.")
DateOrderOption = typer.Option("day-first", "--date-order", envvar="ARCHIVE_DATE_ORDER", show_envvar=True,
                               help="How to read numeric dates such as 03/04/2011: day-first or month-first.")
# How files are read, for `archive index` and `archive reindex` alike.
WorkersOption = typer.Option(0, "--workers", min=0, help="Reader processes [default: one per core].")
ClusterOption = typer.Option(None, "--cluster", envvar="ARCHIVE_CLUSTER", show_envvar=True,
                             help="A Dask scheduler's address (tcp://HOST:8786): its workers read the files, "
                                  "this process writes the index (pip install 'paper-archive[cluster]').")
ShipBytesOption = typer.Option(False, "--ship-bytes", help="With --cluster: send each file's bytes to the workers, "
                                                          "for workers that do not see the files' folders.")
TimeoutOption = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0.1, help="Seconds one file may take before it is abandoned.")
MemoryOption = typer.Option(DEFAULT_MEMORY_MB, "--memory-mb", min=64, help="Memory one reader process may use, in MB.")
CommitEveryOption = typer.Option(DEFAULT_COMMIT_EVERY, "--commit-every", min=1, help="Files per committed batch, at most a minute's work (a crash loses at most one batch).")
# The limits that keep one hostile file from exhausting the machine (README: Limits and failure handling).
MaxFileOption = typer.Option(DEFAULT_SETTINGS.max_file_mb, "--max-file-mb", help="Files larger than this many MB are skipped unread.")
MaxTextOption = typer.Option(DEFAULT_SETTINGS.max_text_mb, "--max-text-mb", help="Text kept per document, in MB; the rest is cut, and the cut reported.")
MaxHtmlDepthOption = typer.Option(DEFAULT_SETTINGS.max_html_depth, "--max-html-depth", help="HTML tags nested deeper than this are ignored (their text is kept).")
MaxInflatedOption = typer.Option(DEFAULT_SETTINGS.max_inflated_mb, "--max-inflated-mb", help="A PDF stream inflating beyond this many MB fails its file (a decompression bomb).")
MaxAttachmentOption = typer.Option(DEFAULT_SETTINGS.max_attachment_mb, "--max-attachment-mb", help="E-mail attachments larger than this many MB (decoded) are not read.")
MaxMessageDepthOption = typer.Option(DEFAULT_SETTINGS.max_message_depth, "--max-message-depth", help="Messages attached to messages deeper than this are not read.")
# OCR of scans (README: Scanned letters: OCR).
OcrOption = typer.Option(DEFAULT_SETTINGS.ocr, "--ocr", help="Which pages Tesseract reads: auto (PDF pages without text, and images), always (every page), never. Needs pip install 'paper-archive[ocr]'.")
OcrLangOption = typer.Option(DEFAULT_SETTINGS.ocr_lang, "--ocr-lang", help="Tesseract's languages for OCR, joined by +: eng+deu.")
OcrDpiOption = typer.Option(DEFAULT_SETTINGS.ocr_dpi, "--ocr-dpi", help="Dots to the inch PDF pages are drawn at for OCR (200 is twice as fast).")
OcrTimeoutOption = typer.Option(DEFAULT_SETTINGS.ocr_timeout, "--ocr-timeout", help="Seconds OCR may take on one page; then the page is left out (reported as partial).")
MaxImageOption = typer.Option(DEFAULT_SETTINGS.max_image_mp, "--max-image-mp", help="Images of more million pixels fail their file (a decompression bomb); PDF pages are drawn smaller.")


class UserError(Exception):
    """Anything the user can fix: printed as one line, exit code 1."""


def _friendly(command):
    """Errors the user can act on become one line on stderr and exit code 1."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (UserError, ArchiveIndexError, SourceError, DateParseError) as error:
            err.print(f"archive: {escape(str(error))}")
            raise typer.Exit(EXIT_ERROR) from None
    return run


def _settings(date_order: str, **limits) -> ReadSettings:
    try:
        return ReadSettings(date_order=date_order, **limits)
    except ValueError as error:
        raise UserError(str(error)) from None


READING_LIMITS = ("max_file_mb", "max_text_mb", "max_html_depth", "max_inflated_mb", "max_attachment_mb",
                  "max_message_depth", "ocr", "ocr_lang", "ocr_dpi", "ocr_timeout", "max_image_mp")


def _check_ocr_languages(settings: ReadSettings) -> None:
    """A language tesseract lacks is told once, before any file is read, not once per scan."""
    from archive.readers._ocr import missing_languages

    if missing := missing_languages(settings):
        packages = " ".join(f"tesseract-ocr-{lang.lower().replace('_', '-')}" for lang in missing)
        raise UserError(f"tesseract has no language {', '.join(missing)} (--ocr-lang): apt-get install {packages}")


def _index_options(parameters: dict) -> IndexOptions:
    """The options `index` and `reindex` share, from the command's parameters by name."""
    from indexer import IndexOptions

    limits = {name: parameters[name] for name in READING_LIMITS}
    engine = parameters.get("engine")
    if engine is not None and engine not in ENGINES:
        raise UserError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if parameters.get("ship_bytes") and not parameters.get("cluster"):
        raise UserError("--ship-bytes sends files to a cluster's workers: give the cluster too (--cluster tcp://HOST:8786)")
    settings = _settings(parameters["date_order"], **limits)
    _check_ocr_languages(settings)
    return IndexOptions(workers=parameters["workers"], timeout=parameters["timeout"],
                        memory_mb=parameters["memory_mb"], prune=parameters.get("prune", False),
                        commit_every=parameters["commit_every"], settings=settings, engine=engine,
                        cluster=parameters.get("cluster") or None, ship_bytes=parameters.get("ship_bytes", False))


def _index_dir(index: Optional[Path]) -> Path:
    return index or default_index_dir()


def _open_index(index: Optional[Path]) -> ArchiveIndex:
    # Imported here, inside a command, so that an engine that cannot load (an unsupported whoosh3)
    # is reported by _friendly in one line.
    from indexer import ArchiveIndex

    return ArchiveIndex.open(_index_dir(index))


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


@app.command(cls=PlainValuesCommand)
@_friendly
def index(
    paths: list[Path] = typer.Argument(..., help="Files or folders to index (recursively)."),
    index: Optional[Path] = IndexOption,
    prune: bool = typer.Option(False, "--prune", help="Remove documents whose files under PATHS are gone."),
    engine: Optional[str] = typer.Option(None, "--engine", envvar="ARCHIVE_ENGINE", show_envvar=True,
                                         help="The engine of a new index: whoosh (the default) or tantivy (faster; "
                                              "pip install 'paper-archive[tantivy]'). An index keeps its own."),
    workers: int = WorkersOption,
    cluster: Optional[str] = ClusterOption,
    ship_bytes: bool = ShipBytesOption,
    timeout: float = TimeoutOption,
    memory_mb: int = MemoryOption,
    commit_every: int = CommitEveryOption,
    max_file_mb: float = MaxFileOption,
    max_text_mb: float = MaxTextOption,
    max_html_depth: int = MaxHtmlDepthOption,
    max_inflated_mb: float = MaxInflatedOption,
    max_attachment_mb: float = MaxAttachmentOption,
    max_message_depth: int = MaxMessageDepthOption,
    ocr: str = OcrOption,
    ocr_lang: str = OcrLangOption,
    ocr_dpi: int = OcrDpiOption,
    ocr_timeout: float = OcrTimeoutOption,
    max_image_mp: float = MaxImageOption,
    date_order: str = DateOrderOption,
    as_json: bool = JsonOption,
) -> None:
    """Index the documents under PATHS; files already indexed and unchanged are not read again."""
    from indexer import index_paths

    options = _index_options(locals())
    try:
        with _progress(quiet=as_json) as progress:
            report = index_paths([str(p) for p in paths], _index_dir(index), progress, options)
    except SourceError as error:
        raise UserError(str(error)) from None
    _finish_indexing(report, as_json)


def _finish_indexing(report, as_json: bool) -> None:
    """The summary of `archive index` or `archive reindex`, and its exit code."""
    if as_json:
        _print_json(report.to_dict())
    else:
        _render_report(report)
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@contextlib.contextmanager
def _progress(quiet: bool):
    """A bar with files/s and time left on a terminal; a line every few seconds otherwise."""
    if quiet:
        yield None
    elif err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                       _rate_column(), TimeRemainingColumn(), console=err, transient=True)
        with bar:
            task = bar.add_task("indexing", total=None)
            yield lambda done, total, path: bar.update(task, completed=done, total=total)
    else:
        yield _PlainProgress()


class _PlainProgress:
    """For logs and pipes: "indexing: 1200/40000 files, 85.1 files/s, about 7 min left"."""

    EVERY_SECONDS = 5.0

    def __init__(self) -> None:
        self.started = self.last = time.monotonic()

    def __call__(self, done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if now - self.last < self.EVERY_SECONDS:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        left = (total - done) / rate if rate else 0
        err.print(f"indexing: {done}/{total} files, {rate:.1f} files/s, about {_duration(left)} left")


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} files/s" if task.speed else "", style="progress.data.speed")

    return RateColumn()


def _render_report(report) -> None:
    out.print(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
              f"removed {report.removed}, failed {len(report.failed)}, skipped {len(report.skipped)} "
              f"of {report.seen} files in {report.seconds:.1f} s; the index holds {report.documents} documents")
    if report.partial:
        out.print(f"  {len(report.partial)} read only in part (a limit was met), listed as partial below")
    if report.missing:
        out.print(f"  {report.missing} indexed files are gone from disk: `archive index PATH --prune` removes them")
    if report.segments >= COMPACT_HINT_SEGMENTS:
        out.print(f"  the index is in {report.segments} segments: `archive compact` merges them into one, "
                  "for faster searches")
    for label, problems in (("failed ", report.failed), ("skipped", report.skipped), ("partial", report.partial)):
        for problem in problems:
            out.print(f"  {label} {escape(shown(problem.path))}: {escape(problem.error)}")


@app.command(cls=PlainValuesCommand)
@_friendly
def search(
    query: str = typer.Argument("", help='Words, "exact phrases", AND/OR/NOT, field:value.'),
    name: list[str] = typer.Option([], "--name", help="Documents naming this person or organisation (repeatable; all must match)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Document date on or after: 2009, 2009-03, 2009-03-14, '14 March 2009', 'March 2009'."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Document date on or before (same forms; a year or month counts to its end)."),
    mentions: Optional[str] = typer.Option(None, "--mentions", help="Documents mentioning a date inside this year, month or day (same forms as --from)."),
    sender: list[str] = typer.Option([], "--sender", help="Letters from this person or organisation (repeatable)."),
    recipient: list[str] = typer.Option([], "--recipient", help="Letters to this person or organisation (repeatable)."),
    kind: list[str] = typer.Option([], "--type", help=f"Kind of document: {', '.join(KINDS)} (repeatable)."),
    fmt: list[str] = typer.Option([], "--format", help="Document format to keep: pdf, html, txt, eml, docx, msg, mbox, image (repeatable); or csv, to print the hits as CSV for a spreadsheet."),
    path: list[str] = typer.Option([], "--path", help="Only files whose path matches this pattern, e.g. 'letters/*.pdf' (repeatable)."),
    undated: bool = typer.Option(False, "--undated", help="With --from/--to: also the documents whose own date is unknown."),
    sort: str = typer.Option("relevance", "--sort", help=f"Order: {', '.join(SORTS)}."),
    limit: int = typer.Option(10, "--limit", help="Hits per page."),
    page: int = typer.Option(1, "--page", help="Which page of hits."),
    any_words: bool = typer.Option(False, "--any", help="Plain words: documents with any of them match, those with more rank first (default: all must match)."),
    count: bool = typer.Option(False, "--count", help="Print only the number of matching documents."),
    explain: bool = typer.Option(False, "--explain", help="Also print how the query and filters were understood."),
    facets: bool = typer.Option(False, "--facets", help="Also count the matches by kind and year, and list the names they most mention."),
    timeline: bool = typer.Option(False, "--timeline", help="Also draw the matches per year (per month within two years) as a bar chart."),
    index: Optional[Path] = IndexOption,
    as_json: bool = JsonOption,
) -> None:
    """Search the archive: words, "exact phrases", AND/OR/NOT and field:value, filtered by name, date and kind."""
    for value in kind:
        if value not in KINDS:
            raise UserError(f"unknown --type {value!r}: use one of {', '.join(KINDS)}")
    # "--format csv" is how the hits are printed; the other formats are which documents to keep.
    as_csv = CSV_OUTPUT in fmt
    fmt = [value for value in fmt if value != CSV_OUTPUT]
    for value in fmt:
        if value not in FORMATS:
            raise UserError(f"unknown --format {value!r}: use one of {', '.join(FORMATS)}, or {CSV_OUTPUT}")
    if as_csv and as_json:
        raise UserError("--format csv and --json are two ways to print the hits: choose one")
    span = user_date_span(date_from, date_to) if (date_from or date_to) else None
    mentioned = user_date_span(mentions, mentions) if mentions else None
    request = SearchRequest(query=query, names=name, date_span=span, mentions=mentioned,
                            senders=sender, recipients=recipient, kinds=kind, formats=fmt, undated=undated,
                            paths=path, facets=facets or timeline, any_words=any_words, sort=sort, limit=1 if count else limit,
                            page=1 if count else page)
    archive_index = _open_index(index)
    results = archive_index.search(request)
    understood = archive_index.explain(request) if explain else None
    if as_json:
        body = {"total": results.total} if count else {
            "total": results.total, "hits": [_hit_json(hit) for hit in results.hits]}
        extras = {"query": understood, "suggestion": results.suggestion,
                  "facets": results.facets if facets else None,
                  "timeline": _timeline(results.facets) if timeline else None}
        _print_json(body | {key: value for key, value in extras.items() if value is not None})
        return
    if as_csv:
        _print_csv(results.hits)
        return
    if explain:
        out.print(f"[dim]query: {escape(understood)}[/]")
    if count:
        out.print(str(results.total))
        return
    _render_results(results, request)
    if results.suggestion:
        out.print(f"Did you mean: [bold]{escape(results.suggestion)}[/]?")
    if facets:
        _render_facets(results.facets)
    if timeline:
        _render_timeline(_timeline(results.facets))


TIMELINE_WIDTH = 40


def _timeline(facets: dict) -> dict[str, int]:
    """Matches per year; per month when the dated matches lie within two years."""
    years = [year for year in facets["by_year"] if year != "undated"]
    if years and int(max(years)) - int(min(years)) < 2 and facets["by_month"]:
        return facets["by_month"]
    return {year: count for year, count in facets["by_year"].items() if year != "undated"}


def _render_timeline(counts: dict[str, int]) -> None:
    if not counts:
        out.print("timeline: no dated matches")
        return
    largest = max(counts.values())
    for label, count in counts.items():
        bar = "█" * max(1, round(count / largest * TIMELINE_WIDTH))
        out.print(f"{label:>7} {bar} {count}")


CSV_COLUMNS = ("id", "path", "title", "type", "format", "date", "score", "names", "snippet")


def _print_csv(hits) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        record = _hit_json(hit)
        record["names"] = "; ".join(record["names"])
        writer.writerow([record[column] if record[column] is not None else "" for column in CSV_COLUMNS])


def _render_facets(facets: dict) -> None:
    for title in ("by_type", "by_year", "names"):
        counts = facets[title]
        pairs = ", ".join(f"{key} {count}" for key, count in counts.items())
        out.print(f"[bold]{title.replace('_', ' ')}:[/] {escape(pairs) or '-'}")


@app.command(cls=PlainValuesCommand)
@_friendly
def similar(
    id_or_path: str = typer.Argument(..., help="A document id (or its first characters) or a file path."),
    limit: int = typer.Option(10, "--limit", min=1, help="How many documents."),
    index: Optional[Path] = IndexOption,
    as_json: bool = JsonOption,
) -> None:
    """Documents most like one document: sharing its most telling words."""
    results = _open_index(index).similar(id_or_path, limit)
    if as_json:
        _print_json({"total": results.total, "hits": [_hit_json(hit) for hit in results.hits]})
        return
    request = SearchRequest(limit=limit)
    _render_results(results, request)


def _hit_json(hit) -> dict:
    return {
        "id": hit.id, "path": hit.path, "paths": hit.paths, "title": hit.title, "type": hit.kind,
        "format": hit.format, "date": hit.date, "date_precision": hit.date_precision,
        "score": hit.score, "names": hit.names,
        "snippet": " … ".join(passage.text for passage in hit.passages),
        "passages": [{"text": p.text, "page": p.page} for p in hit.passages],
    }


def _highlighted(passage) -> str:
    pieces, cursor = [], 0
    for start, end in passage.matches:
        pieces.append(escape(passage.text[cursor:start]))
        pieces.append(f"[bold yellow]{escape(passage.text[start:end])}[/]")
        cursor = end
    pieces.append(escape(passage.text[cursor:]))
    return "".join(pieces)


def _render_results(results, request: SearchRequest) -> None:
    # One print for the page: each of rich's prints costs about as much as rendering its text.
    out.print("\n".join(_result_lines(results, request)))


def _result_lines(results, request: SearchRequest) -> Iterator[str]:
    if not results.total:
        yield "No documents match."
        return
    first = (request.page - 1) * request.limit + 1
    last = first + len(results.hits) - 1
    matched = "1 document matches" if results.total == 1 else f"{results.total} documents match"
    yield (f"{matched}; showing {first}-{last}.\n" if results.hits
           else f"{matched}; page {request.page} is past the end.")
    for number, hit in enumerate(results.hits, start=first):
        yield f"[bold]{number}. {escape(hit.title)}[/]"
        yield f"   {hit.kind} · {hit.date or 'undated'} · {hit.format} · id {hit.id}"
        yield f"   {escape(hit.path)}"
        if hit.names:
            yield f"   names: {escape(', '.join(hit.names[:8]))}"
        for passage in hit.passages:
            page = f"p.{passage.page} " if hit.pages > 1 else ""
            yield f"   {page}… {_highlighted(passage)} …"
        yield ""


@app.command(cls=PlainValuesCommand)
@_friendly
def show(
    id_or_path: str = typer.Argument(..., help="A document id (or its first characters) or a file path."),
    index: Optional[Path] = IndexOption,
    as_json: bool = JsonOption,
) -> None:
    """All metadata and the text of one indexed document."""
    stored = _open_index(index).get(id_or_path)
    hit = stored.hit
    record = {
        "id": hit.id, "path": hit.path, "paths": hit.paths, "sha256": stored.sha256,
        "format": hit.format, "title": hit.title, "type": hit.kind, "date": hit.date,
        "date_precision": hit.date_precision, "date_source": stored.date_source,
        "dates_mentioned": stored.dates_mentioned, "people": hit.people,
        "organisations": hit.organisations, "sender": hit.sender, "recipient": hit.recipient,
        "pages": hit.pages, "overridden": stored.overridden, "text": stored.text,
    }
    if as_json:
        _print_json(record)
    else:
        _render_record(record)


def _render_record(record: dict) -> None:
    for key, value in record.items():
        if key == "text":
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k} ({v})" for k, v in value.items()) or "-"
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value) or "-"
        out.print(f"[bold]{key:>16}[/]  {escape(str(value if value is not None else '-'))}")
    out.print()
    out.print(escape(record["text"].replace("\f", "\n\n--- page break ---\n\n")))


@app.command(cls=PlainValuesCommand)
@_friendly
def inspect(
    files: list[Path] = typer.Argument(..., help="Files to read."),
    date_order: str = DateOrderOption,
    as_json: bool = JsonOption,
) -> None:
    """Read files and print what would be indexed, without touching the index."""
    from archive import ReadError, extract_file

    settings = _settings(date_order)
    documents, failed = [], False
    for path in files:
        try:
            documents.extend(extract_file(str(path), settings))
        except ReadError as error:
            err.print(f"archive: {escape(str(path))}: {escape(str(error))}")
            failed = True
    for document in documents:
        record = document.to_dict()
        if as_json and len(documents) == 1:
            _print_json(record)
        elif as_json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            _render_record(record)
            out.print()
    if failed:
        raise typer.Exit(EXIT_ERROR)


@app.command(cls=PlainValuesCommand)
@_friendly
def stats(index: Optional[Path] = IndexOption, as_json: bool = JsonOption) -> None:
    """Documents by kind, by year and by format; the size of the index."""
    figures = _open_index(index).stats()
    if as_json:
        _print_json(figures)
        return
    out.print(f"[bold]{figures['documents']}[/] documents, index {figures['index_bytes'] / 1e6:.1f} MB "
              f"at {escape(str(_index_dir(index)))}")
    for title in ("by_type", "by_format", "by_year"):
        pairs = ", ".join(f"{key} {count}" for key, count in figures[title].items())
        out.print(f"  {title.replace('_', ' ')}: {escape(pairs) or '-'}")
    if figures["missing_files"]:
        out.print(f"  {figures['missing_files']} indexed files are gone from disk "
                  f"(`archive index PATH --prune` removes them)")


@app.command(cls=PlainValuesCommand)
@_friendly
def failures(
    runs: int = typer.Option(1, "--runs", min=1, help="How many of the last indexing runs to list."),
    index: Optional[Path] = IndexOption,
    as_json: bool = JsonOption,
) -> None:
    """The files that could not be indexed in the last runs, with the reason."""
    recent = _open_index(index).runs()[-runs:]
    if as_json:
        _print_json([{"finished": run["finished"], "failed": run["failed"]} for run in recent])
        return
    if not recent:
        out.print("No indexing runs recorded yet.")
    for run in recent:
        # Runs logged before "seen" was recorded did not count skipped files.
        seen = run.get("seen", run["added"] + run["updated"] + run["unchanged"] + len(run["failed"]))
        out.print(f"[bold]{run['finished']}[/]: {len(run['failed'])} failed of {seen} files")
        for problem in run["failed"]:
            out.print(f"  {escape(problem['path'])}: {escape(problem['error'])}")


@app.command(cls=PlainValuesCommand)
@_friendly
def check(index: Optional[Path] = IndexOption, as_json: bool = JsonOption) -> None:
    """Verify the index against its files (missing, changed, orphaned entries) and say how to repair it.

    Exit code 0 when all is well, 4 when indexed files are gone or changed, 5 when the index itself is
    damaged. Read-only: it may run while `archive index` writes."""
    from indexer import check_index

    report = check_index(_index_dir(index))
    repairs = _repairs(report, index)
    if as_json:
        _print_json(report.to_dict() | {"repair": [{"command": command, "does": does} for command, does in repairs]})
    else:
        _render_check(report, repairs)
    if report.damaged:
        raise typer.Exit(EXIT_DAMAGED)
    if report.outdated:
        raise typer.Exit(EXIT_OUTDATED)


CHECK_LISTED = 10  # paths or ids listed per problem in text; --json lists them all


def _render_check(report: CheckReport, repairs: list[tuple[str, str]]) -> None:
    if not report.unreadable:
        out.print(f"index {escape(report.folder)}: {report.documents} documents from {report.files} files "
                  f"in {report.segments} segments")
    else:
        out.print(f"index {escape(report.folder)}:")
    _render_problem("damaged", report.unreadable, "{} part of the index cannot be read", "{} parts of the index cannot be read")
    _render_problem("damaged", report.missing_texts, "{} document has lost its text", "{} documents have lost their text")
    _render_problem("damaged", report.duplicate_ids, "{} document id is held twice", "{} document ids are held twice")
    _render_problem("damaged", report.shared_paths, "{} path is recorded by two documents", "{} paths are recorded by two documents")
    _render_problem("damaged", report.orphaned, "{} document has no path", "{} documents have no path")
    _render_problem("changed", report.changed, "{} file has changed since it was indexed", "{} files have changed since they were indexed")
    _render_problem("missing", report.missing, "{} file is gone from disk", "{} files are gone from disk")
    strays = []
    if report.stray_texts:
        strays.append(_plural(report.stray_texts, "text"))
    if report.stray_segment_files:
        strays.append(_plural(report.stray_segment_files, "segment file"))
    if strays:
        out.print(f"  leftover: {' and '.join(strays)} that no document uses, from an interrupted run (or one in "
                  f"progress); harmless, and `archive reindex` clears them")
    if report.half_built:
        out.print(f"  leftover: a half-built index at {escape(report.half_built)}, from an `archive reindex` that "
                  f"was stopped (or is running); the next reindex replaces it")
    if not repairs:
        out.print("The index is consistent with its files.")
        return
    out.print("To repair:")
    width = max(len(command) for command, _ in repairs)
    for command, does in repairs:
        out.print(f"  {escape(command):<{width}}  {escape(does)}")


def _render_problem(label: str, items: list[str], one: str, many: str) -> None:
    if not items:
        return
    out.print(f"  {label}: {(one if len(items) == 1 else many).format(len(items))}")
    for item in items[:CHECK_LISTED]:
        out.print(f"    {escape(shown(item))}")
    if len(items) > CHECK_LISTED:
        out.print(f"    ... and {len(items) - CHECK_LISTED} more (`archive check --json` lists them all)")


def _repairs(report: CheckReport, index: Optional[Path]) -> list[tuple[str, str]]:
    """The commands that repair what the check found, each with what it does."""
    target = f" --index {shlex.quote(str(index))}" if index else ""
    if report.unreadable and not report.files:
        return [("archive index PATH --index NEW_FOLDER",
                 "builds a new index from your folders: this one cannot be read, not even the paths it holds")]
    if report.damaged:
        # One rebuild repairs everything: it reads each file as it is now and leaves out those gone.
        return [(f"archive reindex{target}",
                 "rebuilds the index from its files; the damaged one answers searches until then")]
    repairs = []
    if report.changed:
        repairs.append((f"archive index {_common_folder(report.changed)}{target}",
                        f"reads again the {_plural(len(report.changed), 'file')} that changed"))
    if report.missing:
        repairs.append((f"archive index {_common_folder(report.missing)} --prune{target}",
                        f"forgets the {_plural(len(report.missing), 'file')} gone from disk"))
    return repairs


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _common_folder(paths: list[str]) -> str:
    """The folder holding all the paths, to name in a repair; PATH when that would be the whole disk or
    home (indexing it would read far more than the check found)."""
    folder = Path(os.path.commonpath(paths))
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent  # a single file, or a folder that went with its files
    home = Path.home()
    if folder == folder.parent or folder == home or folder in home.parents:
        return "PATH"
    return shlex.quote(str(folder))


@app.command(cls=PlainValuesCommand)
@_friendly
def reindex(
    index: Optional[Path] = IndexOption,
    workers: int = WorkersOption,
    cluster: Optional[str] = ClusterOption,
    ship_bytes: bool = ShipBytesOption,
    timeout: float = TimeoutOption,
    memory_mb: int = MemoryOption,
    commit_every: int = CommitEveryOption,
    max_file_mb: float = MaxFileOption,
    max_text_mb: float = MaxTextOption,
    max_html_depth: int = MaxHtmlDepthOption,
    max_inflated_mb: float = MaxInflatedOption,
    max_attachment_mb: float = MaxAttachmentOption,
    max_message_depth: int = MaxMessageDepthOption,
    ocr: str = OcrOption,
    ocr_lang: str = OcrLangOption,
    ocr_dpi: int = OcrDpiOption,
    ocr_timeout: float = OcrTimeoutOption,
    max_image_mp: float = MaxImageOption,
    date_order: str = DateOrderOption,
    as_json: bool = JsonOption,
) -> None:
    """Rebuild the index from the files it was read from: built beside it, swapped in when complete.

    The old index answers searches until then, and stays as it was if the rebuild is stopped.
    Files gone from disk are left out."""
    from indexer import rebuild_index

    options = _index_options(locals())
    with _progress(quiet=as_json) as progress:
        report = rebuild_index(_index_dir(index), progress, options)
    _finish_indexing(report, as_json)


@app.command(cls=PlainValuesCommand)
@_friendly
def compact(index: Optional[Path] = IndexOption, as_json: bool = JsonOption) -> None:
    """Merge the index's segments into one, for faster searches (worth it after a large import).

    Every search visits every segment, and each `archive index` batch adds some. Searches go on
    meanwhile; another `archive index` waits until it is done ("index is busy")."""
    from indexer import compact_index

    report = compact_index(_index_dir(index))
    if as_json:
        _print_json(report.to_dict())
    elif report.segments_before == report.segments_after:
        out.print(f"the index is already one segment ({report.documents} documents): nothing to merge")
    else:
        out.print(f"merged {report.segments_before} segments into {report.segments_after} "
                  f"({report.documents} documents) in {report.seconds:.1f} s")


cluster_app = typer.Typer(help="A Dask cluster on this machine, whose workers read files for `archive index "
                               "--cluster` (pip install 'paper-archive[cluster]'; README: Indexing on a cluster).",
                          no_args_is_help=True, cls=PlainValuesGroup)
app.add_typer(cluster_app, name="cluster")


@cluster_app.command("start", cls=PlainValuesCommand)
@_friendly
def cluster_start(
    workers: int = typer.Option(0, "--workers", min=0, help="Worker processes, one thread each [default: one per core]."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on: 0.0.0.0 lets other machines' "
                                                         "`dask worker` processes join."),
    port: int = typer.Option(8786, "--port", min=0, help="The scheduler's port (0: any free one)."),
) -> None:
    """Start a Dask scheduler and worker processes here, until Ctrl-C; prints the address to give
    `archive index --cluster`."""
    import signal

    from indexer._cluster import start_local_cluster

    count = workers or os.cpu_count() or 1
    cluster = start_local_cluster(count, host, port)
    signal.signal(signal.SIGTERM, _interrupt)  # a plain `kill` stops the workers too, as Ctrl-C does
    out.print(f"cluster at {cluster.scheduler_address} with {count} workers: "
              f"archive index PATH --cluster {cluster.scheduler_address}   (Ctrl-C stops it)")
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        cluster.close()
        err.print("archive: cluster stopped")


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: the last guard, so that no failure reaches the user as a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("archive: interrupted; documents committed so far are kept")
        sys.exit(130)
    except Exception as error:
        err.print(f"archive: unexpected error: {type(error).__name__}: {escape(str(error))}")
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
