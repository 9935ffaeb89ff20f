"""Run something once the user stops typing for a moment.

Used for drafts (write once typing pauses) and search-as-you-type. Each
:meth:`Debouncer.poke` restarts the wait. A delay of 0 (the tests use it) runs
the callback on the next turn of the message loop instead of starting a
zero-length timer, which Textual's ``Timer`` does not support.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debouncer:
    """Call ``callback`` after ``delay`` seconds without a new :meth:`poke`."""

    def __init__(self, owner: MessagePump, delay: float, callback: Callable[[], object]) -> None:
        self._owner = owner
        self._delay = delay
        self._callback = callback
        self._timer: Timer | None = None
        self._pending = False

    @property
    def pending(self) -> bool:
        return self._pending

    def poke(self) -> None:
        """Something changed: (re)start the wait."""
        self._pending = True
        if self._delay <= 0:
            self._owner.call_later(self._fire)
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._owner.set_timer(self._delay, self._fire)

    def cancel(self) -> None:
        """Forget a pending call (the work was done another way)."""
        self._pending = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _fire(self) -> None:
        if not self._pending:
            return
        self.cancel()
        self._callback()
