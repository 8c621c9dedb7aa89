"""The one exception type that reading raises, with a message for people."""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with control characters (newlines, tabs, NUL ...) shown as escapes.

    File and layer names are untrusted: a name holding a newline must not
    split a message over two lines (the CLI promises one line on stderr).
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
