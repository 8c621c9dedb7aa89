"""Style files: read and write one :class:`LayerStyle` as JSON, and find the default of a layer.

Defaults come from two places, looked up by :func:`default_style`:

1. ``resources/styles/<layer>.json`` (written by :func:`save_style`):
   ``{"layer": ..., "file": optional file name, "visible": optional, "style": {LayerStyle.to_dict()}}``.
2. ``geodata/styles.json``, written by the geodata build in its own
   compact form (``style``, ``classify``, ``label``, ``time``, ...), which
   :func:`from_geodata_entry` converts.

So the app, the exporter and the CLI all get the same defaults from one call.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model.sources import is_postgres
from ..model.style import Category, LabelSpec, LayerStyle, TimeSpec, _dict_to_pairs
from ..bundled.paths import geodata_dir, resources_dir
from ..util.atomic import write_text
from .errors import DataError, read_json
from ..util.i18n import QT_TRANSLATE_NOOP, translate

FORMAT = "hegang-map-style"
VERSION = 1


def styles_dir() -> Path:
    """The folder of bundled style files."""
    return resources_dir() / "styles"


def style_to_json(style: LayerStyle, layer: str = "", file: str | None = None, visible: bool | None = None) -> str:
    """The JSON text of a style file."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "layer": layer}
    if file:
        doc["file"] = file
    if visible is not None:
        doc["visible"] = bool(visible)
    doc["style"] = style.to_dict()
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def style_from_json(text: str) -> LayerStyle:
    """Read the style of a style file's text (a bare ``LayerStyle`` dict is accepted too)."""
    try:
        doc = json.loads(text)
    except RecursionError:
        raise ValueError(translate("Messages", "a style file's JSON is nested too deeply")) from None
    return _style_of(doc)


def _style_of(doc) -> LayerStyle:
    if not isinstance(doc, dict):
        raise ValueError(translate("Messages", "a style file holds a JSON object"))
    return LayerStyle.from_dict(doc.get("style", doc) if "style" in doc and isinstance(doc["style"], dict) else doc)


def save_style(style: LayerStyle, path: Path, layer: str = "", file: str | None = None,
               visible: bool | None = None) -> None:
    """Write a style file (atomically: a failed save leaves the old file whole).

    Raises
    ------
    DataError
        One readable line when the file cannot be written.
    """
    try:
        write_text(path, style_to_json(style, layer, file, visible))
    except OSError as exc:
        raise DataError(translate(
            "Messages", "{path}: the style could not be saved ({value}).").format(path=path, value=exc.strerror or exc)) from None


def load_style(path: Path) -> LayerStyle:
    """Read a style file.

    Raises
    ------
    DataError
        One readable line naming the file: missing, unreadable, too large,
        not JSON, or a style whose values are out of range.
    """
    doc = read_json(path, QT_TRANSLATE_NOOP("Messages", "style file"))
    try:
        return _style_of(doc)
    except (ValueError, TypeError, KeyError) as exc:
        raise DataError(translate("Messages", "{path}: not a usable style file ({reason}).").format(path=path, reason=exc)) from None


def from_geodata_entry(entry: dict) -> LayerStyle:
    """Convert one entry of ``geodata/styles.json`` to a :class:`LayerStyle`."""
    kw: dict[str, Any] = dict(entry.get("style", {}))
    cls = entry.get("classify") or {}
    if cls.get("method") == "graduated":
        title = cls.get("legend_title", "")
        unit = ""
        m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", title)
        if m:  # "Resale listing price, annual average (yuan/m²)" -> title and unit
            title, unit = m.group(1), m.group(2)
        kw.update(renderer="graduated", field=cls["field"], scheme=cls.get("scheme", "quantiles"),
                  k=int(cls.get("k", 5)), colors=tuple(cls.get("colors", ())), title=title, unit=unit)
        if cls.get("size_range_px"):
            kw["size_range"] = tuple(float(v) for v in cls["size_range_px"])
    elif cls.get("method") == "categorized":
        labels = cls.get("labels", {})
        kw.update(renderer="categorized", field=cls["field"], categories=tuple(
            Category(str(v), c, labels.get(str(v), "")) for v, c in cls.get("colors", {}).items()))
    if entry.get("label"):
        lab = entry["label"]
        kw["label"] = LabelSpec(lab["field"], lab.get("also_field"), _dict_to_pairs(lab.get("where")))
    if entry.get("time"):
        kw["time"] = TimeSpec(entry["time"]["field"], entry["time"].get("default"))
    if entry.get("filter"):
        kw["filter"] = _dict_to_pairs(entry["filter"])
    if entry.get("hollow_where"):
        kw["hollow_where"] = _dict_to_pairs(entry["hollow_where"])
    if entry.get("dash"):
        kw["dash"] = tuple(entry["dash"])
    if entry.get("legend"):
        kw["note"] = entry["legend"]
    return LayerStyle(**kw)


@lru_cache(maxsize=1)
def _geodata_styles() -> dict:
    path = geodata_dir() / "styles.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _style_file(layer_name: str) -> Path | None:
    # Layer names come from user files: keep them to a plain file name.
    safe = re.sub(r"[^\w.-]", "_", layer_name)
    path = styles_dir() / f"{safe}.json"
    return path if path.is_file() else None


def default_style(path: Path | str | None, layer_name: str | None) -> LayerStyle | None:
    """The saved default style of a layer, or ``None``.

    ``resources/styles/<layer>.json`` wins (when its ``file``, if given,
    matches ``path``'s name); then ``geodata/styles.json`` by
    ``<file>:<layer>``.
    """
    if is_postgres(path):  # the bundled styles are for the bundled files
        return None
    name = layer_name or (Path(path).stem if path else "")
    if not name:
        return None
    file_name = Path(path).name if path else None
    found = _style_file(name)
    if found is not None:
        try:
            doc = json.loads(found.read_text(encoding="utf-8"))
            if not doc.get("file") or doc.get("file") == file_name:
                return style_from_json(json.dumps(doc))
        except (OSError, ValueError, TypeError, KeyError):
            pass
    entry = _geodata_styles().get(f"{file_name}:{name}")
    if entry:
        try:
            return from_geodata_entry(entry)
        except (KeyError, TypeError, ValueError):
            return None
    return None
