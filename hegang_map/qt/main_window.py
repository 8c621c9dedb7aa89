"""The main window: composes the map, the docks and the actions; owns no data."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QToolButton,
)

from ..bundled.paths import basemap_path, geodata_dir
from ..io.bundled import start_layers
from ..model.credits import credit_for, credits_line
from ..io import DataError
from ..io.styles import default_style
from ..model import CHINA_BOUNDS, Layer, MapState
from ..model.map_state import HEGANG_BOUNDS
from ..model.request import LayerRequest
from ..model.sources import is_postgres
from ..model.style import DEFAULT_COLORS, LayerStyle
from ..render.basemap import basemap_order, basemap_style
from ..render.display import meters_per_pixel
from .start_cache import KeptStart, load_start, save_start
from .actions import ActionRegistry, ActionSpec
from .attribute_table import AttributeTable
from .identify_panel import IdentifyPanel
from .language import Retranslating, Titles, app_language
from .layer_panel import LayerPanel
from .loader import Early, Loaded, Loader, LoadJob, describe_file
from .map_controller import MapController
from .map_view import MapView
from .workers import Workers
from .open_dialog import LayerChoiceDialog, OpenFilesDialog
from .properties_dialog import FRAME_NAMES, PropertiesDialog
from .settings import app_settings, recent_files, remember_file

_log = logging.getLogger(__name__)
BASEMAPS = {"natural_earth": QT_TRANSLATE_NOOP("Actions", "Natural Earth (bundled)"),
            "none": QT_TRANSLATE_NOOP("Actions", "None")}
#: The languages of View › Language, each named in itself.
LANGUAGE_NAMES = {"zh": "中文（简体）", "en": "English"}
#: How long the reads of the bundled start wait, at most, for the page to draw the last start's layers.
KEPT_WAIT_MS = 3000


class MainWindow(Retranslating, QMainWindow):
    """The hegang-map window.

    Parameters
    ----------
    files : list of path-like, optional
        Files to open; every spatial layer of each is loaded.
    bundled : bool
        Open the bundled layers when no files are given.
    autosave : bool
        Keep a recovery copy and offer leftover ones (False for ``--screenshot``).
    encoding : str, optional
        The text encoding of Shapefiles among ``files`` (``--encoding``).

    Signals
    -------
    errorReported(str)
        A readable message for input that could not be read.
    """

    errorReported = Signal(str)

    def __init__(self, files=None, bundled: bool = True, parent=None, autosave: bool = True,
                 encoding: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("hegang-map[*]")
        self.resize(*_first_size(self.screen().availableGeometry()))
        self.setAcceptDrops(True)
        self.state = MapState()
        self.language = app_language()
        self.titles = Titles()
        self.map_view = MapView(self)
        self.map_view.setAcceptDrops(False)  # drops go to the window, not the page
        self.setCentralWidget(self.map_view)
        self.workers = Workers(self)  # closed (threads joined) before the window goes
        self.controller = MapController(self.state, self.map_view, self.workers, self)
        self.loader = Loader(self.workers, self)
        self.errors: list[str] = []
        self._idle_callbacks: list[Callable[[], None]] = []
        self._pending_loads = 0
        self._early_jobs: dict[str, LoadJob] = {}  # layer id -> its read, waiting for the page to draw it early
        self._color_index = 0
        self._paint_token = 0
        self._basemap_generation = 0
        self._priority: dict[str, int] = {}
        self._batch = 0
        self._batch_index = 0
        self._framed: tuple | None = None  # (batch, bounds framed so far)
        # The bundled start as the page was given it last time, drawn while
        # this one is read (None when there is none or the start is over).
        self._kept: KeptStart | None = load_start() if bundled and not files else None
        # Where it came from: "user" (the last start here), "shipped" (the app's own) or None.
        self._kept_source = None if self._kept is None else "shipped" if self._kept.shipped else "user"
        self._kept_jobs: set[LoadJob] = set()  # the reads of the start drawn from it, until they end
        if bundled and not files:
            self.controller.record_page(True)  # until the start is kept (_keep_start)

        self.layer_panel = LayerPanel(self.state, self)
        self.identify = IdentifyPanel(self.state, self)
        self.table = AttributeTable(self.state, self.controller.pan_to_row, self)
        self.layers_dock = self._dock("Layers", QT_TRANSLATE_NOOP("MainWindow", "Layers"), self.layer_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.identify_dock = self._dock("Identify", QT_TRANSLATE_NOOP("MainWindow", "Identify"), self.identify,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.table_dock = self._dock("Attribute_table", QT_TRANSLATE_NOOP("MainWindow", "Attribute table"), self.table,
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.table_dock.hide()
        self._build_cartography()

        self.actions = ActionRegistry(self)
        self._declare_actions()
        self._build_menus()
        self._build_status_bar()
        from .project_actions import ProjectActions  # File > projects and exports

        self.projects = ProjectActions(self)
        from .project_loader import ProjectLoader  # the one way projects and stories open

        self.project_loader = ProjectLoader(self)
        # Scenes dock and presentation mode; both need the project actions.
        from .presentation import install_presentation
        from .scenes_panel import install_scenes

        self.scenes_panel = install_scenes(self)
        install_presentation(self)
        self.presentation.started.connect(self._update_hint)
        self.presentation.stopped.connect(self._update_hint)
        from .autosave import Autosave  # recovery file and the restore offer

        self.autosave = Autosave(self, enabled=autosave, offer=autosave)
        from .view_image import ViewImageActions  # File > Save view as image

        self.view_image = ViewImageActions(self)

        from .basemap_files import BasemapFileLayers  # View > Basemap > the user's basemap files

        self.basemap_files = BasemapFileLayers(
            self.state, self.map_view,
            lambda message: self.report_error(message, QCoreApplication.translate("MainWindow", "Cannot use basemap")),
            lambda message: self.statusBar().showMessage(message, 15_000), self)
        self.state.events.basemap_files.connect(lambda _i: self._update_attribution())

        self.map_view.bridge.mouseMoved.connect(self._show_cursor)
        self.map_view.bridge.painted.connect(self._frame_painted)
        self._crash_said = False  # the page's end is said once (Chromium tries again and fails again)
        self.map_view.crashed.connect(self._page_crashed)
        self.controller.layerDrawn.connect(self._layer_drawn)
        self.controller.detailChanged.connect(lambda *_: self._check_idle())
        self.state.events.view.connect(lambda i: self._show_view(i.value))
        self.state.events.active.connect(lambda _i: self._show_active_crs())
        for name in ("inserted", "removed"):
            getattr(self.state.layers.events, name).connect(lambda _i: self._layers_changed())
        self.state.events.basemap.connect(lambda i: self._load_basemap(i.value))
        self.state.events.frame.connect(lambda _i: self._map_frame_changed())

        # The map is the point of the window: side docks start narrow.
        self.resizeDocks([self.layers_dock, self.identify_dock], [240, 280], Qt.Orientation.Horizontal)
        self.state.basemap = "natural_earth" if basemap_path().is_file() else "none"
        # Choosing the first basemap is no edit: a project named on the command line
        # must open, not wait behind a question about unsaved changes.
        self.projects.set_dirty(False)
        if files:
            self.open_paths(list(files), ask=False, encoding=encoding)
        elif bundled:
            self.open_bundled()
        self._update_hint()

    # ------------------------------------------------------------ construction
    def _dock(self, name: str, title: str, widget, area) -> QDockWidget:
        # The object name (kept in the saved layout) never changes with the language.
        dock = self.titles.add(QDockWidget(self), title)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_cartography(self) -> None:
        # Style editor dock, time slider and the legend under the layer list.
        from PySide6.QtWidgets import QScrollArea, QToolBar

        from .legend_view import LegendView
        from .style_panel import StylePanel
        from .time_slider import TimeSlider

        self.style_panel = StylePanel(self.state, self.controller, self)
        self.style_panel.problem.connect(lambda message: self.report_error(
            message, QCoreApplication.translate("MainWindow", "Style not loaded or saved")))
        # In a scroll area: a refilled form must not widen the dock and so
        # resize (and shift) the map.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # The panel follows the dock's width (it never scrolls sideways);
        # its minimum width is what the dock cannot go below.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.style_panel)
        scroll.setMinimumWidth(self.style_panel.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        self.style_dock = self._dock("Style", QT_TRANSLATE_NOOP("MainWindow", "Style"), scroll,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.identify_dock, self.style_dock)
        self.identify_dock.raise_()
        self.legend_view = LegendView(self.state, self.controller, self.layer_panel)
        self.layer_panel.layout().addWidget(self.legend_view)
        self.time_slider = TimeSlider(self.state, self.controller, self)
        self.time_bar = self.titles.add(QToolBar(self), QT_TRANSLATE_NOOP("MainWindow", "Time"))
        self.time_bar.setObjectName("timeBar")
        self.time_bar.addWidget(self.time_slider)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.time_bar)
        self.time_bar.setVisible(False)
        self.time_slider.available.connect(lambda _on: self._sync_time_bar())
        self.state.events.active.connect(lambda i: self.map_view.call("setLegendFocus", i.value))

    def show_style_editor(self) -> None:
        """Show the Style dock for the active layer."""
        self.style_dock.show()
        self.style_dock.raise_()

    def _declare_actions(self) -> None:
        a = self.actions
        a.add(ActionSpec("style_editor", QT_TRANSLATE_NOOP("Actions", "&Style…"), "F7", QT_TRANSLATE_NOOP("Actions", "Edit how the selected layer is drawn, classed and labelled")),
              self.show_style_editor)
        a.add(ActionSpec("open", QT_TRANSLATE_NOOP("Actions", "&Open…"), QKeySequence.StandardKey.Open, QT_TRANSLATE_NOOP("Actions", "Open data files")), self.open_dialog)
        a.add(ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), QKeySequence.StandardKey.Quit), self.close)
        a.add(ActionSpec("zoom_layer", QT_TRANSLATE_NOOP("Actions", "&Zoom to Layer"), "Ctrl+Shift+Z", QT_TRANSLATE_NOOP("Actions", "Frame the selected layer")), self.zoom_to_active)
        a.add(ActionSpec("zoom_hegang", QT_TRANSLATE_NOOP("Actions", "Zoom to &Hegang"), "Ctrl+Shift+H",
                         QT_TRANSLATE_NOOP("Actions", "Frame Hegang, the city of the story")), self.zoom_to_hegang)
        a.add(ActionSpec("zoom_china", QT_TRANSLATE_NOOP("Actions", "Zoom to &China"), "Ctrl+Shift+C", QT_TRANSLATE_NOOP("Actions", "Frame all of China")), self.zoom_to_china)
        a.add(ActionSpec("remove_layer", QT_TRANSLATE_NOOP("Actions", "&Remove Layer"), "Ctrl+Shift+Del", QT_TRANSLATE_NOOP("Actions", "Remove the selected layer")), self.remove_active)
        a.add(ActionSpec("rename_layer", QT_TRANSLATE_NOOP("Actions", "Re&name Layer"), "F2"), self.rename_active)
        a.add(ActionSpec("reload_layer", QT_TRANSLATE_NOOP("Actions", "Re&load Layer"), "Ctrl+R", QT_TRANSLATE_NOOP(
            "Actions", "Read the selected layer again from its file or database table, with what was changed "
            "there since it was opened")), self.reload_active)
        a.add(ActionSpec("properties", QT_TRANSLATE_NOOP("Actions", "&Properties…"), "Ctrl+I", QT_TRANSLATE_NOOP("Actions", "Source, CRS, fields of the selected layer")),
              self.show_properties)
        a.add(ActionSpec("attribute_table", QT_TRANSLATE_NOOP("Actions", "&Attribute Table"), "F6", QT_TRANSLATE_NOOP("Actions", "Show the selected layer's table")),
              self.show_table)
        a.add(ActionSpec("cancel_loading", QT_TRANSLATE_NOOP("Actions", "Cancel Loading"), "Esc"), self.loader.cancel_all)
        for key, text in BASEMAPS.items():
            a.add(ActionSpec(f"basemap_{key}", text, None, "", checkable=True),
                  lambda _c=False, k=key: setattr(self.state, "basemap", k))
        a.add(ActionSpec("add_postgis", QT_TRANSLATE_NOOP("Actions", "Add &PostGIS Layers…"), "Ctrl+Shift+P",
                         QT_TRANSLATE_NOOP("Actions", "Add tables of a PostGIS database as layers")),
              self.add_postgis_dialog)
        a.add(ActionSpec("export_layer", QT_TRANSLATE_NOOP("Actions", "E&xport Layer To…"), None, QT_TRANSLATE_NOOP(
            "Actions", "Write the selected layer to a new GeoPackage, GeoParquet, GeoJSON or FlatGeobuf file, or a "
            "PostGIS table")), self.export_layer_dialog)
        a.add(ActionSpec("basemap_add", QT_TRANSLATE_NOOP("Actions", "&Add Basemap File…"), None, QT_TRANSLATE_NOOP(
            "Actions", "Draw an MBTiles, PMTiles or GeoTIFF file under the layers")), self.add_basemap_dialog)
        a.add(ActionSpec("basemap_files", QT_TRANSLATE_NOOP("Actions", "Basemap &Files…"), None, QT_TRANSLATE_NOOP(
            "Actions", "Order, show, hide and fade the basemap files")), self.show_basemap_files)
        for key, text in FRAME_NAMES.items():
            a.add(ActionSpec(f"map_frame_{key}", text, None, QT_TRANSLATE_NOOP(
                "Actions", "Draw the map in this frame, to match a basemap made in it: each layer is shifted from "
                "its own frame"), checkable=True),
                  lambda _c=False, k=key: setattr(self.state, "frame", k))
        for lang, name in LANGUAGE_NAMES.items():
            a.add(ActionSpec(f"language_{lang}", name, None, "", checkable=True),
                  lambda _c=False, code=lang: self.set_language(code))

    def _build_menus(self) -> None:
        a = self.actions
        t = self.titles
        self.file_menu = file_menu = t.add(self.menuBar().addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "&File"))
        file_menu.addAction(a["open"])
        self.recent_menu = t.add(file_menu.addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        layer_menu = t.add(self.menuBar().addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "&Layer"))
        layer_menu.addAction(a["add_postgis"])
        layer_menu.addSeparator()
        for key in ("zoom_layer", "rename_layer", "style_editor", "properties", "attribute_table", "export_layer",
                    "reload_layer", "remove_layer"):
            layer_menu.addAction(a[key])
        self.view_menu = view_menu = t.add(self.menuBar().addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "&View"))
        view_menu.addAction(a["zoom_hegang"])
        view_menu.addAction(a["zoom_china"])
        basemap_menu: QMenu = t.add(view_menu.addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "&Basemap"))
        for key in BASEMAPS:
            basemap_menu.addAction(a[f"basemap_{key}"])
        basemap_menu.addSeparator()
        basemap_menu.addAction(a["basemap_add"])
        basemap_menu.addAction(a["basemap_files"])
        frame_menu: QMenu = t.add(view_menu.addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "Map &Frame"))
        frame_menu.setObjectName("mapFrameMenu")
        frame_menu.setToolTipsVisible(True)
        for key in FRAME_NAMES:
            frame_menu.addAction(a[f"map_frame_{key}"])
        language_menu: QMenu = t.add(view_menu.addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "&Language"))
        language_menu.setObjectName("languageMenu")
        for lang in LANGUAGE_NAMES:
            language_menu.addAction(a[f"language_{lang}"])
        view_menu.addSeparator()
        for dock in (self.layers_dock, self.identify_dock, self.style_dock, self.table_dock):
            view_menu.addAction(dock.toggleViewAction())
        for key in ("zoom_layer", "rename_layer", "style_editor", "properties", "attribute_table", "reload_layer",
                    "remove_layer"):
            self.layer_panel.view.addAction(a[key])
        self.addAction(a["cancel_loading"])
        self._sync_basemap_checks()
        self._sync_frame_checks()
        self._sync_language_checks()

    # ------------------------------------------------------------ language
    def set_language(self, lang: str) -> None:
        """Speak ``lang`` (``zh`` or ``en``) everywhere, live: menus, docks,
        the page's legend and scale bar; remembered for the next start."""
        self.language.set(lang)
        self._sync_language_checks()

    def _sync_language_checks(self) -> None:
        for lang in LANGUAGE_NAMES:
            self.actions[f"language_{lang}"].setChecked(self.language.code == lang)

    def retranslate(self) -> None:
        """Set every text of the window again in the current language."""
        self.actions.retranslate()
        self.titles.retranslate()
        self._sync_language_checks()
        self._show_view(self.state.view)
        self._show_active_crs()
        # Only the words: showing or hiding bars here would bring them back in a presentation.
        self._show_busy_text()
        self._update_hint()
        self._update_attribution()
        for name, data in getattr(self, "_basemap_named", {}).items():
            self.map_view.call("setStyle", f"basemap-{name}", basemap_style(name, data, self.language.code))
        self.controller.retranslate()
        if hasattr(self, "projects"):
            self.projects.update_title()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # Widgets, not a status message: a message would hide the progress bar beside it.
        self.busy_label = QLabel("", self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.hide()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(180)
        self.progress.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.setDefaultAction(self.actions["cancel_loading"])
        self.cancel_button.hide()
        self.cursor_label = QLabel("", self)
        self.cursor_label.setObjectName("cursorLabel")
        self.view_label = QLabel("", self)
        self.view_label.setObjectName("viewLabel")
        self.crs_label = QLabel("", self)
        self.crs_label.setObjectName("crsLabel")
        for w in (self.busy_label, self.progress, self.cancel_button):
            bar.addWidget(w)
        for w in (self.cursor_label, self.view_label, self.crs_label):
            bar.addPermanentWidget(w)
        self._show_view(self.state.view)

    # ------------------------------------------------------------ opening data
    def open_dialog(self) -> None:
        """File > Open: choose files (non-blocking dialog)."""
        from ..io import VECTOR_SUFFIXES

        kinds = (QCoreApplication.translate("MainWindow", "Vector data ({patterns})").format(
            patterns=" ".join(f"*{s}" for s in VECTOR_SUFFIXES))
            + ";;" + QCoreApplication.translate("MainWindow", "All files (*)"))
        dialog = OpenFilesDialog(self, QCoreApplication.translate("MainWindow", "Open data"), kinds)
        dialog.filesSelected.connect(
            lambda files: self.open_paths([Path(f) for f in files], ask=True, encoding=dialog.encoding()))
        dialog.open()

    def open_bundled(self) -> None:
        """Open the bundled thematic layers, framed on China.

        When the last start was kept (:mod:`hegang_map.qt.start_cache`), its page
        layers are drawn at once and the reads wait until that frame is out.
        """
        kept = self._kept
        if kept is not None:
            start = [(geodata_dir() / file, layer, visible) for file, layer, visible in kept.start]
        else:
            start = [(item.path, item.layer, item.visible) for item in start_layers()]
        self.new_batch()
        jobs = [self.load(LayerRequest(path, layer, visible=visible, why="bundled", rank=rank))
                for rank, (path, layer, visible) in enumerate(start)]
        self.zoom_to_china()
        self.when_idle(lambda: self._keep_start(start))
        if kept is None:
            return
        self._kept_jobs.update(jobs)
        page_ids = {f"{path.name}/{layer}": job.layer_id for (path, layer, _), job in zip(start, jobs)}
        page_ids.update((f"basemap/{k.name}", f"basemap-{k.name}") for k in kept.layers if k.basemap)
        self.controller.show_kept([(page_ids[k.key], k) for k in kept.layers if k.key in page_ids])
        self.map_view.call("setAttribution", kept.attribution)
        self.map_view.call("setLegendFocus", page_ids.get(kept.focus))
        # The reads start once that frame is out: the first one imports
        # geopandas and would hold the CPU and the interpreter the page needs.
        self.loader.pause()
        self.controller.layerDrawn.connect(self._resume_after_kept)
        QTimer.singleShot(KEPT_WAIT_MS, self.loader.resume)  # the page may never say (a page error)
        self._kept_job_ended(None)  # (a start with nothing to read is over now)

    def _resume_after_kept(self, *_drawn) -> None:
        if all(i in self.controller.loaded for i in self.controller.kept_pending()):
            self.controller.layerDrawn.disconnect(self._resume_after_kept)
            self.loader.resume()

    def _kept_job_ended(self, job) -> None:
        """A read of the start drawn from the last one ended: when all have, the
        kept layers none claimed go (not later: files opened meanwhile may take long)."""
        self._kept_jobs.discard(job)
        if self._kept is not None and not self._kept_jobs:
            self._kept = None
            self.controller.drop_kept()
            self._update_attribution()

    def _keep_start(self, start: list[tuple[Path, str, bool]]) -> None:
        """Keep what the page was given for the bundled start, for the next one
        (unless it was all drawn from the last start here as it is)."""
        try:
            if self._is_plain_start(start) and not (self._kept_source == "user" and self.controller.kept_replaced == 0):
                layers = self.controller.kept_layers()
                active = self.active_layer()
                focus = f"{active.source.path.name}/{active.source.layer_name}" if active else None
                save_start(KeptStart(layers, [(path.name, layer, visible) for path, layer, visible in start],
                                     [k.name for k in layers if k.basemap], self._attribution(), focus))
        except Exception:  # noqa: BLE001 - a start that cannot be kept must not stop the other idle callbacks
            _log.exception("the start could not be kept")
        finally:
            self.controller.record_page(False)

    def _is_plain_start(self, start: list[tuple[Path, str, bool]]) -> bool:
        """Whether the window shows the bundled start and nothing else: the
        layers opened for it, from the bundled folder, once each, on the basemap."""
        here = geodata_dir().resolve()
        layers = list(self.state.layers)
        if not all(isinstance(lyr.source.path, Path) and lyr.source.path.resolve().parent == here for lyr in layers):
            return False
        shown = sorted(f"{lyr.source.path.name}/{lyr.source.layer_name}" for lyr in layers)
        basemap = self.state.basemap == ("natural_earth" if basemap_path().is_file() else "none")
        return (basemap and not self.state.basemap_files
                and shown == sorted(f"{path.name}/{layer}" for path, layer, _ in start))

    def open_paths(self, paths: list[Path], ask: bool = True, encoding: str | None = None) -> None:
        """Open data files; a file with several layers offers a checklist when ``ask``.

        The map zooms to what was opened, and its top layer becomes the one
        worked on (a project's files keep the project's view: they do not
        come this way).

        ``encoding``: the text encoding of Shapefiles among them, as the user
        chose it (``None``: each file's own, else guessed from its text).

        The files are described (layers, geometry, feature counts) on a worker:
        counting the features of a large GeoJSON or Shapefile reads all of it,
        which must not freeze the window. They are then opened in the order given.
        """
        self.new_batch()
        from ..io.project import is_project

        files: list = []
        for path in paths:
            if is_project(path):  # a dropped or chosen .hgmap opens as the project
                self.projects.guard(lambda p=Path(path): self.projects.open_project(p))
            else:
                files.append(path if is_postgres(path) else Path(path))
        if not files:
            return

        def described(results: list) -> None:
            for path, infos in results:
                self._open_described(path, infos, ask, encoding)
            self.work_done()

        self.work_started()
        if not self.workers.run("describe", lambda: [(p, describe_file(p, encoding)) for p in files], described):
            self.work_done()

    def work_started(self) -> None:
        """Count work on a worker that is not a layer read (describing files): the window is busy till it ends."""
        self._pending_loads += 1
        self._show_progress()

    def work_done(self) -> None:
        """The end of what :meth:`work_started` counted."""
        self._pending_loads -= 1
        self._show_progress()
        self._check_idle()

    def _open_described(self, path: Path, infos, ask: bool, encoding: str | None = None) -> None:
        from ..io.project import layer_request

        if isinstance(infos, DataError):
            self.report_error(str(infos))
            return
        if not is_postgres(path):  # an address may hold a password: not kept among recent files
            remember_file(str(path.resolve()))
        spatial = [i for i in infos if i.geometry_type]
        if not spatial:
            self.report_error(QCoreApplication.translate(
                "MainWindow", "{path}: none of its {n} layer(s) has geometry; nothing to draw.").format(
                path=path, n=len(infos)))
            return
        if ask and len(infos) > 1:
            dialog = LayerChoiceDialog(path, infos, self)
            dialog.accepted.connect(
                lambda d=dialog, p=path: [self.load(layer_request(p, n, encoding=encoding), frame=True)
                                          for n in d.chosen()]
            )
            dialog.open()
            return
        for info in spatial:
            self.load(layer_request(path, info.name, encoding=encoding), frame=True)

    def new_batch(self) -> None:
        """Layers asked for from now on go above those asked for before (in the order asked)."""
        self._batch += 1
        self._batch_index = 0

    def clear_map(self) -> None:
        """Remove every layer and cancel their reads; the basemap stays as it is."""
        for job in list(self.loader.jobs):
            if job.request.why != "basemap":
                job.cancel()
        self.state.selection = None
        self.state.layers.clear()

    def load(self, request: LayerRequest, frame: bool = False, quiet: bool = False,
             replaces: Layer | None = None) -> LoadJob:
        """Read one layer into the map as ``request`` asks: the one way a layer comes in.

        Layers are placed in the panel as they were asked for, whatever order
        their reads end in (later batches on top; within one, by rank).

        Parameters
        ----------
        frame : bool
            Frame the layer once it is drawn.
        quiet : bool
            A read that fails is logged, not shown in a dialog (a story being
            presented says so on its scene's card).
        replaces : Layer, optional
            The layer read again: the new one takes its place in the panel once
            read; it stays drawn until then, and stays as it was if the read fails.
        """
        if request.style is None:
            # A saved style for a layer of this name (resources/styles, geodata/styles.json) wins.
            style = default_style(request.path, request.layer)
            if style is None:
                style = LayerStyle(color=DEFAULT_COLORS[self._color_index % len(DEFAULT_COLORS)])
                self._color_index += 1
            request = request.with_style(style)
        job = self.loader.start(request, draw_early=request.why != "scene" and replaces is None)
        job.setParent(self)
        job.replaces = replaces.id if replaces is not None else None
        job.frame_when_done = frame
        job.batch = self._batch
        job.quiet = quiet
        job.priority = self._batch * 100_000 - self._batch_index
        if request.why == "scene":  # read for a story's scenes: under the map's own layers
            job.priority = -job.priority
        self._batch_index += 1
        job.early.connect(self._job_early)
        job.early_detail.connect(self.controller.show_early_detail)
        job.finished.connect(self._job_finished)
        job.failed.connect(self._job_failed)
        job.cancelled.connect(self._job_cancelled)
        job.progress.connect(self._job_progress)
        self._pending_loads += 1
        self._show_progress()
        self._update_hint()  # a file is on its way: "no layers yet" would be wrong
        return job

    def _job_early(self, early: Early) -> None:
        job = self.sender()
        self._early_jobs[early.layer_id] = job
        self.controller.show_early(early.layer_id, early.name, early.payload, job.style, early.symbology,
                                   job.visible)
        if job.frame_when_done:
            job.frame_when_done = False
            self._frame(job.batch, early.bounds)

    def _forget_early(self, job) -> None:
        """A read that ended without a layer: take what it drew early off the map."""
        layer_id = getattr(job, "layer_id", None)
        self._early_jobs.pop(layer_id, None)
        self.controller.drop_early(layer_id)

    def _layer_drawn(self, layer_id: str, _count: int) -> None:
        job = self._early_jobs.pop(layer_id, None)
        if job is not None:
            job.early_drawn(self.controller.view_request())
        self._check_idle()

    def _job_finished(self, loaded: Loaded) -> None:
        job = self.sender()
        self._early_jobs.pop(loaded.layer.id, None)
        self._pending_loads -= 1
        self.controller.prepared(loaded.layer, loaded.display, loaded.payload, loaded.symbology, loaded.early)
        old = self.state.layers.by_id(job.replaces or "")
        if old is not None:
            self._take_place(old, loaded.layer)
        else:
            self._insert_in_order(loaded.layer, job.priority)
        if job.request.why == "open" and old is None and self.state.layers.index(loaded.layer) == 0:
            self.state.active_layer_id = loaded.layer.id  # the file just opened is the one worked on
        if getattr(job, "frame_when_done", False):
            self._frame(job.batch, loaded.display.bounds)
        self._kept_job_ended(job)
        self._show_progress()
        self._check_idle()

    def _frame(self, batch: int, bounds) -> None:
        """Frame every layer of a batch read so far (a file's layers arrive one by one)."""
        if bounds is None:
            return
        old = self._framed if self._framed and self._framed[0] == batch else None
        if old is not None:
            w, s, e, n = old[1]
            bounds = (min(w, bounds[0]), min(s, bounds[1]), max(e, bounds[2]), max(n, bounds[3]))
        self._framed = (batch, tuple(bounds))
        self.controller.zoom_to(bounds)

    def _insert_in_order(self, layer: Layer, priority: int) -> None:
        # Layers finish loading in any order: place each by the rank it was
        # asked for (later batches on top; within a batch, first on top).
        self._priority[layer.id] = priority
        index = sum(1 for other in self.state.layers if self._priority.get(other.id, 0) > priority)
        self.state.layers.insert(index, layer)
        if self.state.active_layer_id is None:
            self.state.active_layer_id = layer.id

    def _take_place(self, old: Layer, layer: Layer) -> None:
        """``layer``, read again, takes ``old``'s place in the panel (and its
        selection); the project is as saved as it was (it names the same source)."""
        index = self.state.layers.index(old)
        active = self.state.active_layer_id == old.id
        dirty = self.projects.dirty
        self._priority[layer.id] = self._priority.pop(old.id, 0)
        self.state.layers.remove(old)
        self.state.layers.insert(index, layer)
        if active:
            self.state.active_layer_id = layer.id
        self.projects.set_dirty(dirty)

    def _job_failed(self, message: str) -> None:
        job = self.sender()
        self._forget_early(job)
        self._update_hint()
        self._pending_loads -= 1
        self._kept_job_ended(job)
        self._show_progress()
        if getattr(job, "quiet", False):
            _log.warning("%s", message)
        else:
            self.report_error(message)
        self._check_idle()

    def _job_cancelled(self) -> None:
        self._forget_early(self.sender())
        self._update_hint()
        self._pending_loads -= 1
        self._kept_job_ended(self.sender())
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Loading cancelled."), 4000)
        self._show_progress()
        self._check_idle()

    def _job_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _show_progress(self) -> None:
        busy = self._pending_loads > 0
        for w in (self.busy_label, self.progress, self.cancel_button):
            w.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self._show_busy_text()
        self._sync_time_bar()

    def _show_busy_text(self) -> None:
        self.busy_label.setText(QCoreApplication.translate("MainWindow", "Loading {n} layer(s)…").format(
            n=self._pending_loads))

    def _sync_time_bar(self) -> None:
        # Shown for a layer with periods, and already while a shown layer whose
        # style steps through periods loads: the map does not shrink (and
        # redraw) under the user when that layer arrives.
        coming = any(job.visible and job.style is not None and job.style.time is not None
                     for job in self.loader.jobs)
        self.time_bar.setVisible(bool(self.time_slider._available) or coming)

    def _page_crashed(self, code: int) -> None:
        if self._crash_said:
            return
        self._crash_said = True
        self.report_error(QCoreApplication.translate(
            "MainWindow", "The map page stopped working (its renderer ended with code {code}: out of memory, "
            "or stopped by the system). The layers and the project are safe: save the project, close "
            "hegang-map and start it again, with more memory free.").format(code=code),
            QCoreApplication.translate("MainWindow", "Map page stopped"))

    def report_error(self, message: str, title: str | None = None) -> None:
        """Show one readable message (non-blocking dialog) and record it."""
        title = title or QCoreApplication.translate("MainWindow", "Cannot open data")
        self.errors.append(message)
        _log.warning("%s", message)
        self.errorReported.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("errorDialog")
        box.open()

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths, ask=True)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        if not files:
            self.recent_menu.addAction(QCoreApplication.translate("MainWindow", "(none)")).setEnabled(False)
        for f in files:
            self.recent_menu.addAction(f, lambda p=f: self.open_paths([Path(p)], ask=True))

    # ------------------------------------------------------------ layer actions
    def active_layer(self) -> Layer | None:
        """The layer selected in the panel."""
        return self.state.layers.by_id(self.state.active_layer_id or "")

    def zoom_to_active(self) -> None:
        """Frame the active layer."""
        layer = self.active_layer()
        display = self.controller.display(layer.id) if layer else None
        if display is not None:
            self.controller.zoom_to(display.bounds)

    def zoom_to_hegang(self) -> None:
        """Frame Hegang."""
        self.controller.zoom_to(HEGANG_BOUNDS)

    def zoom_to_china(self) -> None:
        """Frame China."""
        self.controller.zoom_to(CHINA_BOUNDS, max_zoom=5)

    def remove_active(self) -> None:
        """Remove the active layer from the map (the file is untouched)."""
        layer = self.active_layer()
        if layer is not None:
            self.state.layers.remove(layer)

    def reload_active(self) -> None:
        """Read the active layer again from its file or table (one a team edits):
        name, style, visibility and place are kept; if it cannot be read, the
        layer stays as it was and a message says why."""
        layer = self.active_layer()
        if layer is None or layer.source.path is None:
            return
        src = layer.source
        self.load(LayerRequest(src.path, src.layer_name, layer.name, layer.style, layer.visible, layer.opacity,
                               frame=layer.frame, encoding=src.encoding), replaces=layer)

    def rename_active(self) -> None:
        """Start editing the active layer's name in the panel."""
        index = self.layer_panel.view.currentIndex()
        if index.isValid():
            self.layer_panel.view.edit(index)

    def show_properties(self) -> None:
        """Open the properties view of the active layer."""
        layer = self.active_layer()
        if layer is not None:
            dialog = PropertiesDialog(layer, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def show_table(self) -> None:
        """Show the attribute table of the active layer."""
        self.table_dock.show()
        self.table.show_layer(self.state.active_layer_id)

    # ------------------------------------------------------------ basemap
    def _load_basemap(self, name: str) -> None:
        # Layers of an older choice that arrive late are dropped by generation.
        self._basemap_generation += 1
        for layer_id in self.controller.basemap_ids():
            self.controller.remove_page_layer(layer_id)
        self._basemap_drawn: list[str] = []  # its layers on the page, credited in the current language
        self._basemap_named: dict = {}  # its layers with place names: their data
        self._sync_basemap_checks()
        self._update_attribution()
        path = basemap_path()
        if name != "natural_earth" or not path.is_file():
            return
        try:
            names = self._kept.basemap if self._kept and self._kept.basemap else basemap_order(_spatial_layer_names(path))
        except DataError as exc:
            self.report_error(QCoreApplication.translate(
                "MainWindow", "The bundled basemap could not be read: {reason}").format(reason=exc))
            return
        for layer_name in names:
            # Polygon fills of the whole world cost the page most at low zoom: with levels of detail at once.
            job = self.loader.start(LayerRequest(path, layer_name, why="basemap"), levels=layer_name in ("land", "lakes"))
            job.setParent(self)
            job.basemap_generation = self._basemap_generation
            if self._kept is not None:
                self._kept_jobs.add(job)
            job.finished.connect(self._basemap_layer_loaded)
            job.failed.connect(self._job_failed)
            job.cancelled.connect(self._job_cancelled)
            self._pending_loads += 1
        self._show_progress()

    def _basemap_layer_loaded(self, loaded: Loaded) -> None:
        job = self.sender()
        self._pending_loads -= 1
        if job.basemap_generation == self._basemap_generation:
            name = loaded.layer.source.layer_name
            style = basemap_style(name, loaded.layer.data, self.language.code)
            if style["label"] is not None:  # its names, said again in another language
                self._basemap_named[name] = loaded.layer.data
            self.controller.add_page_layer(f"basemap-{name}", name, loaded.payload, style, True, 1.0, basemap=True)
            self.controller.send_order()
            self._basemap_drawn.append(name)
            self._update_attribution()
        self._kept_job_ended(job)
        self._show_progress()
        self._check_idle()

    def _map_frame_changed(self) -> None:
        # The basemap's data is WGS-84: drawn again in the map's frame, as every layer is (the controller).
        self.loader.map_frame = self.state.frame
        self._sync_frame_checks()
        self._load_basemap(self.state.basemap)

    def export_layer_dialog(self) -> None:
        """Write the active layer to a new file or PostGIS table."""
        layer = self.active_layer()
        if layer is None:
            return
        from .export_layer_dialog import ExportLayerDialog

        dialog = ExportLayerDialog(self, layer)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def add_postgis_dialog(self) -> None:
        """Choose tables of a PostGIS database to add as layers."""
        from .postgis_dialog import PostgisDialog

        dialog = PostgisDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def add_basemap_dialog(self) -> None:
        """Choose a basemap file to draw under the layers."""
        from .basemap_files_dialog import choose_file

        choose_file(self, self.add_basemap_file)

    def add_basemap_file(self, path: Path) -> None:
        """Draw the basemap file at ``path`` on top of the other basemap files; the
        map goes to it when it lies out of view. A file that cannot be used is said."""
        source = self.basemap_files.add(path)
        if source is None:
            return
        west, south, east, north = source.info.bounds
        view = self.state.view
        if east - west < 300 and not (west <= view.lon <= east and south <= view.lat <= north):
            self.controller.zoom_to(source.info.bounds)

    def show_basemap_files(self) -> None:
        """Show the list of basemap files (order, visibility, opacity)."""
        from .basemap_files_dialog import BasemapFilesDialog, choose_file, choose_folder

        dialog = BasemapFilesDialog(self.state, self.basemap_files.failed, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.addFile.connect(lambda: choose_file(dialog, self.add_basemap_file))
        dialog.addFolder.connect(lambda: choose_folder(dialog, self.add_basemap_file))
        dialog.open()

    def _sync_frame_checks(self) -> None:
        for key in FRAME_NAMES:
            self.actions[f"map_frame_{key}"].setChecked(self.state.frame == key)

    def _sync_basemap_checks(self) -> None:
        for key in BASEMAPS:
            self.actions[f"basemap_{key}"].setChecked(self.state.basemap == key)

    # ------------------------------------------------------------ status and hints
    def _layers_changed(self) -> None:
        self._update_hint()
        self._update_attribution()
        for layer in self.state.layers:
            layer.events.visible.disconnect(self._on_visibility)
            layer.events.visible.connect(self._on_visibility)

    def _on_visibility(self, _info) -> None:
        self._update_attribution()

    def _update_attribution(self) -> None:
        if self._kept is None:  # the last start's line stays until this one is read
            self.map_view.call("setAttribution", self._attribution())

    def _attribution(self) -> str:
        """The credits line of the visible layers and the basemap."""
        visible = [lyr for lyr in self.state.layers if lyr.visible]
        drawn = getattr(self, "_basemap_drawn", [])
        files = self.basemap_files.credits() if hasattr(self, "basemap_files") else []
        return credits_line(visible, files + [credit_for(basemap_path(), name) for name in drawn])

    def _update_hint(self) -> None:
        loading = any(job.request.why != "basemap" for job in self.loader.jobs)
        # Not on a projector: a scene whose layers are missing says so on its card.
        presenting = getattr(self, "presentation", None) is not None and self.presentation.active
        empty = not len(self.state.layers) and not loading and not presenting
        hint = QCoreApplication.translate(
            "MainWindow", "No layers yet: open a GeoPackage with File › Open (Ctrl+O) or drop a file here.")
        self.map_view.call("setHint", hint if empty else "")

    def _show_cursor(self, lat: float, lng: float) -> None:
        east = QCoreApplication.translate("MainWindow", "{lng}° E, {lat}° N")
        west = QCoreApplication.translate("MainWindow", "{lng}° W, {lat}° N")
        text = east.format(lng=f"{lng:.5f}", lat=f"{lat:.5f}") if lng >= 0 else west.format(
            lng=f"{-lng:.5f}", lat=f"{lat:.5f}")
        self.cursor_label.setText(text)

    def _show_view(self, view) -> None:
        scale = meters_per_pixel(view.lat, view.zoom) / 0.00026458  # 96 dpi screen pixel in metres
        self.view_label.setText(QCoreApplication.translate("MainWindow", "Zoom {zoom}  ~1:{scale}").format(
            zoom=f"{view.zoom:.1f}", scale=f"{_round_scale(scale):,}"))

    def _show_active_crs(self) -> None:
        layer = self.active_layer()
        self.crs_label.setText(QCoreApplication.translate("MainWindow", "Layer CRS: {crs}").format(
            crs=layer.crs_name) if layer else "")

    # ------------------------------------------------------------ idle (everything drawn)
    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once every pending layer is loaded and drawn."""
        self._idle_callbacks.append(callback)
        QTimer.singleShot(0, self._check_idle)

    def is_idle(self) -> bool:
        """Whether nothing is loading and the page has drawn every layer (the frame
        reported then waits for basemap tiles too: ``notifyPainted``)."""
        if self._pending_loads or not self.map_view.is_ready or self.controller.detail_pending():
            return False
        if not all(layer_id in self.controller.loaded for layer_id in self.controller.basemap_ids()):
            return False
        return all(lyr.id in self.controller.loaded or not self.controller.display(lyr.id).drawable
                   for lyr in self.state.layers)

    def _frame_painted(self, token: int) -> None:
        if token == self._paint_token and self.is_idle():
            self._run_idle_callbacks()

    def _check_idle(self) -> None:
        if self._idle_callbacks and self.is_idle():
            # Redraw, and wait until that frame is on screen before calling back.
            self._paint_token += 1
            self.map_view.call("notifyPainted", self._paint_token, self.map_view.width(), self.map_view.height())

    def _run_idle_callbacks(self) -> None:
        callbacks, self._idle_callbacks = self._idle_callbacks, []
        for cb in callbacks:
            cb()

    def restore_layout(self) -> None:
        """Put the window and its docks where the user left them at the last close.

        A remembered geometry that no longer fits a screen (a projector gone)
        is dropped for the first-start size.
        """
        self._remember_layout = True
        settings = app_settings()
        geometry, docks = settings.value("window/geometry"), settings.value("window/docks")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            if not screen.intersects(self.frameGeometry()) or self.width() > screen.width() + 8:
                self.resize(*_first_size(screen))
                self.move(screen.topLeft())
        if not (isinstance(docks, QByteArray) and self.restoreState(docks)):
            self._fit_side_docks()

    def _fit_side_docks(self) -> None:
        """On a first start, the right-hand docks (Identify, Style, Scenes) take at most
        :data:`SIDE_SHARE` of the window's width, never less than their panels need: on a
        1024-pixel projector the map keeps more than half the window, not two fifths.
        The Layers dock keeps the width of its layers' names."""
        dock = self.identify_dock
        least = max(max(d.widget().minimumWidth(), d.widget().minimumSizeHint().width())
                    for d in (dock, self.style_dock, self.scenes_dock))
        width = max(least, min(int(self.width() * SIDE_SHARE), dock.sizeHint().width()))
        self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def _save_layout(self) -> None:
        if not getattr(self, "_remember_layout", False) or self.presentation.active:
            return  # a presentation's full screen is not where the user works
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/docks", self.saveState())
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._save_layout()
        self.workers.close()  # every read and computation stopped and joined
        self.basemap_files.close()  # its files let go (the tile server is the app's)
        self.autosave.close_cleanly()  # a clean exit leaves no recovery file
        super().closeEvent(event)


def _spatial_layer_names(path: Path) -> list[str]:
    from ..io import spatial_layer_names  # geopandas: not needed at a start drawn from the last one

    return spatial_layer_names(path)


#: The window's size on a first start, when the screen has room for it.
FIRST_SIZE = (1280, 800)
#: Most of the window's width the right-hand docks take on a first start.
SIDE_SHARE = 0.21


def _first_size(available) -> tuple[int, int]:
    """The first-start size: :data:`FIRST_SIZE`, or less so the frame fits ``available``."""
    # Room for the title bar and frame a window manager adds (measured under openbox: 30 px).
    return min(FIRST_SIZE[0], available.width() - 16), min(FIRST_SIZE[1], available.height() - 40)


def _round_scale(scale: float) -> int:
    if scale <= 0:
        return 0
    digits = len(str(int(scale))) - 2
    return int(round(scale, -max(digits, 0)))
