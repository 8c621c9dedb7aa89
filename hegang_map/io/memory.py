"""Whether a layer fits in the memory this machine has free, asked before it is read.

A layer larger than the free memory would be read until the system stops
the app (Linux's out-of-memory killer ends the process), and whatever the
user had not saved would go with it. So a large layer is weighed first,
from what its source says of itself (its feature count and the size of
its geometry), and refused with a message when it cannot fit.

The weights are what the app was measured to hold once a layer is read
and drawn (``benchmarks/README.md``): about 400 bytes a point (10 million
points: 3.98 GB at the peak), and for lines and polygons about 200 bytes a
feature plus 5 bytes for each byte of stored geometry (a million
20-vertex polygons in a 512 MB GeoPackage: 2.9 GB). The estimate is kept
a little under those figures, so a layer that would fit is never refused;
one refused would not have fitted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..util.i18n import translate
from .errors import DataError

# Below this many features a layer is not weighed (it needs a few hundred MB at most).
WEIGH_FROM = 200_000
# Bytes the app holds per point, per line or polygon, and per byte of a line or polygon layer's stored geometry.
POINT_BYTES = 350
SHAPE_BYTES = 180
GEOMETRY_FACTOR = 4.5

_GIB = 1024 ** 3


def _meminfo_available() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_room() -> int | None:
    """What a cgroup v2 memory limit (a container's) leaves, or ``None`` without one."""
    try:
        line = Path("/proc/self/cgroup").read_text(encoding="ascii").splitlines()[0]
        group = Path("/sys/fs/cgroup") / line.split("::", 1)[1].lstrip("/")
        limit = (group / "memory.max").read_text(encoding="ascii").strip()
        if limit == "max":
            return None
        return int(limit) - int((group / "memory.current").read_text(encoding="ascii"))
    except (OSError, ValueError, IndexError):
        return None


def _address_room() -> int | None:
    """What ``ulimit -v`` (``RLIMIT_AS``) leaves this process, or ``None`` without a limit."""
    try:
        import resource  # Unix only
    except ImportError:
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return soft - pages * os.sysconf("SC_PAGE_SIZE")


def available_bytes() -> int | None:
    """The memory a read may still take: the least of what the system has
    available, what a container's limit leaves and what this process's
    address-space limit leaves; ``None`` where none of them can be read."""
    rooms = [r for r in (_meminfo_available(), _cgroup_room(), _address_room()) if r is not None]
    return max(min(rooms), 0) if rooms else None


def needed_bytes(features: int, geometry_type: str | None, geometry_bytes: int | None) -> int:
    """The memory a layer of ``features`` takes once read and drawn, about.

    ``geometry_bytes``: the size of its stored geometry (a file's size, a
    table's), when known; only lines and polygons grow with it.
    """
    kind = str(geometry_type or "").removeprefix("Multi")
    if kind.startswith("Point"):
        return features * POINT_BYTES
    return int(features * SHAPE_BYTES + GEOMETRY_FACTOR * (geometry_bytes or 0))


def check_fits(name: str, features: int, geometry_type: str | None,
               geometry_bytes: Callable[[], int | None] = lambda: None) -> None:
    """Raise :class:`DataError` when the layer ``name`` cannot fit in the memory available.

    ``geometry_bytes()`` gives the size of its stored geometry (see
    :func:`needed_bytes`); it is asked only of a layer that is weighed: one
    of :data:`WEIGH_FROM` features or more, on a system whose free memory
    can be read.
    """
    if features < WEIGH_FROM:
        return
    room = available_bytes()
    if room is None:
        return
    need = needed_bytes(features, geometry_type, geometry_bytes())
    if need <= room:
        return
    raise DataError(translate(
        "Messages", "{name} has {features} features and needs about {need} GB of memory once open; "
        "{room} GB are free. Close other layers or programs, or open a part of it (a view of a PostGIS "
        "table, a smaller file), then try again.").format(
        name=name, features=format(features, ","), need=f"{need / _GIB:.1f}", room=f"{room / _GIB:.1f}"))
