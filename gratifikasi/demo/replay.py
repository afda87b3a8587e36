"""Replay stories through the real services with the clock moved to each step's moment.

A story is a generator: it yields the moment of its next step, and the code after that
``yield`` runs with :func:`gratifikasi.clock.utcnow` standing at that moment. The runner
interleaves every story in time order, so the audit chain, case histories, due dates and
the dashboard's monthly totals come out as if a year had really passed.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

from .. import clock

Story = Iterator[datetime]

OFFICE_OPENS = time(8, 30)  # WIB


def at(day: date, minutes_after_opening: int = 0) -> datetime:
    """Naive UTC of ``day`` at the office's opening time in Jakarta, plus some minutes."""
    local = datetime.combine(day, OFFICE_OPENS, tzinfo=clock.JAKARTA) + timedelta(minutes=minutes_after_opening)
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def workday(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def replay(stories: list[Story], until: datetime) -> int:
    """Run every story's steps in time order, none after ``until``. Returns the steps run."""
    queue: list[tuple[datetime, int, Story]] = []
    for index, story in enumerate(stories):
        first = next(story, None)
        if first is not None:
            heapq.heappush(queue, (first, index, story))
    steps = 0
    while queue:
        moment, index, story = heapq.heappop(queue)
        if moment > until:
            continue  # a step still in the future: the story stops where "now" is
        with clock.moved_to(moment):
            following = next(story, None)
        steps += 1
        if following is not None:
            heapq.heappush(queue, (max(following, moment), index, story))
    return steps
