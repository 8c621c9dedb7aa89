"""What an export draws: a project, a story scene, a sidecar or data files, read into a map.

Projects and sidecars are read by the one project reader
(:func:`hegang_map.io.project.build_state`): paths resolve against the
project file, and a story's scene layers are read with the project's own.
A layer that cannot be read is an error naming it and its file, unless the
caller allows missing layers; then it is left out and said once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io.errors import DataError, one_line, read_json
from ..io.read import why_absent
from ..io.project import Project, build_state, from_dict, is_project, project_from_state, read_project, state_from_files
from ..model import checks
from ..model.map_state import MapState
from ..model.sources import is_postgres
from .sidecar import SIDECAR_VERSION, file_sha256, is_sidecar
from ..util.i18n import QT_TRANSLATE_NOOP, translate



@dataclass
class Loaded:
    """The map to export and where it came from.

    Attributes
    ----------
    problems : list of str
        Layers left out (missing or unreadable files), one line each.
    """

    state: MapState
    project: Project
    title: str = ""
    request: dict[str, Any] = field(default_factory=dict)
    expected_hashes: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_input(path: Path, allow_missing: bool = False, layers: list[str] | None = None,
               encoding: str | None = None) -> Loaded:
    """Read a project, a sidecar or a data file into a map.

    Parameters
    ----------
    allow_missing : bool
        Leave out layers whose file is missing or unreadable (said in
        :attr:`Loaded.problems`) instead of failing.
    layers : list of str, optional
        Show only the layers of these names (data files: only read those).
    encoding : str, optional
        The text encoding of a Shapefile given as the input (a project says its own).

    Raises
    ------
    DataError
        Unreadable input; a layer that cannot be read (without
        ``allow_missing``); no layer readable at all; an unknown layer name.
    """
    if is_postgres(path):  # a PostGIS database's tables, or one table
        state = state_from_files([path], names=layers)
        return Loaded(state, project_from_state(state), "")
    path = Path(path)
    if is_project(path) or is_sidecar(path):
        if is_project(path):
            project = read_project(path)
            loaded = Loaded(MapState(), project, project.title)
        else:
            loaded = _read_sidecar(path)
        loaded.state = _state_of(loaded.project, str(path), loaded.problems, allow_missing)
        if layers:
            _show_only(loaded.state, layers, str(path))
        return loaded
    state = state_from_files([path], names=layers, encoding=encoding)
    return Loaded(state, project_from_state(state), "")


def _read_sidecar(path: Path) -> Loaded:
    doc = read_json(path, QT_TRANSLATE_NOOP("Messages", "export sidecar"))
    if not isinstance(doc, dict) or not isinstance(doc.get("format_version", 0), int):
        raise DataError(translate("Messages", "{path}: not a readable export sidecar.").format(path=path))
    if doc.get("format_version", 0) > SIDECAR_VERSION:
        raise DataError(translate(
            "Messages", "{path}: written by a newer hegang-map (sidecar format {value}).").format(path=path, value=doc.get('format_version')))
    project = from_dict(doc.get("project"), Path(os.path.abspath(path)).parent, str(path))
    project.path = Path(os.path.abspath(path))
    data = doc.get("data", [])
    if not isinstance(data, list) or not all(
            isinstance(d, dict) and isinstance(d.get("source"), str) and isinstance(d.get("sha256", ""), str)
            for d in data):
        raise DataError(translate(
            "Messages", "{path}: not a readable export sidecar (its data list must hold objects with a "
            "source and a sha256 text). Export the figure again.").format(path=path))
    hashes = {d["source"]: d["sha256"] for d in data if d.get("sha256")}
    record = doc.get("export") or {}
    if not isinstance(record, dict):
        raise DataError(translate(
            "Messages", "{path}: not a readable export sidecar (its export record is not an object).").format(path=path))
    try:
        request = _export_record(record)
    except ValueError as exc:
        raise DataError(translate(
            "Messages", "{path}: export.{reason}. Correct it in the file, or export the figure again.").format(path=path, reason=exc)) from None
    return Loaded(MapState(), project, project.title, request, hashes)


#: Most highlighted layers, and rows per layer, a sidecar may name.
MAX_HIGHLIGHT_LAYERS = 100
MAX_HIGHLIGHT_ROWS = 10_000


def _export_record(rec: dict) -> dict[str, Any]:
    """A sidecar's ``export`` record with its numbers checked (size, dpi, extent, title)."""
    from ..render.paper import check_raster, parse_size

    out = {}
    if rec.get("size") is not None:
        if not isinstance(rec["size"], str):
            raise ValueError(translate("Messages", "size must be a size like A4 or 1920x1080px, not {value}").format(
                value=repr(rec["size"])[:80]))
        parse_size(rec["size"])
        out["size"] = rec["size"]
    if rec.get("dpi") is not None:
        out["dpi"] = checks.number(rec["dpi"], "dpi", 30.0, 2400.0)
    if rec.get("extent") is not None:
        box = checks.numbers(rec["extent"], "extent", -1e9, 1e9, 4)
        if len(box) != 4 or not (box[0] < box[2] and box[1] < box[3]):
            raise ValueError(translate("Messages", "extent must be four numbers: west < east, south < north"))
        out["extent"] = list(box)
    if rec.get("title") is not None:
        out["title"] = str(rec["title"])[:500]
    if rec.get("inset") is not None:
        out["inset"] = checks.flag(rec["inset"], "inset")
    if rec.get("highlights"):
        refs = rec["highlights"]
        if not isinstance(refs, list) or len(refs) > MAX_HIGHLIGHT_LAYERS or not all(
                isinstance(h, dict) and isinstance(h.get("source"), str) and isinstance(h.get("layer"), (str, type(None)))
                and isinstance(h.get("rows"), list) for h in refs):
            raise ValueError(translate("Messages", "highlights must be a list of {source, layer, rows}"))
        out["highlight_refs"] = [{"source": h["source"], "layer": h["layer"],
                                  "rows": [checks.integer(r, "highlights.rows", 0, checks.MAX_ROW)
                                           for r in h["rows"][:MAX_HIGHLIGHT_ROWS]]} for h in refs]
    page = parse_size(out.get("size") or "A4")
    check_raster(page, out.get("dpi") or page.default_dpi())
    return out


def _state_of(project: Project, where: str, problems: list[str], allow_missing: bool) -> MapState:
    def names(requests) -> str:
        # As the layer panel names them (a bundled story's names are in the catalogue).
        return translate("Messages", ", ", "between the names of a list").join(
            f"“{one_line(translate('Names', r.display_name))}”" for r in requests)

    def bad(requests, exc) -> None:
        problems.append(translate("Messages", "{reason} Layer(s) {names} of {where} cannot be drawn.").format(
            reason=exc, names=names(requests), where=where))

    state, missing = build_state(project, on_error=bad)
    by_file: dict[str, list] = {}
    for r in missing:  # one sentence per file, naming its layers
        by_file.setdefault(str(r.path), []).append(r)
    for path, requests in by_file.items():
        problems.append(translate(
            "Messages", "{where}: the data file {path} {why}; its layer(s) {names} cannot be drawn.").format(
            where=where, path=one_line(path), why=why_absent(Path(path)), names=names(requests)))
    if project.layers and not len(state.layers):
        raise DataError(" ".join(problems + [translate(
            "Messages", "{where}: none of the project's {n} layer(s) could be read; nothing to draw.").format(
            where=where, n=len(project.layers))]))
    if problems and not allow_missing:
        raise DataError(" ".join(problems + [translate(
            "Messages", "Nothing was written (--allow-missing draws the map without them).")]))
    return state


def _show_only(state: MapState, names: list[str], where: str) -> None:
    """Show the layers named ``names`` (by panel name or layer name) and hide the others."""
    have = {n for lyr in state.layers for n in (lyr.name, lyr.source.layer_name) if n}
    unknown = [n for n in names if n not in have]
    if unknown:
        raise DataError(translate(
            "Messages", "{where}: no layer named {value} (its layers: {value2}).").format(where=where, value=', '.join(map(repr, unknown)), value2=', '.join(sorted((lyr.name for lyr in state.layers)))))
    for lyr in state.layers:
        lyr.visible = lyr.name in names or lyr.source.layer_name in names


def apply_scene(loaded: Loaded, number: int, lang: str = "en") -> list[str]:
    """Show scene ``number`` (1-based) of the project as the story shows it; returns warnings.

    The scene is applied by :mod:`hegang_map.model.scene`, exactly as the
    presentation does: its layers, styles, opacity, period, highlights and
    basemap; the figure frames the area the scene must show
    (:meth:`Scene.frame_area`), and its title is the handout title (``N/M  title``).

    Raises
    ------
    ValueError
        When the project has no such scene.
    """
    from ..model.scene import SceneList
    from ..model.scene import apply_scene as show_scene

    scenes, problems = SceneList.from_dicts(loaded.project.scenes)
    if not 1 <= number <= len(scenes):
        if problems:  # the input is at fault, not the command line: say what is wrong with it
            where = f"{loaded.project.path}: " if loaded.project.path else ""
            raise DataError(where + translate(
                "Messages", "--scene {number}: the project has {n} usable scene(s); {problems}").format(
                number=number, n=len(scenes), problems="; ".join(problems[:5])))
        raise ValueError(translate(
            "Messages", "--scene {number}: the project has {value} scene(s)").format(number=number, value=len(scenes)))
    scene = scenes[number - 1]
    applied = show_scene(scene, loaded.state)
    warnings = list(problems)
    warnings += [f"scene {number}: layer {sl.label} could not be loaded; drawn without it" for sl in applied.missing]
    loaded.title = scene_title(scene, number, len(scenes), lang)
    loaded.request["extent"] = list(scene.frame_area())
    loaded.request["highlights"] = [(lid, tuple(rows)) for lid, rows in applied.highlights]
    return warnings


def scene_title(scene, number: int, total: int, lang: str) -> str:
    """The printed title of a scene: its number and title."""
    return f"{number}/{total}  {scene.title_in(lang)}".strip()


def scene_caption(scene, lang: str) -> str:
    """What a handout prints under a scene's map: its caption as plain text, then what it cites."""
    from ..model.scene import caption_plain

    parts = [caption_plain(scene.caption_in(lang))]
    if scene.sources:
        parts.append(translate("Export", "Cited: {sources}").format(sources="; ".join(scene.sources)))
    return "\n".join(p for p in parts if p)


def hash_warnings(loaded: Loaded) -> list[str]:
    """Data files that changed since the sidecar was written."""
    out = []
    for lyr in loaded.state.layers:
        p = lyr.source.path
        if not isinstance(p, Path):  # in memory, or a database table: no file to hash
            continue
        for stored, digest in loaded.expected_hashes.items():
            if Path(stored).name == p.name and digest != file_sha256(p):
                out.append(translate("Messages", "{path} changed since the sidecar was written (SHA-256 differs): "
                                                 "the figure may differ.").format(path=p))
    return out
