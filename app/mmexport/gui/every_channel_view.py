"""The administrators' view on the chats page: every channel of a team, stalest first, to tick and export.

Offered only when the signed-in person has the system_admin role; the server checks it again (403). The
page keeps its own tree for everyone else and shows this panel instead while the switch is on. Reading
only: archiving or deleting the channels afterwards is done with the server's own tools
(docs/coordinators.md).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mmexport.exporting.writers.i18n import zone_label
from mmexport.gui.chat_model import last_activity_text
from mmexport.gui.messages import describe_error
from mmexport.gui.pages.base import StatusLabel, muted_color, name_for_screen_reader
from mmexport.gui.state import WizardState
from mmexport.gui.worker import Task, TaskRunner
from mmexport.mattermost import Client, errors
from mmexport.mattermost.every_channel import (
    NeedsAdministrator,
    TeamChannel,
    is_system_admin,
    list_every_channel,
)
from mmexport.mattermost.naming import name_display_of, natural_key


class HostPage(Protocol):
    """What the switch uses of the chats page that holds it (gui/pages/chats.ChatsPage). A protocol, so
    that this module does not import the page that imports it."""

    @property
    def state(self) -> WizardState: ...
    @property
    def tasks(self) -> TaskRunner: ...
    @property
    def tree(self) -> QTreeView: ...
    @property
    def filter(self) -> QLineEdit: ...
    @property
    def show_archived(self) -> QCheckBox: ...
    def subTitle(self) -> str: ...
    def setSubTitle(self, text: str) -> None: ...


COL_NAME, COL_HANDLE, COL_KIND, COL_MEMBERS, COL_MESSAGES, COL_LAST, COL_CREATOR, COL_MEMBER = range(8)
COLUMNS = 8
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what a click on a column's header sorts by
Index = QModelIndex | QPersistentModelIndex

# pyside6-lupdate finds translate("context", "text") calls by this name; a wrapper would hide them.
translate = QCoreApplication.translate


def load_every_channel(
    client: Client, team: dict, my_user_id: str, stop: threading.Event
) -> list[TeamChannel]:
    """Runs in the worker: the listing, with creators named the way the server's web app names people."""
    return list_every_channel(client, team, my_user_id, stop=stop, name_display=name_display_of(client))


def load_teams(client: Client, me: dict) -> list[dict]:
    """Runs in the worker: the teams to choose from (all of them for an administrator)."""
    try:
        teams = client.all_teams()
    except errors.Forbidden:
        teams = []
    teams = teams or client.my_teams()
    return sorted(teams, key=lambda t: natural_key(t.get("display_name") or t.get("name") or ""))


class EveryChannelModel(QAbstractTableModel):
    """The channels of one team with checkboxes, in the order given (stalest first)."""

    selection_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TeamChannel] = []
        self._checked: set[str] = set()

    def set_rows(self, rows: list[TeamChannel]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked &= {r.id for r in rows}
        self.endResetModel()
        self.selection_changed.emit()

    def rows(self) -> list[TeamChannel]:
        return list(self._rows)

    def row_at(self, index: int) -> TeamChannel:
        return self._rows[index]

    def checked_ids(self) -> list[str]:
        return [r.id for r in self._rows if r.id in self._checked]

    def set_checked_ids(self, ids: Iterable[str]) -> None:
        self._checked = {cid for cid in ids if any(r.id == cid for r in self._rows)}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        self.selection_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            translate("EveryChannel", "Channel"),
            translate("EveryChannel", "Handle"),
            translate("EveryChannel", "Kind"),
            translate("EveryChannel", "Members"),
            translate("EveryChannel", "Messages"),
            translate("EveryChannel", "Last activity"),
            translate("EveryChannel", "Created by"),
            translate("EveryChannel", "You a member?"),
        )[section]

    @staticmethod
    def _header_tip(section: int) -> str | None:
        if section == COL_HANDLE:
            return translate(
                "EveryChannel",
                "team:channel, the name the server's own tools take (mmctl channel archive team:channel). "
                "Two channels may look alike; their handles always differ.",
            )
        if section == COL_MESSAGES:
            return translate(
                "EveryChannel",
                "As the server counts them: messages and replies, deleted ones included, join and leave "
                "notices not. The archive's start page counts the same way and lists the notices apart.",
            )
        if section == COL_LAST:
            return translate("EveryChannel", "In this computer's time zone (%1).").replace("%1", zone_label())
        return None
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == COL_NAME else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NAME:
            return Qt.CheckState.Checked if row.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_MEMBERS, COL_MESSAGES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return QColor(muted_color())
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == COL_NAME:
            return ", ".join(self._text(row, c) for c in range(1, COLUMNS))
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_CREATOR and row.creator_label:
            return row.creator_label  # the name as the server's setting shows people
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        return None

    def _sort_key(self, row: TeamChannel, column: int) -> Any:
        if column == COL_MEMBERS:
            return -1 if row.member_count is None else row.member_count
        if column == COL_MESSAGES:
            return row.messages
        if column == COL_LAST:
            return row.last_post_at
        return natural_key(self._text(row, column))

    def _text(self, row: TeamChannel, column: int) -> str:
        locale = QLocale()
        if column == COL_NAME:
            return row.display_name
        if column == COL_HANDLE:
            return row.handle
        if column == COL_KIND:
            kind = (
                translate("EveryChannel", "public")
                if row.kind == "public"
                else translate("EveryChannel", "private")
            )
            return translate("EveryChannel", "%1, archived").replace("%1", kind) if row.archived else kind
        if column == COL_MEMBERS:
            return "?" if row.member_count is None else locale.toString(row.member_count)
        if column == COL_MESSAGES:
            return locale.toString(row.messages)
        if column == COL_LAST:
            return last_activity_text(row.last_post_at, locale)  # as the list of one's own chats says it
        if column == COL_CREATOR:  # as the command line shows it; none for the team's own channels
            return f"@{row.creator['username']}" if row.creator and row.creator.get("username") else ""
        return translate("EveryChannel", "yes") if row.is_member else translate("EveryChannel", "no")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_NAME or not index.isValid():
            return False
        checked = value if isinstance(value, bool) else Qt.CheckState(value) != Qt.CheckState.Unchecked
        channel_id = self._rows[index.row()].id
        if checked:
            self._checked.add(channel_id)
        else:
            self._checked.discard(channel_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()
        return True


class EveryChannelFilter(QSortFilterProxyModel):
    """Sorting by any column, the page's find box (name, handle or creator) and its archived switch."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._show_archived = False
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_archived(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EveryChannelModel):
            return True
        row = model.row_at(source_row)
        if row.archived and not self._show_archived:
            return False
        if not self._text:
            return True
        creator = (row.creator or {}).get("username", "")
        haystack = f"{row.display_name}\n{row.handle}\n@{creator}\n{row.creator_label}".casefold()
        return self._text in haystack

    def visible_ids(self) -> list[str]:
        return [str(self.index(r, COL_NAME).data(Qt.ItemDataRole.UserRole)) for r in range(self.rowCount())]


def team_label(team: dict) -> str:
    """"Forschung (forschung)": the name shown everywhere and the handle the server's tools take."""
    name = str(team.get("name") or team.get("id") or "")
    display = str(team.get("display_name") or "")
    return f"{display} ({name})" if display and display != name else name


class EveryChannelSwitch(QObject):
    """The switch above the chat tree and the panel it shows; the chats page asks it what is ticked."""

    selection_changed = Signal()

    def __init__(self, page: HostPage) -> None:
        super().__init__(page if isinstance(page, QObject) else None)  # it always is: the QWizardPage
        self.page = page
        self._teams_task: Task | None = None
        self._list_task: Task | None = None
        self._stop = threading.Event()
        self._loaded_for = ""
        self.toggle = QCheckBox(translate("EveryChannel", "Show every channel of the &team"))
        self.toggle.setToolTip(
            translate(
                "EveryChannel",
                "For system administrators: every public, private and archived channel of a team, also the "
                "ones you are not a member of, stalest first.",
            )
        )
        self.toggle.hide()
        self.toggle.toggled.connect(self._toggled)
        # Everyone else: one plain line why there is no such switch (the server decides, not this program).
        self.why_not = QLabel(
            translate(
                "EveryChannel",
                "Only a system administrator of the server can list every channel of a team; this sign-in "
                "shows the chats you belong to.",
            )
        )
        self.why_not.setWordWrap(True)
        self.why_not.setStyleSheet(f"color: {muted_color()}")
        self.why_not.hide()
        self._own_subtitle = ""
        self.panel = QWidget()
        self.panel.hide()
        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        team_label = QLabel(translate("EveryChannel", "T&eam:"))
        self.team = QComboBox()
        team_label.setBuddy(self.team)
        self.team.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        name_for_screen_reader(
            self.team,
            translate("EveryChannel", "Team"),
            translate("EveryChannel", "Whose channels the list shows"),
        )
        self.team.currentIndexChanged.connect(self._team_chosen)
        row.addWidget(team_label)
        row.addWidget(self.team, 1)
        layout.addLayout(row)
        self.note = QLabel(
            translate(
                "EveryChannel",
                "Stalest first (click a column's header to sort by it). Tick the channels to keep in an "
                "archive. The program only reads: archive or delete channels afterwards with the server's own "
                "tools, by their handle (team:channel). Times are in this computer's time zone (%1).",
            ).replace("%1", zone_label())
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.model = EveryChannelModel(self)
        self.model.selection_changed.connect(self.selection_changed)
        self.proxy = EveryChannelFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_LAST, Qt.SortOrder.AscendingOrder)  # stalest first
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        # The names take what is left, the other columns what their contents need, from the first draw on
        # (no stretching last column, no later resize that leaves a third of the table empty).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in range(1, COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        page.filter.textChanged.connect(self.proxy.set_text)
        page.show_archived.toggled.connect(self.proxy.set_show_archived)
        self.proxy.set_show_archived(page.show_archived.isChecked())
        name_for_screen_reader(
            self.table,
            translate("EveryChannel", "Every channel of the team"),
            translate("EveryChannel", "Space ticks or clears the channel in the current row."),
        )
        layout.addWidget(self.table, 1)
        self.status = StatusLabel()
        layout.addWidget(self.status)

    @property
    def active(self) -> bool:
        return self.toggle.isChecked()

    def checked_ids(self) -> list[str]:
        return self.model.checked_ids()

    def channels_by_id(self) -> dict[str, dict]:
        return {r.id: r.channel for r in self.model.rows()}

    def offer(self) -> None:
        """Shows the switch to system administrators only (the page calls it when it is shown)."""
        me = self.page.state.me or {}
        admin = is_system_admin(me)
        self.toggle.setVisible(admin)
        self.why_not.setVisible(not admin and bool(me))
        key = f"{self.page.state.server_url}|{me.get('id', '')}"
        if key != self._loaded_for:
            self._loaded_for = key
            self.model.set_rows([])
            self.team.clear()
            if self.toggle.isChecked():
                self.toggle.setChecked(False)
        if not admin and self.toggle.isChecked():
            self.toggle.setChecked(False)

    def set_all_checked(self, checked: bool) -> None:
        """"All" ticks the channels the table shows (found and, unless switched on, not archived)."""
        self.model.set_checked_ids(self.proxy.visible_ids() if checked else [])

    def _toggled(self, on: bool) -> None:
        self.page.tree.setVisible(not on)
        self.panel.setVisible(on)
        # The page's header speaks of the tree of one's own chats (a team's box ticks its channels).
        if on:
            self._own_subtitle = self.page.subTitle()
            self.page.setSubTitle(
                translate(
                    "EveryChannel",
                    "Every channel of the team, also the ones you are not a member of. Tick the channels to "
                    "keep in an archive before they are archived or deleted on the server.",
                )
            )
        elif self._own_subtitle:
            self.page.setSubTitle(self._own_subtitle)
        self.page.state.options.every_channel = on
        if on and self.team.count() == 0:
            self._load_teams()
        self.selection_changed.emit()

    def _load_teams(self) -> None:
        client, me = self.page.state.client, self.page.state.me or {}
        if client is None:  # not signed in (the page is not reachable then)
            return
        self.status.show_message("busy", translate("EveryChannel", "Loading the teams…"))
        self._teams_task = self.page.tasks.submit(
            lambda: load_teams(client, me), self._teams_loaded, self._failed, "teams"
        )

    def _teams_loaded(self, teams: list[dict]) -> None:
        self._teams_task = None
        self.status.clear_message()
        self.team.blockSignals(True)
        for team in teams:
            self.team.addItem(team_label(team), team)
        self.team.blockSignals(False)
        if teams:
            self._team_chosen(0)

    def _team_chosen(self, index: int) -> None:
        team = self.team.itemData(index)
        if not team:
            return
        self.page.tasks.forget(self._list_task)
        self._stop.set()
        self._stop = stop = threading.Event()
        client, me = self.page.state.client, self.page.state.me or {}
        if client is None:
            return
        self.model.set_rows([])
        self.status.show_message("busy", translate("EveryChannel", "Counting the members of every channel…"))
        self._list_task = self.page.tasks.submit(
            lambda: load_every_channel(client, team, me["id"], stop), self._listed, self._failed, "every"
        )

    def _listed(self, rows: list[TeamChannel]) -> None:
        self._list_task = None
        self.status.clear_message()
        self.model.set_rows(rows)

    def _failed(self, exc: BaseException) -> None:
        self._teams_task = self._list_task = None
        if isinstance(exc, NeedsAdministrator):
            text = translate(
                "EveryChannel",
                "The server says this sign-in is not a system administrator's. Only a system administrator "
                "can list every channel of a team.",
            )
        else:
            text = describe_error(exc).as_html()
        self.status.show_message("error", text)

    def stop(self) -> None:
        self._stop.set()
        self.page.tasks.forget(self._list_task)
        self.page.tasks.forget(self._teams_task)
