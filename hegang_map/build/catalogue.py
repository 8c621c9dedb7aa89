"""Write the bundled data's words for the catalogue: ``python -m hegang_map.build.catalogue``.

The bundled styles (legend titles, units, notes, category labels), the
story's layer names and the credits are data, not code, so ``lupdate``
cannot find them. This writes them as ``QT_TRANSLATE_NOOP`` calls into
``hegang_map/bundled/catalogue_texts.py``, which ``lupdate`` reads with the
code; the app looks them up by the same context when it shows them. Run it,
then ``lupdate``, after changing ``geodata/styles.json``,
``geodata/credits.json``, ``resources/styles/`` or the stories (a test says
when it is stale).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..bundled.paths import geodata_dir, resources_dir
from ..io.styles import from_geodata_entry, style_from_json
from ..model.style import LayerStyle

OUT = Path(__file__).resolve().parents[1] / "bundled" / "catalogue_texts.py"

_HEAD = '''"""The bundled data's words, for the catalogue (written by ``python -m hegang_map.build.catalogue``).

Never imported: ``lupdate`` reads the calls below. The app translates these
texts where it shows them, by the same contexts.
"""

from ..util.i18n import QT_TRANSLATE_NOOP

'''


def _style_texts(style: LayerStyle) -> list[str]:
    texts = [style.title, style.unit, style.note]
    texts += [c.label for c in style.categories]
    return [t for t in texts if t]


def _styles_in(value) -> list[LayerStyle]:
    """Every style object (a dict with a ``renderer``) anywhere in a project's JSON."""
    found: list[LayerStyle] = []
    if isinstance(value, dict):
        if "renderer" in value:
            found.append(style_from_json(json.dumps(value)))
        for v in value.values():
            found += _styles_in(v)
    elif isinstance(value, list):
        for v in value:
            found += _styles_in(v)
    return found


def _names_in(project: dict) -> list[str]:
    return [lyr["name"] for lyr in project.get("layers", []) if isinstance(lyr, dict) and lyr.get("name")]


def collect() -> dict[str, list[str]]:
    """The bundled words by catalogue context (``Styles``, ``Names``, ``Credits``), each once, sorted."""
    styles: list[LayerStyle] = []
    for entry in json.loads((geodata_dir() / "styles.json").read_text(encoding="utf-8")).values():
        styles.append(from_geodata_entry(entry))
    names: list[str] = []
    for path in sorted((resources_dir() / "styles").glob("*.json")):
        styles += _styles_in(json.loads(path.read_text(encoding="utf-8")))
    for path in sorted((resources_dir() / "stories").glob("*.hgmap")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        styles += _styles_in(doc)
        names += _names_in(doc)
    credits = json.loads((geodata_dir() / "credits.json").read_text(encoding="utf-8"))
    return {
        "Styles": sorted({t for s in styles for t in _style_texts(s)}),
        "Names": sorted(set(names)),
        "Credits": sorted({str(v) for v in credits.values() if v}),
    }


def render() -> str:
    """The text of ``catalogue_texts.py``."""
    lines = [_HEAD.rstrip("\n"), ""]
    for context, texts in collect().items():
        lines.append(f"# {context}")
        lines += [f"QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(t, ensure_ascii=False)})" for t in texts]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
