"""The open session as the TUI holds it, and the app's tunable timings.

Workers run on threads while the app may be shutting down. :class:`SessionHolder`
serialises "use the session" against "close the session", so a save that is
half-way never meets a closed database, and nothing runs after the close.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reflectie.session import Session
from reflectie.store.errors import StorageError


class SessionClosedError(StorageError):
    """The app is closing; the work was not done."""

    def __init__(self) -> None:
        super().__init__("reflectie wordt afgesloten; dit is niet meer uitgevoerd.")


class SessionHolder:
    """Owns the :class:`Session` for the app's lifetime.

    Workers wrap their session work in ``with holder.use() as session``; the app
    calls :meth:`close` on unmount, which waits for work in progress to finish.
    Workers must not block on the UI thread while inside ``use()`` (post
    messages instead), or the close would wait forever.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._lock = threading.RLock()
        self._closed = False

    @property
    def session(self) -> Session:
        """For quick in-memory reads on the UI thread (the journal is thread-safe)."""
        return self._session

    @property
    def read_only(self) -> bool:
        return self._session.read_only

    @property
    def closed(self) -> bool:
        return self._closed

    @contextmanager
    def use(self) -> Iterator[Session]:
        with self._lock:
            if self._closed:
                raise SessionClosedError()
            yield self._session

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._session.close()


@dataclass(frozen=True)
class UiOptions:
    """Timings and effects; tests set the delays to 0 and switch blinking off.

    ``draft_delay``: seconds of quiet after the last keystroke before a draft is
    written (a crash loses at most this much). ``search_delay``: the same for
    search-as-you-type. ``idle_check_seconds``: how often the auto-lock looks at
    the time since the last key press or mouse event.
    """

    draft_delay: float = 0.6
    search_delay: float = 0.25
    cursor_blink: bool = True
    idle_check_seconds: float = 5.0
