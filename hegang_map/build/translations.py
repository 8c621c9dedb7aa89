"""Refresh the catalogue: ``python -m hegang_map.build.translations [--release]``.

Writes the bundled data's words (:mod:`hegang_map.build.catalogue`), then runs
Qt's ``lupdate`` over the package into ``resources/i18n/hegang_map_zh_CN.ts``
(new texts arrive unfinished, texts no longer used go); translate those in
Qt Linguist (``pyside6-linguist``) and run again with ``--release`` to
compile the ``.qm`` the app loads. A test fails while a text is unfinished
or the ``.qm`` is older than the ``.ts``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..bundled.paths import resources_dir
from . import catalogue

PACKAGE = Path(__file__).resolve().parents[1]


def tool(name: str) -> str:
    """The path of a PySide6 tool (``lupdate``, ``lrelease``) of this Python's install."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    return str(beside) if beside.exists() else f"pyside6-{name}"


def sources() -> list[Path]:
    """Every Python file of the package, in a stable order."""
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts: Path) -> None:
    """Run ``lupdate`` over :func:`sources` into ``ts`` (no line numbers: they would change with every edit)."""
    subprocess.run([tool("lupdate"), *map(str, sources()), "-ts", str(ts), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", "zh_CN"],
                   check=True, capture_output=True, text=True)


def release(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True, text=True)


#: The messages about bad input, in both languages, for readers of the docs.
MESSAGES_DOC = PACKAGE.parent / "docs" / "messages.md"


def messages_doc(ts: Path) -> str:
    """``docs/messages.md``: every message about input (context ``Messages``) in English and Chinese."""
    import xml.etree.ElementTree as ET

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    rows = ["# Messages about input, in English and Chinese", "",
            "Written by `python -m hegang_map.build.translations` from the catalogue",
            "(`resources/i18n/hegang_map_zh_CN.ts`); `docs/bad-input.md` says when each is shown.",
            "`{path}`, `{where}` and the other names in braces are filled in when the message is shown.", "",
            "| English | 中文 |", "|---|---|"]
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") != "Messages":
            continue
        for message in context.iter("message"):
            rows.append(f"| {cell(message.findtext('source') or '')} | {cell(message.findtext('translation') or '')} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> None:
    catalogue.OUT.write_text(catalogue.render(), encoding="utf-8")
    ts = resources_dir() / "i18n" / "hegang_map_zh_CN.ts"
    update(ts)
    print(f"updated {ts}")
    MESSAGES_DOC.write_text(messages_doc(ts), encoding="utf-8")
    print(f"wrote {MESSAGES_DOC}")
    if "--release" in argv:
        release(ts, ts.with_suffix(".qm"))
        print(f"compiled {ts.with_suffix('.qm')}")


if __name__ == "__main__":
    main(sys.argv[1:])
