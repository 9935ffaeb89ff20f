"""Workers never end the app: their errors reach one handler, which loses nothing.

Textual ends the app with a traceback when a worker raises, unless the worker was
created with ``exit_on_error=False``. :class:`ReportedWorkers` makes that the rule
for every worker the app or a screen starts (``@work`` goes through ``run_worker``
too), whatever the caller asked. ``Worker.StateChanged`` goes to the node that
started the worker and does not bubble, so screens hand error states on to the
app, whose one ``on_worker_state_changed`` handler tells the teacher (in Dutch)
and lets the node that started the work put itself right (``worker_failed``):
an editor keeps its text and drafts it, a closed journal is opened again.

Waiting for workers goes through :func:`wait_for_workers`, never Textual's
``wait_for_complete``: that re-raises a worker's error as ``WorkerFailed`` and a
cancelled worker as ``WorkerCancelled``, in whatever waited, which then ends the
app with a traceback after all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from textual.worker import Worker, WorkerState, WorkType


class ReportedWorkers:
    """Mixin for the app and screens: every worker runs with ``exit_on_error=False``."""

    def run_worker(
        self,
        work: WorkType[Any],
        name: str | None = "",
        group: str = "default",
        description: str = "",
        exit_on_error: bool = True,
        start: bool = True,
        exclusive: bool = False,
        thread: bool = False,
    ) -> Worker[Any]:
        del exit_on_error  # an error is reported by the app's handler, never fatal
        return super().run_worker(  # type: ignore[misc]
            work,
            name=name,
            group=group,
            description=description,
            exit_on_error=False,
            start=start,
            exclusive=exclusive,
            thread=thread,
        )


async def wait_for_workers(workers: Iterable[Worker[Any]]) -> list[Worker[Any]]:
    """Wait until every started worker has ended, however it ended; never raises.

    Returns the workers that did not succeed (failed or cancelled): their errors
    have gone, or go, to the one handler; the caller decides what to do instead.
    """
    started = [worker for worker in workers if worker.state is not WorkerState.PENDING]
    if started:
        await asyncio.gather(*(worker.wait() for worker in started), return_exceptions=True)
    return [worker for worker in started if worker.state is not WorkerState.SUCCESS]


def is_error(event: Worker.StateChanged) -> bool:
    return event.state is WorkerState.ERROR


def error_text(worker: Worker[Any]) -> str:
    """The Dutch notification for a worker that raised something nobody expected."""
    error = worker.error
    detail = f"{type(error).__name__}: {error}" if error is not None else "onbekende fout"
    return (
        f"Er ging onverwacht iets mis ({detail}). reflectie werkt door: wat nog niet "
        "bewaard was, staat nog op het scherm. Controleer of je laatste handeling is "
        "gelukt en probeer het zo nodig opnieuw."
    )
