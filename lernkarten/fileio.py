"""Writing files so that a crash or Ctrl-C never leaves a half-written or clobbered file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from lernkarten.errors import LernkartenError

LOCK_WAIT_SECONDS = 30.0  # how long a write waits for another one to the same file to finish


def write_target(path: str | os.PathLike[str]) -> Path:
    """The regular file a write to `path` replaces: through a link to the file it names, so the
    link stays; a directory, device or pipe there (or behind a link) is refused, never replaced."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None  # nothing there yet: a new file
    if mode is not None and stat.S_ISDIR(mode):
        raise LernkartenError(f"{target} is a directory, not a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        named = f"{path} points to {target}, which" if str(target) != os.path.abspath(path) else str(target)
        raise LernkartenError(f"{named} is not a regular file (a device, pipe or socket); not writing there")
    parent = target.parent
    if not parent.is_dir():
        raise LernkartenError(f"cannot write {target}: folder {parent} does not exist")
    return target


@contextlib.contextmanager
def atomic_paths(*paths: str | os.PathLike[str]) -> Iterator[list[Path]]:
    """Yield a temporary path beside each of `paths`; on success each replaces its file by a rename.

    All files are written in full before the first rename, so files that belong together (a
    deck's .apkg and .json) change together: if one cannot be written (disk full), every one
    keeps its old content, and the error says so in one line.
    """
    targets = [write_target(path) for path in paths]
    temporaries: list[Path] = []
    try:
        for target in targets:
            temporaries.append(_temporary_beside(target))
        yield temporaries
        for tmp in temporaries:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        for tmp, target in zip(temporaries, targets):
            os.replace(tmp, target)
    except OSError as exc:
        kept = "; the files there are kept as before" if any(t.exists() for t in targets) else ""
        raise LernkartenError(f"cannot write {' and '.join(str(t) for t in targets)}: {exc.strerror or exc}"
                              + kept) from None
    finally:
        for tmp in temporaries:
            with contextlib.suppress(OSError):
                tmp.unlink()


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename.

    On any error the temporary file is removed and `path` keeps its old content.
    """
    with atomic_paths(path) as (tmp,):
        yield tmp


def _temporary_beside(target: Path) -> Path:
    """An empty file in `target`'s folder (a rename within one file system is atomic), with the
    mode `target` has, or the usual one for a new file (mkstemp makes it private)."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise LernkartenError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp_name, mode)
    return Path(tmp_name)


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write `content` to `path` atomically (UTF-8 for text)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def take_lock(lock: Path, wait: float = 0.0) -> int | None:
    """An exclusive `flock` on the file `lock` (created if missing), or None if another process
    still holds it after `wait` seconds. The lock dies with the process: a crash leaves none."""
    # read-only is enough for flock, and opens a lock file another user created
    fd = os.open(lock, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                os.close(fd)
                if exc.errno in (errno.EAGAIN, errno.EACCES):
                    return None
                raise
        time.sleep(0.05)


@contextlib.contextmanager
def output_lock(path: str | os.PathLike[str], wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the write lock of `path` (a hidden `.NAME.lock` beside the file it names), waiting up
    to `wait` seconds for another writer, so that two programs writing one output take turns.

    The lock file is removed on release, so no trace is left beside the output. A waiter may
    then hold a lock on the removed file: it checks that its file is still the one at the path.
    """
    target = write_target(path)
    lock = target.with_name(f".{target.name}.lock")
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = take_lock(lock, max(0.0, deadline - time.monotonic()))
        except OSError as exc:
            raise LernkartenError(f"cannot lock {target}: cannot create {lock} ({exc.strerror or exc})") from None
        if fd is None:
            raise LernkartenError(f"another lernkarten is still writing {target} after {wait:.0f} s; "
                                  "try again later")
        try:
            if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)  # the lock of a file its holder removed: take the one now at the path
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


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
