"""Worker processes for reading files: a file that hangs, crashes or eats memory costs one
worker, which is replaced; the batch goes on."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

# Seconds a worker is given to stop politely before it is killed.
STOP_GRACE = 1.0
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


@dataclass
class Finished:
    task: object
    result: object = None
    error: str | None = None


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


def _serve(conn: Connection, function: Callable, memory_mb: int | None) -> None:
    _die_with_parent()
    _limit_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        try:
            reply = (function(task), None)
        except MemoryError:
            reply = (None, f"ran out of memory (over {memory_mb} MB)")
        except Exception as error:  # reported per file: one bad file never stops the batch
            reply = (None, f"{type(error).__name__}: {error}")
        try:
            conn.send(reply)
        except MemoryError:
            conn.send((None, f"ran out of memory (over {memory_mb} MB)"))


class _Worker:
    def __init__(self, context, function: Callable, memory_mb: int | None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, function, memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.task: object = None
        self.started = 0.0

    def give(self, task: object) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(STOP_GRACE)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the indexing process dies, even by kill -9, so
    that no worker outlives it holding a copy of the index's write lock."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _context():
    # fork starts workers at once, the readers already imported; where fork is not safe, spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


class WorkerPool:
    """Runs ``function(task)`` in ``workers`` processes; answers in the order they finish."""

    def __init__(self, function: Callable, workers: int, timeout: float, memory_mb: int | None) -> None:
        self.function = function
        self.size = max(1, workers)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._context = _context()

    def run(self, tasks: Iterable[object]) -> Iterator[Finished]:
        waiting = deque(tasks)
        idle = [self._new_worker() for _ in range(min(self.size, len(waiting)))]
        busy: dict[Connection, _Worker] = {}
        try:
            while waiting or busy:
                while idle and waiting:
                    worker = idle.pop()
                    worker.give(waiting.popleft())
                    busy[worker.conn] = worker
                yield from self._collect(busy, idle)
        finally:
            for worker in busy.values():
                worker.kill()
            for worker in idle:
                worker.stop()

    def _new_worker(self) -> _Worker:
        return _Worker(self._context, self.function, self.memory_mb)

    def _collect(self, busy: dict[Connection, _Worker], idle: list[_Worker]) -> Iterator[Finished]:
        now = time.monotonic()
        deadline = min(worker.started for worker in busy.values()) + self.timeout
        sentinels = {worker.process.sentinel: worker for worker in busy.values()}
        ready = wait(list(busy) + list(sentinels), timeout=max(0.0, deadline - now))
        done: set[_Worker] = set()
        for ready_object in ready:
            worker = busy.get(ready_object) or sentinels.get(ready_object)
            if worker is None or worker in done:
                continue
            done.add(worker)
            del busy[worker.conn]
            try:
                result, error = worker.conn.recv()
            except (EOFError, OSError):
                yield Finished(worker.task, error=self._death(worker))
                idle.append(self._replace(worker))
                continue
            yield Finished(worker.task, result, error)
            idle.append(worker)
        now = time.monotonic()
        for worker in [w for w in busy.values() if now - w.started >= self.timeout]:
            del busy[worker.conn]
            yield Finished(worker.task, error=f"timed out after {self.timeout:g} s")
            idle.append(self._replace(worker))

    def _death(self, worker: _Worker) -> str:
        worker.process.join(STOP_GRACE)
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return f"the reader process died ({how}), perhaps out of memory"

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        return self._new_worker()
