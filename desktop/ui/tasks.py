"""The one helper that runs core work off the GUI thread (house rule 7).

run(fn, on_done, on_error) calls fn() on a worker thread; on_done(result) or on_error(exc) is then
called on the GUI thread. Jobs run one at a time in submission order (one worker), so a later save can
never overtake an earlier one. wait() blocks until every submitted job has finished and its callback ran
(tests and the lock path use it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.ui.qt import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

_pool: QThreadPool | None = None
_pending: set[_Job] = set()


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to deliver() here."""

    finished = Signal(object, object)  # result, error

    def __init__(self, job: _Job) -> None:
        super().__init__()
        self.job = job
        self.finished.connect(self.deliver)

    @Slot(object, object)
    def deliver(self, result: Any, error: BaseException | None) -> None:
        self.job.deliver(result, error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.on_done, self.on_error = fn, on_done, on_error
        self.relay = _Relay(self)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as err:  # noqa: BLE001 - returned to the GUI thread, never lost
            self.relay.finished.emit(None, err)
            return
        self.relay.finished.emit(result, None)

    def deliver(self, result: Any, error: BaseException | None) -> None:
        _pending.discard(self)
        if error is not None:
            if self.on_error is not None:
                self.on_error(error)
        elif self.on_done is not None:
            self.on_done(result)


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


def run(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None) -> None:
    job = _Job(fn, on_done, on_error)
    _pending.add(job)
    pool().start(job)


def busy() -> bool:
    return bool(_pending)


def wait(timeout_ms: int = 30000) -> None:
    """Finish every job and deliver its callback (GUI thread only)."""
    pool().waitForDone(timeout_ms)
    while _pending:
        QCoreApplication.processEvents()


class _Background(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn

    def run(self) -> None:
        try:
            self.fn()
        except Exception:  # noqa: S110 - a warm-up that fails is simply done again when needed
            pass


def background(fn: Callable[[], Any]) -> None:
    """Best-effort work with no result (cache warm-up), beside the ordered queue so it delays nothing."""
    QThreadPool.globalInstance().start(_Background(fn))


def wait_background(timeout_ms: int = 30000) -> None:
    QThreadPool.globalInstance().waitForDone(timeout_ms)
