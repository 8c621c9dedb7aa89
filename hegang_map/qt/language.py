"""The app's language: which catalogue is installed, chosen once, switched live.

Chinese (Simplified) and English are equals. The app's catalogue is
``resources/i18n/hegang_map_zh_CN.qm`` (compiled from the ``.ts`` beside it);
Qt's own dialogs (file dialogs, message box buttons) speak Chinese through
``qtbase_zh_CN.qm``, which PySide6 ships. Installing or removing a
translator makes Qt send every widget a ``LanguageChange`` event, and each
widget sets its texts again: nothing is reloaded, not the page and not the
layers. The Qt-free half of the app (legends, export texts, messages) is
pointed at the same translator (:func:`hegang_map.util.i18n.use`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QMenu

from ..bundled.paths import catalogue_path
from ..util import i18n
from .settings import app_settings

#: Where the choice is kept (``[ui] language=`` in the settings file; the CLI reads it without Qt).
_SETTING = "ui/language"


def chosen_language(asked: str | None = None) -> str:
    """The language to start in: the one asked for (``--lang``), else the one
    chosen last time, else the system's (Qt's reading of the locale)."""
    system = "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"
    return i18n.preferred_language(asked, app_settings().value(_SETTING, ""), {"LANG": system})


def load_translators(lang: str) -> list[QTranslator]:
    """The translators of ``lang``: the app's catalogue first, then Qt's own (none for English)."""
    if lang == "en":
        return []
    app = QTranslator()
    if not app.load(str(catalogue_path(lang))):
        raise FileNotFoundError(f"the {lang} catalogue is missing: {catalogue_path(lang)}")
    found = [app]
    qt = QTranslator()
    if qt.load(f"qtbase_{i18n.LOCALES[lang]}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        found.append(qt)
    return found


def app_language(app=None) -> "Language":
    """The application's one :class:`Language` (made on first use)."""
    from PySide6.QtWidgets import QApplication

    app = app or QApplication.instance()
    found = app.findChild(Language, "appLanguage")
    if found is None:
        found = Language(app, app)
        found.setObjectName("appLanguage")
    return found


class Language(QObject):
    """The app's current language; :meth:`set` switches it live.

    Signals
    -------
    changed(str)
        The new language's code, emitted as soon as the catalogue is
        installed; the widgets' ``LanguageChange`` events come from the event
        loop just after.
    """

    changed = Signal(str)

    def __init__(self, app, parent=None) -> None:
        super().__init__(parent)
        self._app = app
        self._installed: list[QTranslator] = []
        self.code = "en"

    def set(self, lang: str, remember: bool = True) -> None:
        """Speak ``lang`` (``zh`` or ``en``) from now on; remembered for the next start when ``remember``."""
        if lang not in i18n.LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        if remember:
            settings = app_settings()
            settings.setValue(_SETTING, lang)
            settings.sync()
        if lang == self.code and (lang == "en" or self._installed):
            return
        translators = load_translators(lang)
        for old in self._installed:
            self._app.removeTranslator(old)
        for new in translators:
            self._app.installTranslator(new)
        self._installed = translators
        self.code = lang
        i18n.use(lang, translators[0].translate if translators else None)
        self.changed.emit(lang)


class Retranslating:
    """Mixin for a widget that sets its texts in ``retranslate()``: called
    again on every ``LanguageChange`` Qt sends when the language switches."""

    def retranslate(self) -> None:  # pragma: no cover - every user defines it
        raise NotImplementedError

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Titles:
    """Menus, docks and toolbars whose titles follow the language.

    Each is named once, with its English source text marked
    ``QT_TRANSLATE_NOOP("MainWindow", …)``; :meth:`retranslate` sets them all
    again in the current language.
    """

    def __init__(self) -> None:
        self._named: list[tuple[object, str]] = []

    def add(self, widget, text: str):
        """Give ``widget`` (a ``QMenu``, ``QDockWidget`` or ``QToolBar``) the title ``text``; returns it."""
        self._named.append((widget, text))
        self._show(widget, text)
        return widget

    def retranslate(self) -> None:
        """Set every title again in the current language."""
        for widget, text in self._named:
            self._show(widget, text)

    @staticmethod
    def _show(widget, text: str) -> None:
        title = QCoreApplication.translate("MainWindow", text)
        if isinstance(widget, QMenu):
            widget.setTitle(title)
        else:
            widget.setWindowTitle(title)
