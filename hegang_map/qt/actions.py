"""Every user action declared once: id, text, shortcut, handler.

Menus, toolbars, context menus and presentation mode all reuse the same
QAction objects from :class:`ActionRegistry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    """What an action is: its id, menu text, shortcut and tip.

    ``text`` and ``tip`` are English source texts marked with
    ``QT_TRANSLATE_NOOP("Actions", …)``; the registry shows them translated.
    """

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
        self._specs: dict[str, ActionSpec] = {}

    def add(self, spec: ActionSpec, handler: Callable[..., object]) -> QAction:
        """Declare one action and connect its handler."""
        if spec.id in self._actions:
            raise ValueError(f"action {spec.id!r} declared twice")
        action = QAction(self._owner)
        action.setObjectName(spec.id)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setCheckable(spec.checkable)
        action.triggered.connect(handler)
        self._actions[spec.id] = action
        self._specs[spec.id] = spec
        self._show_texts(action, spec)
        return action

    def retranslate(self) -> None:
        """Show every action's text and tip in the current language."""
        for action_id, spec in self._specs.items():
            self._show_texts(self._actions[action_id], spec)

    @staticmethod
    def _show_texts(action: QAction, spec: ActionSpec) -> None:
        action.setText(QCoreApplication.translate("Actions", spec.text))
        if spec.tip:
            tip = QCoreApplication.translate("Actions", spec.tip)
            action.setStatusTip(tip)
            action.setToolTip(tip)

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions
