"""Writing a file so that it is either wholly new or untouched.

Every writer of the app (projects, autosave, figures, web maps, handouts,
view images, screenshots) goes through :func:`replacing`: the content is
written to a temp file in the target's folder, flushed to disk, given the
permissions of any new file, and renamed over the target. A crash or an
error leaves the old file as it was and no temp file behind.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces ``path`` atomically.

    Examples
    --------
    >>> with replacing("figure.png") as tmp:  # doctest: +SKIP
    ...     fig.savefig(tmp, format="png")
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes owner-only files; a saved file should look like any other.
        try:
            os.chmod(tmp, 0o666 & ~_UMASK)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with replacing(path) as tmp:
        tmp.write_bytes(data)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible everywhere.
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
