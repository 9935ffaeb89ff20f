"""Start-up benchmarks: time from process start until the first screen is ready.

Every measurement runs a fresh ``python -c SCRIPT`` subprocess. :data:`PRELUDE`
is put in front of each script; it patches :meth:`textual.app.App.run_async` (which
``App.run`` also goes through) so that *any* app the script starts runs headless
(80×24) and, once its first screen is mounted and has processed its pending
messages (the same ``Pilot._wait_for_screen`` that ``App.run_test`` waits for),
writes one byte to a pipe and exits. The parent measures from just before
``Popen`` until that byte arrives: interpreter start, imports, opening the
journal, composing and mounting the first screen. Teardown is not counted.

Because the hook sits in Textual rather than in the app, the bare baseline and
the real TUI (started exactly as ``reflectie --data-dir D`` starts it) are
measured the same way, without the app having to cooperate. A script whose app
shows a placeholder first (the TUI shows a loading screen while a worker opens
the journal) defines ``bench_ready(app) -> bool``; the signal then waits until
that holds and the screen it leads to is idle as well. The child reports the
class name of the screen it ended on, which the parent can check.

Adding the TUI is :func:`measure_tui_startup`; :func:`tui_available` says whether
the TUI exists yet.
"""

from __future__ import annotations

import importlib.util
import os
import select
import subprocess
import sys
import time
from pathlib import Path

READY_FD_ENV = "REFLECTIE_BENCH_READY_FD"

PRELUDE = f"""
import asyncio as _asyncio
import os as _os
from textual.app import App as _App

_original_run_async = _App.run_async

async def _bench_run_async(self, *args, **kwargs):
    async def _signal_ready(pilot):
        app = pilot.app
        await pilot._wait_for_screen()
        ready = globals().get("bench_ready")
        if ready is not None:
            while app.is_running and not _bench_check(ready, app):
                await _asyncio.sleep(0.001)
            await pilot._wait_for_screen()
        try:
            name = type(app.screen).__name__ if app.is_running else "(app stopped)"
        except Exception:
            name = "(no screen)"
        fd = int(_os.environ[{READY_FD_ENV!r}])
        _os.write(fd, ("READY " + name + "\\n").encode())
        _os.close(fd)
        app.exit()

    kwargs["headless"] = True
    kwargs["size"] = (80, 24)
    kwargs["auto_pilot"] = _signal_ready
    return await _original_run_async(self, *args, **kwargs)

def _bench_check(ready, app):
    try:
        return ready(app)
    except Exception:  # e.g. no screen on the stack for a moment
        return False

_App.run_async = _bench_run_async
"""

BARE_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label, ListItem, ListView, TextArea


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield ListView(*(ListItem(Label(f"Reflectie {n}")) for n in range(20)))
        yield TextArea("Vandaag merkte ik dat de klas onrustig was.")
        yield Footer()


BareApp().run()
"""


class StartupError(RuntimeError):
    """The child never signalled that its first screen was ready (or ended elsewhere)."""


def measure_startup(
    script: str, runs: int, *, expect_screen: str | None = None, timeout: float = 60.0
) -> list[float]:
    """Run ``script`` (with :data:`PRELUDE`) ``runs`` times; seconds to first screen each.

    One untimed warm-up run comes first (bytecode caches, page cache), so the
    numbers are warm-disk start-ups, like a teacher's second start of the day.
    ``expect_screen`` is the class name of the screen the app must be showing.
    """
    code = PRELUDE + "\n" + script
    times = []
    for index in range(runs + 1):
        elapsed, screen = _one_run(code, timeout)
        if expect_screen is not None and screen != expect_screen:
            raise StartupError(f"the app ended on {screen}, not on {expect_screen}")
        if index:  # the first run is the warm-up
            times.append(elapsed)
    return times


def _one_run(code: str, timeout: float) -> tuple[float, str]:
    read_fd, write_fd = os.pipe()
    env = dict(os.environ, **{READY_FD_ENV: str(write_fd)})
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    message = b""
    elapsed = 0.0
    try:
        deadline = start + timeout
        while not message.endswith(b"\n"):
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.perf_counter()))
            chunk = os.read(read_fd, 256) if ready else b""
            if not chunk:  # timeout, or the child closed the pipe without signalling
                break
            message += chunk
        elapsed = time.perf_counter() - start
    finally:
        os.close(read_fd)
    try:
        _, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        _, stderr = child.communicate()
    if not message.startswith(b"READY ") or not message.endswith(b"\n"):
        raise StartupError(
            f"first screen never became ready (exit code {child.returncode}): {_last_lines(stderr)}"
        )
    return elapsed, message[6:-1].decode()


def _last_lines(stderr: bytes, count: int = 2) -> str:
    """The end of a traceback, without the box drawing of Rich's pretty tracebacks."""
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and line.strip()[0] not in "│╭╰╮╯─┃━╹╷╵"
    ]
    return " | ".join(lines[-count:]) or "(no output)"


def measure_bare_startup(runs: int) -> list[float]:
    """The baseline: a bare Textual app with Header, Footer, a list and a TextArea."""
    return measure_startup(BARE_APP, runs, expect_screen="Screen")


def tui_available() -> tuple[bool, str]:
    """Whether ``reflectie`` (no command) can start the TUI yet, and why not."""
    try:
        if importlib.util.find_spec("reflectie.tui.run") is None:
            return False, "reflectie.tui.run does not exist"
        import reflectie.tui.run as run_module
    except Exception as exc:  # a half-built TUI must not break the benchmark
        return False, f"reflectie.tui.run does not import ({type(exc).__name__}: {exc})"
    if not hasattr(run_module, "run_tui"):
        return False, "reflectie.tui.run has no run_tui"
    return True, ""


def prepare_tui_journal(data_dir: Path) -> None:
    """Finish the first-start questions, so the TUI opens on its home screen."""
    from reflectie.paths import resolve_paths
    from reflectie.session import open_session

    session = open_session(resolve_paths(data_dir))
    try:
        if not session.settings.load().configured:
            session.settings.update(sector="mbo", naam="Sanne")
    finally:
        session.close()


#: The TUI shows a loading screen while a worker opens the journal; the first
#: screen that counts is the one after it (the home screen with the journal).
TUI_READY = """
def bench_ready(app):
    return type(app.screen).__name__ != "LoadingScreen"
"""


def measure_tui_startup(data_dir: Path, runs: int, *, until_home: bool = True) -> list[float]:
    """The real TUI, started exactly as ``reflectie --data-dir DATA_DIR`` starts it,
    until its home screen (journal loaded) is mounted and idle — or, with
    ``until_home=False``, until the first screen (the loading screen) is up."""
    prepare_tui_journal(data_dir)
    script = (
        (TUI_READY if until_home else "")
        + "import sys\n"
        + "from reflectie.cli.main import main\n"
        + f"sys.exit(main(['--data-dir', {str(data_dir)!r}]))\n"
    )
    return measure_startup(
        script, runs, expect_screen="HomeScreen" if until_home else "LoadingScreen"
    )
