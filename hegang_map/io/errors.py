"""The one exception type that reading raises, with a message for people."""

import re
from ..util.i18n import translate

# C0 and C1 controls (a C1 CSI, U+009B, starts a terminal escape sequence as
# ESC [ does), line and paragraph separators, and the bidirectional
# overrides and isolates that make a terminal show text in another order.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` with control characters (newlines, tabs, NUL ...) shown as escapes.

    File and layer names are untrusted: a name holding a newline must not
    split a message over two lines (the CLI promises one line on stderr),
    and one holding a terminal escape or a right-to-left override must not
    recolour the terminal or reorder what it shows.
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


class DataError(Exception):
    """Input that cannot be read; ``str(err)`` is a complete, readable message.

    The message says what went wrong, which file, and what to do, so the GUI
    shows it in a dialog and the CLI prints it as one line (control characters
    in it are escaped, so it is always one line).
    """

    def __init__(self, message: str = "", *args) -> None:
        super().__init__(one_line(message), *args)


class ReadCancelled(Exception):
    """The user cancelled a read; not an error to report."""


#: The largest project, story, style or sidecar file read (they are a few kB to a few MB).
MAX_JSON_BYTES = 64 * 1024 * 1024


def read_json(path, what: str, shown=None):
    """The JSON document of the file at ``path``: a project, story, style or sidecar.

    Raises
    ------
    DataError
        A readable one-line message for a missing or unreadable file, one too
        large for its kind, text that is not JSON, or JSON nested too deeply.
    """
    import json
    import os

    import stat

    shown = shown if shown is not None else path
    what = translate("Messages", what)  # the callers' nouns are marked for the catalogue
    try:
        # A pipe would block the read forever and a device (/dev/zero) never
        # end it: only a regular file is opened, and never read past the limit.
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode):
                raise DataError(translate("Messages", "{path}: not a {kind} but a folder.").format(path=shown, kind=what))
            raise DataError(translate("Messages", "{path}: not a {kind} but a device, pipe or socket.").format(
                path=shown, kind=what))
        if st.st_size > MAX_JSON_BYTES:
            raise DataError(translate(
                "Messages", "{path}: {value} MB is too large for a {kind} (at most {value2} MB); it cannot "
                "be one.").format(path=shown, value=format(st.st_size / 2 ** 20, ',.0f'), kind=what, value2=MAX_JSON_BYTES // 2 ** 20))
        with open(path, "rb") as fh:
            raw = fh.read(MAX_JSON_BYTES + 1)
        if len(raw) > MAX_JSON_BYTES:
            raise DataError(translate(
                "Messages", "{path}: the {kind} grew past {value} MB while it was read; it cannot be one.").format(path=shown, kind=what, value=MAX_JSON_BYTES // 2 ** 20))
    except FileNotFoundError:
        raise DataError(translate("Messages", "{path}: no such {kind}.").format(path=shown, kind=what)) from None
    except OSError as exc:
        raise DataError(translate(
            "Messages", "{path}: the {kind} cannot be read ({value}).").format(path=shown, kind=what, value=exc.strerror or exc)) from None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DataError(translate(
            "Messages", "{path}: the {kind} is saved as UTF-16 text; save it as UTF-8 and open it again.").format(path=shown, kind=what))
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as Windows editors write, is fine
    except UnicodeDecodeError as exc:
        raise DataError(translate(
            "Messages", "{path}: not a valid {kind}: it is not UTF-8 text (byte 0x{value} at position "
            "{start}). If it was saved in another encoding, save it as UTF-8 and open it again.").format(path=shown, kind=what, value=format(raw[exc.start], '02x'), start=format(exc.start, ','))) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise DataError(translate(
            "Messages", "{path}: not a valid {kind} (its JSON is nested too deeply).").format(path=shown, kind=what)) from None
    except ValueError as exc:
        if "digits" in str(exc):  # Python's own limit on the length of a whole number
            raise DataError(translate(
                "Messages", "{path}: not a valid {kind} (a number in it has more than 4,300 digits).").format(path=shown, kind=what)) from None
        raise DataError(translate(
            "Messages", "{path}: not a valid {kind} (JSON error: {value}).").format(path=shown, kind=what, value=str(exc)[:200])) from None
