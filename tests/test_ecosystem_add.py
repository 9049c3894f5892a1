"""``Ecosystem.add`` as loaders use it: paths, pending ids and earlier problems."""

from __future__ import annotations

import pytest

import smeeco
from smeeco import Agency, Ecosystem, Name


def test_paths_name_each_record_where_it_was_read() -> None:
    eco = Ecosystem()
    with pytest.raises(smeeco.ValidationError) as info:
        eco.add(
            Agency(id="a", name=Name("甲"), parent="missing"),
            Agency(id="b", name=Name("乙"), parent="unread"),
            where="'p.yaml'",
            paths=["p.yaml:agencies[0]", "p.yaml:agencies[1]"],
            pending={"unread"},
            problems=[smeeco.InvalidValueError("bad value", "p.yaml:agencies[2].level")],
        )
    assert str(info.value.exceptions[0]) == "p.yaml:agencies[2].level: bad value"
    assert str(info.value.exceptions[1]).startswith(
        "p.yaml:agencies[0].parent: unknown agency 'missing'"
    )
    assert len(info.value.exceptions) == 2  # the reference to 'unread' is not reported again
    assert len(eco) == 0


def test_one_path_per_record() -> None:
    with pytest.raises(smeeco.InvalidValueError, match="1 paths for 2 records"):
        Ecosystem().add(
            Agency(id="a", name=Name("甲")), Agency(id="b", name=Name("乙")), paths=["x"]
        )
