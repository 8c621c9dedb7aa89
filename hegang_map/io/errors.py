"""The one exception type that reading raises, with a message for people."""


class DataError(Exception):
    """Input that cannot be read; ``str(err)`` is a complete, readable message.

    The message says what went wrong, which file, and what to do, so the GUI
    shows it in a dialog and the CLI prints it as one line.
    """
