"""Presentation mode: the story full screen, scene by scene, for a room with a projector.

Entering hides the docks, menus and bars, shows a caption card in large type
with a scene counter, switches the page to the projector theme and preloads
every layer the scenes name, so a scene change never waits on disk. A layer
that cannot be loaded becomes a small notice on its scene's card: never a
crash, never a dialog. Esc puts the window back exactly as it was.

Keys (a clicker sends PageUp/PageDown): Right, PageDown, Space, Enter next;
Left, PageUp, Backspace back; Home, End; digits then Enter jump; B blanks;
L switches English/Chinese; Esc or F5 leaves. Each key triggers one action
declared once in the window's :class:`~hegang_map.qt.actions.ActionRegistry`.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QFont, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..model.map_state import View
from ..model.scene import Scene, SceneList, apply_scene, fit_view
from ..util.line_breaks import WORD_JOINER, held_units
from .actions import ActionSpec
from .language import app_language, chosen_language

_log = logging.getLogger(__name__)

#: Window height (pixels) at which the projector scale is 1.
REFERENCE_HEIGHT = 768
#: Room kept free around a scene's area, pixels at projector scale 1 (three times that at top and bottom,
#: for the attribution line, the period tag and the scale bar).
FRAME_PADDING = 12
#: Zoom steps of the presentation: a scene's area fills the map more closely than whole zoom levels allow.
ZOOM_SNAP = 0.25
#: Caption type size (pixels) at projector scale 1, before it shrinks to fit the card.
CAPTION_PX = 23
#: Legibility from the back row: a capital this high per metre of viewing distance (1:200), on a
#: screen this wide, from this far; a capital is about 0.7 of the type size.
CAP_HEIGHT_PER_DISTANCE = 1 / 200
SCREEN_WIDTH_MM = 3000
VIEWING_DISTANCE_MM = 5000
CAP_TO_SIZE = 0.7


def legible_px(screen_px: int) -> int:
    """The smallest type size (pixels) readable from :data:`VIEWING_DISTANCE_MM` away when
    ``screen_px`` pixels fill a :data:`SCREEN_WIDTH_MM` wide screen: 13 px at 1024, 23 px at 1920."""
    size_mm = VIEWING_DISTANCE_MM * CAP_HEIGHT_PER_DISTANCE / CAP_TO_SIZE
    return math.ceil(size_mm * screen_px / SCREEN_WIDTH_MM)


#: Longest wait for preloading before the show starts anyway (ms).
PRELOAD_TIMEOUT_MS = 30_000

_K = Qt.Key
#: Keys of presentation mode and the action each triggers.
KEYMAP = {
    _K.Key_Right: "present_next", _K.Key_PageDown: "present_next", _K.Key_Space: "present_next",
    _K.Key_Down: "present_next",
    _K.Key_Left: "present_prev", _K.Key_PageUp: "present_prev", _K.Key_Backspace: "present_prev",
    _K.Key_Up: "present_prev",
    _K.Key_Home: "present_first", _K.Key_End: "present_last",
    _K.Key_B: "present_blank", _K.Key_Period: "present_blank",
    _K.Key_L: "toggle_language",
    _K.Key_Escape: "present_exit", _K.Key_F5: "present_exit",
}
_ENTER = (_K.Key_Return, _K.Key_Enter)


@dataclass
class _Snapshot:
    """The window as it was before presenting."""

    geometry: object
    rect: object
    dock_state: object
    window_state: object
    menu_visible: bool
    status_visible: bool
    layers: dict
    order: list
    view: View
    selection: object
    active: object
    basemap: str
    dirty: bool


class Presentation(QObject):
    """Presentation mode of a main window.

    Attributes
    ----------
    index : int
        The scene shown (0-based), -1 before the first.
    lang : str
        Caption language, ``en`` or ``zh``.
    animate : bool
        Fly between scenes (False: jump; tests of view use either).
    notices : list of str
        What the current scene could not show.

    Signals
    -------
    started()
        Preloading is done and the first scene is shown.
    sceneShown(int)
        A scene is on screen (0-based index).
    stopped()
        The window is back as it was.
    """

    started = Signal()
    sceneShown = Signal(int)
    stopped = Signal()

    def __init__(self, window, scenes: SceneList) -> None:
        super().__init__(window)
        self.window = window
        self.scenes = scenes
        self.active = False
        self.ready = False
        self.index = -1
        self.animate = True
        self.blanked = False
        self.digits = ""
        self.notices: list[str] = []
        self.failed: dict[tuple, str] = {}
        self.target_view: View | None = None
        self.idle_ms = 2500
        self._snapshot: _Snapshot | None = None
        self._added: set[str] = set()
        self._pending = 0
        self._cursor_hidden = False
        self._start_index = 0
        self.autoplay = QTimer(self)
        self.autoplay.timeout.connect(self._autoplay_step)
        self.cursor_timer = QTimer(self)
        self.cursor_timer.setSingleShot(True)
        self.cursor_timer.timeout.connect(self._hide_pointer)
        self._declare()
        self._build_card()
        self.blank = QWidget(window)
        self.blank.setObjectName("presentationBlank")
        self.blank.setStyleSheet("background: black;")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank.hide()

    # ------------------------------------------------------------ actions
    def _declare(self) -> None:
        a = self.window.actions
        a.add(ActionSpec("present", QT_TRANSLATE_NOOP("Actions", "&Present"), "F5", QT_TRANSLATE_NOOP("Actions", "Present the scenes full screen (Esc leaves)")),
              lambda *_: self.toggle())
        # Navigation has no shortcut of its own: outside presentation, arrows
        # and Space belong to the map and the lists. The key filter below
        # triggers these same actions while presenting.
        for key, text, handler in (
            ("present_next", QT_TRANSLATE_NOOP("Actions", "&Next Scene"), self.next),
            ("present_prev", QT_TRANSLATE_NOOP("Actions", "P&revious Scene"), self.previous),
            ("present_first", QT_TRANSLATE_NOOP("Actions", "&First Scene"), self.first),
            ("present_last", QT_TRANSLATE_NOOP("Actions", "&Last Scene"), self.last),
            ("present_blank", QT_TRANSLATE_NOOP("Actions", "&Blank Screen"), self.toggle_blank),
            ("present_exit", QT_TRANSLATE_NOOP("Actions", "&End Presentation"), self.stop),
        ):
            a.add(ActionSpec(key, text), lambda *_, h=handler: h())
            a[key].setEnabled(False)
        a.add(ActionSpec("toggle_language", QT_TRANSLATE_NOOP("Actions", "Switch Lan&guage: 中文 / English"),
                         "Ctrl+Shift+L", QT_TRANSLATE_NOOP("Actions", "Switch every text between Chinese and English")),
              lambda *_: self.set_language("en" if self.lang == "zh" else "zh"))
        self.window.language.changed.connect(self._language_changed)

    @property
    def lang(self) -> str:
        """The language of the captions and of every other text: the app's."""
        return self.window.language.code

    def set_language(self, lang: str) -> None:
        """Show every text in ``lang`` (``en`` or ``zh``): the app's language, kept for the next scene."""
        self.window.set_language("zh" if lang == "zh" else "en")

    def _language_changed(self, _lang: str) -> None:
        if self.active and self.index >= 0:
            self._fit_card()
            self._fill_card(self.scenes[self.index])
        elif self.active:
            self.title_label.setText(QCoreApplication.translate("Presentation", "Preparing the scenes…"))

    # ------------------------------------------------------------ the caption card
    def _build_card(self) -> None:
        dock = self.window.titles.add(QDockWidget(self.window), QT_TRANSLATE_NOOP("MainWindow", "Presentation"))
        dock.setObjectName("presentationCard")
        dock.setTitleBarWidget(QWidget(dock))
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        frame = QFrame(dock)
        frame.setObjectName("presentationFrame")
        frame.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        frame.setStyleSheet("#presentationFrame { background: #111111; }"
                            "QLabel { color: #ffffff; background: transparent; }")
        self.title_label = QLabel(frame)
        self.title_label.setObjectName("presentationTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.caption_label = QLabel(frame)
        self.caption_label.setObjectName("presentationCaption")
        # Sanitised markup only (model.scene.sanitize_caption): a few inline
        # tags, no attributes, so no links, images or styles reach Qt.
        self.caption_label.setTextFormat(Qt.TextFormat.RichText)
        self.caption_label.setWordWrap(True)
        self.caption_label.setOpenExternalLinks(False)
        self.caption_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.sources_label = QLabel(frame)
        self.sources_label.setObjectName("presentationSources")
        self.sources_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sources_label.setWordWrap(True)
        self.sources_label.setStyleSheet("color: #c8c8c8;")
        self.notice_label = QLabel(frame)
        self.notice_label.setObjectName("presentationNotice")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #ffc14d;")
        self.counter_label = QLabel(frame)
        self.counter_label.setObjectName("presentationCounter")
        self.counter_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # The texts scroll when even the smallest caption type cannot hold them in the card.
        self.text_box = QWidget()
        self.text_box.setObjectName("presentationText")
        text = QVBoxLayout(self.text_box)
        text.setContentsMargins(0, 0, 0, 0)
        for w in (self.title_label, self.caption_label, self.sources_label, self.notice_label):
            text.addWidget(w)
        text.addStretch(1)
        self.text_scroll = QScrollArea(frame)
        self.text_scroll.setObjectName("presentationScroll")
        self.text_scroll.setWidget(self.text_box)
        self.text_scroll.setWidgetResizable(True)
        self.text_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.text_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_scroll.setStyleSheet("QScrollArea, #presentationText { background: transparent; }")
        self.text_scroll.viewport().setAutoFillBackground(False)
        self.text_box.setAutoFillBackground(False)
        row = QHBoxLayout(frame)
        self._card_layout = row
        row.addWidget(self.text_scroll, 1)
        row.addWidget(self.counter_label, 0, Qt.AlignmentFlag.AlignTop)
        dock.setWidget(frame)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        self.card = dock

    def scale(self) -> float:
        """The projector scale: 1 at 768 pixels high, growing with the screen."""
        return max(1.0, self.window.height() / REFERENCE_HEIGHT)

    def _apply_scale(self) -> None:
        s = self.scale()
        base = QApplication.font()

        def font(px: float, bold: bool = False) -> QFont:
            f = QFont(base)
            f.setPixelSize(max(10, round(px)))
            f.setBold(bold)
            return f

        self.title_label.setFont(font(32 * s, True))
        self.caption_label.setFont(font(CAPTION_PX * s))
        self.sources_label.setFont(font(13 * s))
        self.notice_label.setFont(font(15 * s, True))
        self.counter_label.setFont(font(28 * s, True))
        m = round(16 * s)
        self._card_layout.setContentsMargins(round(24 * s), m, round(24 * s), m)
        self.window.map_view.call("setProjector", True, s)
        self._fit_card()

    def _fit_card(self) -> None:
        # One height and one caption size for every scene (the tallest caption),
        # so the map does not change size, and shift, from one scene to the next.
        # The caption shrinks until every scene's text fits the card, but not
        # below the size readable from the back row; beyond, the text scrolls.
        if not self.active:
            return
        top = self.window.height()
        margins = self._card_layout.contentsMargins()
        width = max(200, self.window.width() - margins.left() - margins.right()
                    - self.counter_label.sizeHint().width() - self._card_layout.spacing())
        room = 0.45 * top - margins.top() - margins.bottom()
        notice = round(2.2 * self.notice_label.fontMetrics().height())  # room for a notice line
        px = round(CAPTION_PX * self.scale())
        least = min(px, legible_px(self.window.width()))
        while True:
            font = self.caption_label.font()
            font.setPixelSize(px)
            self.caption_label.setFont(font)
            needed = self._tallest_text(width)
            if needed + notice <= room or px <= least:
                break
            px -= 1
        self.card.setFixedHeight(int(min(0.45 * top, max(0.15 * top,
                                                         needed + notice + margins.top() + margins.bottom()))))

    def _tallest_text(self, width: int) -> int:
        """The height the card's texts take at ``width`` for the scene that needs most."""
        layout = self.text_box.layout()
        current = (self.title_label.text(), self.caption_label.text(), self.sources_label.text(),
                   self.sources_label.isVisibleTo(self.text_box))
        needed = 0
        for scene in self.scenes:
            self.title_label.setText(scene.title_in(self.lang))
            self.caption_label.setText(held_units(scene.caption_in(self.lang)))
            self._show_sources(scene)
            h = layout.totalHeightForWidth(width)
            needed = max(needed, h if h > 0 else self.text_box.sizeHint().height())
        self.title_label.setText(current[0])
        self.caption_label.setText(current[1])
        self.sources_label.setText(current[2])
        self.sources_label.setVisible(current[3])
        return needed

    def _fill_card(self, scene: Scene) -> None:
        self.title_label.setText(scene.title_in(self.lang))
        self.caption_label.setText(held_units(scene.caption_in(self.lang)))
        self._show_sources(scene)
        self.notice_label.setText("\n".join(self.notices))
        self.notice_label.setVisible(bool(self.notices))
        self._show_counter()

    def _show_sources(self, scene: Scene) -> None:
        src = "; ".join(scene.sources)
        self.sources_label.setText(QCoreApplication.translate("Presentation", "Sources: {sources}").format(
            sources=src) if src else "")
        self.sources_label.setVisible(bool(src))

    def _show_counter(self) -> None:
        total = len(self.scenes)
        text = f"{self.index + 1} / {total}" if self.index >= 0 else f"… / {total}"
        if self.digits:
            text += f"\n→ {self.digits}"
        self.counter_label.setText(text)

    def card_text(self) -> dict:
        """What the card shows (title, caption as plain text, counter, notice): for tests and logs."""
        return {"title": self.title_label.text(), "caption": self.caption_label.text().replace(WORD_JOINER, ""),
                "counter": self.counter_label.text(), "notice": self.notice_label.text(),
                "sources": self.sources_label.text()}

    # ------------------------------------------------------------ entering and leaving
    def toggle(self) -> None:
        """Present, or stop presenting."""
        if self.active:
            self.stop()
        else:
            panel = getattr(self.window, "scenes_panel", None)
            row = panel.current_row() if panel is not None else -1
            self.start(max(row, 0))

    def _offer_story(self, full_screen: bool) -> None:
        """Say there is nothing to present, and offer the bundled story (a non-blocking dialog)."""
        w = self.window
        box = QMessageBox(QMessageBox.Icon.Information,
                          QCoreApplication.translate("Presentation", "No scenes to present"),
                          QCoreApplication.translate(
                              "Presentation", "This map has no scenes. Present the bundled Hegang story, or add the "
                              "map as it is now as a scene (Story › Add Scene) and build your own."),
                          QMessageBox.StandardButton.NoButton, w)
        box.setObjectName("noScenesDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        story = box.addButton(QCoreApplication.translate("Presentation", "Present the Hegang Story"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.story_button = story

        def answered(button) -> None:
            if button is not story:
                return

            def go() -> None:
                open_story(w, None, then=lambda: self.start(0, full_screen=full_screen))

            projects = getattr(w, "projects", None)
            projects.guard(go) if projects is not None else go()  # unsaved changes are asked about first

        box.buttonClicked.connect(answered)
        box.open()

    def start(self, index: int = 0, full_screen: bool = True, autoplay: float | None = None) -> bool:
        """Enter presentation mode at scene ``index``; returns False when there is nothing to present."""
        if self.active:
            return True
        if not len(self.scenes):
            self.window.statusBar().showMessage(QCoreApplication.translate(
                "Presentation", "No scenes to present: add some in the Scenes panel."), 6000)
            if self.window.isVisible():
                self._offer_story(full_screen)
            return False
        w = self.window
        projects = getattr(w, "projects", None)
        self._snapshot = _Snapshot(
            w.saveGeometry(), w.geometry(), w.saveState(), w.windowState(), w.menuBar().isVisible(), w.statusBar().isVisible(),
            {lyr.id: (lyr.visible, lyr.style, lyr.opacity) for lyr in w.state.layers},
            [lyr.id for lyr in w.state.layers], w.state.view, w.state.selection, w.state.active_layer_id,
            w.state.basemap, bool(projects.dirty) if projects is not None else False,
        )
        self.active, self.ready, self.index, self.digits = True, False, -1, ""
        self.failed, self._added, self.notices = {}, set(), []
        self._start_index = max(0, min(index, len(self.scenes) - 1))
        for key in ("present_next", "present_prev", "present_first", "present_last", "present_blank", "present_exit"):
            w.actions[key].setEnabled(True)
        for dock in w.findChildren(QDockWidget):
            if dock is not self.card:
                dock.hide()
        for bar in w.findChildren(__import__("PySide6.QtWidgets", fromlist=["QToolBar"]).QToolBar):
            bar.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        self.card.show()
        self.title_label.setText(QCoreApplication.translate("Presentation", "Preparing the scenes…"))
        self.caption_label.setText("")
        self.sources_label.hide()
        self.notice_label.hide()
        self._show_counter()
        if full_screen:
            w.showFullScreen()
        self._apply_scale()
        w.state.selection = None
        self._watch_keys(True)
        self.cursor_timer.start(self.idle_ms)
        self._autoplay_s = autoplay
        self._preload()
        return True

    def stop(self) -> None:
        """Leave presentation mode and put the window back as it was."""
        if not self.active:
            return
        w, snap = self.window, self._snapshot
        self.active = self.ready = False
        self._watch_keys(False)
        self.autoplay.stop()
        self.cursor_timer.stop()
        self._show_pointer()
        self._unblank()
        for key in ("present_next", "present_prev", "present_first", "present_last", "present_blank", "present_exit"):
            w.actions[key].setEnabled(False)
        w.map_view.call("setProjector", False, 1)
        w.map_view.call("setSceneHighlights", [])
        for lyr in list(w.state.layers):
            if lyr.id in self._added and lyr.id not in snap.layers:
                w.state.layers.remove(lyr)
        for lyr in w.state.layers:
            if lyr.id in snap.layers:
                visible, style, opacity = snap.layers[lyr.id]
                lyr.style, lyr.opacity, lyr.visible = style, opacity, visible
        w.state.basemap = snap.basemap
        w.state.selection = snap.selection
        w.state.active_layer_id = snap.active
        self.card.hide()
        self.card.setMinimumHeight(0)
        self.card.setMaximumHeight(16777215)
        w.setWindowState(snap.window_state)
        w.restoreState(snap.dock_state)
        w.restoreGeometry(snap.geometry)
        if not snap.window_state & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized):
            # Leaving full screen finishes asynchronously on some platforms and
            # would overwrite the restored size: set it again once it has.
            w.setGeometry(snap.rect)
            QTimer.singleShot(0, lambda: self._settle_geometry(snap.rect))
        w.menuBar().setVisible(snap.menu_visible)
        w.statusBar().setVisible(snap.status_visible)
        w.state.view = snap.view
        w.map_view.call("setView", snap.view.lat, snap.view.lon, snap.view.zoom, False)
        projects = getattr(w, "projects", None)
        if projects is not None:
            projects.set_dirty(snap.dirty)
        self.index = -1
        self.stopped.emit()

    def _settle_geometry(self, rect) -> None:
        if not self.active and self.window.geometry() != rect:
            self.window.setGeometry(rect)

    # ------------------------------------------------------------ preloading
    def _preload(self) -> None:
        self._pending = 0
        jobs = self.window.project_loader.load_scene_layers(self.scenes, self._preload_failed)
        for job in jobs:
            self._added.add(job.layer_id)
            job.finished.connect(lambda _loaded: self._job_done())
            job.failed.connect(lambda _message: self._job_done())
            job.cancelled.connect(self._job_done)
            self._pending += 1
        if not self._pending:
            self._preload_done()
        QTimer.singleShot(PRELOAD_TIMEOUT_MS, self._preload_timeout)

    def _preload_failed(self, key, message: str) -> None:
        self.failed[key] = message
        _log.warning("presentation: %s", message)

    def _job_done(self) -> None:
        self._pending -= 1
        if self._pending == 0 and self.active:
            self._preload_done()

    def _preload_done(self) -> None:
        self.window.when_idle(self._begin)

    def _preload_timeout(self) -> None:
        if self.active and not self.ready:
            _log.warning("presentation: preloading took too long; starting anyway")
            self._begin()

    def _begin(self) -> None:
        if not self.active or self.ready:
            return
        self.ready = True
        self.go(self._start_index, animate=False)
        if self._autoplay_s:
            self.autoplay.start(int(self._autoplay_s * 1000))
        self.started.emit()

    # ------------------------------------------------------------ navigation
    def go(self, index: int, animate: bool | None = None) -> None:
        """Show scene ``index`` (0-based, clamped)."""
        if not self.active or not self.ready or not len(self.scenes):
            return
        self._unblank()
        index = max(0, min(index, len(self.scenes) - 1))
        self.index = index
        scene = self.scenes[index]
        w = self.window
        self.notices = []
        highlights = []
        try:
            applied = apply_scene(scene, w.state, include_view=False)
            for sl in applied.missing:
                reason = self.failed.get(sl.key) or QCoreApplication.translate("Presentation", "{layer}: not loaded").format(
                    layer=sl.label)
                self.notices.append(QCoreApplication.translate("Presentation", "Layer not shown: {reason}").format(reason=reason))
            highlights = [{"id": lid, "rows": rows} for lid, rows in applied.highlights]
        except Exception as exc:  # a damaged scene must not end the show
            _log.exception("presentation: scene %d", index + 1)
            self.notices.append(QCoreApplication.translate("Presentation", "This scene could not be drawn fully ({error}).").format(
                error=type(exc).__name__))
        w.map_view.call("setSceneHighlights", highlights)
        self._fill_card(scene)
        self._frame(self.animate if animate is None else animate)
        if self.autoplay.isActive():
            self.autoplay.start()  # a manual step restarts the interval
        self.sceneShown.emit(index)

    def _frame(self, animate: bool = False) -> None:
        """Show the current scene's area whole in the map as it is now (any window, any card height).

        The legend then moves or folds off the scene's rings (the page does it).
        """
        if not self.active or not self.ready or self.index < 0:
            return
        view = self.window.map_view
        pad = round(FRAME_PADDING * self.scale())
        # Top: the attribution line and the period tag; bottom: the scale bar.
        self.target_view = fit_view(self.scenes[self.index].frame_area(), view.width(), view.height(),
                                    (3 * pad, pad, 3 * pad, pad), snap=ZOOM_SNAP)
        v = self.target_view
        view.call("setView", v.lat, v.lon, v.zoom, bool(animate))

    def next(self) -> None:
        """The next scene (stays on the last)."""
        self.go(self.index + 1)

    def previous(self) -> None:
        """The previous scene (stays on the first)."""
        self.go(self.index - 1)

    def first(self) -> None:
        """The first scene."""
        self.go(0)

    def last(self) -> None:
        """The last scene."""
        self.go(len(self.scenes) - 1)

    def _autoplay_step(self) -> None:
        if self.index >= len(self.scenes) - 1:
            self.autoplay.stop()
        else:
            self.next()

    def toggle_blank(self) -> None:
        """Black out the screen, or bring the scene back."""
        if self.blanked:
            self._unblank()
        elif self.active:
            self.blanked = True
            self.blank.setGeometry(self.window.rect())
            self.blank.show()
            self.blank.raise_()

    def _unblank(self) -> None:
        if self.blanked:
            self.blanked = False
            self.blank.hide()

    # ------------------------------------------------------------ pointer
    def _hide_pointer(self) -> None:
        if self.active and not self._cursor_hidden:
            self._cursor_hidden = True
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def _show_pointer(self) -> None:
        if self._cursor_hidden:
            self._cursor_hidden = False
            QApplication.restoreOverrideCursor()

    # ------------------------------------------------------------ keys
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            self._show_pointer()
            self.cursor_timer.start(self.idle_ms)
            return False
        if kind == QEvent.Type.Resize and obj is self.window:
            if self.blanked:
                self.blank.setGeometry(self.window.rect())
            QTimer.singleShot(0, self._apply_scale)
            return False
        if kind == QEvent.Type.Resize and obj is self.window.map_view:
            QTimer.singleShot(0, self._frame)  # the card or the screen changed the map's size: fit again
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not self._ours(obj):
            return False
        key = event.key()
        ours = key in KEYMAP or key in _ENTER or _K.Key_0 <= key <= _K.Key_9
        if not ours or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # Take the key from the window's shortcuts (Esc cancels loading
            # there) and from the web page (arrows would pan Leaflet).
            event.accept()
            return True
        if isinstance(obj, QWindow):
            return False  # the widget that receives it next is handled
        self._key(key)
        return True

    def _watch_keys(self, on: bool) -> None:
        # Filters on the window and each of its widgets (the web view's
        # focus proxy gets the real keys), not on the whole application:
        # PySide6 crashed converting some objects an app-wide filter sees.
        widgets = [self.window, *self.window.findChildren(QWidget)]
        handle = self.window.windowHandle()
        for obj in widgets + ([handle] if handle is not None else []):
            if on:
                obj.installEventFilter(self)
            else:
                obj.removeEventFilter(self)
        self._watched = widgets if on else []

    def _ours(self, obj) -> bool:
        if isinstance(obj, QWidget):
            return obj.window() is self.window
        if isinstance(obj, QWindow):
            return obj is self.window.windowHandle()
        return False

    def _key(self, key) -> None:
        self._show_pointer()
        self.cursor_timer.start(self.idle_ms)
        if _K.Key_0 <= key <= _K.Key_9:
            self.digits = (self.digits + chr(int(key)))[-3:]
            self._show_counter()
            return
        if key in _ENTER:
            if self.digits:
                number, self.digits = int(self.digits), ""
                self.go(number - 1)
                self._show_counter()
                return
            self.window.actions["present_next"].trigger()
            return
        if self.digits:
            self.digits = ""
            self._show_counter()
        action = self.window.actions[KEYMAP[key]]
        if key in (_K.Key_B, _K.Key_Period, _K.Key_L, _K.Key_Escape, _K.Key_F5):
            action.trigger()
        else:
            self._unblank()
            action.trigger()

    # ------------------------------------------------------------ from outside
    def show_on_map(self, index: int) -> None:
        """Outside presentation: put scene ``index`` on the map (double-click in the Scenes panel)."""
        if self.active or not 0 <= index < len(self.scenes):
            return
        w = self.window
        scene = self.scenes[index]
        applied = apply_scene(scene, w.state, include_view=False)
        # Outside a presentation the map keeps whole zoom levels.
        v = fit_view(scene.frame_area(), w.map_view.width(), w.map_view.height(), (24, 12, 24, 12), snap=1.0)
        w.map_view.call("setView", v.lat, v.lon, v.zoom, True)
        if applied.missing:
            names = ", ".join(sl.label for sl in applied.missing)
            w.statusBar().showMessage(QCoreApplication.translate(
                "Presentation", "Scene {n}: not in the map: {names} (presenting loads them).").format(
                n=index + 1, names=names), 8000)


def install_presentation(window) -> Presentation:
    """Give ``window`` its presentation mode and the menu entries (View › Present, Story menu)."""
    pres = Presentation(window, window.scenes)
    window.presentation = pres
    a = window.actions
    window.view_menu.addSeparator()
    window.view_menu.addAction(a["present"])
    window.view_menu.addAction(window.scenes_dock.toggleViewAction())
    story = window.titles.add(window.menuBar().addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "&Story"))
    story.setObjectName("storyMenu")
    story.addAction(a["present"])
    story.addAction(a["toggle_language"])
    story.addSeparator()
    for key in ("scene_add", "scene_update", "scene_rename", "scene_duplicate", "scene_delete"):
        story.addAction(a[key])
    story.addSeparator()
    for key in ("present_next", "present_prev", "present_first", "present_last", "present_blank", "present_exit"):
        story.addAction(a[key])
    story.addSeparator()
    a.add(ActionSpec("open_hegang_story", QT_TRANSLATE_NOOP("Actions", "Open the Bundled &Hegang Story")),
          lambda *_: open_story(window, None))
    story.addAction(a["open_hegang_story"])
    window.scenes_panel.add_button(a["present"])
    window.addAction(a["present"])
    return pres


# ---------------------------------------------------------------- stories
def open_story(window, path: Path | None, then=None) -> bool:
    """Open a story project in ``window`` without any dialog; ``then()`` runs once it is drawn.

    The story opens as any project does (:class:`~hegang_map.qt.project_loader.ProjectLoader`);
    layers whose file is missing or unreadable are said in the status bar,
    and presentation says so on the scenes that need them. Returns False when
    the project cannot be read (said in the status bar).
    """
    from ..bundled.stories import bundled_story

    path = Path(path) if path is not None else bundled_story()
    return window.project_loader.open_path(path, quiet=True, then=then) is not None


def run_present(path: Path, autoplay: float | None = None, lang: str | None = None, full_screen: bool = True,
                basemaps: list[Path] | None = None) -> int:
    """``hegang-map present``: open ``path`` and present it, over ``basemaps``
    (basemap files) too; returns the exit code."""
    from .app import create_app, install_excepthook
    from .main_window import MainWindow
    from .map_view import release_shared_profile

    install_excepthook()
    app = create_app()
    app_language(app).set(chosen_language(lang), remember=lang is not None)
    window = MainWindow(bundled=False)
    window.restore_layout()  # where the window returns to when the presentation ends
    window.show()
    pres = window.presentation

    def start() -> None:
        for basemap in basemaps or []:
            window.add_basemap_file(basemap)
        if basemaps:
            # Asked for on the command line, as --lang is: no edit of the story to save on leaving.
            window.projects.set_dirty(False)
        pres.start(0, full_screen=full_screen, autoplay=autoplay)

    open_story(window, path, then=start)
    code = app.exec()
    release_shared_profile()
    return code
