"""Writing a file so that it is either wholly new or untouched.

Every writer of the app (projects, autosave, styles, figures, web maps,
handouts, sidecars, view images, screenshots, the kept start) goes through
:func:`replacing`: the content is written to a temp file in the target's
folder, flushed to disk, given the permissions and owner of the file it
replaces (never a set-user or set-group bit; a new file: those of any
new file), and renamed over the target. Writing through a symbolic
link updates the file it points at and keeps the link. An error leaves the
old file as it was and no temp file behind; a process killed while writing
leaves one, which the next write of the same file removes.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
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
    if path.is_symlink():
        # Replacing the link itself would cut it from the file it shares.
        path = Path(os.path.realpath(path))
    owner = None
    try:
        st = path.stat()
    except OSError:  # a new file: what any new file gets
        mode = 0o666 & ~_UMASK
    else:
        # Renaming over a device or a pipe (/dev/null through a link) would
        # replace the node itself with a plain file.
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file (a folder, device, pipe or socket)")
        # Its permissions and owner, never a set-user or set-group bit (a figure is no program).
        mode = st.st_mode & 0o777
        owner = (st.st_uid, st.st_gid)
    _sweep(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if owner is not None and owner != (os.geteuid(), os.getegid()):
            try:
                os.chown(tmp, *owner)  # root replacing a user's file: it stays the user's
            except OSError:
                pass  # not root: the file becomes the writer's, as any editor's save does
        try:
            os.chmod(tmp, mode)  # mkstemp makes owner-only files
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


#: The ending of the app's temp files (``.<name>.<pid>.<random>.hgtmp``).
TEMP_SUFFIX = ".hgtmp"


def _sweep(path: Path) -> None:
    """Remove temp files of ``path`` left by processes that no longer run."""
    try:
        leftovers = list(path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"))
    except OSError:
        return
    for tmp in leftovers:
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):  # someone else's process, or no way to ask: leave it
        return True
    return True


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
