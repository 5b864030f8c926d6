"""The tree of chats with checkboxes: one group per team, then direct messages, then group messages.

A plain QAbstractItemModel over precomputed rows, so that thousands of chats stay quick: data() only looks
things up, the filter rebuilds two small lists, and the ticked chats are a set of ids that does not depend
on what the filter currently shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap

from mmexport.gui.chatlist import ChatList, ChatRow
from mmexport.gui.pages.base import muted_color
from mmexport.mattermost.naming import fold_for_search

COL_NAME, COL_MESSAGES, COL_LAST = 0, 1, 2
_GROUP = 0  # internalId of top-level (group) rows; chats carry their group's number + 1
AVATAR_SIZE = 20

Index = QModelIndex | QPersistentModelIndex


# pyside6-lupdate finds translate("context", "text") calls by this name; a wrapper would hide them.
translate = QCoreApplication.translate


@dataclass
class _Chat:
    row: ChatRow
    label: str
    messages_text: str
    last_text: str
    search_key: str  # every name of the chat, folded as the viewer's search folds


@dataclass
class _Group:
    key: str  # team id, "direct" or "group"
    title: str
    chats: list[_Chat]
    visible: list[_Chat] = field(default_factory=list)


class ChatModel(QAbstractItemModel):
    selection_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._visible_groups: list[_Group] = []
        self._checked: set[str] = set()
        self._saved: set[str] = set()  # exported earlier in this session: marked "already saved"
        self._filter: list[str] = []  # folded words, each of which a shown chat's names contain
        self._show_archived = False
        self._icons: dict[str, QIcon] = {}
        self._avatars: dict[str, QIcon] = {}
        self._rows_by_id: dict[str, ChatRow] = {}

    # ---- filling -------------------------------------------------------------------------------------
    def set_chats(self, chats: ChatList) -> None:
        self.beginResetModel()
        locale = QLocale()
        by_team: dict[str, list[_Chat]] = {t["id"]: [] for t in chats.teams}
        direct: list[_Chat] = []
        group: list[_Chat] = []
        for row in chats.rows:
            chat = _Chat(
                row=row,
                label=row.name,
                messages_text=locale.toString(row.messages),
                last_text=last_activity_text(row.last_post_at, locale),
                search_key=fold_for_search(f"{row.name} {row.also_known_as}"),
            )
            if row.kind == "direct":
                direct.append(chat)
            elif row.kind == "group":
                group.append(chat)
            else:
                by_team.setdefault(row.team_id, []).append(chat)
        groups = [_Group(tid, chats.team_name(tid), items) for tid, items in by_team.items()]
        groups.append(_Group("direct", translate("ChatModel", "Direct messages"), direct))
        groups.append(_Group("group", translate("ChatModel", "Group messages"), group))
        for g in groups:
            g.chats.sort(key=lambda c: c.label.casefold())
        self._groups = groups
        self._rows_by_id = {row.id: row for row in chats.rows}
        self._avatars.clear()
        self._checked &= set(self._rows_by_id)
        self._recompute_visible()
        self.endResetModel()
        self.selection_changed.emit()

    def set_filter(self, text: str) -> None:
        words = fold_for_search(text).split()
        if words == self._filter:
            return
        self.beginResetModel()
        self._filter = words
        self._recompute_visible()
        self.endResetModel()

    def set_show_archived(self, show: bool) -> None:
        if show == self._show_archived:
            return
        self.beginResetModel()
        self._show_archived = show
        if not show:  # hidden chats must not be exported without the person seeing them
            self._checked -= {cid for cid, row in self._rows_by_id.items() if row.archived}
        self._recompute_visible()
        self.endResetModel()
        self.selection_changed.emit()

    def nothing_found(self) -> bool:
        """A search is typed and no chat matches it (not: the list is still empty)."""
        return bool(self._filter) and not self._visible_groups

    @property
    def show_archived(self) -> bool:
        return self._show_archived

    def _recompute_visible(self) -> None:
        for g in self._groups:
            g.visible = [c for c in g.chats if self._shows(c)]
        self._visible_groups = [g for g in self._groups if g.visible]

    def _shows(self, chat: _Chat) -> bool:
        if chat.row.archived and not self._show_archived:
            return False
        return all(word in chat.search_key for word in self._filter)

    def mark_saved(self, ids) -> None:
        """Marks the chats an export of this session has saved, so that "Export more chats" shows them."""
        self._saved = set(ids)
        if self._visible_groups:
            last = len(self._visible_groups) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, 0))  # groups; their chats follow below
            for row, group in enumerate(self._visible_groups):
                parent = self.index(row, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(group.visible) - 1, 0, parent))

    # ---- ticking -------------------------------------------------------------------------------------
    def checked_ids(self) -> list[str]:
        return [cid for cid in self._rows_by_id if cid in self._checked]

    def set_checked_ids(self, ids) -> None:
        wanted = {cid for cid in ids if cid in self._rows_by_id}
        if not self._show_archived:
            wanted = {cid for cid in wanted if not self._rows_by_id[cid].archived}
        self._checked = wanted
        self._all_changed()

    def set_all_checked(self, checked: bool) -> None:
        """Ticks or clears every chat the list shows now (a filter narrows it)."""
        for g in self._visible_groups:
            self._apply(g.visible, checked)
        self._all_changed()

    def set_group_checked(self, group_row: int, checked: bool) -> None:
        group = self._visible_groups[group_row]
        self._apply(group.visible, checked)
        self._group_changed(group_row)

    def group_titles(self) -> list[str]:
        return [g.title for g in self._visible_groups]

    def _apply(self, chats: list[_Chat], checked: bool) -> None:
        ids = {c.row.id for c in chats}
        if checked:
            self._checked |= ids
        else:
            self._checked -= ids

    def _all_changed(self) -> None:
        for row in range(len(self._visible_groups)):
            self._group_changed(row, notify=False)
        self.selection_changed.emit()

    def _group_changed(self, group_row: int, notify: bool = True) -> None:
        group_index = self.index(group_row, 0)
        self.dataChanged.emit(group_index, group_index, [Qt.ItemDataRole.CheckStateRole])
        count = len(self._visible_groups[group_row].visible)
        if count:
            first = self.index(0, 0, group_index)
            last = self.index(count - 1, 0, group_index)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.CheckStateRole])
        if notify:
            self.selection_changed.emit()

    def _group_state(self, group: _Group) -> Qt.CheckState:
        ticked = sum(1 for c in group.visible if c.row.id in self._checked)
        if ticked == 0:
            return Qt.CheckState.Unchecked
        if ticked == len(group.visible):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked

    # ---- Qt model interface -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            if 0 <= row < len(self._visible_groups) and 0 <= column < 3:
                return self.createIndex(row, column, _GROUP)
            return QModelIndex()
        if parent.internalId() != _GROUP:
            return QModelIndex()
        group_row = parent.row()
        if 0 <= row < len(self._visible_groups[group_row].visible) and 0 <= column < 3:
            return self.createIndex(row, column, group_row + 1)
        return QModelIndex()

    # Qt overloads parent(): QObject.parent() and the model's parent(index); a tree model overrides the latter.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._visible_groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._visible_groups[parent.row()].visible)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                translate("ChatModel", "Chat"),
                translate("ChatModel", "Messages"),
                translate("ChatModel", "Last activity"),
            )[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_NAME:
            base |= Qt.ItemFlag.ItemIsUserCheckable
            if index.internalId() == _GROUP:
                base |= Qt.ItemFlag.ItemIsAutoTristate
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(self._visible_groups[index.row()], index.column(), role)
        chat = self._visible_groups[index.internalId() - 1].visible[index.row()]
        return self._chat_data(chat, index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return group.title
            if column == COL_MESSAGES:
                return QLocale().toString(sum(c.row.messages for c in group.visible))
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NAME:
            return self._group_state(group)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_NAME:
            return group.title
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == COL_NAME:
            ticked = sum(1 for c in group.visible if c.row.id in self._checked)
            text = translate("ChatModel", "%1 of %2 chats ticked; Space ticks or clears them all")
            return text.replace("%1", QLocale().toString(ticked)).replace(
                "%2", QLocale().toString(len(group.visible))
            )
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_MESSAGES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _chat_data(self, chat: _Chat, column: int, role: int):
        row = chat.row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                if row.id in self._saved:
                    return translate("ChatModel", "%1 · already saved").replace("%1", chat.label)
                return chat.label
            return chat.messages_text if column == COL_MESSAGES else chat.last_text
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NAME:
            return Qt.CheckState.Checked if row.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == COL_NAME:
            return self._decoration(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_NAME:
            return chat.label
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == COL_NAME:
            return self._description(chat)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_MESSAGES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return QColor(muted_color())
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_NAME or not index.isValid():
            return False
        checked = Qt.CheckState(value) != Qt.CheckState.Unchecked if not isinstance(value, bool) else value
        if index.internalId() == _GROUP:
            group = self._visible_groups[index.row()]
            # a partly ticked group becomes fully ticked on the first click, as people expect
            checked = self._group_state(group) != Qt.CheckState.Checked
            self.set_group_checked(index.row(), checked)
            return True
        group_row = index.internalId() - 1
        chat = self._visible_groups[group_row].visible[index.row()]
        self._apply([chat], checked)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        group_index = self.index(group_row, 0)
        self.dataChanged.emit(group_index, group_index, [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()
        return True

    # ---- looks -----------------------------------------------------------------------------------------
    def _decoration(self, row: ChatRow) -> QIcon:
        if row.kind == "direct" and row.avatar:
            icon = self._avatars.get(row.id)
            if icon is None:
                icon = _round_avatar(row.avatar) or _kind_icon(self._icons, "direct")
                self._avatars[row.id] = icon
            return icon
        return _kind_icon(self._icons, "archived" if row.archived else row.kind)

    def _description(self, chat: _Chat) -> str:
        """What a screen reader says after the name: kind, number of messages, last activity."""
        text = translate("ChatModel", "%1, %2 messages, last activity: %3")
        text = text.replace("%1", self._tooltip(chat.row)).replace("%2", chat.messages_text)
        text = text.replace("%3", chat.last_text)
        if chat.row.id in self._saved:
            text += ", " + translate("ChatModel", "already saved")
        return text

    def _tooltip(self, row: ChatRow) -> str:
        kinds = {
            "public": translate("ChatModel", "Public channel"),
            "private": translate("ChatModel", "Private channel"),
            "direct": translate("ChatModel", "Direct message"),
            "group": translate("ChatModel", "Group message"),
        }
        text = kinds.get(row.kind, "")
        if row.archived:
            text = translate("ChatModel", "%1 (archived)").replace("%1", text)
        return text


def last_activity_text(ms: int, locale: QLocale) -> str:
    if not ms:
        return translate("ChatModel", "never")
    moment = QDateTime.fromMSecsSinceEpoch(ms)
    if moment.date() == QDateTime.currentDateTime().date():
        return translate("ChatModel", "today")
    if locale.language() == QLocale.Language.C:  # no language set (a bare system): an unambiguous date
        return moment.date().toString("yyyy-MM-dd")
    return locale.toString(moment.date(), locale.dateFormat(QLocale.FormatType.ShortFormat))


def _round_avatar(data: bytes) -> QIcon | None:
    image = QImage.fromData(data)
    if image.isNull():
        return None
    size = AVATAR_SIZE * 2  # drawn at twice the size so it stays sharp on high-resolution screens
    scaled = image.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
    )
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(QRectF(0, 0, size, size))
    painter.setClipPath(path)
    painter.drawImage(0, 0, scaled)
    painter.end()
    return QIcon(pixmap)


def _kind_icon(cache: dict[str, QIcon], kind: str) -> QIcon:
    icon = cache.get(kind)
    if icon is None:
        icon = QIcon(_draw_kind(kind))
        cache[kind] = icon
    return icon


def _draw_kind(kind: str, size: int = 40) -> QPixmap:
    """Small drawn symbols (#, padlock, person, people, box) so nothing depends on an icon theme."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor("#3d5a80")
    pen = QPen(color, size / 10)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    s = size
    if kind == "public":
        for x in (0.4, 0.62):
            p.drawLine(QPointF(s * (x + 0.05), s * 0.2), QPointF(s * (x - 0.05), s * 0.8))
        for y in (0.4, 0.6):
            p.drawLine(QPointF(s * 0.22, s * y), QPointF(s * 0.8, s * y))
    elif kind == "private":
        p.drawArc(QRectF(s * 0.32, s * 0.15, s * 0.36, s * 0.4), 0, 180 * 16)
        p.drawLine(QPointF(s * 0.32, s * 0.35), QPointF(s * 0.32, s * 0.45))
        p.drawLine(QPointF(s * 0.68, s * 0.35), QPointF(s * 0.68, s * 0.45))
        p.setBrush(color)
        p.drawRoundedRect(QRectF(s * 0.22, s * 0.45, s * 0.56, s * 0.4), s * 0.06, s * 0.06)
    elif kind in ("direct", "group"):
        p.setBrush(color)
        heads = [(0.5, 1.0)] if kind == "direct" else [(0.33, 0.8), (0.67, 0.8)]
        for x, scale in heads:
            r = s * 0.13 * scale
            p.drawEllipse(QPointF(s * x, s * 0.33), r, r)
            p.drawChord(QRectF(s * x - s * 0.25 * scale, s * 0.52, s * 0.5 * scale, s * 0.55), 0, 180 * 16)
    else:  # archived: a box
        p.drawRect(QRectF(s * 0.2, s * 0.25, s * 0.6, s * 0.15))
        p.drawRect(QRectF(s * 0.25, s * 0.4, s * 0.5, s * 0.4))
        p.drawLine(QPointF(s * 0.42, s * 0.52), QPointF(s * 0.58, s * 0.52))
    p.end()
    return pixmap
