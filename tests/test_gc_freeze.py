"""parley.ui.boot.freeze_loaded: after a run that imported modules, the collector's tracked objects go
to its permanent generation (full collections then skip the server's modules); not otherwise."""

from __future__ import annotations

import gc
import sys
import types
from collections.abc import Iterator

import pytest

from parley.ui import boot


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    boot._frozen["modules"] = 0
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


def test_a_run_that_imported_modules_freezes_and_the_next_does_not(unfrozen: None) -> None:
    assert gc.get_freeze_count() == 0
    assert boot.freeze_loaded()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert not boot.freeze_loaded()  # nothing imported since
    sys.modules["parley_test_freeze_module"] = types.ModuleType("parley_test_freeze_module")
    try:
        made_since = [[n] for n in range(3)]  # tracked containers made after the first freeze
        assert boot.freeze_loaded() and gc.get_freeze_count() >= frozen + len(made_since)
    finally:
        del sys.modules["parley_test_freeze_module"]
