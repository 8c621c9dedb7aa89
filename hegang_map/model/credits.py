"""Credits of the bundled data, from ``geodata/credits.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..bundled.paths import geodata_dir
from .layer import Layer
from ..util.i18n import translate


@lru_cache(maxsize=1)
def _credits() -> dict[str, str]:
    path = geodata_dir() / "credits.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def credit_for(path: Path | None, layer_name: str | None) -> str | None:
    """The credit line of a bundled layer, or ``None`` for other data."""
    if not isinstance(path, (str, Path)):  # in memory, or a database's
        return None
    text = _credits().get(f"{Path(path).name}:{layer_name}")
    # The bundled credits are in the catalogue (context "Credits").
    return translate("Credits", text) if text else text


def credits_line(layers: list[Layer], extra: list[str] | None = None) -> str:
    """One line naming the sources of ``layers`` (each credit once)."""
    seen: list[str] = []
    for layer in layers:
        text = credit_for(layer.source.path, layer.source.layer_name)
        if text and text not in seen:
            seen.append(text)
    for text in extra or []:
        if text and text not in seen:
            seen.append(text)
    return " · ".join(seen)
