"""The ordered layers of a map, top layer first."""

from __future__ import annotations

from typing import Iterator

from .events import EmitterGroup
from .layer import Layer


class LayerList:
    """Layers in panel order: index 0 is drawn on top.

    Every change emits a before/after pair: ``inserting``/``inserted``
    (``index``, ``layer``), ``removing``/``removed`` (``index``, ``layer``)
    and ``moving``/``moved`` (``start``, ``dest``, ``layer``; ``dest`` is
    the final index).
    """

    def __init__(self) -> None:
        self._layers: list[Layer] = []
        self.events = EmitterGroup(
            self, ["inserting", "inserted", "removing", "removed", "moving", "moved"]
        )

    def __len__(self) -> int:
        return len(self._layers)

    def __iter__(self) -> Iterator[Layer]:
        return iter(list(self._layers))

    def __getitem__(self, index: int) -> Layer:
        return self._layers[index]

    def index(self, layer: Layer) -> int:
        """Return the position of ``layer``."""
        return self._layers.index(layer)

    def by_id(self, layer_id: str) -> Layer | None:
        """Return the layer with ``layer_id``, or ``None``."""
        for layer in self._layers:
            if layer.id == layer_id:
                return layer
        return None

    def insert(self, index: int, layer: Layer) -> None:
        """Insert ``layer`` at ``index`` (0 = top)."""
        index = max(0, min(index, len(self._layers)))
        self.events.inserting.emit(index=index, layer=layer)
        self._layers.insert(index, layer)
        self.events.inserted.emit(index=index, layer=layer)

    def append_top(self, layer: Layer) -> None:
        """Add ``layer`` above all others, as a GIS adds a newly opened layer."""
        self.insert(0, layer)

    def remove(self, layer: Layer) -> None:
        """Remove ``layer``."""
        index = self._layers.index(layer)
        self.events.removing.emit(index=index, layer=layer)
        del self._layers[index]
        self.events.removed.emit(index=index, layer=layer)

    def clear(self) -> None:
        """Remove every layer, one event pair each."""
        for layer in list(self._layers):
            self.remove(layer)

    def move(self, source: int, dest: int) -> None:
        """Move the layer at ``source`` so that it ends at index ``dest``."""
        dest = max(0, min(dest, len(self._layers) - 1))
        if source == dest:
            return
        layer = self._layers[source]
        self.events.moving.emit(start=source, dest=dest, layer=layer)
        del self._layers[source]
        self._layers.insert(dest, layer)
        self.events.moved.emit(start=source, dest=dest, layer=layer)

    def draw_order(self) -> list[Layer]:
        """Return layers bottom first, the order they are painted."""
        return list(reversed(self._layers))
