"""The Scenes dock: a story's scenes as a list, with add/update/rename/reorder/duplicate/delete.

:class:`SceneListModel` is an adapter over :class:`~hegang_map.model.scene.SceneList`
(rule 3 of the architecture): ``setData`` writes a renamed scene to the list,
and the list's events move the view. The panel keeps no scene of its own.
The window's project actions save ``SceneList.to_dicts()`` as the project's
``scenes`` and hand them back when a project is opened.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QSizePolicy, QLabel, QListView, QPlainTextEdit, QPushButton, QStyledItemDelegate, QToolButton,
    QVBoxLayout, QWidget,
)

from ..model.scene import Scene, SceneList, caption_from_plain, caption_plain
from .actions import ActionSpec
from .language import Retranslating
from .row_drag import RowDragMixin
from .text import plain_tooltip

SceneRole = Qt.ItemDataRole.UserRole + 1


class SceneListModel(RowDragMixin, QAbstractListModel):
    """One row per scene: "N. title" in the current caption language; renamable, draggable."""

    drag_mime = "application/x-hegang-map-scene-row"

    def __init__(self, scenes: SceneList, parent=None) -> None:
        super().__init__(parent)
        self.scenes = scenes
        self.lang = "en"
        ev = scenes.events
        ev.inserting.connect(lambda i: self.beginInsertRows(QModelIndex(), i.index, i.index))
        ev.inserted.connect(lambda i: (self.endInsertRows(), self._renumber()))
        ev.removing.connect(lambda i: self.beginRemoveRows(QModelIndex(), i.index, i.index))
        ev.removed.connect(lambda i: (self.endRemoveRows(), self._renumber()))
        ev.moving.connect(self._moving)
        ev.moved.connect(lambda i: (self.endMoveRows(), self._renumber()))
        ev.changed.connect(lambda i: self.dataChanged.emit(self.index(i.index), self.index(i.index)))
        ev.resetting.connect(lambda i: self.beginResetModel())
        ev.reset.connect(lambda i: self.endResetModel())

    def set_language(self, lang: str) -> None:
        """Show titles in ``lang``."""
        self.lang = lang
        self._renumber()

    def _renumber(self) -> None:
        if len(self.scenes):
            self.dataChanged.emit(self.index(0), self.index(len(self.scenes) - 1))

    def _moving(self, info) -> None:
        dest = info.dest + 1 if info.dest > info.start else info.dest
        self.beginMoveRows(QModelIndex(), info.start, info.start, QModelIndex(), dest)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.scenes)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.scenes):
            return None
        scene = self.scenes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # The view numbers it (NumberedDelegate).
            return scene.title_in(self.lang) or QCoreApplication.translate("Scenes", "(untitled)")
        if role == Qt.ItemDataRole.EditRole:
            return scene.title_in(self.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            names = ", ".join(scene.visible_names) or QCoreApplication.translate("Scenes", "no layers")
            return plain_tooltip(caption_plain(scene.caption_in(self.lang)) + "\n\n"
                                 + QCoreApplication.translate("Scenes", "Layers: {names}").format(names=names))
        if role == SceneRole:
            return scene
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt API)
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not str(value).strip():
            return False
        row = index.row()
        self.scenes.replace(row, self.scenes[row].with_text(self.lang, title=str(value)))
        return True

    def row_total(self) -> int:
        return len(self.scenes)

    def move_row(self, source: int, dest: int) -> None:
        self.scenes.move(source, dest)

class NumberedDelegate(QStyledItemDelegate):
    """Shows each row as "N. text": the number is the row's place, not part of its data."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt API)
        super().initStyleOption(option, index)
        option.text = f"{index.row() + 1}. {option.text}"


class ScenesPanel(Retranslating, QWidget):
    """The Scenes dock's widget: the list, buttons for the scene actions, and a caption editor."""

    def __init__(self, window, scenes: SceneList) -> None:
        super().__init__(window)
        self.window = window
        self.scenes = scenes
        self.model = SceneListModel(scenes, self)
        self.view = QListView(self)
        self.view.setObjectName("scenesList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(NumberedDelegate(self.view))
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.doubleClicked.connect(lambda idx: self.window.presentation.show_on_map(idx.row()))
        self.caption = QPlainTextEdit(self)
        self.caption.setObjectName("sceneCaption")
        self.caption.setMaximumHeight(120)
        self.apply_caption = QPushButton(self)
        self.apply_caption.setObjectName("sceneSetCaption")
        self.apply_caption.clicked.connect(self.set_caption)
        self.hint = QLabel("", self)
        self.hint.setObjectName("scenesHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        # A story to start from, for the workshop that opens the app and finds no scenes.
        self.hint.linkActivated.connect(lambda _link: window.actions["open_hegang_story"].trigger())

        a = window.actions
        # A grid, two to a row, so the dock stays narrow beside the map (a 1024-pixel projector).
        buttons = self._buttons = QGridLayout()
        buttons.setSpacing(2)
        for key in ("scene_add", "scene_update", "scene_rename", "scene_duplicate", "scene_delete"):
            self.add_button(a[key])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.apply_caption)
        layout.addWidget(self.hint)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_caption())
        scenes.events.changed.connect(lambda i: self._show_caption() if i.index == self.current_row() else None)
        for event in (scenes.events.inserted, scenes.events.removed, scenes.events.reset):
            event.connect(lambda *_: self._show_hint())
        self.retranslate()

    def retranslate(self) -> None:
        """Set the panel's texts, and the scenes' titles and captions, in the app's language."""
        self.caption.setPlaceholderText(QCoreApplication.translate(
            "Scenes", "Caption of the selected scene (plain text; blank line = new paragraph)"))
        self.apply_caption.setText(QCoreApplication.translate("Scenes", "Set Caption"))
        self.model.set_language(self.window.language.code)
        self._show_caption()
        self._show_hint()

    def _show_hint(self) -> None:
        """Under an empty list: how to make a scene, and a link to the bundled story."""
        self.hint.setText("" if len(self.scenes) else QCoreApplication.translate(
            "Scenes", "No scenes yet. Add Scene keeps the current map as a scene; or "
                      "<a href=\"#story\">open the bundled Hegang story</a> (seven scenes)."))
        self.hint.setVisible(not len(self.scenes))

    def add_button(self, action) -> None:
        """A tool button and a context-menu entry for ``action`` (a registry action)."""
        b = QToolButton(self)
        b.setDefaultAction(action)
        b.setObjectName(f"button_{action.objectName()}")
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        n = self._buttons.count()
        self._buttons.addWidget(b, n // 2, n % 2)
        self.view.addAction(action)

    # ------------------------------------------------------------ selection
    def current_row(self) -> int:
        """The selected scene's row, or -1."""
        idx = self.view.currentIndex()
        return idx.row() if idx.isValid() else -1

    def select(self, row: int) -> None:
        """Select scene ``row``."""
        if 0 <= row < len(self.scenes):
            self.view.setCurrentIndex(self.model.index(row))

    def _show_caption(self) -> None:
        row = self.current_row()
        text = caption_plain(self.scenes[row].caption_in(self.model.lang)) if row >= 0 else ""
        self.caption.setPlainText(text)

    # ------------------------------------------------------------ actions
    def add_scene(self) -> None:
        """Add the current map as a new scene after the selected one (a story holds at most
        :data:`~hegang_map.model.scene.MAX_SCENES`, as its file may)."""
        from ..model.scene import MAX_SCENES

        if len(self.scenes) >= MAX_SCENES:
            self.window.statusBar().showMessage(QCoreApplication.translate(
                "Scenes", "A story holds at most {most} scenes.").format(most=MAX_SCENES), 10_000)
            return
        row = self.current_row()
        at = row + 1 if row >= 0 else len(self.scenes)
        title = QCoreApplication.translate("Scenes", "Scene {n}").format(n=len(self.scenes) + 1)
        scene = Scene.from_state(self.window.state, title=title, lang=self.model.lang,
                                 area=self.window.controller.view_bounds())
        self.scenes.insert(at, scene)
        self.select(at)

    def update_scene(self) -> None:
        """Replace the selected scene's map (view, area, layers, styles, period) with the current map; keep its text."""
        row = self.current_row()
        if row < 0:
            return
        old = self.scenes[row]
        snap = Scene.from_state(self.window.state, area=self.window.controller.view_bounds())
        self.scenes.replace(row, snap.evolve(title=old.title, caption=old.caption, sources=old.sources))

    def rename_scene(self) -> None:
        """Start editing the selected scene's title."""
        idx = self.view.currentIndex()
        if idx.isValid():
            self.view.edit(idx)

    def duplicate_scene(self) -> None:
        """Copy the selected scene right after it."""
        row = self.current_row()
        if row >= 0:
            self.scenes.duplicate(row)
            self.select(row + 1)

    def delete_scene(self) -> None:
        """Delete the selected scene."""
        row = self.current_row()
        if row >= 0:
            self.scenes.remove_at(row)
            self.select(min(row, len(self.scenes) - 1))

    def set_caption(self) -> None:
        """Store the editor's text as the selected scene's caption (current language)."""
        row = self.current_row()
        if row >= 0:
            # The editor holds plain text: a typed '<' is a character, not markup.
            caption = caption_from_plain(self.caption.toPlainText())
            self.scenes.replace(row, self.scenes[row].with_text(self.model.lang, caption=caption))


def install_scenes(window) -> ScenesPanel:
    """Give ``window`` a scene list, its actions, the Scenes dock and its sync with project files."""
    from PySide6.QtWidgets import QDockWidget

    scenes = SceneList()
    window.scenes = scenes
    a = window.actions
    holder = {}

    def call(name):
        return lambda *_: getattr(holder["panel"], name)()

    a.add(ActionSpec("scene_add", QT_TRANSLATE_NOOP("Actions", "&Add Scene"), "Ctrl+Shift+N", QT_TRANSLATE_NOOP("Actions", "Add the current map as a scene")), call("add_scene"))
    a.add(ActionSpec("scene_update", QT_TRANSLATE_NOOP("Actions", "&Update Scene"), None, QT_TRANSLATE_NOOP("Actions", "Replace the selected scene's map with the current map")),
          call("update_scene"))
    a.add(ActionSpec("scene_rename", QT_TRANSLATE_NOOP("Actions", "Rena&me Scene"), None, QT_TRANSLATE_NOOP("Actions", "Edit the selected scene's title")), call("rename_scene"))
    a.add(ActionSpec("scene_duplicate", QT_TRANSLATE_NOOP("Actions", "&Duplicate Scene"), None, QT_TRANSLATE_NOOP("Actions", "Copy the selected scene")), call("duplicate_scene"))
    a.add(ActionSpec("scene_delete", QT_TRANSLATE_NOOP("Actions", "Dele&te Scene"), None, QT_TRANSLATE_NOOP("Actions", "Delete the selected scene")), call("delete_scene"))
    panel = holder["panel"] = ScenesPanel(window, scenes)
    dock = window.titles.add(QDockWidget(window), QT_TRANSLATE_NOOP("MainWindow", "Scenes"))
    dock.setObjectName("Scenes")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(window.style_dock, dock)
    window.identify_dock.raise_()
    window.scenes_dock = dock

    projects = getattr(window, "projects", None)
    if projects is not None:
        syncing = {"on": False}

        def to_project(_info=None) -> None:
            if syncing["on"]:
                return
            projects.scenes = scenes.to_dicts()
            projects.set_dirty()

        def from_project(_path: str = "") -> None:
            loaded, problems = SceneList.from_dicts(projects.scenes)
            syncing["on"] = True
            try:
                scenes.set_all(list(loaded))
            finally:
                syncing["on"] = False
            for p in problems:
                window.statusBar().showMessage(QCoreApplication.translate("Scenes", "Project: {problem}").format(
                    problem=p), 8000)

        for name in ("inserted", "removed", "moved", "changed"):
            getattr(scenes.events, name).connect(to_project)
        window.scenes_from_project = from_project
    return panel
