"""Background work for the wizard: one worker QObject in one QThread runs every blocking core call
(server probe, sign-in, channel listing, the export, conversion), so the window never freezes.

Thread rules (docs/architecture.md, PySide6 6.12): worker signals are connected only to methods of QObjects that
live in the GUI thread. `TaskRunner` is that GUI-side object: it hands a task to the worker, and when the
worker reports back, its slots call the page's callbacks in the GUI thread.

Engine events arrive from several engine threads; `EventRelay` (GUI thread) queues them and drains the
queue in the GUI thread, keeping only the newest progress figures so a fast export cannot flood the window.
"""

from __future__ import annotations

import collections
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from mmexport.exporting.events import ChannelProgress, Event, OverallProgress

log = logging.getLogger(__name__)


@dataclass
class Task:
    """One blocking call: `func()` runs in the worker thread; its result or exception comes back."""

    func: Callable[[], Any]
    name: str = "task"
    task_id: int = 0
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)


class Worker(QObject):
    """Lives in the worker thread. Runs tasks one after the other."""

    finished = Signal(int, object)  # task id, result
    failed = Signal(int, object)  # task id, exception

    @Slot(object)
    def run_task(self, task: Task) -> None:
        try:
            result = task.func()
        except BaseException as exc:  # everything goes back to the GUI as a message
            if not isinstance(exc, Exception):
                log.error("Task %s stopped by %r", task.name, exc)
            else:
                log.info("Task %s failed: %r", task.name, exc)
            self.failed.emit(task.task_id, exc)
            return
        self.finished.emit(task.task_id, result)


class TaskRunner(QObject):
    """GUI-thread side: starts the worker thread, submits tasks, calls back in the GUI thread."""

    _submit = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, Task] = {}
        self._thread = QThread()
        self._thread.setObjectName("mmexport-worker")
        self._worker = Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run_task)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    def submit(
        self,
        func: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "task",
    ) -> Task:
        task = Task(func=func, name=name, task_id=next(self._ids), on_done=on_done, on_error=on_error)
        self._pending[task.task_id] = task
        self._submit.emit(task)
        return task

    def forget(self, task: Task | None) -> None:
        """The answer of this task is no longer wanted (the page moved on)."""
        if task is not None:
            task.cancelled.set()

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        task = self._pending.pop(task_id, None)
        if task and task.on_done and not task.cancelled.is_set():
            task.on_done(result)

    @Slot(int, object)
    def _on_failed(self, task_id: int, exc: object) -> None:
        task = self._pending.pop(task_id, None)
        if task and task.on_error and not task.cancelled.is_set():
            task.on_error(exc)  # type: ignore[arg-type]

    def shutdown(self, wait_ms: int = 5000) -> bool:
        """Stops the worker thread after the current task; True when it stopped in time. Tasks queued but
        not started are dropped (the event loop quits before it reaches them), and no answer is handed on:
        after close nobody wants one, and a last call made meanwhile (the sign-out) may make it fail."""
        for task in self._pending.values():
            task.cancelled.set()
        self._thread.quit()
        return self._thread.wait(wait_ms)


def run_briefly(func: Callable[[], Any], seconds: float, name: str) -> bool:
    """Runs one last call at close in its own thread and waits at most `seconds` for it; True when it
    finished. Not on the worker: quitting the worker's event loop drops a task queued just before, and a
    task still running there would hold it up. A call that overruns is left to its daemon thread."""

    def call() -> None:
        try:
            func()
        except Exception as exc:  # closing goes on whatever happens; the log says what it was
            log.warning("%s at close failed: %r", name, exc)

    thread = threading.Thread(target=call, name=f"mmexport-{name}", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        log.warning("%s at close did not finish within %.0f s", name, seconds)
        return False
    return True


class EventRelay(QObject):
    """Carries engine events from engine threads to a handler in the GUI thread."""

    _wake = Signal()

    def __init__(self, handler: Callable[[list[Event]], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handler = handler
        self._lock = threading.Lock()
        self._queue: collections.deque[Event] = collections.deque()
        self._scheduled = False
        self._wake.connect(self._drain)

    def push(self, event: Event) -> None:
        """Called from any thread; cheap."""
        with self._lock:
            self._queue.append(event)
            if self._scheduled:
                return
            self._scheduled = True
        self._wake.emit()

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            events = list(self._queue)
            self._queue.clear()
            self._scheduled = False
        if events:
            self._handler(coalesce_progress(events))


def coalesce_progress(events: list[Event]) -> list[Event]:
    """Drops progress figures that a newer one of the same kind (and chat) replaces."""
    latest_overall = None
    latest_channel: dict[str, int] = {}
    for i, event in enumerate(events):
        if isinstance(event, OverallProgress):
            latest_overall = i
        elif isinstance(event, ChannelProgress):
            latest_channel[event.channel_id] = i
    keep = set(latest_channel.values())
    if latest_overall is not None:
        keep.add(latest_overall)
    return [
        e for i, e in enumerate(events) if not isinstance(e, OverallProgress | ChannelProgress) or i in keep
    ]
