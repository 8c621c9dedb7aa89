"""Creating the QApplication with the settings the map page needs."""

from __future__ import annotations

import logging
import os
import sys
import traceback

from ..bundled.fonts import CJK_FAMILY, cjk_font_path
from ..util.folders import cache_dir

_log = logging.getLogger("hegang_map")


def prepare_environment() -> None:
    """Set QtWebEngine flags before Qt starts (sandbox off as root, no GPU needed)."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    extra = ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run its sandbox as root.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
        extra.append("--no-sandbox")
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        extra.append("--disable-gpu")
    missing = [f for f in extra if f not in flags.split()]
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([flags, *missing]).strip()


def create_app(argv: list[str] | None = None):
    """Return the running QApplication, creating it (and our scheme) if needed."""
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from .scheme import register_scheme

    app = QApplication.instance()
    if app is None:
        # The GUI thread is also Chromium's browser thread (it serves the page's
        # data); while a reader thread runs Python, it waits for the interpreter
        # lock up to the switch interval at every Python call. 1 ms, not 5.
        sys.setswitchinterval(0.001)
        register_scheme()
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("hegang-map")
        app.setOrganizationName("hegang-map")
    font_path = cjk_font_path()
    if font_path is not None and CJK_FAMILY not in QFontDatabase.families():
        QFontDatabase.addApplicationFont(str(font_path))
        font = QFont(app.font())
        # Latin text keeps the platform font; Chinese falls back to the bundled one.
        font.setFamilies([app.font().family(), CJK_FAMILY])
        app.setFont(font)
    return app


def install_excepthook() -> None:
    """Log unexpected errors to a file and print one line, never a traceback."""
    log_dir = cache_dir()

    def hook(exc_type, exc, tb):
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            with open(log_dir / "errors.log", "a", encoding="utf-8") as fh:
                fh.write("".join(traceback.format_exception(exc_type, exc, tb)))
        except OSError:
            pass
        print(f"hegang-map: unexpected error: {exc_type.__name__}: {exc} (details in {log_dir / 'errors.log'})",
              file=sys.stderr)

    sys.excepthook = hook
