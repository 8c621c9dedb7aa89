"""The ``hegang-map`` command.

``hegang-map [FILES...]`` opens the window; ``hegang-map layers FILE`` lists a
file's layers, ``export`` draws maps and ``convert`` shifts a file's
coordinates between WGS 84 and the Chinese web maps' frames, all with no
display needed. Exit codes: 0 done, 2 usage error,
3 input that cannot be read, 1 anything unexpected. Errors are one line on
stderr, never a traceback. Qt is imported only for commands that open a window.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from . import __version__
from .bundled.paths import catalogue_path
from .model.sources import is_postgres
from .util import i18n
from .util.i18n import QT_TRANSLATE_NOOP, translate

EXIT_USAGE = 2
EXIT_INPUT = 3


class UsageError(Exception):
    """A command line that cannot be followed."""


# argparse's own words (usage:, options, its errors) come from its module
# global ``_``, a gettext lookup bound at its import: it is pointed at the
# catalogue so --help and argparse's errors speak the language chosen.
_ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
)
argparse._ = lambda text: translate("argparse", text)


class _Parser(argparse.ArgumentParser):
    # argparse prints the usage block and exits on its own; we want one line
    # and our exit code.
    def error(self, message: str):
        raise UsageError(message)


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{2,5})[xX](\d{2,5})", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(translate(
            "Messages", "size must be WIDTHxHEIGHT in pixels, e.g. 1600x1000, not {value}").format(value=repr(text)))
    w, h = int(m.group(1)), int(m.group(2))
    if not (100 <= w <= 8000 and 100 <= h <= 8000):
        raise argparse.ArgumentTypeError("size must be between 100 and 8000 pixels each way")
    return w, h


def _basemap_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--basemap", action="append", default=[], metavar="PATH", help=translate(
        "CLI", "draw this basemap file under the layers: MBTiles, PMTiles, GeoTIFF or a folder of z/x/y tiles "
        "(repeatable; the last is drawn on top)"))


def _check_basemaps(paths: list[str]) -> int | None:
    """Open each basemap file named on the command line once; on the first that
    cannot be used, say why (one line) and return the exit code."""
    from .export.tile_basemaps import UserBasemap
    from .io import DataError

    for path in paths:
        try:
            UserBasemap(Path(path)).close()
        except DataError as exc:
            print(f"hegang-map: {exc}", file=sys.stderr)
            return EXIT_INPUT
    return None


def _encoding_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--encoding", metavar="NAME", type=_encoding, help=translate(
        "CLI", "text encoding of Shapefiles, such as GB18030, GBK, Big5 or UTF-8 (default: the .cpg file, else "
        "guessed from the text)"))


def _encoding(text: str) -> str:
    from .io.dbf import codec_of

    if len(text) > 40 or codec_of(text) is None:
        raise argparse.ArgumentTypeError(translate(
            "Messages", "{name} is not a text encoding hegang-map knows (for Chinese files: GB18030, GBK, Big5 "
            "or UTF-8)").format(name=repr(text[:40])))
    return text


def _main_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="hegang-map",
        description=translate(
            "CLI", "Offline desktop GIS of housing financialization in China (Hegang case). Commands: "
            "'hegang-map layers FILE' lists a file's layers; 'hegang-map export INPUT --out FILE' "
            "draws a map to PNG, SVG, PDF or HTML; 'hegang-map present [PROJECT]' presents a story "
            "full screen; 'hegang-map convert IN --from gcj02 --to wgs84 --out OUT' converts the "
            "coordinates of data copied from Chinese web maps."),
    )
    p.add_argument("files", nargs="*", help=translate(
        "CLI", "data files to open (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, GeoParquet)"))
    p.add_argument("--screenshot", metavar="OUT.png", help=translate(
        "CLI", "draw the map, save a PNG of the window and exit"))
    p.add_argument("--size", type=_size, default=(1600, 1000), metavar="WxH", help=translate(
        "CLI", "window size for --screenshot"))
    _basemap_option(p)
    p.add_argument("--lang", choices=("en", "zh"),
                   help=translate(
                       "CLI", "language of the window, remembered (default: the last one chosen, else the "
                       "system's)"))
    _encoding_option(p)
    p.add_argument("--version", action="version", version=f"hegang-map {__version__}")
    return p


def _layers_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="hegang-map layers", description=translate("CLI", "List the layers of a data file."))
    p.add_argument("file", help=translate("CLI", "a GeoPackage, GeoJSON, Shapefile, FlatGeobuf or GeoParquet file"))
    p.add_argument("--json", action="store_true", help=translate(
        "CLI", "print a JSON list of objects, each with its fields (name and type)"))
    _encoding_option(p)
    p.add_argument("--lang", choices=("en", "zh"), help=translate(
        "CLI", "language of the messages (default: the app's)"))
    return p


def _export_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="hegang-map export",
                description=translate(
                    "CLI", "Draw a project, a data file or an export sidecar to PNG, SVG, PDF or a "
                    "self-contained HTML web map, with no display."))
    p.add_argument("input", nargs="?", help=translate(
        "CLI", "a .hgmap project, a data file (drawn with its default styles), or a sidecar .json written "
        "by --sidecar (redraws that figure); the bundled Hegang story when omitted"))
    p.add_argument("--out", help=translate(
        "CLI", "FILE.png, .svg, .pdf or .html (a sidecar's own output when omitted)"))
    p.add_argument("--dpi", type=float, help=translate(
        "CLI", "resolution (default 300 for paper, 144 for pixel sizes)"))
    p.add_argument("--size", help=translate(
        "CLI", "A4, A4-landscape, A3, A3-landscape, WxHmm (180x120mm) or WxHpx (1920x1080px)"))
    p.add_argument("--title", help=translate("CLI", "title printed on the map"))
    p.add_argument("--scene", type=int, help=translate("CLI", "draw scene N (1-based) of the project's story"))
    p.add_argument("--sidecar", action="store_true", help=translate(
        "CLI", "also write OUT.json to make the same figure again"))
    p.add_argument("--no-inset", dest="inset", action="store_false", help=translate(
        "CLI", "no South China Sea inset on a map of China that leaves the islands out (drawn by default)"))
    p.add_argument("--all-scenes", action="store_true",
                   help=translate(
                       "CLI", "handouts: one PNG per scene of the story into folder --out DIR, or one page "
                       "each in --out FILE.pdf"))
    p.add_argument("--layer", action="append", metavar="NAME",
                   help=translate(
                       "CLI", "draw only this layer (repeatable); by default the layers the project shows"))
    _basemap_option(p)
    _encoding_option(p)
    p.add_argument("--allow-missing", action="store_true",
                   help=translate(
                       "CLI", "draw without layers whose file is missing or unreadable (by default: exit 3, "
                       "nothing written)"))
    p.add_argument("--lang", choices=("en", "zh"),
                   help=translate(
                       "CLI", "language of the figure: legend, units, scale bar, credits, scene titles "
                       "(default: the app's language)"))
    return p


def _convert_parser() -> argparse.ArgumentParser:
    from .util.chinese_coords import CHINA_BOX, FRAMES

    p = _Parser(prog="hegang-map convert",
                description=translate(
                    "CLI", "Convert a data file's coordinates between WGS 84 (GPS), GCJ-02 (Amap, Tencent) and "
                    "BD-09 (Baidu), keeping its attributes, into a new file. The shift applies inside "
                    "{west}-{east} E, {south}-{north} N; outside, nothing moves.").format(
                    west=CHINA_BOX[0], east=CHINA_BOX[2], south=CHINA_BOX[1], north=CHINA_BOX[3]))
    p.add_argument("input", help=translate("CLI", "a GeoPackage, GeoJSON, Shapefile, FlatGeobuf or GeoParquet file"))
    p.add_argument("--from", dest="source", required=True, choices=FRAMES, help=translate(
        "CLI", "the frame the file's coordinates are in"))
    p.add_argument("--to", dest="target", required=True, choices=FRAMES, help=translate(
        "CLI", "the frame to write them in"))
    p.add_argument("--out", required=True, help=translate(
        "CLI", "the new file: .gpkg (every layer), .geojson, .fgb or .shp (one layer)"))
    p.add_argument("--layer", action="append", metavar="NAME", help=translate(
        "CLI", "convert only this layer (repeatable); by default every layer with geometry"))
    _encoding_option(p)
    p.add_argument("--lang", choices=("en", "zh"), help=translate(
        "CLI", "language of the messages (default: the app's)"))
    return p


def _present_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="hegang-map present",
                description=translate(
                    "CLI", "Present a story full screen, scene by scene (the bundled Hegang story when no "
                    "project is given). Right/PageDown/Space/Enter: next; Left/PageUp/Backspace: "
                    "back; Home/End; a number then Enter: jump; B: blank; L: English/Chinese; Esc: "
                    "leave."))
    p.add_argument("project", nargs="?", help=translate(
        "CLI", "a .hgmap project with scenes (default: the bundled story)"))
    p.add_argument("--autoplay", type=float, metavar="SECONDS", help=translate(
        "CLI", "go to the next scene every SECONDS"))
    p.add_argument("--lang", choices=("en", "zh"), help=translate(
        "CLI", "language of every text on screen (default: the app's)"))
    p.add_argument("--window", action="store_true", help=translate(
        "CLI", "present in the window instead of full screen"))
    _basemap_option(p)
    return p


_COMMANDS = ("layers", "export", "present", "convert")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # "hegang-map --lang zh layers FILE": the option may come before the command.
    if len(argv) >= 3 and argv[0] == "--lang" and argv[2] in _COMMANDS:
        argv = [argv[2], *argv[:2], *argv[3:]]
    elif len(argv) >= 2 and argv[0].startswith("--lang=") and argv[1] in _COMMANDS:
        argv = [argv[1], argv[0], *argv[2:]]
    # Every message of the run in one language: --lang, else the one chosen
    # in the window, else the locale's. No Qt here: the catalogue is read from
    # its Linguist source (a window, when one opens, installs Qt's own).
    lang = i18n.preferred_language(_lang_asked(argv), _saved_language())
    lookup = i18n.catalogue_lookup(catalogue_path(lang, compiled=False)) if lang != "en" else None
    with i18n.speaking(lang, lookup):
        return _run(argv)


def _lang_asked(argv: list[str]) -> str | None:
    """The value of ``--lang`` on the command line, if any (parsed properly later); the last one
    given wins, as argparse takes it."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def _run(argv: list[str]) -> int:
    import warnings

    # Numeric warnings of the libraries (an overflow measuring a 1e308 vertex) are not
    # the user's to read: what matters about the data is said in the app's own words.
    warnings.simplefilter("ignore", RuntimeWarning)
    try:
        if argv and argv[0] == "layers":
            return _cmd_layers(_layers_parser().parse_args(argv[1:]))
        if argv and argv[0] == "export":
            return _cmd_export(_export_parser().parse_args(argv[1:]))
        if argv and argv[0] == "present":
            return _cmd_present(_present_parser().parse_args(argv[1:]))
        if argv and argv[0] == "convert":
            return _cmd_convert(_convert_parser().parse_args(argv[1:]))
        return _cmd_window(_main_parser().parse_args(argv))
    except UsageError as exc:
        from .io.errors import one_line  # only here: the io package is heavy to import

        print("hegang-map: " + translate("Messages", "error: {reason} (see hegang-map --help)").format(
            reason=one_line(str(exc))), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # last resort: one line, not a traceback
        print("hegang-map: " + translate("Messages", "unexpected error: {reason}").format(
            reason=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1


def _cmd_layers(args) -> int:  # a file's layers, or a PostGIS database's tables
    from .io import DataError, list_layers

    try:
        infos = list_layers(args.file, args.encoding)
    except DataError as exc:
        print(f"hegang-map: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if args.json:
        print(json.dumps([i.to_dict() for i in infos], ensure_ascii=False, indent=2))
        return 0
    from .io.errors import one_line

    for info in infos:
        bounds = ", ".join(f"{b:.6g}" for b in info.bounds) if info.bounds else "none"
        # Names and CRS descriptions are the file's text: a newline, tab or
        # terminal escape in them must not break the columns or the terminal.
        count = (translate("CLI", "{n} feature") if info.feature_count == 1
                 else translate("CLI", "{n} features")).format(n=f"{info.feature_count:,}")
        cells = (info.name, info.geometry_type or translate("CLI", "no geometry"), count,
                 info.crs or "none", f"[{bounds}]")
        print("\t".join(one_line(c) for c in cells))
    return 0


def _cmd_export(args) -> int:
    # No Qt here: export runs on a server with no display (main() set the language).
    args.lang = args.lang or i18n.language()
    return _export(args)


def _saved_language() -> str | None:
    """The language last chosen in the window (``[ui] language`` of its settings file), without Qt."""
    import configparser

    from .util.folders import config_dir, leftover_bytes

    data = leftover_bytes(config_dir() / "hegang-map.ini", 1 << 20)  # never a pipe or a device
    parser = configparser.ConfigParser()
    try:
        parser.read_string((data or b"").decode("utf-8"))
        return parser.get("ui", "language", fallback=None)
    except (configparser.Error, UnicodeDecodeError):
        return None


def _export(args) -> int:
    from .export import ExportRequest, export_handouts, is_sidecar, run_export, sidecar_path
    from .io.errors import one_line
    from .model import checks
    from .render.paper import check_raster, parse_size

    bundled = args.input is None
    if bundled:  # as for present: the story the app ships
        from .bundled.stories import bundled_story

        args.input = str(bundled_story())
    # A PostGIS table's address stays text (a Path would fold its "//").
    inp = args.input if is_postgres(args.input) else Path(args.input)
    if not args.all_scenes:
        _file_name(args.out, "--out")
    if bundled:
        print("hegang-map: " + translate("Messages", "exporting the bundled story {path}").format(path=args.input),
              file=sys.stderr)
    if args.size is not None:
        try:
            parse_size(args.size)
        except ValueError as exc:
            raise UsageError(translate("Messages", "--size: {reason}").format(reason=exc)) from None
    if args.dpi is not None and not (30 <= args.dpi <= 2400):
        raise UsageError(translate("Messages", "--dpi must be between 30 and 2400"))
    if args.size is not None or args.dpi is not None:
        page = parse_size(args.size or "A4")
        try:
            check_raster(page, args.dpi or page.default_dpi())
        except ValueError as exc:
            raise UsageError(translate("Messages", "--size/--dpi: {reason}").format(reason=exc)) from None
    if args.title is not None:
        args.title = checks.utf8(args.title)  # bytes that are not UTF-8 arrive as lone surrogates
    if args.title is not None and len(args.title) > 1000:
        raise UsageError(translate("Messages", "--title may hold at most 1,000 characters"))
    for basemap in args.basemap:
        _file_name(basemap, "--basemap")
    bad = _check_basemaps(args.basemap)
    if bad is not None:
        return bad
    basemaps = tuple(Path(b) for b in args.basemap)
    if args.all_scenes:
        if not args.out:
            raise UsageError(translate(
                "Messages", "--all-scenes needs --out DIR (one PNG per scene) or --out FILE.pdf"))
        out = _output(Path(args.out), inp, ("", ".pdf"), QT_TRANSLATE_NOOP("Messages", "give a folder or a .pdf file"))
        done = _exporting(out, lambda: export_handouts(inp, out, lang=args.lang, size=args.size or "A4-landscape",
                                                       dpi=args.dpi, allow_missing=args.allow_missing,
                                                       basemaps=basemaps))
        if isinstance(done, int):
            return done
        _warn(done.warnings)
        for f in done.files:
            print(one_line(str(f)))
        return 0
    # A .json that is not a regular file is read as the sidecar it claims to be, and refused as such.
    special = isinstance(inp, Path) and inp.exists() and not inp.is_file()
    if args.out is None and not (isinstance(inp, Path) and inp.suffix.lower() == ".json"
                                 and (special or is_sidecar(inp))):
        raise UsageError(translate("Messages", "export needs --out FILE.png|.svg|.pdf|.html"))
    if args.out is not None:
        out = _output(Path(args.out), inp, (".png", ".svg", ".pdf", ".html", ".htm"),
                      QT_TRANSLATE_NOOP("Messages", "export writes .png, .svg, .pdf or .html"))
    else:
        from .io.errors import DataError, read_json

        try:
            doc = read_json(inp, QT_TRANSLATE_NOOP("Messages", "export sidecar"))
            named = doc["output"]["file"] if isinstance(doc, dict) and isinstance(doc.get("output"), dict) else None
            # A name that is text and holds no control characters (it becomes a file name and is printed).
            if not isinstance(named, str) or any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in named):
                raise DataError(translate(
                    "Messages", "{path}: not a readable export sidecar (output.file must name the figure's "
                    "file).").format(path=inp))
            out = _output(inp.parent / Path(named).name, inp, (".png", ".svg", ".pdf"),
                          QT_TRANSLATE_NOOP("Messages", "export writes .png, .svg or .pdf"))
        except DataError as exc:
            print(f"hegang-map: {exc}", file=sys.stderr)
            return EXIT_INPUT
        except UsageError as exc:  # the sidecar names the output: its fault, not the command line's
            print("hegang-map: " + translate("Messages", "{path}: its output file cannot be written ({reason}).").format(
                path=inp, reason=exc), file=sys.stderr)
            return EXIT_INPUT
        except (ValueError, KeyError, TypeError) as exc:
            print("hegang-map: " + translate("Messages", "{path}: not a readable export sidecar ({reason}).").format(
                path=inp, reason=exc), file=sys.stderr)
            return EXIT_INPUT
    if args.sidecar:
        _output(sidecar_path(out), inp, (".json",), "")  # the new sidecar may not replace the input either
    req = ExportRequest(out, size=args.size, dpi=args.dpi, title=args.title, scene=args.scene, sidecar=args.sidecar,
                        layers=args.layer, allow_missing=args.allow_missing, lang=args.lang,
                        encoding=args.encoding, inset=args.inset, basemaps=basemaps)
    for basemap in basemaps:  # an export may not replace a basemap file either
        _output(out, basemap, (".png", ".svg", ".pdf", ".html", ".htm"), "")
    done = _exporting(out, lambda: run_export(inp, req))
    if isinstance(done, int):
        return done
    _warn(done.warnings)
    print(one_line(str(out)))
    return 0


def _file_name(text: str | None, option: str) -> None:
    """Refuse a file name that ends in a slash: the user wrote a folder (a path drops the slash)."""
    if text and text.endswith(("/", os.sep)):
        raise UsageError(translate(
            "Messages", "{option} {out}: that names a folder (it ends in /); give a file name").format(
            option=option, out=text))


def _output(out: Path, inp: Path, suffixes: tuple[str, ...], what: str, option: str = "--out") -> Path:
    """Check an export's output path before anything is read or drawn."""
    try:
        out.exists()
    except OSError as exc:  # a name longer than the file system takes, a loop of links ...
        raise UsageError(translate("Messages", "{option} {name}: not a usable file name ({reason})").format(
            option=option, name=out.name[:80], reason=exc.strerror or exc)) from None
    if out.suffix.lower() not in suffixes:
        raise UsageError(translate("Messages", "{option} {name}: {kind}").format(
            option=option, name=out.name, kind=translate("Messages", what)))
    if not out.parent.exists():
        raise UsageError(translate(
            "Messages", "{option}: the folder {parent} does not exist").format(option=option, parent=out.parent))
    if out.is_dir() and "" not in suffixes:
        raise UsageError(translate(
            "Messages", "{option} {out}: that is a folder; give a file name in it").format(option=option, out=out))
    if out.exists() and not out.is_dir() and not out.is_file():
        raise UsageError(translate(
            "Messages", "{option} {out}: that is a device, pipe or socket, not a file; choose a file name").format(
            option=option, out=out))
    from .export.run import lands_on

    if lands_on(out, inp):
        raise UsageError(translate(
            "Messages", "{option} {out}: that is the input; choose another file").format(option=option, out=out))
    return out


def _exporting(out: Path, work):
    """Run an export; its result, or the exit code of one readable line on stderr."""
    from .io import DataError

    try:
        return work()
    except DataError as exc:
        print(f"hegang-map: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except UnicodeError as exc:  # text from the input that no UTF-8 writer takes: the input's fault
        print("hegang-map: " + translate("Messages", "{path}: the input holds text that cannot be written as "
                                         "UTF-8 ({reason}).").format(path=out, reason=exc.reason), file=sys.stderr)
        return EXIT_INPUT
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        print("hegang-map: " + translate("Messages", "cannot write {path}: {reason}").format(
            path=out, reason=exc.strerror or exc), file=sys.stderr)
        return 1


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print("hegang-map: " + translate("Messages", "warning: {reason}").format(reason=warning), file=sys.stderr)


def _cmd_convert(args) -> int:
    from .io.convert import WRITERS, convert_file
    from .io.errors import one_line

    inp = Path(args.input)
    _file_name(args.out, "--out")
    if args.source == args.target:
        raise UsageError(translate("Messages", "--from and --to are the same frame: there is nothing to convert"))
    out = _output(Path(args.out), inp, tuple(WRITERS), QT_TRANSLATE_NOOP(
        "Messages", "convert writes .gpkg, .geojson, .fgb or .shp"))
    if out.suffix.lower() == ".shp":  # a Shapefile is several files: none may be one of the input's
        for part in (".shx", ".dbf", ".prj", ".cpg"):
            _output(out.with_suffix(part), inp.with_suffix(part) if inp.suffix.lower() == ".shp" else inp,
                    (part,), "")
    done = _exporting(out, lambda: convert_file(inp, out, args.source, args.target, args.layer, args.encoding))
    if isinstance(done, int):
        return done
    _warn(done.warnings)
    for name, count in done.layers:
        print(one_line(translate("CLI", "{layer}: {n} features, {source} → {target}").format(
            layer=name, n=f"{count:,}", source=args.source, target=args.target)))
    print(one_line(str(out)))
    return 0


def _cmd_present(args) -> int:
    from .io import DataError
    from .io.project import read_project
    from .bundled.stories import bundled_story

    if args.autoplay is not None and not (1 <= args.autoplay <= 3600):
        raise UsageError(translate("Messages", "--autoplay takes seconds between 1 and 3600"))
    path = Path(args.project) if args.project else bundled_story()
    if not args.project:
        print("hegang-map: " + translate("Messages", "presenting the bundled story {path}").format(path=path),
              file=sys.stderr)
    try:
        read_project(path)  # unreadable input is reported before any window opens
    except DataError as exc:
        print(f"hegang-map: {exc}", file=sys.stderr)
        return EXIT_INPUT
    bad = _check_basemaps(args.basemap)
    if bad is not None:
        return bad
    from .qt.presentation import run_present

    return run_present(path, autoplay=args.autoplay, lang=args.lang, full_screen=not args.window,
                       basemaps=[Path(b) for b in args.basemap])


def _cmd_window(args) -> int:
    from .io import DataError, list_layers
    from .io.project import is_project, project_requests, read_project

    files = [f if is_postgres(f) else Path(f) for f in args.files]
    bad = _check_basemaps(args.basemap)
    if bad is not None:
        return bad
    if args.screenshot:
        # Unreadable input is reported before any window opens; a project opens as one.
        for f in files:
            try:
                read_project(f) if is_project(f) else list_layers(f, args.encoding)
            except DataError as exc:
                print(f"hegang-map: {exc}", file=sys.stderr)
                return EXIT_INPUT
        _file_name(args.screenshot, "--screenshot")
        out = Path(args.screenshot)
        if out.suffix.lower() != ".png":
            raise UsageError(translate("Messages", "--screenshot writes a PNG: give a file name ending in .png"))
        if not out.parent.exists():
            raise UsageError(translate(
                "Messages", "--screenshot: the folder {parent} does not exist").format(parent=out.parent))
        for f in files:  # through any path or link; a project's data and basemap files too, read or not
            project = read_project(f) if is_project(f) else None
            named = [r.path for r in project_requests(project)] if project else []
            named += [b.path for b in project.basemap_files] if project else []
            for source in [f, *named]:
                if not is_postgres(source):
                    _output(out, Path(source), (".png",), "", "--screenshot")
        for basemap in args.basemap:
            _output(out, Path(basemap), (".png",), "", "--screenshot")
    from .qt.run import run_window

    return run_window(files, screenshot=Path(args.screenshot) if args.screenshot else None, size=args.size,
                      lang=args.lang, encoding=args.encoding, basemaps=[Path(b) for b in args.basemap])
