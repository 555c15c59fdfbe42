"""The search engines an archive index can be kept in, each behind the same small face.

Everything that knows an engine's own classes, files or private internals lives in its package
here; the rest of indexer/ (ArchiveIndex, batch, check, reindex, compact) and the CLI go through
the engine's face only.
"""
