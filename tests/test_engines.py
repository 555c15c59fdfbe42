"""Each engine offers the whole face the rest of the archive uses (indexer/engines/__init__.py)."""
from __future__ import annotations

import importlib
import inspect

import pytest

from indexer.engines import ENGINES, Engine, EngineWriter, SegmentWriter, engine_class
from indexer.errors import EngineUnsupported, IndexOutdated


def _members(face) -> dict[str, inspect.Signature | None]:
    members = {}
    for name, value in vars(face).items():
        if name.startswith("_"):
            continue
        function = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        members[name] = inspect.signature(function) if callable(function) else None
    return members | {name: None for name in getattr(face, "__annotations__", {})}


def _parameters(signature: inspect.Signature) -> list[str]:
    return [name for name in signature.parameters if name not in ("self", "cls")]


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_an_engine_has_every_part_of_the_face_with_its_parameters(name, tmp_path):
    try:
        engine = engine_class(name, tmp_path)
    except EngineUnsupported as missing:  # an optional engine whose extra is not installed
        pytest.skip(str(missing))
    module = importlib.import_module(engine.__module__)
    parts = [(Engine, engine), (EngineWriter, type(engine.create(tmp_path).writer())),
             (SegmentWriter, type(engine.segment_writer(tmp_path)))]
    for face, implementation in parts:
        for member, signature in _members(face).items():
            assert hasattr(implementation, member), f"{module.__name__}: {implementation.__name__}.{member}"
            if signature is not None:
                assert _parameters(inspect.signature(getattr(implementation, member))) == _parameters(signature), member


def test_an_engine_the_archive_lacks_is_named_in_the_error(tmp_path):
    with pytest.raises(IndexOutdated, match="'elsewhere' engine, which this archive does not have"):
        engine_class("elsewhere", tmp_path)
