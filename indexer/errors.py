"""The index side's errors: each carries a message meant for the user."""


class ArchiveIndexError(Exception):
    """Base of every error the index reports."""


class IndexNotFound(ArchiveIndexError):
    """No index at the given location yet."""


class IndexBusy(ArchiveIndexError):
    """Another process is writing to the index."""


class QueryError(ArchiveIndexError):
    """A query or filter that cannot be understood."""


class DocumentNotFound(ArchiveIndexError):
    """No document with that id or path."""


class IndexWriteError(ArchiveIndexError):
    """Writing to the index failed (the disk is full, a size limit, no permission); what was
    committed before stays."""


class IndexDamaged(ArchiveIndexError):
    """The index's own files cannot be read; `archive check` says what to do."""


class EngineUnsupported(ArchiveIndexError):
    """The search engine library installed is not the version the archive works with."""


class IndexOutdated(ArchiveIndexError):
    """The index was written in another format than this archive writes; `archive reindex` rebuilds it."""


class IndexEngineMismatch(ArchiveIndexError):
    """An index asked to be kept by one engine is kept by another."""


class ClusterError(ArchiveIndexError):
    """The Dask cluster asked to read the files cannot be reached, or went away during a run."""
