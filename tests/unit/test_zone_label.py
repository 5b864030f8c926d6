"""Every time the listings, the administrators' table and the archive show is in the computer's zone, and
they say which: one offset, or winter/summer offsets where the zone has summer time."""

from __future__ import annotations

import os
import time

import pytest

from mmexport.exporting.writers.i18n import zone_label


@pytest.fixture
def zone():
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("UTC", "UTC"),
        ("Europe/Berlin", "UTC+01:00/+02:00"),  # a list from March and from July spans both
        ("America/New_York", "UTC-05:00/-04:00"),
        ("Asia/Kolkata", "UTC+05:30"),
    ],
)
def test_the_zone_is_named_by_its_offsets(zone, name, label):
    zone(name)
    assert zone_label(2025) == label
