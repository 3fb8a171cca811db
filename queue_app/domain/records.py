"""`record`: `@dataclass(frozen=True)` without compiling code for each class. Pure.

Python 3.11's `dataclass` writes the source of `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__` and `__delattr__` for every class and compiles each with `exec`: for the
configuration's fourteen classes ~20 ms at every start of every command that reads the
configuration (`madoguchi calendar`, a clerk's terminal...; issue 17). `record` registers the
class with `dataclass` (so `dataclasses.fields`, `replace`, `asdict` work as before) but
asks it for none of those methods, and gives the class the same six written once here:
the same arguments (positional or by name, defaults and `default_factory`), the same
`repr`, equality and hash over the fields, and `FrozenInstanceError` on assignment.
Type checkers see a frozen dataclass (`dataclass_transform`). tests/test_records.py
compares each behaviour with `@dataclass(frozen=True)`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T]) -> type[T]:
    """A frozen dataclass, as `@dataclass(frozen=True)` makes it (see the module)."""
    undocumented = not cls.__doc__
    if undocumented:  # else `dataclass` asks `inspect.signature` for one (~0.2 ms a class)
        cls.__doc__ = cls.__name__
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = tuple(f.name for f in fields)
    if undocumented:
        cls.__doc__ = f"{cls.__name__}({', '.join(names)})"
    shown = tuple(f.name for f in fields if f.repr)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    missing = dataclasses.MISSING
    defaults: dict[str, tuple[bool, Any]] = {}
    for f in fields:
        if f.default_factory is not missing:
            defaults[f.name] = (True, f.default_factory)
        elif f.default is not missing:
            defaults[f.name] = (False, f.default)
    setter = object.__setattr__
    qualname = cls.__qualname__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(
                f"{qualname}.__init__() takes {len(names) + 1} positional arguments"
                f" but {len(args) + 1} were given"
            )
        values = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in defaults and key not in names:
                raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument {key!r}")
            if key in values:
                raise TypeError(f"{qualname}.__init__() got multiple values for argument {key!r}")
            values[key] = value
        for name in names:
            if name in values:
                setter(self, name, values[name])
            elif name in defaults:
                factory, default = defaults[name]
                setter(self, name, default() if factory else default)
            else:
                raise TypeError(f"{qualname}.__init__() missing required argument: {name!r}")

    def __repr__(self: Any) -> str:
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inside})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return tuple(getattr(self, n) for n in compared) == tuple(
                getattr(other, n) for n in compared
            )
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, n) for n in hashed))

    def __setattr__(self: Any, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[misc, arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[misc, arg-type]

    methods: dict[str, Callable[..., Any]] = {
        "__init__": __init__,
        "__repr__": __repr__,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
    }
    for attr, function in methods.items():
        function.__qualname__ = f"{qualname}.{attr}"
        setattr(cls, attr, function)
    return cls
