"""The export engine: a selection of chats becomes the archive folder, completely, resumably and paced.

One scheduler loop (the thread that calls run()) owns all state; a pool of worker threads only does I/O:
fetch one page and write it, assemble one channel's posts.jsonl, download one file. Every request goes
through the client's shared pacer, so channels and downloads run in parallel within the server's limits.

Paging follows design.md: the newest post of `page=0` is a fixed anchor, and `before=<anchor>&page=N` pages
do not shift while people keep posting, so they can be fetched in parallel and resumed by number.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mmexport.exporting import archive as layout
from mmexport.exporting import guard, messages
from mmexport.exporting.archive import atomic_write_json, inside, read_json, slug
from mmexport.exporting.assemble import (
    ANCHOR_PAGE,
    PeopleAndFiles,
    entries_from_pages,
    entries_of_file,
    in_order_once,
    in_range,
    merge_with_existing,
    page_file,
    read_page,
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
from mmexport.exporting.finish import Finisher, ManifestChannel, RunFacts, now_iso
from mmexport.exporting.messages import folder_problem, log_message
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.progress import ProgressTracker
from mmexport.exporting.state import ChannelState, StateStore
from mmexport.exporting.writers.i18n import Texts
from mmexport.mattermost import errors as mm
from mmexport.mattermost.naming import channel_display_name, name_display_setting
from mmexport.mattermost.paging import (
    PER_PAGE,
    fetch_anchor_millisecond,
    fetch_anchor_page,
    fetch_page_before,
)

log = logging.getLogger(__name__)


NETWORK_PATIENCE_SECONDS = 15 * 60  # how long a lost network is waited for before a channel counts as failed


class _Stop(Exception):
    """Ends the run early: cancel, token expiry or a full disk. The reason is on the Exporter."""


@dataclass
class _Channel:
    channel: dict
    name: str
    team: str  # team name, "" for DMs and group messages
    state: ChannelState
    expected: int
    members: list[str] = field(default_factory=list)
    phase: str = "anchor"  # anchor -> pages -> assemble -> files -> done | failed
    stop_at: int | None = None  # fetch back to this create_at and no further
    next_page: int = 0
    missing_pages: list[int] = field(default_factory=list)  # below next_page, torn or never written
    in_flight: set[int] = field(default_factory=set)
    pages_done: set[int] = field(default_factory=set)
    fetched: int = 0
    files_total: int = 0
    files_done: int = 0
    files_failed: int = 0
    bytes_done: int = 0
    edits: dict[str, dict] = field(default_factory=dict)
    since_pending: bool = False

    @property
    def id(self) -> str:
        return self.channel["id"]


def archive_status(out_dir: Path | str) -> str:
    """ "none", "unfinished" or "complete": lets a front end offer to continue an export."""
    root = Path(out_dir)
    run = read_json(root / layout.STATE_DIR / "run.json")
    if run is None:
        return "complete" if (root / layout.MANIFEST).exists() else "none"
    return "complete" if run.get("finished") else "unfinished"


def estimate_messages(channels: list[dict]) -> int:
    """Messages expected for the chosen channels (total_msg_count; join/leave notices come on top)."""
    return sum(int(c.get("total_msg_count") or 0) for c in channels)


class Exporter:
    def __init__(
        self,
        client,
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
        if client.cancel is None:  # the engine's cancel must also reach waits inside the client
            client.cancel = threading.Event()
        self._cancel = client.cancel
        if client.on_wait is None:
            client.on_wait = self._on_client_wait
        if client.on_slow is None:
            client.on_slow = self._on_client_slow
        self._locked = False
        self._unpaused = threading.Event()
        self._unpaused.set()
        self._stop_reason: str | None = None
        self._stop_message: Text | None = None
        self._problems: list[dict] = []
        self._store = StateStore(self.root)
        self._finisher = Finisher(client, self.root, options, lang, self._store)
        self._channels: dict[str, _Channel] = {}
        self._file_queue: deque[FileJob] = deque()
        self._files_seen: set[str] = set()
        self._futures: dict[Future, tuple] = {}
        self._progress = ProgressTracker(0, 0)
        self._started_at = ""
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
        self._cancel.clear()
        self._started_at = now_iso()
        self._pool = ThreadPoolExecutor(max_workers=max(1, self.options.jobs), thread_name_prefix="export")
        try:
            outcome = self._run_steps()
        finally:
            self._cancel.set()  # wakes any wait still running in a worker
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._cancel.clear()  # the client stays usable for whatever the front end does next
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
            if outcome == "cancelled":
                self._save_people_of_the_saved_posts()
            self._finisher.save_known_users(self._users_for_names)
            self._finisher.save_teams(self.teams)
            self._write_manifest(finished=False, stopped=outcome)
            self._emit(log_message(messages.WRITING_PAGES))
            self._finisher.render()
        except OSError as error:  # a full disk may be why the run stopped
            log.warning("the partial archive could not be written: %r", error)

    def _save_people_of_the_saved_posts(self) -> None:
        wanted = set(self._people_ids) | {self.me["id"]}
        for run in self._channels.values():
            wanted.update(run.members)
        try:
            self._finisher.save_users(wanted, self._people_names, self._users_for_names)
        except mm.MattermostError as error:
            log.info("names of people not read for the partial archive: %s", error.detail or error.message)

    def _run_steps(self) -> str:
        try:
            self._prepare()
            self._fetch_everything(self._pool)
            self._finish_archive(self._pool)
            return "incomplete" if self._problems else "done"
        except (_Stop, mm.Cancelled):
            return self._stop_reason or "cancelled"
        except mm.SignInExpired:
            self._set_stop("token_expired", None)
            return "token_expired"
        except mm.MattermostError as error:
            log.warning("export failed: %s", error.detail or error.message)
            self._stop_reason, self._stop_message = (
                "failed",
                messages.text("{reason}", error, reason=error.message),
            )
            return "failed"
        except guard.FolderProblem as problem:  # another export is writing there, or a link is inside
            self._stop_reason, self._stop_message = "failed", problem.text
            return "failed"
        except OSError as error:
            self._stop_reason, self._stop_message = _disk_outcome(error), messages.disk_problem(error, self.root)
            log.warning("export failed writing to disk: %r", error)
            return self._stop_reason

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
            files=sum(c.files_done for c in channels),
            bytes=self._progress.bytes_done,
            problems=list(self._problems),
            message=str(message),
            i18n=message,
        )
        self._emit(result)
        return result

    # ----- step 1: who, what, where -----

    def _prepare(self) -> None:
        problem = folder_problem(self.root)
        if problem:
            self._stop_reason, self._stop_message = "failed", problem
            raise _Stop
        guard.lock_archive(self.root)  # one writer at a time, no links inside; raises FolderProblem
        self._locked = True
        previous_run = self._store.load_run()
        # Continuing an unfinished run: channels finished in it are not fetched again (that is an update).
        self._run_started_ms = (
            previous_run.get("started_at_ms") if previous_run and not previous_run.get("finished") else None
        ) or self._server_now()
        self.me = self.client.me()
        config = self._client_config()
        self.name_display = name_display_setting(config)
        self.server_version = config.get("Version") or getattr(self.client, "server_version", None) or ""
        self._emit(log_message(messages.ASKING_FOR_CHATS))
        self.teams = {t["id"]: t for t in self.client.my_teams()}
        listing = {c["id"]: c for c in self.client.my_channels(include_archived=True)}
        self._member_ids = set(listing)  # a channel outside it is one an administrator reads as such
        self._store.save_run(
            {
                "server": self.client.base_url,
                "user_id": self.me["id"],
                "channel_ids": self.channel_ids,
                "options": self.options.to_json(),
                "started_at": self._started_at,
                "started_at_ms": self._run_started_ms,
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
        self._users_for_names = self._users_needed_for_names(chosen)
        self._emit(log_message(messages.CHECKING_FOLDER))
        # Read once: looking them up per new channel would read every state file for every channel.
        self._taken_paths = {state.path for state in self._store.all_channel_states().values()}
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
                resumed=bool(previous_run),
            )
        )

    def _client_config(self) -> dict:
        try:
            return self.client.client_config()
        except mm.SignInExpired:
            raise
        except mm.MattermostError as error:
            log.info("client config not available: %s", error.detail or error.message)
            return {}

    def _channel_outside_listing(self, channel_id: str) -> dict | None:
        try:
            channel = self.client.channel(channel_id)
        except (mm.NotFound, mm.Forbidden) as error:
            self._problem(
                channel_id,
                None,
                messages.channel_not_opened(error),
            )
            return None
        if channel.get("type") in ("D", "G"):
            # Every chat of mine is in the listing, so this is a conversation between other people. An
            # administrator's role lets the server hand it out, but it is theirs: never exported this way.
            self._problem(channel_id, None, messages.other_peoples_chat())
            return None
        return channel

    def _add_teams_i_am_not_in(self, channels: list[dict]) -> None:
        """An administrator may export channels of a team they do not belong to: name it all the same."""
        for team_id in {c.get("team_id") for c in channels if c.get("team_id")} - set(self.teams):
            try:
                self.teams[team_id] = self.client.team(team_id)
            except (mm.NotFound, mm.Forbidden) as error:
                log.info("team %s not readable: %s", team_id, error.detail or error.message)

    def _users_needed_for_names(self, channels: list[dict]) -> dict[str, dict]:
        ids = {self.me["id"]}
        group_ids = [c["id"] for c in channels if c.get("type") == "G"]
        self._gm_members: dict[str, list[dict]] = {}
        if group_ids:
            self._gm_members = self.client.group_channel_members(group_ids)
        for channel in channels:
            if channel.get("type") == "D":
                ids.update(part for part in channel.get("name", "").split("__") if part)
        users = {u["id"]: u for u in self.client.users_by_ids(sorted(ids))}
        for members in self._gm_members.values():
            users.update({u["id"]: u for u in members})
        return users

    def _channel_run(self, channel: dict) -> _Channel:
        kind = channel.get("type")
        team = "" if kind in ("D", "G") else self.teams.get(channel.get("team_id"), {}).get("name", "")
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
        total = int(channel.get("total_msg_count") or 0)
        if state.complete and (state.last_sync_at or 0) >= self._run_started_ms:
            run.phase = "scan"  # finished earlier in this same run: only its files may still be missing
        elif state.complete:  # an update: only what is new
            run.expected = max(0, total - state.posts)
            run.stop_at = max(state.synced_to or 0, self.options.after_ms() or 0)
            run.since_pending = state.last_sync_at is not None
        else:
            run.expected = total
            run.stop_at = self.options.after_ms()
        if run.phase == "scan":
            pass
        elif state.anchor_id is None or state.complete:
            run.phase = "anchor"
        else:
            self._restore_pages(run)
        atomic_write_json(self._channel_dir(run) / layout.CHANNEL_JSON, channel)
        self._store.save_channel(state)
        return run

    def _new_channel_path(self, channel: dict, team: str, name: str) -> str:
        team_dir = layout.DIRECT_TEAM_DIR if not team else slug(team, "team")
        if channel.get("type") in ("D", "G"):
            base = f"{slug(name, 'chat')[:60]}-{slug(channel['id'][:8], 'id')}"
        else:
            base = slug(channel.get("name", ""), slug(channel["id"], "channel"))
        path = f"{layout.CHANNELS_DIR}/{team_dir}/{base}"
        if path in self._taken_paths:
            path = f"{path}-{slug(channel['id'][:8], 'id')}"
        assert inside(self.root, self.root / path)
        self._taken_paths.add(path)
        return path

    def _restore_pages(self, run: _Channel) -> None:
        """Resume: pages written by an earlier run for the same anchor are trusted, not fetched again."""
        pages_dir = self._store.pages_dir(run.id)
        anchor = read_page(pages_dir / ANCHOR_PAGE)
        if anchor is None:
            run.phase = "anchor"
            run.state.anchor_id = None
            return
        if self._anchor_page_is_enough(run, anchor.count, anchor.entries[0][0], anchor.entries[-1][0]):
            run.fetched = anchor.count
            run.phase = "assemble"
            return
        run.fetched = 1
        run.phase = "pages"
        found = sorted(int(p.stem) for p in pages_dir.glob("[0-9]*.jsonl") if p.stem.isdigit())
        for n in found:
            page = read_page(page_file(pages_dir, n))
            if page is None:
                continue
            run.pages_done.add(n)
            run.fetched += page.count
            self._note_page_end(run, n, page.count, page.entries[-1][0] if page.entries else None)
        run.next_page = max(run.pages_done, default=-1) + 1
        run.missing_pages = [n for n in range(run.next_page) if n not in run.pages_done]
        self._check_pages_complete(run)

    # ----- step 2: posts and files, in parallel -----

    def _fetch_everything(self, pool: ThreadPoolExecutor) -> None:
        for run in self._channels.values():
            self._emit(ChannelStarted(run.id, run.name, run.expected, self._team_label(run)))
            self._progress.add_posts(0)
        max_in_flight = max(1, self.options.jobs)
        while True:
            self._check_stop()
            self._wait_while_paused()
            while len(self._futures) < max_in_flight:
                task = self._next_task()
                if task is None:
                    break
                self._submit(pool, *task)
            if not self._futures:
                return
            done, _ = wait(list(self._futures), timeout=0.25, return_when=FIRST_COMPLETED)
            for future in done:
                self._handle(future)
            if self._progress.due():
                self._emit(self._progress.snapshot())

    def _next_task(self) -> tuple | None:
        channels = list(self._channels.values())
        for run in channels:
            if run.phase == "scan":
                run.phase = "scanning"
                return ("scan", run)
        for run in channels:  # finishing a channel first frees its memory and shows progress
            if run.phase == "assemble" and not run.in_flight and not run.since_pending:
                run.phase = "assembling"
                return ("assemble", run)
        for run in channels:
            if run.since_pending and run.phase != "anchor":
                run.since_pending = False
                return ("since", run)
        for run in channels:
            if run.phase == "pages":
                n = self._next_page_number(run)
                if n is not None:
                    return ("page", run, n)
        for run in channels:
            if run.phase == "anchor" and not run.in_flight:
                run.in_flight.add(-1)
                return ("anchor", run)
        if self._file_queue:
            return ("file", self._file_queue.popleft())
        return None

    def _next_page_number(self, run: _Channel) -> int | None:
        last = run.state.last_page
        while run.missing_pages:
            n = run.missing_pages.pop(0)
            if last is None or n <= last:
                run.in_flight.add(n)
                return n
        n = run.next_page
        if last is not None and n > last:
            return None
        # Fetch ahead in parallel up to the expected number of pages; past it one page at a time.
        pages_left = math.ceil(max(0, run.expected - run.fetched) / PER_PAGE)
        if run.in_flight and len(run.in_flight) >= max(1, pages_left):
            return None
        run.next_page += 1
        run.in_flight.add(n)
        return n

    def _submit(self, pool: ThreadPoolExecutor, kind: str, *args) -> None:
        worker = {
            "anchor": self._fetch_anchor,
            "page": self._fetch_page,
            "since": self._fetch_changes,
            "assemble": self._assemble,
            "scan": self._scan,
            "file": self._download,
        }[kind]
        self._futures[pool.submit(self._patiently, worker, *args)] = (kind, *args)

    def _handle(self, future: Future) -> None:
        kind, *args = self._futures.pop(future)
        try:
            result = future.result()
        except (mm.SignInExpired, _Stop):
            raise
        except mm.Cancelled:
            raise _Stop from None
        except OSError as error:
            self._stop_reason, self._stop_message = _disk_outcome(error), messages.disk_problem(error, self.root)
            log.warning("writing failed: %r", error)
            raise _Stop from error
        except mm.MattermostError as error:
            self._task_failed(kind, args, error)
            return
        except Exception as error:  # a bug must not lose the other channels' work
            log.exception("unexpected error in %s task", kind)
            self._task_failed(kind, args, mm.MattermostError(f"Unexpected error: {error}"))
            return
        getattr(self, f"_after_{kind}")(*args, result)

    def _task_failed(self, kind: str, args: list, error: mm.MattermostError) -> None:
        if kind == "file":
            job: FileJob = args[0]
            self._problem(job.channel_id, job.file_id, messages.file_problem(job, error))
            self._file_processed(self._channels[job.channel_id], saved=False)
            return
        run: _Channel = args[0]
        run.in_flight.clear()
        run.phase = "failed"
        self._problem(
            run.id,
            None,
            messages.channel_not_saved(run.name, error),
        )
        self._progress.channel_done()
        self._emit(
            ChannelFinished(run.id, run.name, run.state.posts, run.files_done, False, self._team_label(run))
        )

    def _patiently(self, worker, *args):
        """Runs one task; waits out a lost network or a busy server with a visible countdown."""
        waited = 0.0
        delay = 5.0
        while True:
            self._check_stop()
            self._wait_while_paused()
            try:
                return worker(*args)
            except (mm.NotReachable, mm.ServerError, mm.RateLimited) as error:
                if waited >= NETWORK_PATIENCE_SECONDS:
                    raise
                log.info("waiting %.0f s before trying again: %s", delay, error.detail or error.message)
                self._emit(NetworkWait(delay, error.message, type(error).__name__))
                if self._cancel.wait(delay):
                    raise _Stop from None
                waited += delay
                delay = min(delay * 2, 60.0)

    # ----- the tasks (worker threads: I/O only, no shared state) -----

    def _fetch_anchor(self, run: _Channel) -> tuple:
        started = self._server_now()
        posts = fetch_anchor_page(self.client, run.id)
        if posts:
            posts += fetch_anchor_millisecond(self.client, run.id, posts)
        page = write_page(self._store.pages_dir(run.id) / ANCHOR_PAGE, posts)
        return _page_facts(page), started

    def _fetch_page(self, run: _Channel, n: int) -> tuple:
        assert run.state.anchor_id is not None, "older pages are scheduled once the anchor page is saved"
        posts = fetch_page_before(self.client, run.id, run.state.anchor_id, n)
        return _page_facts(write_page(page_file(self._store.pages_dir(run.id), n), posts))

    def _fetch_changes(self, run: _Channel) -> list[dict]:
        post_list = self.client.posts_page(run.id, since=run.state.last_sync_at, per_page=PER_PAGE)
        return [post_list["posts"][i] for i in post_list.get("order", []) if i in post_list.get("posts", {})]

    def _assemble(self, run: _Channel):
        state = run.state
        refs = PeopleAndFiles()
        pages = entries_from_pages(
            self._store.pages_dir(run.id), state.anchor_create_at or 0, state.last_page, refs
        )
        new = in_range(in_order_once(pages), self.options.after_ms(), self.options.before_ms())
        target = self._channel_dir(run) / layout.POSTS_JSONL
        entries = merge_with_existing(entries_of_file(target), new) if state.complete else new
        written = write_posts(target, entries, run.edits)
        self._remember_files(run, refs.files)
        return written, refs, *self._missing_files(run)

    def _scan(self, run: _Channel):
        refs = PeopleAndFiles(set(run.state.people), set(run.state.mentions))
        return None, refs, *self._missing_files(run)

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

    def _download(self, job: FileJob) -> dict:
        run = self._channels[job.channel_id]
        entry = download_to_archive(self.client, job, self.root, self._channel_dir(run))
        self._store.append_ledger(job.channel_id, entry)
        return entry

    # ----- results (scheduler thread) -----

    def _after_anchor(self, run: _Channel, result) -> None:
        (count, newest_id, newest_at, oldest_at), started = result
        run.in_flight.clear()
        state = run.state
        state.round_started_at = started
        state.last_page = None
        run.pages_done.clear()
        run.missing_pages.clear()
        run.next_page = 0
        state.anchor_id, state.anchor_create_at = (newest_id, newest_at) if count else ("", 0)
        run.phase = "assemble" if self._anchor_page_is_enough(run, count, newest_at, oldest_at) else "pages"
        # With older pages to come, all but the anchor are fetched again as page 0: count them once.
        run.fetched = count if run.phase == "assemble" else 1
        self._progress.add_posts(run.fetched)
        self._store.save_channel(state)
        self._channel_progress(run)

    def _anchor_page_is_enough(self, run: _Channel, count: int, newest_at: int, oldest_at: int) -> bool:
        if count < PER_PAGE:
            return True
        if oldest_at == newest_at:
            return False  # a flood in the anchor's millisecond: older pages are still to come
        return run.stop_at is not None and oldest_at < run.stop_at

    def _after_page(self, run: _Channel, n: int, result: tuple) -> None:
        count, _, _, oldest_at = result
        run.in_flight.discard(n)
        if run.phase != "pages":
            return
        run.pages_done.add(n)
        run.fetched += count
        self._progress.add_posts(count)
        self._note_page_end(run, n, count, oldest_at)
        self._check_pages_complete(run)
        self._channel_progress(run)

    def _check_pages_complete(self, run: _Channel) -> None:
        last = run.state.last_page
        if last is not None and run.pages_done >= set(range(last + 1)):
            run.in_flight.clear()
            run.missing_pages.clear()
            run.phase = "assemble"

    def _note_page_end(self, run: _Channel, n: int, count: int, oldest_at: int | None) -> None:
        ends = count < PER_PAGE or (
            run.stop_at is not None and oldest_at is not None and oldest_at < run.stop_at
        )
        if ends and (run.state.last_page is None or n < run.state.last_page):
            run.state.last_page = n
            self._store.save_channel(run.state)

    def _after_since(self, run: _Channel, changed: list[dict]) -> None:
        for post in changed:
            if post.get("original_id"):
                continue  # the hidden copy an edit leaves behind
            if post.get("delete_at"):
                if post["id"] not in run.state.deleted_on_server:
                    run.state.deleted_on_server.append(post["id"])
            else:
                run.edits[post["id"]] = post
        if len(changed) >= 1000:
            self._emit(messages.many_changes(run.name))

    def _after_scan(self, run: _Channel, result) -> None:
        self._after_assemble(run, result)

    def _after_assemble(self, run: _Channel, result) -> None:
        written, refs, missing, saved = result
        state = run.state
        state.people = sorted(set(state.people) | refs.user_ids)
        state.mentions = sorted(set(state.mentions) | refs.usernames)
        if written is not None:  # None: finished earlier in this run, only its files were looked at
            state.posts = written.posts
            if written.newest_create_at is not None:
                state.synced_to = written.newest_create_at
            state.last_sync_at = state.round_started_at
            state.complete = True
            state.anchor_id = None
        self._store.save_channel(state)
        self._pool.submit(self._store.drop_pages, run.id)  # deleting many files is slow on some disks
        self._people_ids.update(state.people)
        self._people_names.update(state.mentions)
        new_jobs = [j for j in missing if j.file_id not in self._files_seen and self._file_wanted(j)]
        self._files_seen.update(j.file_id for j in new_jobs)
        run.files_total = saved + len(new_jobs)
        run.files_done = run.files_total - len(new_jobs)
        self._progress.add_files_expected(len(new_jobs), sum(j.size or 0 for j in new_jobs))
        self._file_queue.extend(new_jobs)
        run.phase = "files" if new_jobs else "done"
        if run.phase == "done":
            self._channel_finished(run)
        else:
            self._channel_progress(run)

    def _after_file(self, job: FileJob, entry: dict) -> None:
        run = self._channels[job.channel_id]
        run.bytes_done += entry["size"]
        self._progress.add_file(entry["size"])
        self._file_processed(run, saved=True)

    def _file_processed(self, run: _Channel, saved: bool) -> None:
        """One attachment dealt with: saved, or listed as a problem. The channel is done after its last."""
        run.files_done += saved
        run.files_failed += not saved
        if run.files_done + run.files_failed >= run.files_total and run.phase == "files":
            run.phase = "done"
            self._channel_finished(run)
        else:
            self._channel_progress(run)

    def _file_wanted(self, job: FileJob) -> bool:
        limit = self.options.max_file_size
        if limit is not None and job.size is not None and job.size > limit:
            self._problem(
                job.channel_id,
                job.file_id,
                messages.file_too_large(job.name),
            )
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
        self._emit(
            ChannelFinished(run.id, run.name, run.state.posts, run.files_done, True, self._team_label(run))
        )

    # ----- step 3: people, emoji, manifest, viewer -----

    def _finish_archive(self, pool: ThreadPoolExecutor) -> None:
        self._check_stop()
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
        futures = [pool.submit(self._patiently, task) for task in tasks]
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
            options=self.options,
            teammate_name_display=self.name_display,
        )
        channels = [
            ManifestChannel(
                run.channel,
                run.team,
                run.name,
                run.state,
                run.phase == "done",
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

    def _server_now(self) -> int:
        return int(time.time() * 1000)

    def _on_client_slow(self, what: str, seconds: float) -> None:
        self._emit(log_message(messages.STILL_WAITING, what=what, seconds=f"{seconds:.0f}"))

    def _on_client_wait(self, seconds: float, reason: str) -> None:
        if seconds >= 1:
            self._emit(NetworkWait(seconds, reason, "wait"))

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

    def _set_stop(self, reason: str, message: Text | None) -> None:
        if self._stop_reason is None:
            self._stop_reason, self._stop_message = reason, message
        self._unpaused.set()
        self._cancel.set()

    def _check_stop(self) -> None:
        if self._stop_reason is not None or self._cancel.is_set():
            raise _Stop

    def _wait_while_paused(self) -> None:
        while not self._unpaused.wait(0.2):
            self._check_stop()


def _page_facts(page) -> tuple[int, str | None, int | None, int | None]:
    """What the scheduler needs of a page: count, newest id and time, oldest time (newest first)."""
    if not page.entries:
        return 0, None, None, None
    return page.count, page.entries[0][1], page.entries[0][0], page.entries[-1][0]


def _disk_outcome(error: OSError) -> str:
    """"disk_full" has an exit code of its own (exitcodes.DISK_FULL): scripts can free space and retry."""
    return "disk_full" if error.errno in messages.DISK_FULL else "failed"
