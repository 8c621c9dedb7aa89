"""A minimal observer: one :class:`Event` per property or collection change.

The model must not import Qt, so it carries its own small signal type; Qt
adapters connect to these events and translate them into Qt signals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

_log = logging.getLogger(__name__)


@dataclass
class EventInfo:
    """What an event carries: its name, its source object and keyword values."""

    name: str
    source: Any
    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError as exc:  # keep AttributeError semantics for getattr()
            raise AttributeError(key) from exc


class Event:
    """A channel that callbacks connect to and that the model emits on.

    Parameters
    ----------
    name : str
        The property or change this event stands for.
    source : object
        The model object that emits it.
    """

    def __init__(self, name: str, source: Any) -> None:
        self.name = name
        self.source = source
        self._callbacks: list[Callable[[EventInfo], Any]] = []
        self.blocked = False

    def connect(self, callback: Callable[[EventInfo], Any]) -> Callable[[EventInfo], Any]:
        """Call ``callback(info)`` on every emission; returns the callback."""
        self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[[EventInfo], Any]) -> None:
        """Stop calling ``callback``; unknown callbacks are ignored."""
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, **values: Any) -> None:
        """Call every connected callback with an :class:`EventInfo`."""
        if self.blocked:
            return
        info = EventInfo(self.name, self.source, values)
        for callback in list(self._callbacks):
            callback(info)


class EmitterGroup:
    """A named set of events, reached as attributes (``layer.events.visible``)."""

    def __init__(self, source: Any, names: list[str]) -> None:
        self._events = {name: Event(name, source) for name in names}

    def __getattr__(self, name: str) -> Event:
        try:
            return self._events[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def names(self) -> list[str]:
        """Return the event names of this group."""
        return list(self._events)
