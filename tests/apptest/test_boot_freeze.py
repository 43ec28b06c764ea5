"""A run of the dashboard that imported modules freezes the collector's objects (parley.ui.boot)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from apptest.conftest import RunPage

from parley.ui import boot


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    boot._frozen["modules"] = 0
    yield
    gc.unfreeze()


def test_the_dashboard_freezes_after_a_run_that_imported_modules(run_page: RunPage, unfrozen: None) -> None:
    at = run_page("pages/home.py")
    assert not at.exception
    assert gc.get_freeze_count() > 0
