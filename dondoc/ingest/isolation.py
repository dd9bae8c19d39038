"""Reading a file in a child process with limits the kernel enforces.

The decoders dondoc relies on (PDFium, Tesseract's Leptonica, zlib, expat) allocate what a
file asks for and can spin on a crafted one; inside the web server that would take the
server down with the file. So every file is read by a child process:
- its address space is capped (`read_memory_mb`; its OCR processes inherit the cap): a
  decoder that asks for more gets an allocation failure (MemoryError in Python, an abort
  in PDFium) instead of the machine's memory;
- its wall time is capped (`read_timeout_seconds`): past it, the child and everything it
  started (its process group, Tesseract included) are killed;
- no core files, CPU time capped as a second guard.
Whatever happens in the child ends in a DondocError in the caller: the reader's own
(E_INPUT_CORRUPT…), E_INPUT_TOO_COMPLEX for a limit reached or a decoder that died, and
E_INTERNAL only for a defect (an exception no reader should raise).

Children come from a fork server started once per process, with the readers already
imported: a read costs a fork (milliseconds), not an interpreter start (half a second).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import io
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from typing import Any, TypeVar

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode

T = TypeVar("T")

# told (pages read, pages to read) as a long reading goes
OnProgress = Callable[[int, int], None]

_PRELOAD = ["dondoc.ingest.dispatch", "dondoc.ingest.pdf_pages"]


class _Popen(popen_forkserver.Popen):
    """The standard fork-server launch, but the child does not run the caller's main
    script again (multiprocessing re-executes it to find functions defined there; ours
    live in modules, and a script's top level may not bear running twice — or be a file
    at all, as with `python -`)."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_name", None)
        prep_data.pop("init_main_from_path", None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]  # set by the base __init__
        # the parent keeps a duplicate of the data pipe's write end as its sentinel
        parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))  # type: ignore[attr-defined]  # untyped in typeshed
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Reader(ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> _Popen:
        return _Popen(process_obj)


_preloaded = False


def _prepare() -> None:
    global _preloaded
    if not _preloaded:
        forkserver.set_forkserver_preload(_PRELOAD)
        _preloaded = True


def run_isolated(
    task: Callable[..., T],
    *args: Any,
    settings: Settings,
    name: str,
    on_progress: OnProgress | None = None,
) -> T:
    """`task(*args)` in a child process under the settings' limits; its result, or its
    error as a DondocError. `task` must be a module-level function (it is pickled by name)
    taking `on_progress` as a keyword when the caller passes one."""
    _prepare()
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = _Reader(
        target=_child,
        args=(sender, task, args, _limits(settings), on_progress is not None),
        name=f"dondoc-reader:{name[:40]}",
        daemon=True,
    )
    child.start()
    sender.close()  # the child holds its end: EOF here means it is gone
    deadline = time.monotonic() + settings.read_timeout_seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                _kill(child)
                seconds = settings.read_timeout_seconds
                raise _too_complex(
                    name, f"reading took longer than {seconds} s (DONDOC_READ_TIMEOUT_SECONDS)"
                )
            ready = wait([receiver, child.sentinel], timeout=min(left, 1.0))
            if receiver in ready:
                try:
                    message = receiver.recv()
                except EOFError:  # died before or while answering
                    child.join(5)
                    raise _died(name, child.exitcode, settings) from None
                if message[0] == "progress":
                    if on_progress is not None:
                        on_progress(message[1], message[2])
                    continue
                return _outcome(message, name)  # type: ignore[no-any-return]
            if child.sentinel in ready and not receiver.poll(0):
                child.join(5)
                raise _died(name, child.exitcode, settings)
    finally:
        if child.is_alive():
            _kill(child)
        child.join(5)
        receiver.close()
        with contextlib.suppress(ValueError):
            child.close()


def _limits(settings: Settings) -> dict[str, int]:
    return {"memory": settings.read_memory_mb * 1024 * 1024, "seconds": settings.read_timeout_seconds}


def _kill(child: Any) -> None:
    """The child and whatever it started (it leads its own process group)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        child.kill()


def _outcome(message: tuple[Any, ...], name: str) -> Any:
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "error":
        raise DondocError(ErrorCode(message[1]), **message[2])
    if kind == "too_complex":
        raise _too_complex(name, message[1])
    raise DondocError(ErrorCode.INTERNAL, kind=message[1], detail=message[2])


def _too_complex(name: str, detail: str) -> DondocError:
    return DondocError(ErrorCode.INPUT_TOO_COMPLEX, name=name, detail=detail)


def _died(name: str, exitcode: int | None, settings: Settings) -> DondocError:
    if exitcode is not None and -exitcode == signal.SIGXCPU:
        return _too_complex(name, f"reading used more than {settings.read_timeout_seconds} s of CPU")
    how = (
        f"signal {signal.Signals(-exitcode).name}"
        if exitcode is not None and exitcode < 0
        else f"exit {exitcode}"
    )
    # a decoder that runs out of its memory aborts (PDFium) or is killed: the file asked
    # for more than a reading may have
    memory = settings.read_memory_mb
    return _too_complex(
        name, f"the reader stopped ({how}): more than {memory} MB of memory (DONDOC_READ_MEMORY_MB)"
    )


def _child(
    conn: Connection,
    task: Callable[..., Any],
    args: tuple[Any, ...],
    limits: dict[str, int],
    progress: bool,
) -> None:
    """In the child: limits first, then the task; every outcome becomes one message."""
    os.setpgrp()  # its own process group: killed together with what it starts
    _one_malloc_arena()
    memory, seconds = limits["memory"], limits["seconds"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds + 5, seconds + 10))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    kwargs: dict[str, Any] = {}
    if progress:
        kwargs["on_progress"] = lambda done, total: conn.send(("progress", done, total))
    try:
        result: tuple[Any, ...] = ("ok", task(*args, **kwargs))
    except DondocError as exc:
        result = ("error", exc.code.value, {k: str(v) for k, v in exc.params.items()})
    except MemoryError:
        result = ("too_complex", f"more than {memory // (1024 * 1024)} MB of memory (DONDOC_READ_MEMORY_MB)")
    except RecursionError:
        result = ("too_complex", "nested too deeply")
    except Exception as exc:  # a defect: reported, never a traceback
        result = ("internal", type(exc).__name__, str(exc)[:500])
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("too_complex", "its text is too large to hand back within the memory limit"))
    conn.close()


def _one_malloc_arena() -> None:
    """glibc gives each thread that allocates a 64 MB arena of address space: with OCR's
    threads that alone would eat the cap. One arena is plenty for a reader."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, 1)  # M_ARENA_MAX
