"""The whole document: staff, then `parse_config` putting every part together."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from queue_app.domain.config import (
    Config,
    Office,
    Staff,
)
from queue_app.domain.config_schema.keys import (
    STAFF_KEYS,
    TOP_KEYS,
)
from queue_app.domain.config_schema.offices import _offices, _services
from queue_app.domain.config_schema.plans import _plans
from queue_app.domain.config_schema.rules import _rules
from queue_app.domain.config_schema.settings import _settings
from queue_app.domain.config_schema.values import (
    _check_keys,
    _fail,
    _known,
    _list,
    _str,
    _tables,
)
from queue_app.domain.my_number import looks_like_personal_number


def _staff(doc: Mapping[str, Any], offices: dict[str, Office]) -> dict[str, Staff]:
    staff: dict[str, Staff] = {}
    for i, entry in enumerate(_tables(doc.get("staff", []), "staff")):
        path = f"staff[{i}]"
        _check_keys(entry, path, STAFF_KEYS)
        code = _str(entry, "code", path)
        if not re.match(r"^[A-Za-z0-9_-]{1,16}$", code):
            raise _fail(f"{path}.code", code, "must be 1-16 letters or digits")
        if looks_like_personal_number(code):  # it would be written into every event it signs
            raise _fail(f"{path}.code", code, "must not be a 12-digit number (a 個人番号)")
        if code in staff:
            raise _fail(f"{path}.code", code, "is defined twice")
        staff[code] = Staff(
            code=code,
            name=_str(entry, "name", path, code),
            offices=tuple(
                _known(o, offices, f"{path}.offices", "office")
                for o in _list(entry.get("offices", []), f"{path}.offices")
            ),
        )
    return staff


def parse_config(doc: Mapping[str, Any]) -> Config:
    """Validate the whole document; raise ConfigError on the first problem found."""
    _check_keys(doc, "", TOP_KEYS)
    settings = _settings(doc)
    services = _services(doc)
    if settings.inquiry.service not in services:
        raise _fail(
            "inquiry.service",
            settings.inquiry.service,
            "unknown service (known: " + ", ".join(services) + ")",
        )
    offices = _offices(doc, settings, services)
    closures = _rules(doc, "closures", offices, services)
    openings = _rules(doc, "openings", offices, services)
    return Config(
        settings=settings,
        services=services,
        offices=offices,
        closures=closures,
        openings=openings,
        staff=_staff(doc, offices),
        plans=_plans(doc, services, offices),
    )
