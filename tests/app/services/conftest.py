"""Fixtures the queue tests share: a hall line (``tests/booking_helpers.make_line``) and a clock frozen on a
Monday while the hall is open. The slot and appointment tests define their own ``line`` and ``clock``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.booking_helpers import QUEUE_OPEN, Line, make_line


@pytest.fixture
def line(app, tree) -> Line:
    return make_line(app, tree)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(QUEUE_OPEN, tick=False) as traveller:
        yield traveller
