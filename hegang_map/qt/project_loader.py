"""The one way a saved map comes back into a window: a project, a story, a recovery copy.

File › Open Project, Open Recent, a dropped ``.hgmap``, Story › Open the
Bundled Hegang Story, ``hegang-map present`` and the restore of a recovery
copy all call :meth:`ProjectLoader.open`; presentation mode reads the layers
its scenes need with :meth:`ProjectLoader.load_scene_layers`. Paths were
resolved against the project file when it was read
(:func:`hegang_map.io.project.read_project`), and the layers are asked for
with the same :class:`~hegang_map.model.request.LayerRequest` records the
headless exports read (:func:`hegang_map.io.project.project_requests`), so a
project looks the same in the window, on a projector and in an export.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject

from ..io import DataError
from ..io.errors import one_line
from ..io.project import Project, file_present, project_requests, read_project
from ..model.sources import is_postgres
from ..model.scene import SceneList
from .loader import LoadJob, describe_file

_log = logging.getLogger(__name__)


class ProjectLoader(QObject):
    """Opens projects and stories in a :class:`~hegang_map.qt.main_window.MainWindow`."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._generation = 0

    def open_path(self, path: Path, quiet: bool = False, then: Callable[[], None] | None = None) -> Project | None:
        """Read the project at ``path`` and open it; None (said to the user) when it cannot be read.

        ``quiet``: problems go to the status bar and the log, not dialogs (a story about to be presented).
        """
        try:
            project = read_project(path)
        except DataError as exc:
            self._say(str(exc), quiet)
            return None
        self.open(project, project.path, quiet=quiet, then=then)
        return project

    def open(self, project: Project, path: Path | None, dirty: bool = False, quiet: bool = False,
             then: Callable[[], None] | None = None) -> None:
        """Replace the map with ``project`` (saved at ``path``, or untitled).

        Its layers are read as saved (names, styles, visibility, opacity,
        order), its basemap shown, its view restored and its scenes put in the
        Scenes panel; ``then()`` runs once all of that is drawn.

        Parameters
        ----------
        dirty : bool
            The map starts with unsaved changes (a restored recovery copy).
        quiet : bool
            No dialogs: missing and unreadable files are said in the status bar.
        """
        w = self.window
        projects = w.projects
        self._generation += 1
        generation = self._generation
        projects.begin_loading()
        w.clear_map()
        projects.path = Path(path) if path is not None else None
        w.state.frame = project.frame  # before the basemap: it is read once, in the map's frame
        w.state.basemap = project.basemap
        w.state.basemap_files = project.basemap_files
        w.state.layout = project.layout
        projects.keep_from(project, project.missing)
        requests = project_requests(project, scenes=False)
        files = list(dict.fromkeys(_key(r.path) for r in requests if file_present(r.path)))

        def done() -> None:
            if generation != self._generation:
                return  # another project was opened meanwhile
            w.state.view = project.view
            projects.scenes = list(project.scenes)
            w.scenes_from_project()
            # A file not found leaves the project as it was: its layer is kept for the save.
            projects.end_loading(dirty=dirty)
            if then is not None:
                then()

        def described(results: list) -> None:
            if generation == self._generation:
                bad = self._unreadable(project, requests, results, quiet)
                projects.unopened += [e for e in project.layers if e.exists and _key(e.path) in bad]
                w.new_batch()
                for request in requests:
                    if file_present(request.path) and _key(request.path) not in bad:
                        w.load(request, quiet=quiet)
                for entry in project.missing:
                    if quiet:
                        self._say(QCoreApplication.translate(
                            "Projects", "Layer “{name}”: its data file {path} is not there.").format(
                            name=one_line(entry.name), path=entry.stored_path), True)
                    else:
                        projects.offer_locate(entry)
                w.when_idle(done)
            w.work_done()

        # Each file is described on a worker first (a large one takes a while
        # to count), so that one unreadable file gives one message, not one per layer.
        w.work_started()
        if not w.workers.run("describe", lambda: [(p, describe_file(p)) for p in files], described):
            w.work_done()

    def load_scene_layers(self, scenes: SceneList, on_failed: Callable[[tuple, str], None]) -> list[LoadJob]:
        """Read, hidden, every layer the scenes show that the map lacks; returns the reads started.

        ``on_failed(key, message)`` for each that cannot be read (said on
        the scene's card: never a dialog in front of a room).
        """
        from ..model.scene import layer_key

        w = self.window
        have = {layer_key(lyr.source.path, lyr.source.layer_name) for lyr in w.state.layers}
        story = Project(scenes=scenes.to_dicts())
        jobs = []
        w.new_batch()
        for request in project_requests(story, scenes=True):
            key = layer_key(request.path, request.layer)
            if key in have:
                continue
            have.add(key)
            if not file_present(request.path):
                on_failed(key, QCoreApplication.translate("Projects", "{layer}: the data file is not there").format(
                    layer=request.label))
                continue
            job = w.load(request, quiet=True)
            job.failed.connect(lambda message, k=key: on_failed(k, message))
            job.cancelled.connect(lambda k=key, r=request: on_failed(
                k, QCoreApplication.translate("Projects", "{layer}: loading cancelled").format(layer=r.label)))
            jobs.append(job)
        return jobs

    def _unreadable(self, project: Project, requests, described: list, quiet: bool) -> set[Path]:
        """Say once per present but unreadable data file that its layers are left out; return those files."""
        bad: set[Path] = set()
        for path, infos in described:
            if not isinstance(infos, DataError):
                continue
            bad.add(path)
            names = ", ".join(f"“{one_line(r.display_name)}”" for r in requests if _key(r.path) == path)
            if project.path:
                left = QCoreApplication.translate(
                    "Projects", "Left out of the map: layer(s) {names} of the project {project}; "
                    "the other layers are open.").format(names=names, project=Path(project.path).name)
            else:
                left = QCoreApplication.translate(
                    "Projects", "Left out of the map: layer(s) {names} of the project; the other layers are open."
                ).format(names=names)
            self._say(f"{infos} {left}", quiet)
        return bad

    def _say(self, message: str, quiet: bool) -> None:
        if quiet:
            _log.warning("%s", message)
            self.window.statusBar().showMessage(message, 10000)
        else:
            self.window.report_error(message)


def _key(path):
    """A layer source as the describing step names it: a file's path, or a database table."""
    return path if is_postgres(path) else Path(path)
