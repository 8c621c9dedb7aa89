"""matplotlib's ``Artist``, imported without writing help texts nobody reads here.

Each ``Artist`` subclass matplotlib defines writes a help text for its
``set()`` method as the class is made (``matplotlib.artist.kwdoc``): about a
quarter of a second of every export process's start, a tenth of a bundled
map's export. The figures never show ``help()``, so the texts are left
empty; signatures and behaviour are matplotlib's own.
"""

from __future__ import annotations

from matplotlib import artist as _artist


def _no_help(artist) -> str:
    return ""


# Before any module that defines Artist subclasses (figure, text, patches...) is imported.
_artist.kwdoc = _no_help

Artist = _artist.Artist
