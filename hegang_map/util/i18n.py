"""The one way a text outside ``qt/`` reaches the user in their language.

Legend titles and notes, classification names, export page texts and
command-line messages are made by Qt-free code. They go through
:func:`translate`, which looks them up in whatever catalogue the app pointed
it at (:func:`use`): at start the app points it at the Qt translator that
holds ``resources/i18n/hegang_map_zh_CN.qm``, so Qt's own machinery (``.ts``
sources, ``lupdate``, ``lrelease``) serves both halves of the app. Until
then, and for English, a text is its own translation.

``lupdate`` finds the texts by the calls ``translate("Context", "text")``
and ``QT_TRANSLATE_NOOP("Context", "text")`` (for texts declared once and
translated when shown), so the context and the text must be string literals
at the call. Placeholders are ``{name}``, filled after translation with
``str.format``: a translator may move them.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Callable

#: The languages the app speaks, by the code ``--lang`` takes.
LANGUAGES = ("zh", "en")

#: How a language's catalogue is named (``hegang_map_zh_CN.qm``) and Qt names it.
LOCALES = {"zh": "zh_CN", "en": "en"}

Lookup = Callable[[str, str, "str | None", int], str]

_current: dict = {"lang": "en", "lookup": None}


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language (``text`` itself when no translation is known)."""
    lookup = _current["lookup"]
    if lookup is None:
        return text
    return lookup(context, text, disambiguation, n) or text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for the catalogue without translating it now (it is translated when shown)."""
    return text


def use(lang: str, lookup: Lookup | None) -> None:
    """Speak ``lang`` from now on, looking texts up with ``lookup`` (``None``: source texts)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _current["lang"] = lang
    _current["lookup"] = None if lang == "en" else lookup


@contextmanager
def speaking(lang: str, lookup: Lookup | None):
    """Speak ``lang`` inside the ``with`` block, then the language spoken before."""
    before = dict(_current)
    use(lang, lookup)
    try:
        yield
    finally:
        _current.update(before)


def catalogue_lookup(ts: "os.PathLike | str") -> Lookup:
    """Look texts up in a Qt Linguist ``.ts`` catalogue, without Qt.

    For runs that load no Qt at all (a command-line export on a server): the
    ``.ts`` is what the ``.qm`` the window loads is compiled from, and a test
    keeps the two the same. Unfinished translations are not used.
    """
    import xml.etree.ElementTree as ET

    table: dict[tuple[str, str, str], str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            table[key] = translation.text or ""

    def lookup(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return table.get((context, text, disambiguation or ""), "")

    return lookup


def preferred_language(asked: str | None, saved: str | None, environ: "dict | None" = None) -> str:
    """The language to speak: the one asked for (``--lang``), else the one
    chosen last time, else the system's (Chinese for a ``zh`` locale)."""
    for choice in (asked, saved):
        if choice in LANGUAGES:
            return choice
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def language() -> str:
    """The code of the current language (``zh`` or ``en``)."""
    return _current["lang"]

