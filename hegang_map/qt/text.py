"""Showing untrusted text in Qt widgets that would otherwise guess at HTML."""

from __future__ import annotations

import html


def plain_tooltip(text: str, limit: int = 2000) -> str:
    """Return a tooltip that shows ``text`` literally.

    Qt renders a tooltip as rich text when it looks like HTML, so attribute
    values are escaped inside an explicit rich-text wrapper.
    """
    text = str(text)
    if len(text) > limit:
        text = text[:limit] + "…"
    return "<qt><span style='white-space:pre-wrap'>" + html.escape(text) + "</span></qt>"
