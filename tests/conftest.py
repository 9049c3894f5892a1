"""Shared fixtures."""

from __future__ import annotations

import pytest

import smeeco


@pytest.fixture(scope="session")
def example() -> smeeco.Ecosystem:
    """The bundled fictional example pack."""
    return smeeco.load("example")


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["smeeco"] = smeeco
