"""File helpers shared by the formats: atomic writes, bounded reads, display names."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Union

from .errors import ReadError, UnsafeInputError

Source = Union[str, os.PathLike[str], BinaryIO]
Target = Union[str, os.PathLike[str], BinaryIO]

def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()

#: The largest file a reader takes by default (1 GiB); pass ``max_bytes`` to change it.
DEFAULT_MAX_BYTES = 1 << 30


def display_name(source: object) -> str:
    """A name for messages: the path as given, or the stream's name."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def read_bytes(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """All the bytes of a file or stream, refusing more than ``max_bytes``."""
    if isinstance(source, (str, os.PathLike)):
        with open_file(source, max_bytes) as fh:
            # As many bytes as the file has, and one more to see whether it grew (a buffer of
            # max_bytes for every file would be a gigabyte for a small one).
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(min(size, max_bytes) + 1)
            if size < len(data) <= max_bytes:
                data += fh.read(max_bytes + 1 - len(data))
    else:
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise over_the_limit(display_name(source), max_bytes)
    return data


@contextlib.contextmanager
def open_file(source: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[BinaryIO]:
    """A file opened for reading in binary, once it is known to be a file no larger than
    ``max_bytes`` (a reader taking it in pieces still stops at ``max_bytes + 1``)."""
    name = display_name(source)
    path = Path(source)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError(f"{name} is a folder, not a file")
        if size > max_bytes:
            raise UnsafeInputError(f"{name} is {size:,} bytes, over the limit of {max_bytes:,}; raise max_bytes to read it")
        fh = path.open("rb")
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file; check the path") from None
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise ReadError(f"{name} is a folder, not a file") from None
    with fh:
        yield fh


def over_the_limit(name: str, max_bytes: int) -> UnsafeInputError:
    return UnsafeInputError(f"{name} is over the limit of {max_bytes:,} bytes; raise max_bytes to read it")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step,
    on failure it is removed and ``target`` is left as it was."""
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=suffix or ".tmp", dir=final.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp makes the file private (0600); give it the mode a new file would have, or the
    # mode of the file it replaces.
    try:
        mode = final.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    os.chmod(tmp_path, mode)
    try:
        yield tmp_path
        os.replace(tmp_path, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def write_bytes(target: Target, data: bytes) -> None:
    """Write ``data`` to a path atomically, or to an open binary stream."""
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    else:
        target.write(data)
