"""docs/configuration.md must name every key the configuration parser accepts."""

from __future__ import annotations

from pathlib import Path

from queue_app.config import ENV_GENERAL
from queue_app.domain import config_schema as schema

DOC = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text("utf-8")


def test_every_key_is_documented() -> None:
    keys = (
        schema.TOP_KEYS
        | schema.GENERAL_KEYS
        | schema.DISPLAY_KEYS
        | schema.REPORTS_KEYS
        | schema.INQUIRY_KEYS
        | schema.SERVICE_KEYS
        | schema.OFFICE_KEYS
        | schema.COUNTER_KEYS
        | (schema.HOURS_KEYS - {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
        | schema.RULE_KEYS
        | schema.STAFF_KEYS
        | schema.WEB_KEYS
    )
    missing = sorted(
        k for k in keys if f"`{k}`" not in DOC and f"[{k}]" not in DOC and f"[[{k}]]" not in DOC
    )
    assert not missing, f"undocumented configuration keys: {missing}"


def test_every_environment_variable_is_documented() -> None:
    for var in [*ENV_GENERAL, "MADOGUCHI_CONFIG", "MADOGUCHI_NOW"]:
        assert f"`{var}`" in DOC
