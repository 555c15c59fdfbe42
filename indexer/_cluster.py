"""Files read by a Dask distributed cluster's workers instead of reader processes here.

The workers run the reading (a file to its documents, or the reason it has none) and hand the
documents back; this process writes them into a segment of its own (the same Reader the local
pool's processes use) and hands the batch on as WorkerPool does, so batches, commits, the ledger
and the report are the indexing run's one way, whichever reads.

Dask itself reads again the files of a worker lost mid-task (up to its
``distributed.scheduler.allowed-failures``), so a killed worker costs only its files' time; a file
that kills every worker it is tried on fails with a reason. A scheduler that goes away ends the
run after the files already read are committed.
"""
from __future__ import annotations

import logging
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError

from indexer._pool import MAX_ATTEMPTS, Batch, Finished
from indexer.errors import ClusterError

INSTALL_HINT = "pip install 'paper-archive[cluster]'"
# How long to wait for the scheduler to answer, and for a first worker to join it.
CONNECT_SECONDS = 10.0
WORKERS_SECONDS = 30.0
# How often the indexing process looks up, while waiting for results, whether the scheduler is
# still there and how many worker threads it has (each look-up is a round trip to the scheduler).
LOOK_EVERY = 1.0
CLUSTER_SECONDS = 5.0
# A cluster started by `archive cluster start` gives a file this many workers' lives, as the local
# pool gives it MAX_ATTEMPTS readers' (Dask's own default: 3 deaths allowed, 4 tries).
ALLOWED_FAILURES = MAX_ATTEMPTS - 1
DEFAULT_PORT = 8786
# Parcels in flight per worker thread: one being read, the others waiting (on the worker, or the
# scheduler), so that no worker sits idle for a round trip between files, nor while this process
# writes what came back (each file's time limit runs from when it starts).
IN_FLIGHT_PER_THREAD = 3
# Small files travel together, up to this many or this many bytes a parcel (one Dask task): a Dask
# task costs ~3 ms of the cluster's time here (2,000 empty tasks on 2 workers: 6.6 s), a tenth of
# what reading a short text does.
FILES_PER_PARCEL = 16
PARCEL_BYTES = 1 << 20
# The event each worker sends as it starts a file: its time limit runs from then.
STARTED_TOPIC = "archive-read-started"
# How long a worker restarted (after a file hung it or exhausted its memory) may take to come back.
RESTART_SECONDS = 30.0


def distributed_module():
    """Dask distributed, or a ClusterError saying the one command that installs it."""
    try:
        import distributed
    except ImportError:
        raise ClusterError(f"indexing on a cluster needs Dask distributed: run `{INSTALL_HINT}`") from None
    return distributed


def connect(address: str):
    """A client of the scheduler at ``address``, with at least one worker; ClusterError if none."""
    distributed = distributed_module()
    _quiet_logs(logging.CRITICAL)
    try:
        client = distributed.Client(address, timeout=CONNECT_SECONDS)  # the default: distributed.wait uses it
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {_reason(error)}") from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except (OSError, TimeoutError):
        client.close()
        raise ClusterError(f"no Dask worker joined the scheduler at {address} within {WORKERS_SECONDS:g} s: "
                           f"start some with `dask worker {address}`") from None
    return client


class ClusterPool:
    """WorkerPool's face (``run(tasks)`` yields batches, ``add(tasks)``, ``on_done``) over a Dask cluster:
    ``read(task)`` runs on a worker, ``make_writer().write(task, result)`` here, ``finish()`` at each
    batch's end gives its segment. ``prepare(task)``, run here before sending, gives the task to send
    (with what the worker cannot see) or, when it is not a task, the file's result itself."""

    def __init__(self, address: str, make_writer: Callable, read: Callable, timeout: float,
                 memory_mb: int | None, batch_size: int, batch_seconds: float,
                 on_done: Callable[[Finished], None] | None = None, prepare: Callable | None = None,
                 size_of: Callable[[object], int] = lambda task: 0) -> None:
        self.address = address
        self.make_writer, self.read, self.prepare, self.size_of = make_writer, read, prepare, size_of
        self.timeout, self.memory_mb = timeout, memory_mb
        self.batch_size, self.batch_seconds = batch_size, batch_seconds
        self.on_done = on_done or (lambda finished: None)
        self._waiting: deque = deque()
        self._running: dict = {}   # future -> its parcel: the tasks it reads, in order
        # a running parcel's key -> which of its files its worker began, and when
        self._started: dict[str, tuple[int, float]] = {}
        self._alone: set[int] = set()  # ids of tasks sent alone from now on (a parcel of theirs killed its workers)
        self._threads = 0
        self._threads_seen = 0.0
        self._lost: str | None = None

    def add(self, tasks: list[object]) -> None:
        """More tasks, handed out before the others (the rest of a file already begun)."""
        self._waiting.extendleft(reversed(tasks))

    def run(self, tasks: Iterable[object]) -> Iterator[Batch]:
        self._waiting = deque(tasks)
        if not self._waiting:
            return
        client = connect(self.address)
        client.subscribe_topic(STARTED_TOPIC, self._on_started)
        writer = self.make_writer()
        try:
            while self._waiting or self._running:
                batch = self._one_batch(client, writer)
                if batch.parts or batch.failures:
                    yield batch
                if self._lost:
                    raise ClusterError(self._lost)
        finally:
            self._close(client)

    def _one_batch(self, client, writer) -> Batch:
        """Collect results into the writer's segment until the batch is full or old; the workers
        keep reading meanwhile, and while the batch is committed."""
        written: list[Finished] = []
        failures: list[Finished] = []
        started = time.monotonic()
        while (self._waiting or self._running) and not self._lost:
            try:
                self._hand_out(client, writer, written)
                if len(written) + len(failures) >= self.batch_size or time.monotonic() - started >= self.batch_seconds:
                    break
                self._collect(client, writer, written, failures)
            except (OSError, TimeoutError, CancelledError):  # the scheduler's connection, closed or cut
                self._scheduler_lost()
        segment = writer.finish()
        return Batch(parts=[(segment, written)] if written else [], failures=failures)

    def _on_started(self, event: tuple) -> None:
        """A worker began a file of a parcel (in the client's own thread: one dictionary assignment)."""
        key, position = event[1]
        self._started[key] = (position, time.monotonic())

    def _hand_out(self, client, writer, written: list[Finished]) -> None:
        """Send parcels of waiting tasks until every worker thread has its share in flight."""
        while self._waiting and len(self._running) < IN_FLIGHT_PER_THREAD * self._thread_count(client):
            parcel, sent = [], []
            for task in self._next_parcel():
                prepared = self.prepare(task) if self.prepare else task
                if isinstance(prepared, type(task)):
                    parcel.append(task)
                    sent.append(prepared)
                else:  # the file gave its result here (too large, gone)
                    self._finished(Finished(task, writer.write(task, prepared)), written)
            if parcel:
                key = f"archive-read-{uuid.uuid4().hex}"
                future = client.submit(read_on_worker, self.read, sent, self.memory_mb, key, pure=False, key=key)
                self._running[future] = parcel

    def _next_parcel(self) -> list[object]:
        """The next waiting task, with the small ones after it while the parcel has room."""
        parcel = [self._waiting.popleft()]
        size = self.size_of(parcel[0])
        if id(parcel[0]) in self._alone:
            return parcel
        while (self._waiting and len(parcel) < FILES_PER_PARCEL and id(self._waiting[0]) not in self._alone
               and size + self.size_of(self._waiting[0]) <= PARCEL_BYTES):
            parcel.append(self._waiting.popleft())
            size += self.size_of(parcel[-1])
        return parcel

    def _collect(self, client, writer, written: list[Finished], failures: list[Finished]) -> None:
        """Wait a moment for results; write each; fail the tasks past their time."""
        distributed = distributed_module()
        if self._running:
            started = [self._started[future.key][1] for future in self._running if future.key in self._started]
            wait = max(0.0, min([LOOK_EVERY] + [at + self.timeout - time.monotonic() for at in started]))
            try:
                done, _ = distributed.wait(list(self._running), timeout=wait, return_when="FIRST_COMPLETED")
            except TimeoutError:
                done = set()
            finished = [future for future in done if future.status == "finished"]
            values = dict(zip(finished, client.gather(finished))) if finished else {}  # one round trip
            self._hand_out(client, writer, written)  # the workers go on while these are written
            for future in done:
                self._result(client, future, values.get(future), writer, written, failures)
        if client.status != "running":
            self._scheduler_lost()
            return
        self._expire(client, failures)

    def _scheduler_lost(self) -> None:
        """The files being read are read on the next run; those read so far are committed."""
        self._lost = (f"lost the Dask scheduler at {self.address}; the files read so far are committed: "
                      f"run the command again when the cluster is back")

    def _result(self, client, future, values: list | None, writer, written: list[Finished],
                failures: list[Finished]) -> None:
        parcel = self._running.pop(future)
        self._started.pop(future.key, None)
        if values is not None:
            if any(kind == "spent" for kind, _ in values):
                self._restart(client, _holders(client, future))
            future.release()
            for task, (kind, value) in zip(parcel, values, strict=True):
                if kind == "read":
                    self._finished(Finished(task, writer.write(task, value)), written)
                else:
                    self._failed(Finished(task, error=value), failures)
        elif future.status == "error" and len(parcel) > 1:
            # Its workers died reading it (Dask tried it on several): each file again on its own,
            # so that only the one that kills workers fails.
            self._alone.update(map(id, parcel))
            self.add(parcel)
        elif future.status == "error":
            self._failed(Finished(parcel[0], error=_task_failure(future.exception())), failures)
        else:  # cancelled by the scheduler going away: read on the next run
            self.add(parcel)

    def _expire(self, client, failures: list[Finished]) -> None:
        """A file past its time fails, and the rest of its parcel is read again; its worker is
        restarted (a thread cannot be stopped), and Dask reads elsewhere what else that worker held."""
        now = time.monotonic()
        expired = [future for future in self._running
                   if future.key in self._started and now - self._started[future.key][1] >= self.timeout]
        if not expired:
            return
        keys = {future.key for future in expired}
        stuck = [worker for worker, held in client.processing().items() if keys & set(held)]
        for future in expired:
            parcel = self._running.pop(future)
            position, _ = self._started.pop(future.key)
            future.cancel()
            self._failed(Finished(parcel[position], error=f"timed out after {self.timeout:g} s"), failures)
            self.add(parcel[:position] + parcel[position + 1:])
        self._restart(client, stuck)

    @staticmethod
    def _restart(client, workers: list[str]) -> None:
        if not workers:
            return
        try:
            client.restart_workers(workers, timeout=RESTART_SECONDS, raise_for_error=False)
        except Exception:  # a worker without a nanny cannot be restarted: it frees itself, or not
            pass

    def _finished(self, finished: Finished, written: list[Finished]) -> None:
        written.append(finished)
        self.on_done(finished)

    def _failed(self, failure: Finished, failures: list[Finished]) -> None:
        failures.append(failure)
        self.on_done(failure)

    def _thread_count(self, client) -> int:
        """The cluster's worker threads, looked up every few seconds (workers come and go)."""
        now = time.monotonic()
        if now - self._threads_seen >= CLUSTER_SECONDS or not self._threads:
            try:
                self._threads = sum(client.nthreads().values())
            except (OSError, TimeoutError):
                self._threads = 0
            self._threads_seen = now
        return max(1, self._threads)

    def _close(self, client) -> None:
        if client.status == "running":
            for future in self._running:
                future.cancel()
        self._running = {}
        try:
            client.close(timeout=CONNECT_SECONDS)
        except Exception:  # a client whose scheduler is gone closes with complaints; nothing is lost
            pass


def _quiet_logs(level: int) -> None:
    """Dask's reconnection attempts and lost-worker notices (tracebacks among them) would interleave
    with the progress bar; what matters reaches the user as this run's own one-line errors."""
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name.startswith("distributed"):
            logging.getLogger(name).setLevel(level)


def _holders(client, future) -> list[str]:
    """The workers holding a finished task's result: the one that ran it."""
    return sorted(client.who_has([future]).get(future.key, ()))


def _task_failure(error: BaseException) -> str:
    distributed = distributed_module()
    if isinstance(error, distributed.KilledWorker):
        return "the Dask worker reading it died, each time it was tried (perhaps out of memory)"
    return f"{type(error).__name__}: {error}"


def _reason(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


# ---- on a worker --------------------------------------------------------------------

_base_address_space: int | None = None


def read_on_worker(read: Callable, parcel: list, memory_mb: int | None, key: str) -> list[tuple[str, object]]:
    """On a Dask worker: ``read(task)`` for each task of the parcel."""
    from distributed import get_worker

    _limit_memory(memory_mb)
    worker = get_worker()
    results = []
    for position, task in enumerate(parcel):
        worker.log_event(STARTED_TOPIC, (key, position))  # the file's time limit runs from now
        results.append(_read_one(read, task, memory_mb))
    return results


def _read_one(read: Callable, task: object, memory_mb: int | None) -> tuple[str, object]:
    """("read", result), ("error", reason) or, when the worker ran out of memory and should be
    restarted (as the local pool replaces such a reader), ("spent", reason)."""
    try:
        return "read", read(task)
    except MemoryError:
        return "spent", f"ran out of memory (over {memory_mb} MB)"
    except Exception as error:  # reported per file: one bad file never stops the batch
        return "error", f"{type(error).__name__}: {error}"


def _limit_memory(memory_mb: int | None) -> None:
    """Cap the worker's address space at what it had at its first file plus ``memory_mb`` per
    thread, so that a decompression bomb raises MemoryError in its task, not the machine's OOM
    killer. Only the soft limit is set: another run may set another."""
    global _base_address_space
    if not memory_mb:
        return
    try:
        import resource

        from distributed import get_worker

        if _base_address_space is None:
            with open("/proc/self/statm") as handle:
                _base_address_space = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = _base_address_space + memory_mb * 1024 * 1024 * max(1, get_worker().state.nthreads)
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft != wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        pass  # not on this platform: the time limit still protects the batch


# ---- a cluster on one machine (`archive cluster start`) -------------------------------

def start_local_cluster(workers: int, host: str, port: int):
    """A Dask scheduler on ``host:port`` and ``workers`` worker processes of one thread each (a
    reader process's share, as the local pool has), each restarted by its nanny when it dies."""
    distributed = distributed_module()
    import dask

    dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
    _quiet_logs(logging.ERROR)
    try:
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host=host,
                                        scheduler_port=port, dashboard_address=None)
    except OSError as error:
        raise ClusterError(f"cannot start a Dask scheduler on {host}:{port}: {_reason(error)}") from None
