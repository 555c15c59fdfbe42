"""Reader processes: each reads files into documents and writes them into a Whoosh segment of
its own; at each batch's end the segments go to the indexing process, which commits them.

A file that hangs, crashes its reader or eats its memory costs one reader, which is replaced;
the files that reader had already written in the batch are read again by the others (their
segment died with it), and the batch goes on.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

# Seconds a worker is given to stop politely before it is killed.
STOP_GRACE = 1.0
# Seconds a reader may take to flush its segment at the end of a batch.
FINISH_TIMEOUT = 600.0
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
# A file whose reader's segment was lost this many times (to other files' crashes) is given up.
MAX_ATTEMPTS = 3
# A reader's garbage collector: a young collection every 50,000 new objects (Python's default:
# 700), so that the full ones come a thousand times less often (see _collect_garbage_seldom).
READER_GC_THRESHOLDS = (50_000, 20, 100)


@dataclass
class Finished:
    task: object
    result: object = None
    error: str | None = None


@dataclass
class Batch:
    """What one batch produced: each reader's segment with the results written into it, and
    the tasks that failed outright."""

    parts: list[tuple[object, list[Finished]]] = field(default_factory=list)
    failures: list[Finished] = field(default_factory=list)


class _SegmentLost(Exception):
    """The reader's segment can no longer be trusted; the reader is replaced."""


def _limit_memory(memory_mb: int | None) -> None:
    """Cap the worker's address space, so that a decompression bomb raises MemoryError here."""
    if not memory_mb:
        return
    try:
        import resource

        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = current + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # not on this platform: the time limit still protects the batch


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the indexing process dies, even by kill -9, so
    that no worker outlives it holding a copy of the index's write lock."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _collect_garbage_seldom() -> None:
    """A reader makes millions of small lists and tuples (words, postings) and keeps many of them
    (the segment's postings, the name rules' caches): with Python's default thresholds the full
    collections, each scanning everything kept, took 0.55-0.75 of 7.8-10.5 ms of CPU a document
    (2,000 generated documents). What it keeps makes next to no reference cycles, so collecting
    seldom costs no memory (peak 158 against 157 MB there)."""
    gc.set_threshold(*READER_GC_THRESHOLDS)


def _serve(conn: Connection, make_handler: Callable, memory_mb: int | None, fatal: tuple) -> None:
    _die_with_parent()
    _limit_memory(memory_mb)
    _collect_garbage_seldom()
    handler = make_handler()
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        kind, payload = message
        try:
            reply = (handler.handle(payload) if kind == "task" else handler.finish(), None, False)
        except fatal as error:  # sent whole, to be raised in the calling process
            reply = (None, error, True)
        except MemoryError:
            reply = (None, f"ran out of memory (over {memory_mb} MB)", True)
        except Exception as error:  # reported per file: one bad file never stops the batch
            reply = (None, f"{type(error).__name__}: {error}", True)
        conn.send(reply)
        if reply[2]:
            return  # the segment may be half-written: this reader ends, and is replaced


class _Worker:
    def __init__(self, context, make_handler: Callable, memory_mb: int | None, fatal: tuple) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, make_handler, memory_mb, fatal), daemon=True)
        self.process.start()
        child.close()
        self.task: object = None
        self.started = 0.0
        self.written: list[Finished] = []  # results in this reader's open segment

    def give(self, task: object) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(("task", task))

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(STOP_GRACE)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            programs = _programs_started_by(self.process.pid)
            self.process.kill()
            for pid in programs:  # a tesseract reading a page would run on, its timer gone with the reader
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        self.process.join()
        self.conn.close()

    def death(self) -> str:
        self.process.join(STOP_GRACE)
        code = self.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return f"the reader process died ({how}), perhaps out of memory"


def _programs_started_by(pid: int) -> list[int]:
    """The processes a reader started and still runs (Linux; elsewhere none are known)."""
    children = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                children += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return children


def _raise_fatal(error: object) -> None:
    """A handler's fatal error comes as the exception itself; any other error as its text."""
    if isinstance(error, BaseException):
        raise error


def _context():
    # fork starts workers at once, the readers already imported; where fork is not safe, spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


class WorkerPool:
    """Runs ``make_handler()`` in ``workers`` processes; ``handler.handle(task)`` per task,
    ``handler.finish()`` at the end of each batch of ``batch_size`` tasks or ``batch_seconds``.

    A handler's error of one of the ``fatal`` types (a full disk, which every other task would meet
    too) stops the pool and is raised in the calling process; any other error fails only its task."""

    def __init__(self, make_handler: Callable, workers: int, timeout: float, memory_mb: int | None,
                 batch_size: int, batch_seconds: float,
                 on_done: Callable[[Finished], None] | None = None, fatal: tuple = ()) -> None:
        self.make_handler = make_handler
        self.size = max(1, workers)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.on_done = on_done or (lambda finished: None)
        self.fatal = fatal
        self._context = _context()
        self._waiting: deque = deque()
        self._attempts: Counter = Counter()
        self._failures: list[Finished] = []

    def add(self, tasks: list[object]) -> None:
        """More tasks, handed out before the others (the rest of a file already begun)."""
        self._waiting.extendleft(reversed(tasks))

    def run(self, tasks: Iterable[object]) -> Iterator[Batch]:
        self._waiting = deque(tasks)
        workers = [self._new_worker() for _ in range(min(self.size, len(self._waiting)))]
        busy: dict[Connection, _Worker] = {}
        try:
            while True:
                self._one_batch(workers, busy)
                workers, batch = self._finish_batch(workers)
                # The readers wait while the indexing process commits: its commit removes files
                # the table of contents does not name, as a reader's next segment would be.
                if batch.parts or batch.failures:
                    yield batch
                if not self._waiting:
                    return
        finally:
            for worker in busy.values():
                worker.kill()
            for worker in workers:
                if worker.conn not in busy:
                    worker.stop()

    def _one_batch(self, workers: list[_Worker], busy: dict[Connection, _Worker]) -> None:
        """Hand out tasks until the batch is full or old, then let the busy readers finish."""
        done, started = 0, time.monotonic()
        while self._waiting or busy:
            if done < self.batch_size and time.monotonic() - started < self.batch_seconds:
                self._hand_out(workers, busy)
            if not busy:
                return
            done += self._collect(busy, workers)

    def _hand_out(self, workers: list[_Worker], busy: dict[Connection, _Worker]) -> None:
        """A waiting task to each idle reader."""
        for worker in workers:
            if worker.conn not in busy and self._waiting:
                worker.give(self._waiting.popleft())
                busy[worker.conn] = worker

    def _new_worker(self) -> _Worker:
        return _Worker(self._context, self.make_handler, self.memory_mb, self.fatal)

    def _collect(self, busy: dict[Connection, _Worker], workers: list[_Worker]) -> int:
        """Wait for answers or deadlines; returns how many tasks went into segments."""
        deadline = min(worker.started for worker in busy.values()) + self.timeout
        sentinels = {worker.process.sentinel: worker for worker in busy.values()}
        ready = wait(list(busy) + list(sentinels), timeout=max(0.0, deadline - time.monotonic()))
        written = 0
        handled: set[int] = set()
        for ready_object in ready:
            worker = busy.get(ready_object) or sentinels.get(ready_object)
            if worker is None or id(worker) in handled:
                continue
            handled.add(id(worker))
            del busy[worker.conn]
            try:
                result, error, lost = worker.conn.recv()
            except (EOFError, OSError):
                result, error, lost = None, worker.death(), True
            _raise_fatal(error)
            if lost:
                self._lose(worker, workers, Finished(worker.task, error=error))
                continue
            finished = Finished(worker.task, result)
            worker.written.append(finished)
            self.on_done(finished)
            written += 1
        now = time.monotonic()
        for worker in [w for w in busy.values() if now - w.started >= self.timeout]:
            del busy[worker.conn]
            self._lose(worker, workers, Finished(worker.task, error=f"timed out after {self.timeout:g} s"))
        return written

    def _lose(self, worker: _Worker, workers: list[_Worker], failure: Finished | None) -> None:
        """A reader is gone with its segment: its task failed, what it had written is read again."""
        if failure is not None:
            self._failures.append(failure)
            self.on_done(failure)
        for finished in worker.written:
            self._attempts[id(finished.task)] += 1
            if self._attempts[id(finished.task)] >= MAX_ATTEMPTS:
                self._failures.append(Finished(finished.task, error="lost with a failing reader, twice"))
            else:
                self._waiting.append(finished.task)
        worker.kill()
        workers[workers.index(worker)] = self._new_worker()

    def _finish_batch(self, workers: list[_Worker]) -> tuple[list[_Worker], Batch]:
        batch = Batch(failures=self._failures)
        self._failures = []
        finishing = [w for w in workers if w.written]
        # All readers flush their segments at once (asked one after the other, each sat idle
        # while the other flushed: a flush is about a third of the cost of writing a segment).
        for worker in finishing:
            worker.conn.send(("finish", None))
        deadline = time.monotonic() + FINISH_TIMEOUT
        for worker in finishing:
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._lose(worker, workers, None)
                continue
            try:
                segment, error, lost = worker.conn.recv()
            except (EOFError, OSError):
                segment, error, lost = None, None, True
            _raise_fatal(error)
            if lost:  # its files are read again by a new reader
                self._lose(worker, workers, None)
                continue
            batch.parts.append((segment, worker.written))
            worker.written = []
        batch.failures += self._failures
        self._failures = []
        return workers, batch
