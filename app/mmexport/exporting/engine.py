"""The export engine: a selection of chats becomes the archive folder, completely, resumably and paced.

One scheduler loop (the thread that calls run()) owns all state; a pool of worker threads only does I/O:
probe a channel's segment starts, fetch one page and write it, ask for the changes since the last run,
assemble one channel's posts.jsonl, download one file. Every request goes through the client's shared
pacer, so channels, segments and downloads run in parallel within the server's limits.

Paging (mattermost/paging.py): each channel is walked by cursor, a big one in a few segments at once; a
worker gets a copy of a segment's walk, sends its one request, writes the page together with the walk's
state after it and returns that state; the scheduler adopts it and sends the next. What each step needs
written before it runs:
- a page: the round's segments saved in the channel state (so that a resume finds its pages);
- an update: first the changes since the last round (`since`). The server lists at most 1,000 changed
  posts, in no useful order (docs/server-behaviour.md): below that cap the answer is every new, edited and
  deleted post, written as the round's one page, and nothing else is fetched; at the cap the whole chat is
  walked again (its current versions replace the saved ones), so that an update is always complete;
- assembly: every segment's walk done and its pages on disk;
- attachments: posts.jsonl written (the wanted list comes from it);
- the finishing step (finish.py): every channel done or failed.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mmexport.archive import guard, layout
from mmexport.archive.layout import atomic_write_json, inside, slug
from mmexport.archive.manifest import ManifestChannel, RunFacts, now_iso
from mmexport.archive.owner import Owner, owner_problem, server_identity
from mmexport.archive.reader import FolderState, examine
from mmexport.archive.state import ChannelState, StateStore
from mmexport.exporting import messages
from mmexport.exporting.assemble import (
    PeopleAndFiles,
    Written,
    entries_from_pages,
    entries_of_file,
    in_order_once,
    in_range,
    merge_with_existing,
    page_file,
    read_page,
    write_fetched_part,
    write_page,
    write_posts,
)
from mmexport.exporting.events import (
    ChannelFinished,
    ChannelProgress,
    ChannelStarted,
    Event,
    NetworkWait,
    Paused,
    ProblemFound,
    Resumed,
    RunFinished,
    RunStarted,
    Text,
    TokenExpired,
)
from mmexport.exporting.files import FileJob, download_to_archive, file_job
from mmexport.exporting.finish import Finisher
from mmexport.exporting.messages import folder_problem, log_message
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.progress import ProgressTracker
from mmexport.exporting.writers.i18n import Texts
from mmexport.mattermost import errors as mm
from mmexport.mattermost import paging
from mmexport.mattermost.every_channel import is_system_admin
from mmexport.mattermost.naming import channel_display_name, client_config_or_empty, name_display_setting
from mmexport.mattermost.paging import PER_PAGE, Walk, posts_in_page

if TYPE_CHECKING:
    from mmexport.mattermost.client import Client

__all__ = ["Exporter", "estimate_messages", "folder_problem"]

log = logging.getLogger(__name__)

NETWORK_PATIENCE_SECONDS = 15 * 60  # how long a lost network is waited for before a channel counts as failed
# A request that keeps failing while the server answers others (a file whose body always breaks, a page
# the server cannot produce) is given up after this many tries or this long, listed under problems; the
# next run tries it again. Only a server that answers nothing is waited for (NETWORK_PATIENCE_SECONDS).
LONE_FAILURE_TRIES = 3
LONE_FAILURE_SECONDS = 120.0
PAGE_ATTEMPTS = 4  # a page that fails this often (not a network problem: a bad answer) fails its channel
SEGMENT_POSTS = 10_000  # a channel gets one segment per this many expected posts, at most one per job
CHANGES_LIMIT = 1000  # the server answers `since` with at most this many changed posts


class _Stop(Exception):
    """Ends the run early: cancel, token expiry or a full disk. The reason is on the Exporter."""


class Phase(Enum):
    """Where a channel is in its round (a fresh export or an update)."""

    PLAN = "plan"  # the segments of its walk are not known yet (a big channel probes for their starts)
    PAGES = "pages"  # walking the segments by cursor
    ASSEMBLE = "assemble"  # pages complete: posts.jsonl next (once the changes since the last run are in)
    FILES = "files"  # posts.jsonl written: attachments downloading
    DONE = "done"
    FAILED = "failed"


class Changes(Enum):
    """The `since` request of an update: new, edited and deleted posts since the last round."""

    NOT_NEEDED = "not needed"  # a fresh export
    WANTED = "wanted"
    ASKED = "asked"  # in flight
    APPLIED = "applied"  # answered: its posts are the round's page, or the whole chat is walked again


@dataclass
class _Channel:
    channel: dict
    name: str
    team: str  # team name, "" for DMs and group messages
    state: ChannelState
    expected: int
    members: list[str] = field(default_factory=list)
    phase: Phase = Phase.PLAN
    stop_at: int | None = None  # fetch back to this create_at and no further
    walks: list[Walk] = field(default_factory=list)  # one per segment, newest first
    busy: set[int] = field(default_factory=set)  # segments with a page in flight
    working: bool = False  # a plan, assembly or scan task is in flight
    changes: Changes = Changes.NOT_NEEDED
    earlier_round: bool = False  # its round was begun by an earlier attempt of this run: catch up after it
    page_failures: dict[int, int] = field(default_factory=dict)  # segment -> failed attempts in a row
    fetched: int = 0
    files_total: int = 0
    files_done: int = 0
    files_failed: int = 0
    bytes_done: int = 0
    updating: bool = False  # saved by an earlier run: this run brings it up to date (else it is new)
    notices: int = 0  # join/leave notices among its saved posts, which the server's message count leaves out
    notices_written: int = 0  # those of the posts.jsonl last assembled: `notices` once the chat is finished

    @property
    def id(self) -> str:
        return self.channel["id"]


# ----- the tasks a worker runs, and what each hands back to the scheduler -----


@dataclass(frozen=True)
class _PlanTask:
    run: _Channel


@dataclass(frozen=True)
class _PageTask:
    run: _Channel
    segment: int
    walk: Walk  # a copy: the scheduler's own is replaced by the result


@dataclass(frozen=True)
class _ChangesTask:
    run: _Channel


@dataclass(frozen=True)
class _AssembleTask:
    run: _Channel


@dataclass(frozen=True)
class _FileTask:
    job: FileJob


_Task = _PlanTask | _PageTask | _ChangesTask | _AssembleTask | _FileTask


@dataclass(frozen=True)
class _Planned:
    walks: list[Walk]


@dataclass(frozen=True)
class _PageFetched:
    kept: int  # posts of the answer this segment keeps
    walk: Walk  # the walk's state after the page
    new: int  # of them, those not saved before (an update re-reads its boundary millisecond's posts)


@dataclass(frozen=True)
class _ChangesFetched:
    posts: list[dict]  # the server's answer (new, edited, deleted posts and the copies edits leave)
    complete: bool  # below the server's cap: these are all the changes, written as the round's page
    current: int = 0  # of them, the current versions written as that page (complete only)


@dataclass(frozen=True)
class _Assembled:
    written: Written
    refs: PeopleAndFiles
    missing: list[FileJob]  # attachments not saved yet
    saved: int  # attachments saved already


@dataclass(frozen=True)
class _FileSaved:
    entry: dict


_Result = _Planned | _PageFetched | _ChangesFetched | _Assembled | _FileSaved
_T = TypeVar("_T")
_A = TypeVar("_A")


def estimate_messages(channels: list[dict]) -> int:
    """Messages expected for the chosen channels (total_msg_count; join/leave notices come on top)."""
    return sum(int(c.get("total_msg_count") or 0) for c in channels)


class Exporter:
    def __init__(
        self,
        client: Client,
        out_dir: Path | str,
        channel_ids: list[str],
        options: ExportOptions,
        on_event: Callable[[Event], None] | None = None,
        lang: str = "en",
    ):
        self.client = client
        self.root = Path(out_dir)
        self.channel_ids = list(dict.fromkeys(channel_ids))
        self.options = options
        self.lang = lang
        self._on_event = on_event or (lambda event: None)
        self._event_lock = threading.Lock()
        # Our own: it stops this run (and, through client.stopped_by, the client's waits), nobody else's.
        self._stopping = threading.Event()
        self._locked = False  # the archive folder's lock (guard.py) is held by this run
        self._unpaused = threading.Event()
        self._unpaused.set()
        self._stop_reason: str | None = None
        self._stop_message: Text | None = None
        self._problems: list[dict] = []
        self._store = StateStore(self.root)
        self._finisher = Finisher(client, self.root, options, lang, self._store)
        self._pool: ThreadPoolExecutor | None = None  # exists while run() runs
        self._channels: dict[str, _Channel] = {}
        self._file_queue: deque[FileJob] = deque()
        self._files_seen: set[str] = set()
        self._futures: dict[Future[_Result], _Task] = {}
        self._progress = ProgressTracker(0, 0)
        self._started_at = ""
        self._run_started_ms = 0  # server time (ms) when this run, or the unfinished one it continues, began
        self._run_id = (
            ""  # this run's, or the unfinished one's it continues: channels finished in it are done
        )
        # Learnt in _prepare from the server:
        self.me: dict = {}
        self.teams: dict[str, dict] = {}
        self.name_display = "username"
        self.server_version = ""
        self.owner = Owner("", "")  # whose archive this run writes (owner.py), known once the server answers
        self._users_for_names: dict[str, dict] = {}  # DM partners and group members, for chat names
        self._gm_members: dict[str, list[dict]] = {}  # group channel id -> its members
        self._taken_paths: set[str] = (
            set()
        )  # channel folders in use (case-folded), so that a new one gets its own
        self._member_ids: set[str] = set()  # channels in my listing; others are read with an admin's role
        self._people_ids: set[str] = set()  # everyone the exported posts refer to
        self._people_names: set[str] = set()  # @mentioned usernames

    # ----- control, callable from any thread -----

    def cancel(self) -> None:
        self._set_stop("cancelled", None)

    def pause(self) -> None:
        if self._unpaused.is_set():
            self._unpaused.clear()
            self._emit(Paused())

    def resume(self) -> None:
        if not self._unpaused.is_set():
            self._unpaused.set()
            self._emit(Resumed())

    # ----- the run -----

    def run(self) -> RunFinished:
        """Blocking: call it from a worker thread. Returns after every thread of the run has stopped."""
        self._started_at = now_iso()
        # Waits announced by the client reach the front end as events, unless its owner listens itself.
        on_wait = self._on_client_wait if self.client.on_wait is None else None
        listen_slow = self.client.on_slow is None  # the same for "still waiting for an answer"
        if listen_slow:
            self.client.on_slow = self._on_client_slow
        pool = ThreadPoolExecutor(max_workers=max(1, self.options.jobs), thread_name_prefix="export")
        self._pool = pool
        with self.client.stopped_by(self._stopping, on_wait):
            try:
                outcome = self._run_steps(pool)
            finally:
                self._stopping.set()  # wakes any wait still running in a worker
                pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
                if listen_slow:
                    self.client.on_slow = None
        try:
            if outcome in ("cancelled", "token_expired", "failed", "disk_full"):
                self._leave_readable_archive(outcome)
        finally:
            if self._locked:  # written while still ours: no other export may write in between
                guard.release_archive(self.root)
                self._locked = False
        return self._finished(outcome)

    def _leave_readable_archive(self, outcome: str) -> None:
        """A stopped run still leaves index.html and README.txt of what is saved, marked incomplete: on
        the server's last day that may be all a person has. Only the server's names of people are asked
        for, and only when the person cancelled (an expired sign-in or a dead network would not answer)."""
        if not self._channels:
            return  # stopped before anything was chosen (or the folder was not ours to write into)
        try:
            self._save_partial_posts()
            if outcome == "cancelled":
                self._save_people_of_the_saved_posts()
            self._finisher.save_known_users(self._users_for_names)
            self._finisher.save_teams(self.teams)
            self._write_manifest(finished=False, stopped=outcome)
            self._emit(log_message(messages.WRITING_PAGES))
            self._finisher.render()
        except OSError as error:  # a full disk may be why the run stopped
            log.warning("the partial archive could not be written: %r", error)

    def _save_partial_posts(self) -> None:
        """A chat stopped while it was being fetched (the run stopped, or the chat failed because the
        person lost access to it) keeps what was fetched: its pages are written into posts.jsonl, marked
        incomplete (state.complete stays False, the manifest says "complete": false), so that the viewer,
        verify and convert show them. The pages stay: the next run continues the walk and then writes
        posts.jsonl whole. An update in progress is left alone: its posts.jsonl is the last whole one."""
        for run in self._channels.values():
            if run.state.complete or not run.walks:
                continue
            target = self._channel_dir(run) / layout.POSTS_JSONL
            saved = write_fetched_part(
                self._store.pages_dir(run.id), target, self.options.after_ms(), self.options.before_ms()
            )
            if saved is None:
                continue
            written, refs = saved
            run.state.posts = written.posts
            self._store.save_channel(run.state)
            self._people_ids.update(refs.user_ids)  # their names belong in users.json like everyone's
            self._people_names.update(refs.usernames)

    def _save_people_of_the_saved_posts(self) -> None:
        wanted = set(self._people_ids) | {self.me["id"]}
        for run in self._channels.values():
            wanted.update(run.members)
        try:
            self._finisher.save_users(wanted, self._people_names, self._users_for_names)
        except mm.MattermostError as error:
            log.info("names of people not read for the partial archive: %s", error.detail or error.message)

    def _run_steps(self, pool: ThreadPoolExecutor) -> str:
        try:
            self._prepare()
            self._fetch_everything(pool)
            self._finish_archive(pool)
            return "incomplete" if self._problems else "done"
        except (_Stop, mm.Cancelled):
            return self._stop_reason or "cancelled"
        except mm.SignInExpired:
            self._set_stop("token_expired", None)
            return "token_expired"
        except mm.RateLimited as error:
            self._set_stop("failed", messages.server_refusing(error))
            return "failed"
        except mm.MattermostError as error:
            log.warning("export failed: %s", error.detail or error.message)
            self._stop_reason = "failed"
            self._stop_message = messages.text("{reason}", error, reason=error.message)
            return "failed"
        except guard.FolderMissing as problem:  # the chosen folder's parent is not there (a drive)
            self._stop_reason, self._stop_message = "no_folder", problem.text
            return "no_folder"
        except guard.FolderProblem as problem:  # another export is writing there, or a link is inside
            self._stop_reason, self._stop_message = "failed", problem.text
            return "failed"
        except OSError as error:
            self._disk_stop(error)
            log.warning("export failed writing to disk: %r", error)
            return self._stop_reason or "failed"

    def _finished(self, outcome: str) -> RunFinished:
        message = self._stop_message or messages.outcome(outcome, len(self._problems))
        if outcome == "token_expired":
            self._emit(TokenExpired())
        channels = list(self._channels.values())
        result = RunFinished(
            outcome=outcome,
            archive_dir=str(self.root),
            channels=len(channels),
            posts=sum(c.state.posts for c in channels),
            notices=sum(c.notices for c in channels),
            files=sum(c.files_done for c in channels),
            bytes=self._progress.bytes_done,
            problems=list(self._problems),
            message=str(message),
            i18n=message,
            updated=sum(c.updating for c in channels),
        )
        self._emit(result)
        return result

    # ----- step 1: who, what, where -----

    def _prepare(self) -> None:
        problem = folder_problem(self.root)
        if problem:
            self._stop_reason, self._stop_message = "failed", problem
            raise _Stop
        self.me = self.client.me()  # also the first answer with the server's clock in its Date header
        config = client_config_or_empty(self.client)
        self.owner = Owner(
            self.client.base_url,
            self.me["id"],
            self.me.get("username", ""),
            *server_identity(config),
            every_channel=self.options.every_channel,
        )
        self._refuse_someone_elses_archive(examine(self.root))  # before anything is written
        guard.lock_archive(self.root)  # one writer at a time, no links inside; raises FolderProblem
        self._locked = True
        found = examine(self.root)  # again, now that no other export can write in between
        self._refuse_someone_elses_archive(found)
        # The lock made .mmexport/, so examine has read run.json, unless the folder could not be read.
        previous_run = found.run if found.is_archive else self._store.load_run()
        # Continuing an unfinished run: channels finished in it are not fetched again (that is an update).
        continued = previous_run if previous_run and not previous_run.get("finished") else {}
        self._run_id = continued.get("run_id") or secrets.token_hex(8)
        self._run_started_ms = continued.get("started_at_ms") or self.client.server_time_ms()
        self.name_display = name_display_setting(config)
        self.server_version = config.get("Version") or self.client.server_version or ""
        self._emit(log_message(messages.ASKING_FOR_CHATS))
        self.teams = {t["id"]: t for t in self.client.my_teams()}
        listing = {c["id"]: c for c in self.client.my_channels(include_archived=True)}
        self._member_ids = set(listing)  # a channel outside it is one an administrator reads as such
        self._store.save_run(
            {
                "server": self.client.base_url,
                "server_id": self.owner.server_id,
                "site_url": self.owner.site_url,
                "user_id": self.me["id"],
                "username": self.owner.username,
                "channel_ids": self.channel_ids,
                "options": self.options.to_json(),
                "started_at": self._started_at,
                "started_at_ms": self._run_started_ms,
                "run_id": self._run_id,
                "finished": False,
            }
        )
        chosen = []
        for channel_id in self.channel_ids:
            channel = listing.get(channel_id) or self._channel_outside_listing(channel_id)
            if channel is not None:
                chosen.append(channel)
        self._emit(log_message(messages.LOOKING_UP_NAMES))
        self._add_teams_i_am_not_in(chosen)
        self._gm_members = self._group_members(chosen)
        self._users_for_names = self._users_needed_for_names(chosen, self._gm_members)
        self._emit(log_message(messages.CHECKING_FOLDER))
        # Read once: looking them up per new channel would read every state file for every channel.
        self._taken_paths = {state.path.casefold() for state in self._store.all_channel_states().values()}
        for channel in chosen:
            self._channels[channel["id"]] = self._channel_run(channel)
        # Written again at the end; until then it names this run's chats, so that even a killed run
        # leaves what `mmexport render` needs to show the chats saved so far.
        self._write_manifest(finished=False)
        self._progress = ProgressTracker(
            len(self._channels), sum(c.expected for c in self._channels.values())
        )
        self._emit(
            RunStarted(
                channels=len(self._channels),
                posts_expected=self._progress.posts_expected,
                files_expected=0,
                resumed=bool(continued),
                updating=sum(c.updating for c in self._channels.values()),
            )
        )

    def _refuse_someone_elses_archive(self, folder: FolderState) -> None:
        """One archive, one owner (owner.py): another server's, another person's or the other kind's
        archive in the folder stops the run before it writes anything."""
        why = owner_problem(folder, self.owner)
        if why is not None:
            self._stop_reason, self._stop_message = "not_yours", why
            raise _Stop

    def _channel_outside_listing(self, channel_id: str) -> dict | None:
        try:
            channel = self.client.channel(channel_id)
        except (mm.NotFound, mm.Forbidden) as error:
            self._problem(channel_id, None, messages.channel_not_opened(error))
            return None
        if channel.get("type") in ("D", "G"):
            # Every chat of mine is in the listing, so this is a conversation between other people. An
            # administrator's role lets the server hand it out, but it is theirs: never exported this way.
            self._problem(channel_id, None, messages.other_peoples_chat())
            return None
        return channel

    def _add_teams_i_am_not_in(self, channels: list[dict]) -> None:
        """An administrator may export channels of a team they do not belong to: name it all the same."""
        for team_id in {str(c["team_id"]) for c in channels if c.get("team_id")} - set(self.teams):
            try:
                self.teams[team_id] = self.client.team(team_id)
            except (mm.NotFound, mm.Forbidden) as error:
                log.info("team %s not readable: %s", team_id, error.detail or error.message)

    def _group_members(self, channels: list[dict]) -> dict[str, list[dict]]:
        group_ids = [c["id"] for c in channels if c.get("type") == "G"]
        return self.client.group_channel_members(group_ids) if group_ids else {}

    def _users_needed_for_names(
        self, channels: list[dict], gm_members: dict[str, list[dict]]
    ) -> dict[str, dict]:
        ids = {self.me["id"]}
        for channel in channels:
            if channel.get("type") == "D":
                ids.update(part for part in channel.get("name", "").split("__") if part)
        users = {u["id"]: u for u in self.client.users_by_ids(sorted(ids))}
        for members in gm_members.values():
            users.update({u["id"]: u for u in members})
        return users

    def _channel_run(self, channel: dict) -> _Channel:
        kind = channel.get("type")
        team = "" if kind in ("D", "G") else self.teams.get(channel.get("team_id") or "", {}).get("name", "")
        name = channel_display_name(
            channel,
            self.me["id"],
            self._users_for_names,
            self.name_display,
            gm_members=self._gm_members.get(channel["id"]),
            yourself=Texts(self.lang)("dm_with_yourself"),
        )
        state = self._store.load_channel(channel["id"]) or ChannelState(
            channel_id=channel["id"], path=self._new_channel_path(channel, team, name)
        )
        run = _Channel(channel=channel, name=name, team=team, state=state, expected=0)
        if kind == "D":
            run.members = [p for p in dict.fromkeys(channel.get("name", "").split("__")) if p]
        elif kind == "G":
            run.members = [u["id"] for u in self._gm_members.get(channel["id"], [])]
        if state.complete:
            # An update, and also a chat finished by an unfinished run this one continues: what was
            # posted since that run began comes now, so that a run saves everything up to its own start.
            run.updating = state.finished_in_run != self._run_id
            self._plan_update(run)
        elif state.segments is None:
            run.expected = int(channel.get("total_msg_count") or 0)
            run.stop_at = self.options.after_ms()
            run.phase = Phase.PLAN
        else:  # a first round that an earlier attempt began; a later one catches up (_assembled)
            run.expected = int(channel.get("total_msg_count") or 0)
            run.stop_at = self.options.after_ms()
            self._restore_pages(run, state.segments)
        atomic_write_json(self._channel_dir(run) / layout.CHANNEL_JSON, channel)
        self._store.save_channel(state)
        return run

    def _plan_update(self, run: _Channel) -> None:
        """A round that fetches only what is new since the channel's last finished round, and its changes."""
        state = run.state
        run.expected = max(0, int(run.channel.get("total_msg_count") or 0) - state.posts)
        run.stop_at = max(state.synced_to or 0, self.options.after_ms() or 0)
        run.changes = Changes.WANTED if state.last_sync_at is not None else Changes.NOT_NEEDED
        run.phase = Phase.PLAN

    def _new_channel_path(self, channel: dict, team: str, name: str) -> str:
        """channels/<team>/<channel>, short enough for Windows' paths (TEAM_DIR_CHARS, CHANNEL_DIR_CHARS)
        and unique even where the disk folds case (a USB stick): compared case-folded. Folders saved
        earlier keep their names (their paths are in the resume state), so old archives stay as they are."""
        team_dir = layout.DIRECT_TEAM_DIR if not team else self._team_dir(team, channel.get("team_id") or "")
        suffix = "-" + slug(channel["id"][:8], "id")
        if channel.get("type") in ("D", "G"):
            base = f"{slug(name, 'chat')[: layout.CHANNEL_DIR_CHARS - len(suffix)]}{suffix}"
        else:
            base = _capped(
                slug(channel.get("name", ""), slug(channel["id"], "channel")),
                layout.CHANNEL_DIR_CHARS,
                suffix,
            )
        path = f"{layout.CHANNELS_DIR}/{team_dir}/{base}"
        if path.casefold() in self._taken_paths:
            path = f"{layout.CHANNELS_DIR}/{team_dir}/{_capped(base, layout.CHANNEL_DIR_CHARS - len(suffix), '')}{suffix}"
        assert inside(self.root, self.root / path)
        self._taken_paths.add(path.casefold())
        return path

    def _team_dir(self, team: str, team_id: str) -> str:
        """The team's folder: the one earlier runs used for it if any (a folder name before the cap),
        else its name, cut with a piece of its id so that two long names cut alike stay apart."""
        full = slug(team, "team")
        if any(taken.startswith(f"{layout.CHANNELS_DIR}/{full}/".casefold()) for taken in self._taken_paths):
            return full
        return _capped(full, layout.TEAM_DIR_CHARS, "-" + slug(team_id[:8], "id"))

    def _restore_pages(self, run: _Channel, segments: list[dict]) -> None:
        """Resume: each segment goes on after its last whole page (a page carries the walk's state after it)."""
        pages_dir = self._store.pages_dir(run.id)
        run.walks = []
        for k, start in enumerate(segments):
            walk = Walk.from_json(start)
            run.earlier_round = True
            while True:
                page = read_page(page_file(pages_dir, k, walk.pages))
                if page is None or not isinstance(page.meta.get("walk"), dict):
                    break
                walk = Walk.from_json(page.meta["walk"])
                run.fetched += page.count
            run.walks.append(walk)
        run.phase = Phase.PAGES
        self._check_pages_complete(run)

    # ----- step 2: posts and files, in parallel -----

    def _fetch_everything(self, pool: ThreadPoolExecutor) -> None:
        for run in self._channels.values():
            self._emit(ChannelStarted(run.id, run.name, run.expected, self._team_label(run)))
            self._progress.add_posts_saved_before(run.fetched)
        max_in_flight = max(1, self.options.jobs)
        while True:
            self._check_stop()
            self._wait_while_paused()
            while len(self._futures) < max_in_flight:
                task = self._next_task()
                if task is None:
                    break
                self._futures[pool.submit(self._patiently, self._work, task)] = task
            if not self._futures:
                self._emit(self._progress.snapshot())  # the final figures, not the last throttled ones
                return
            done, _ = wait(list(self._futures), timeout=0.25, return_when=FIRST_COMPLETED)
            for future in done:
                self._handle(future)
            if self._progress.due():
                self._emit(self._progress.snapshot())

    def _next_task(self) -> _Task | None:
        """The most useful task whose inputs are written (see the module docstring), or None."""
        channels = list(self._channels.values())
        for run in channels:  # finishing a channel first frees its memory and shows progress
            if run.phase is Phase.ASSEMBLE and not run.working:
                run.working = True
                return _AssembleTask(run)
        for run in channels:
            if run.changes is Changes.WANTED:
                run.changes = Changes.ASKED
                # Before the request: whatever changes after this moment, the next round's `since` brings.
                run.state.round_started_at = self.client.server_time_ms()
                return _ChangesTask(run)
        for run in channels:
            if run.phase is Phase.PAGES:
                for k, walk in enumerate(run.walks):
                    if not walk.done and k not in run.busy:
                        run.busy.add(k)
                        return _PageTask(run, k, Walk.from_json(walk.to_json()))
        for run in channels:
            if run.phase is Phase.PLAN and not run.working and run.changes in _CHANGES_IN:
                if self._segments_wanted(run) == 1:
                    self._start_round(run, paging.segment_walks(None, [], run.stop_at))
                    return self._next_task()
                run.working = True
                return _PlanTask(run)
        if self._file_queue:
            return _FileTask(self._file_queue.popleft())
        return None

    def _segments_wanted(self, run: _Channel) -> int:
        return max(1, min(self.options.jobs, run.expected // SEGMENT_POSTS))

    def _work(self, task: _Task) -> _Result:
        """Runs in a worker thread: I/O only, no state of the scheduler touched."""
        match task:
            case _PlanTask(run):
                return self._plan(run)
            case _PageTask(run, segment, walk):
                return self._fetch_page(run, segment, walk)
            case _ChangesTask(run):
                return self._fetch_changes(run)
            case _AssembleTask(run):
                return self._assemble(run)
            case _FileTask(job):
                return self._download(job)
        raise TypeError(task)

    def _handle(self, future: Future[_Result]) -> None:
        task = self._futures.pop(future)
        try:
            result = future.result()
        except (mm.SignInExpired, _Stop):
            raise
        except mm.Cancelled:
            raise _Stop from None
        except mm.RateLimited as error:  # minutes of refusals: the run stops, resumable
            self._set_stop("failed", messages.server_refusing(error))
            raise _Stop from error
        except OSError as error:
            self._disk_stop(error)
            log.warning("writing failed: %r", error)
            raise _Stop from error
        except mm.MattermostError as error:
            self._task_failed(task, error)
            return
        except Exception as error:  # a bug must not lose the other channels' work
            log.exception("unexpected error in %s", type(task).__name__)
            self._task_failed(task, mm.MattermostError(f"Unexpected error: {error}"))
            return
        match task, result:
            case _PlanTask(run), _Planned(walks):
                run.working = False
                self._start_round(run, walks)
            case _PageTask(run, segment, _), _PageFetched() as fetched:
                self._page_fetched(run, segment, fetched)
            case _ChangesTask(run), _ChangesFetched() as changes:
                self._changes_fetched(run, changes)
            case _AssembleTask(run), _Assembled() as assembled:
                run.working = False
                self._assembled(run, assembled)
            case _FileTask(job), _FileSaved(entry):
                self._file_saved(job, entry)
            case _:
                raise TypeError(f"{type(result).__name__} does not answer {type(task).__name__}")

    def _task_failed(self, task: _Task, error: mm.MattermostError) -> None:
        match task:
            case _FileTask(job):
                self._problem(job.channel_id, job.file_id, messages.file_problem(job, error))
                self._file_processed(self._channels[job.channel_id], saved=False)
            case _PageTask(run, segment, _):
                # One bad answer is fetched again (the walk's state was not advanced); only a page that keeps
                # failing gives up the channel.
                run.busy.discard(segment)
                failures = run.page_failures.get(segment, 0) + 1
                run.page_failures[segment] = failures
                log.info("page of %s failed (%d): %s", run.id, failures, error.detail or error.message)
                # A network's or server's error has had its tries in _patiently already.
                if failures >= PAGE_ATTEMPTS or isinstance(error, (mm.NotReachable, mm.ServerError)):
                    self._channel_failed(run, error)
            case _ChangesTask(run):  # without them edits would be missing: not saved as complete
                self._channel_failed(run, error)
            case _PlanTask(run) | _AssembleTask(run):
                run.working = False
                self._channel_failed(run, error)

    def _channel_failed(self, run: _Channel, error: mm.MattermostError) -> None:
        """The channel is given up for this run: listed under problems, never shown as saved."""
        if run.phase is Phase.FAILED:
            return
        run.phase = Phase.FAILED
        self._problem(run.id, None, messages.channel_not_saved(run.name, error))
        self._progress.channel_done()
        self._emit(
            ChannelFinished(run.id, run.name, run.state.posts, run.files_done, False, self._team_label(run))
        )

    def _patiently(self, worker: Callable[[_A], _T], task: _A) -> _T:
        """Runs one task; waits out a lost network or a busy server with a visible countdown.

        A task that fails while the server answers other requests is not the network's fault: it gets a
        few tries within about two minutes, then its error goes up (the file or chat is listed as a problem)
        instead of keeping the run alive for ever."""
        waited = 0.0
        delay = 5.0
        tries = 0
        first_failure: float | None = None
        while True:
            self._check_stop()
            self._wait_while_paused()
            try:
                return worker(task)
            except (mm.NotReachable, mm.ServerError) as error:  # RateLimited: the client waited minutes
                tries += 1
                now = time.monotonic()
                first_failure = first_failure or now
                if self.client.answers():
                    if tries >= LONE_FAILURE_TRIES or now - first_failure >= LONE_FAILURE_SECONDS:
                        log.warning(
                            "giving up after %d tries, the server answers other requests: %s",
                            tries,
                            error.detail or error.message,
                        )
                        raise
                elif waited >= NETWORK_PATIENCE_SECONDS:
                    raise
                log.info("waiting %.0f s before trying again: %s", delay, error.detail or error.message)
                self._emit(NetworkWait(delay, error.message, type(error).__name__))
                if self._stopping.wait(delay):
                    raise _Stop from None
                waited += delay
                delay = min(delay * 2, 60.0)

    # ----- the tasks (worker threads: I/O only, no shared state) -----

    def _plan(self, run: _Channel) -> _Planned:
        """Probes a few posts deep in the channel; their times split it into segments walked in parallel."""
        offsets = paging.probe_offsets(run.expected, self._segments_wanted(run))
        probed = [paging.probe(self.client, run.id, offset) for offset in offsets]
        return _Planned(paging.segment_walks(None, paging.split_points(probed), run.stop_at))

    def _fetch_page(self, run: _Channel, segment: int, walk: Walk) -> _PageFetched:
        try:
            answer = paging.fetch(self.client, run.id, walk.request())
        except mm.MattermostError as error:
            if not paging.cursor_unknown(error) or walk.request().cursor is None:
                raise
            walk.cursor_gone()
            answer = None
        kept = walk.take(answer) if answer is not None else []
        path = page_file(self._store.pages_dir(run.id), segment, walk.pages - 1)
        write_page(path, kept, {"walk": walk.to_json()})
        new = len(kept)
        if run.state.complete and run.stop_at:  # an update: what it shows as fetched is what is new
            new = sum(1 for post in kept if int(post.get("create_at") or 0) > run.stop_at)
        return _PageFetched(len(kept), walk, new)

    def _fetch_changes(self, run: _Channel) -> _ChangesFetched:
        """The changes since the last round; below the server's cap they are written as the round's page."""
        post_list = self.client.posts_page(run.id, since=run.state.last_sync_at, per_page=PER_PAGE)
        changed = posts_in_page(post_list)
        if len(changed) >= CHANGES_LIMIT:
            return _ChangesFetched(changed, complete=False)
        current = [p for p in changed if not p.get("original_id") and not p.get("delete_at")]
        current.sort(key=lambda p: (paging.created(p), p["id"]), reverse=True)  # a page: newest first
        self._store.drop_pages(run.id)
        write_page(page_file(self._store.pages_dir(run.id), 0, 0), current, {})
        return _ChangesFetched(changed, complete=True, current=len(current))

    def _assemble(self, run: _Channel) -> _Assembled:
        state = run.state
        refs = PeopleAndFiles()
        pages_dir = self._store.pages_dir(run.id)
        pages = [page_file(pages_dir, k, n) for k, walk in enumerate(run.walks) for n in range(walk.pages)]
        fetched = in_order_once(entries_from_pages(pages, refs))
        new = in_range(fetched, self.options.after_ms(), self.options.before_ms())
        target = self._channel_dir(run) / layout.POSTS_JSONL
        entries = merge_with_existing(entries_of_file(target), new) if state.complete else new
        written = write_posts(target, entries)
        self._remember_files(run, refs.files)
        return _Assembled(written, refs, *self._missing_files(run))

    def _remember_files(self, run: _Channel, file_refs: list[list]) -> None:
        after, before = self.options.after_ms(), self.options.before_ms()
        known = self._store.load_wanted(run.id)
        new = {}
        for ref in file_refs:
            created, file_id = ref[0], ref[2]
            if (
                file_id in known
                or (after is not None and created < after)
                or (before is not None and created >= before)
            ):
                continue
            new[file_id] = ref
        self._store.add_wanted(run.id, list(new.values()))

    def _missing_files(self, run: _Channel) -> tuple[list[FileJob], int]:
        """The channel's attachments not saved yet, and how many are saved already."""
        ledger = self._store.load_ledger(run.id)
        if not self.options.files:
            return [], len(ledger)
        wanted = self._store.load_wanted(run.id)
        return [file_job(run.id, ref) for file_id, ref in wanted.items() if file_id not in ledger], len(
            ledger
        )

    def _download(self, job: FileJob) -> _FileSaved:
        run = self._channels[job.channel_id]
        entry = download_to_archive(self.client, job, self.root, self._channel_dir(run))
        self._store.append_ledger(job.channel_id, entry)
        return _FileSaved(entry)

    # ----- results (scheduler thread) -----

    def _start_round(self, run: _Channel, walks: list[Walk]) -> None:
        """The round's segments are known: saved before their first page is fetched, then walked."""
        state = run.state
        state.round_started_at = self.client.server_time_ms()
        state.segments = [w.to_json() for w in walks]
        self._store.drop_pages(run.id)  # pages of an earlier, abandoned plan must not be mistaken for ours
        self._store.save_channel(state)
        run.walks = walks
        run.busy.clear()
        run.page_failures.clear()
        run.fetched = 0
        run.phase = Phase.PAGES
        self._channel_progress(run)

    def _page_fetched(self, run: _Channel, segment: int, result: _PageFetched) -> None:
        run.busy.discard(segment)
        run.page_failures.pop(segment, None)
        if run.phase is not Phase.PAGES:
            return
        run.walks[segment] = result.walk
        run.fetched += result.kept
        self._progress.add_posts(result.new)
        self._check_pages_complete(run)
        self._channel_progress(run)

    def _check_pages_complete(self, run: _Channel) -> None:
        if all(walk.done for walk in run.walks):
            run.phase = Phase.ASSEMBLE

    def _changes_fetched(self, run: _Channel, changes: _ChangesFetched) -> None:
        run.changes = Changes.APPLIED
        for post in changes.posts:  # (an edit's hidden copy is deleted too, and has an original_id)
            deleted = post.get("delete_at") and not post.get("original_id")
            if deleted and post["id"] not in run.state.deleted_on_server:
                run.state.deleted_on_server.append(post["id"])
        if not changes.complete:
            # More than the server lists: read the whole chat again; its current versions replace the
            # saved ones when it is assembled (a cursor walk is cheap at any depth).
            notice = messages.many_changes(run.name)
            log.warning("%s", notice.text)
            self._emit(notice)
            run.stop_at = self.options.after_ms()
            run.expected = int(run.channel.get("total_msg_count") or 0)
            return  # Phase.PLAN: the walk is planned next
        run.walks = [Walk(cursor=None, done=True, pages=1)]  # the page _fetch_changes wrote
        run.fetched = changes.current
        self._progress.add_posts(changes.current)
        run.phase = Phase.ASSEMBLE

    def _assembled(self, run: _Channel, result: _Assembled) -> None:
        state = run.state
        state.people = sorted(set(state.people) | result.refs.user_ids)
        state.mentions = sorted(set(state.mentions) | result.refs.usernames)
        written = result.written
        state.posts = written.posts
        run.notices_written = written.notices
        if written.newest_create_at is not None:
            state.synced_to = written.newest_create_at
        state.last_sync_at = state.round_started_at
        state.finished_in_run = self._run_id
        state.complete = True
        state.segments = None
        self._store.save_channel(state)
        self._people_ids.update(state.people)
        self._people_names.update(state.mentions)
        if run.earlier_round:
            # The round began in an earlier attempt (a resume after Ctrl-C, a crash, an expired sign-in):
            # what was posted since comes in one more round now. Its attachments are found by that round's
            # assembly, which also drops these pages (its `since` writes its own page first).
            log.info("%s: catching up with what was posted since the earlier attempt began", run.id)
            run.earlier_round = False
            self._plan_update(run)
            return
        if self._pool is not None:
            self._pool.submit(self._store.drop_pages, run.id)  # deleting many files is slow on some disks
        new_jobs = [j for j in result.missing if j.file_id not in self._files_seen and self._file_wanted(j)]
        self._files_seen.update(j.file_id for j in new_jobs)
        run.files_total = result.saved + len(new_jobs)
        run.files_done = run.files_total - len(new_jobs)
        self._progress.add_files_expected(len(new_jobs), sum(j.size or 0 for j in new_jobs))
        self._file_queue.extend(new_jobs)
        run.phase = Phase.FILES if new_jobs else Phase.DONE
        if run.phase is Phase.DONE:
            self._channel_finished(run)
        else:
            self._channel_progress(run)

    def _file_saved(self, job: FileJob, entry: dict) -> None:
        run = self._channels[job.channel_id]
        run.bytes_done += entry["size"]
        self._progress.add_file(entry["size"])
        self._file_processed(run, saved=True)

    def _file_processed(self, run: _Channel, saved: bool) -> None:
        """One attachment dealt with: saved, or listed as a problem. The channel is done after its last."""
        run.files_done += saved
        run.files_failed += not saved
        if run.files_done + run.files_failed >= run.files_total and run.phase is Phase.FILES:
            run.phase = Phase.DONE
            self._channel_finished(run)
        else:
            self._channel_progress(run)

    def _file_wanted(self, job: FileJob) -> bool:
        limit = self.options.max_file_size
        if limit is not None and job.size is not None and job.size > limit:
            self._problem(job.channel_id, job.file_id, messages.file_too_large(job.name))
            return False
        return True

    def _channel_progress(self, run: _Channel) -> None:
        self._emit(
            ChannelProgress(
                run.id,
                run.name,
                min(run.fetched, max(run.expected, run.fetched)),
                max(run.expected, run.fetched),
                run.files_done,
                run.files_total,
                run.bytes_done,
            )
        )

    def _channel_finished(self, run: _Channel) -> None:
        self._progress.channel_done()
        run.notices = run.notices_written  # counted as posts.jsonl was written, not read again
        self._emit(
            ChannelFinished(
                run.id, run.name, run.state.posts, run.files_done, True, self._team_label(run), run.notices
            )
        )

    # ----- step 3: people, emoji, manifest, viewer -----

    def _finish_archive(self, pool: ThreadPoolExecutor) -> None:
        self._check_stop()
        self._save_partial_posts()  # chats that failed part way (the person was removed from one)
        self._emit(log_message(messages.SAVING_PEOPLE))
        wanted = set(self._people_ids) | {self.me["id"]}
        for run in self._channels.values():
            wanted.update(run.members)
        users = self._finisher.save_users(wanted, self._people_names, self._users_for_names)
        self._check_stop()
        self._finisher.save_teams(self.teams)
        emoji = self._finisher.save_emoji_list()
        self._run_small_tasks(pool, self._finisher.picture_tasks(users, emoji))
        self._refresh_channels()
        self._write_manifest(finished=True)
        self._emit(log_message(messages.WRITING_PAGES))
        self._finisher.render()
        self._finisher.mark_run_finished()

    def _run_small_tasks(self, pool: ThreadPoolExecutor, tasks: list[Callable[[], None]]) -> None:
        futures = [pool.submit(self._patiently, _call, task) for task in tasks]
        for future in futures:
            while True:
                self._check_stop()
                try:
                    future.result(timeout=0.25)
                    break
                except TimeoutError:
                    continue
                except mm.SignInExpired:
                    raise
                except mm.MattermostError as error:
                    log.info("picture not saved: %s", error.detail or error.message)
                    break

    def _refresh_channels(self) -> None:
        """A channel archived (or renamed) while the run was going: the manifest and channel.json say so."""
        try:
            current = {c["id"]: c for c in self.client.my_channels(include_archived=True)}
        except (mm.SignInExpired, mm.Cancelled):
            raise
        except mm.MattermostError as error:
            log.info("channels not read again at the end: %s", error.detail or error.message)
            return
        for run in self._channels.values():
            fresh = current.get(run.id)
            if fresh is not None and fresh != run.channel:
                run.channel = fresh
                atomic_write_json(self._channel_dir(run) / layout.CHANNEL_JSON, fresh)

    def _write_manifest(self, finished: bool, stopped: str | None = None) -> None:
        facts = RunFacts(
            server_url=self.client.base_url,
            server_version=self.server_version,
            me=self.me,
            started_at=self._started_at,
            options=self.options.to_json(),
            teammate_name_display=self.name_display,
            server_id=self.owner.server_id,
            site_url=self.owner.site_url,
            exported_as_admin=bool(self.options.every_channel and is_system_admin(self.me)),
        )
        channels = [
            ManifestChannel(
                run.channel,
                run.team,
                run.name,
                run.state,
                run.phase is Phase.DONE,
                run.members,
                member=(run.id in self._member_ids) if self.options.every_channel else None,
            )
            for run in self._channels.values()
        ]
        self._finisher.write_manifest(facts, channels, self._problems, finished, stopped)

    # ----- helpers -----

    def _team_label(self, run: _Channel) -> str:
        team = self.teams.get(run.channel.get("team_id") or "", {})
        return team.get("display_name") or team.get("name") or ""

    def _channel_dir(self, run: _Channel) -> Path:
        return self.root / run.state.path

    def _on_client_slow(self, what: str, seconds: float) -> None:
        self._emit(log_message(messages.STILL_WAITING, what=what, seconds=f"{seconds:.0f}"))

    def _on_client_wait(self, seconds: float, reason: str) -> None:
        if seconds >= 1:
            self._emit(NetworkWait(seconds, reason, "wait", waited=self.client.refused_for()))

    def _problem(self, channel_id: str | None, file_id: str | None, what: Text) -> None:
        entry: dict[str, Any] = {"channel_id": channel_id, "file_id": file_id, "what": str(what)}
        entry |= {"template": what.template, "params": what.params}  # lets the viewer show it translated
        self._problems.append(entry)
        self._emit(ProblemFound(channel_id, file_id, str(what), what))

    def _emit(self, event: Event) -> None:
        with self._event_lock:
            try:
                self._on_event(event)
            except Exception:  # a front end's bug must not break the export
                log.exception("event handler failed")

    def _disk_stop(self, error: OSError) -> None:
        """Stop for a write that failed: a full disk, a folder we may not write into, or the drive gone."""
        if isinstance(error, guard.FolderGone) or guard.root_gone(self.root):
            self._set_stop("no_folder", messages.folder_gone(self.root))
        else:
            self._set_stop(_disk_outcome(error), messages.disk_problem(error, self.root))

    def _set_stop(self, reason: str, message: Text | None) -> None:
        if self._stop_reason is None:
            self._stop_reason, self._stop_message = reason, message
        self._unpaused.set()
        self._stopping.set()

    def _check_stop(self) -> None:
        if self._stop_reason is not None or self._stopping.is_set():
            raise _Stop

    def _wait_while_paused(self) -> None:
        while not self._unpaused.wait(0.2):
            self._check_stop()


_CHANGES_IN = (Changes.NOT_NEEDED, Changes.APPLIED)  # a round may be planned: its changes are known


def _capped(name: str, limit: int, suffix: str) -> str:
    """name when it fits in limit characters, else its start and the suffix (which keeps cut names apart)."""
    if len(name) <= limit:
        return name
    return name[: max(1, limit - len(suffix))].rstrip("-_.") + suffix


def _call(task: Callable[[], None]) -> None:
    task()


def _disk_outcome(error: OSError) -> str:
    """ "disk_full" has an exit code of its own (exitcodes.DISK_FULL): scripts can free space and retry."""
    return "disk_full" if error.errno in messages.DISK_FULL else "failed"
