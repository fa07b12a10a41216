"""The City of London example in every format the library writes: committed as the code
writes it now, and each reads back to the same offer."""

from __future__ import annotations

import importlib.util
import stat
from pathlib import Path
from types import ModuleType

import pytest

import sendlocaloffer
from tests.conftest import EXAMPLE

FOLDER = EXAMPLE.parent


def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("city_of_london_build", FOLDER / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _build()
NAMES = [name for name, _, _ in BUILD.EXPORTS]


def _files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("example")
    BUILD.export(folder)
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_committed_export_is_what_the_code_writes_now(fresh: Path, name: str) -> None:
    assert _files(FOLDER / name) == _files(fresh / name), (
        f"examples/city-of-london/{name} is stale: run  python examples/city-of-london/build.py")


@pytest.mark.parametrize(("name", "fmt"), [(name, fmt) for name, fmt, _ in BUILD.EXPORTS])
def test_each_export_reads_back_to_the_example(name: str, fmt: str) -> None:
    result = sendlocaloffer.read(FOLDER / name)
    assert result.format == fmt
    assert result.offer == BUILD.OFFER


def test_written_files_are_readable_by_others_like_any_new_file(fresh: Path) -> None:
    mode = (fresh / "offer.json").stat().st_mode
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH
