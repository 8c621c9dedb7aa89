"""Running the window, interactively or to take one screenshot."""

from __future__ import annotations

import sys
from pathlib import Path

from .app import create_app, install_excepthook

#: How long ``--screenshot`` waits for the map to draw before giving up.
SCREENSHOT_TIMEOUT_MS = 120_000


def run_window(files: list[Path], screenshot: Path | None = None, size: tuple[int, int] = (1600, 1000),
               lang: str | None = None, encoding: str | None = None, basemaps: list[Path] | None = None) -> int:
    """Open the main window on ``files`` (or the bundled layers) in ``lang``
    (the last language chosen, else the system's, when ``None``); returns the exit code.
    ``encoding``: the text encoding of Shapefiles among ``files``; ``basemaps``:
    basemap files drawn under the layers."""
    install_excepthook()
    app = create_app()
    from PySide6.QtCore import QTimer

    from .main_window import MainWindow
    from .view_image import save_png

    from .map_view import release_shared_profile

    # A screenshot run never autosaves and never asks to restore.
    from .language import app_language, chosen_language

    # The language is set before the window is built, so it is made in it.
    app_language(app).set(chosen_language(lang), remember=lang is not None)
    window = MainWindow(files=files or None, bundled=not files, autosave=screenshot is None, encoding=encoding)
    for path in basemaps or []:
        window.add_basemap_file(path)
    if screenshot is None:
        window.restore_layout()
        window.show()
        code = app.exec()
        release_shared_profile()
        return code

    result = {"code": 1}
    least = window.minimumSizeHint()
    if size[0] < least.width() or size[1] < least.height():
        # The picture would silently come out larger than asked.
        print(f"hegang-map: error: --size {size[0]}x{size[1]}: the window cannot be smaller than "
              f"{least.width()}x{least.height()} (its docks and bars); give at least that", file=sys.stderr)
        window.close()
        release_shared_profile()
        return 2
    window.resize(*size)
    window.show()

    def save() -> None:
        if window.projects.loading:
            # A project's view is set once its layers are in; the page then
            # redraws the whole map, which reaches the widget a frame after
            # the page reports it drawn: the picture waits for one more.
            window.when_idle(lambda: window.when_idle(save))
            return
        try:
            save_png(window.grab().toImage(), screenshot)
            result["code"] = 3 if window.errors else 0
        except OSError as exc:
            print(f"hegang-map: could not write {screenshot} ({exc.strerror or exc})", file=sys.stderr)
        for url in window.map_view.guard.blocked:
            print(f"blocked request: {url}", file=sys.stderr)
        for message in window.errors:
            print(f"hegang-map: {message}", file=sys.stderr)
        app.quit()

    def give_up() -> None:
        print("hegang-map: the map did not finish drawing in time; no screenshot written", file=sys.stderr)
        app.quit()

    def crashed(_code: int) -> None:
        for message in window.errors:  # the window said why (MainWindow._page_crashed)
            print(f"hegang-map: {message}", file=sys.stderr)
        app.quit()

    window.when_idle(save)
    window.map_view.crashed.connect(crashed)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    app.exec()
    release_shared_profile()
    return result["code"]
