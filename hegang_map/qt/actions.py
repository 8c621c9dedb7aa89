"""Every user action declared once: id, text, shortcut, handler.

Menus, toolbars, context menus and presentation mode all reuse the same
QAction objects from :class:`ActionRegistry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    """What an action is: its id, menu text, shortcut and tip."""

    id: str
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""
    checkable: bool = False


class ActionRegistry:
    """Creates each :class:`QAction` once, parented to ``owner``."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self._actions: dict[str, QAction] = {}

    def add(self, spec: ActionSpec, handler: Callable[..., object]) -> QAction:
        """Declare one action and connect its handler."""
        if spec.id in self._actions:
            raise ValueError(f"action {spec.id!r} declared twice")
        action = QAction(spec.text, self._owner)
        action.setObjectName(spec.id)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        action.setCheckable(spec.checkable)
        action.triggered.connect(handler)
        self._actions[spec.id] = action
        return action

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions
