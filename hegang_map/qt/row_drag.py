"""Drag-to-reorder for list models whose rows live in an evented model list."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, Qt


class RowDragMixin:
    """Qt drag-and-drop virtuals that move one row through the model list.

    A list model mixes this in before ``QAbstractListModel`` and provides
    ``drag_mime`` (a MIME type of its own), ``row_total()`` and
    ``move_row(source, dest)``; the model list's move events then update
    every view, as for any other change.
    """

    drag_mime = "application/x-hegang-map-row"

    def row_total(self) -> int:
        raise NotImplementedError

    def move_row(self, source: int, dest: int) -> None:
        raise NotImplementedError

    def supportedDropActions(self):  # noqa: N802 (Qt API)
        return Qt.DropAction.MoveAction

    def mimeTypes(self):  # noqa: N802 (Qt API)
        return [self.drag_mime]

    def mimeData(self, indexes):  # noqa: N802 (Qt API)
        mime = QMimeData()
        if indexes:
            mime.setData(self.drag_mime, QByteArray(str(indexes[0].row()).encode()))
        return mime

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 (Qt API)
        if not data.hasFormat(self.drag_mime):
            return False
        try:
            source = int(bytes(data.data(self.drag_mime)).decode())
        except ValueError:
            return False
        total = self.row_total()
        if not 0 <= source < total:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else total
        self.move_row(source, row - 1 if row > source else row)
        # The move is done; returning False stops the view removing the source row.
        return False
