"""Writing files so that a crash or Ctrl-C never leaves a half-written or clobbered file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from lernkarten.errors import LernkartenError


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename.

    On any error the temporary file is removed and `path` keeps its old content.
    """
    target = Path(os.path.realpath(path))  # through a link to the file it names, so the link stays
    if target.is_dir():
        raise LernkartenError(f"{target} is a directory, not a file to write")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise LernkartenError(f"cannot write {target}: folder {parent} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise LernkartenError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private; keep the old file's mode, or the usual one for a new file
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write `content` to `path` atomically (UTF-8 for text)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def read_input(path: str | os.PathLike[str], kind: str, missing: str | None = None) -> bytes:
    """The bytes of a file the user named, or one clear LernkartenError ("no such ...", "is a directory")."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise LernkartenError(f"{path}: no such {missing or kind}") from None
    except IsADirectoryError:
        raise LernkartenError(f"{path} is a directory, not a {kind}") from None
    except OSError as exc:
        raise LernkartenError(f"{path}: cannot read ({exc.strerror or exc})") from None
