"""Named visit plans (`[[plans]]`): one visitor, several procedures in order.

```toml
[[plans]]
id = "tennyu"
name_ja = "転入"
name_en = "Moving in"
steps = ["moving", "ecert", "other"]
offices = ["sogo"]        # optional: default every office that offers all the steps
```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from queue_app.domain.config import MAX_PLAN_STEPS as MAX_STEPS
from queue_app.domain.config import Office, Plan, Service
from queue_app.domain.config_schema.keys import PLAN_KEYS
from queue_app.domain.config_schema.values import (
    _check_keys,
    _fail,
    _id,
    _known,
    _list,
    _str,
    _tables,
)


def _plan_offices(
    entry: Mapping[str, Any], path: str, steps: tuple[str, ...], offices: dict[str, Office]
) -> tuple[str, ...]:
    if "offices" not in entry:
        return tuple(
            oid
            for oid, office in offices.items()
            if all(s in office.services for s in steps) and _counters_cover(office, steps)
        )
    chosen: list[str] = []
    for k, value in enumerate(_list(entry["offices"], f"{path}.offices")):
        oid = _known(value, offices, f"{path}.offices[{k}]", "office")
        office = offices[oid]
        for sid in steps:
            if sid not in office.services:
                raise _fail(
                    f"{path}.offices[{k}]",
                    oid,
                    f"does not offer the step {sid!r} (its services: "
                    + ", ".join(office.services)
                    + ")",
                )
            if not any(sid in c.services for c in office.counters):
                raise _fail(
                    f"{path}.offices[{k}]",
                    oid,
                    f"has no counter that serves the step {sid!r}: add it to a counter's services",
                )
        if oid in chosen:
            raise _fail(f"{path}.offices[{k}]", oid, "is listed twice")
        chosen.append(oid)
    return tuple(chosen)


def _counters_cover(office: Office, steps: tuple[str, ...]) -> bool:
    return all(any(sid in c.services for c in office.counters) for sid in steps)


def _plans(
    doc: Mapping[str, Any], services: dict[str, Service], offices: dict[str, Office]
) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    for i, entry in enumerate(_tables(doc.get("plans", []), "plans")):
        path = f"plans[{i}]"
        _check_keys(entry, path, PLAN_KEYS)
        pid = _id(entry.get("id"), f"{path}.id")
        path = f"plans.{pid}"
        if pid in plans:
            raise _fail(f"{path}.id", pid, "is defined twice")
        if "steps" not in entry:
            raise _fail(f"{path}.steps", None, 'is required, e.g. steps = ["moving", "other"]')
        raw = _list(entry["steps"], f"{path}.steps")
        if len(raw) < 2:
            raise _fail(
                f"{path}.steps", raw, "a plan needs at least two procedures (one is a ticket)"
            )
        if len(raw) > MAX_STEPS:
            raise _fail(f"{path}.steps", raw, f"a plan has at most {MAX_STEPS} procedures")
        steps = tuple(
            _known(s, services, f"{path}.steps[{k}]", "procedure") for k, s in enumerate(raw)
        )
        for k, sid in enumerate(steps):
            if sid in steps[:k]:
                raise _fail(f"{path}.steps[{k}]", sid, "is listed twice (each procedure once)")
        name_ja = _str(entry, "name_ja", path)
        plans[pid] = Plan(
            id=pid,
            name_ja=name_ja,
            name_en=_str(entry, "name_en", path, name_ja),
            steps=steps,
            offices=_plan_offices(entry, path, steps, offices),
        )
    return plans
