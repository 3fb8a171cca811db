"""`record` (queue_app/domain/records.py) behaves as `@dataclass(frozen=True)`: the
configuration's classes use it to skip Python 3.11's compiling of six methods per class at
every start (issue 17), and everything that built, compared, copied or `replace`d them
before must see no difference."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from queue_app.domain import config as config_module
from queue_app.domain.config import Office, Settings, TimeRange, WebSettings
from queue_app.domain.records import record


@record
class Rec:
    name: str
    size: int = 3
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict)
    hidden: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True)
class Dc:
    name: str
    size: int = 3
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict)
    hidden: int = field(default=0, repr=False, compare=False)


@record
class Small:
    """A documented record."""

    a: int
    b: tuple[int, ...] = (1, 2)


@dataclass(frozen=True)
class SmallDc:
    a: int
    b: tuple[int, ...] = (1, 2)


CALLS = [
    (("x",), {}),
    (("x", 5), {}),
    ((), {"name": "x", "tags": ("a",)}),
    (("x",), {"extra": {"k": 1}, "hidden": 9}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_built_read_and_shown_the_same(args: tuple, kwargs: dict) -> None:
    mine, theirs = Rec(*args, **kwargs), Dc(*args, **kwargs)
    names = [f.name for f in dataclasses.fields(Dc)]
    assert [f.name for f in dataclasses.fields(Rec)] == names
    assert [getattr(mine, n) for n in names] == [getattr(theirs, n) for n in names]
    assert repr(mine).replace("Rec(", "Dc(", 1) == repr(theirs)
    assert dataclasses.asdict(mine) == dataclasses.asdict(theirs)
    assert Rec.__match_args__ == Dc.__match_args__


def test_each_instance_gets_its_own_default_factory_value() -> None:
    assert Rec("a").extra is not Rec("b").extra


def test_equality_and_hash_over_the_compared_fields() -> None:
    assert Small(1) == Small(1) and Small(1) != Small(2)
    assert hash(Small(1, (3,))) == hash(Small(1, (3,))) == hash(SmallDc(1, (3,)))
    assert Small(1) != SmallDc(1)  # another class is never equal, as with dataclasses
    assert Rec("x", hidden=1) == Rec("x", hidden=2)  # compare=False is left out
    assert len({Small(1), Small(1), Small(2)}) == 2
    with pytest.raises(TypeError):
        hash(Rec("x"))  # a dict field makes it unhashable, as a dataclass
    with pytest.raises(TypeError):
        hash(Dc("x"))


def test_frozen_like_a_dataclass() -> None:
    item = Small(1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'a'"):
        item.a = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'c'"):
        item.c = 2  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'a'"):
        del item.a  # type: ignore[misc]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1, (2,), 3), {}), ((1,), {"a": 2}), ((1,), {"c": 3})],
    ids=["missing", "too many", "twice", "unknown"],
)
def test_wrong_arguments_are_a_type_error(args: tuple, kwargs: dict) -> None:
    with pytest.raises(TypeError):
        SmallDc(*args, **kwargs)
    with pytest.raises(TypeError):
        Small(*args, **kwargs)


def test_replace_copy_and_pickle() -> None:
    item = Rec("x", 5, ("a",), {"k": 1})
    changed = dataclasses.replace(item, size=7)
    assert changed == Rec("x", 7, ("a",), {"k": 1}) and item.size == 5
    assert copy.deepcopy(item) == item and copy.copy(item) == item
    assert pickle.loads(pickle.dumps(item)) == item
    assert dataclasses.is_dataclass(item)


def test_the_configuration_classes_are_records() -> None:
    """Every frozen dataclass of the configuration is built by `record` (no per-class
    compiled methods), and keeps its dataclass behaviour (`replace` as the tests use it)."""
    classes = [
        value
        for value in vars(config_module).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    ]
    assert len(classes) == 14
    for cls in classes:
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
        assert cls.__init__.__module__ == "queue_app.domain.records"
    settings = dataclasses.replace(Settings(), web=WebSettings(port=9000))
    assert settings.web.port == 9000 and settings == Settings(web=WebSettings(port=9000))
    assert Settings().inquiry == Settings().inquiry  # a default_factory value, built each time
    assert Settings().inquiry is not Settings().inquiry
    assert str(Office.__doc__).startswith("Office(") and TimeRange.__doc__
