"""The general, display, reports and inquiry settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from queue_app.domain.config import (
    Congestion,
    InquirySettings,
    ReportSettings,
    Settings,
)
from queue_app.domain.config_schema.general import settings_tables, zone_and_language
from queue_app.domain.config_schema.values import (
    _fail,
    _int,
    _list,
    _str,
    parse_date_value,
    parse_ranges,
)
from queue_app.domain.config_schema.web import web_settings


def _settings(doc: Mapping[str, Any]) -> Settings:
    general, display, inquiry, reports, web = settings_tables(doc)
    tz, language = zone_and_language(general)
    congestion = Congestion(
        moderate_minutes=_int(display, "moderate_minutes", "display", 15),
        crowded_minutes=_int(display, "crowded_minutes", "display", 30),
    )
    if congestion.crowded_minutes < congestion.moderate_minutes:
        raise _fail(
            "display.crowded_minutes",
            congestion.crowded_minutes,
            "must not be below display.moderate_minutes",
        )
    inq = InquirySettings(
        answer_valid_days=_int(inquiry, "answer_valid_days", "inquiry", 30, 1),
        postal_lead_days=_int(inquiry, "postal_lead_days", "inquiry", 3),
        purge_after_days=_int(inquiry, "purge_after_days", "inquiry", 90),
        slot_minutes=_int(inquiry, "slot_minutes", "inquiry", 30, 5),
        seats_per_slot=_int(inquiry, "seats_per_slot", "inquiry", 2, 1),
        no_show_grace_minutes=_int(inquiry, "no_show_grace_minutes", "inquiry", 15),
        breaks=parse_ranges(inquiry.get("breaks", []), "inquiry.breaks"),
        service=_str(inquiry, "service", "inquiry", "ecert"),
    )
    return Settings(
        timezone=tz,
        language=language,
        target_wait_minutes=_int(general, "target_wait_minutes", "general", 30, 1),
        recall_limit=_int(general, "recall_limit", "general", 3, 0),
        estimate_window_minutes=_int(general, "estimate_window_minutes", "general", 120, 1),
        print_command=_str(general, "print_command", "general", ""),
        announce_command=_str(general, "announce_command", "general", ""),
        database_url=_str(general, "database_url", "general", ""),
        data_dir=_str(general, "data_dir", "general", ""),
        secret_file=_str(general, "secret_file", "general", ""),
        return_priority=_int(general, "return_priority", "general", 1, 0, 1),
        congestion=congestion,
        inquiry=inq,
        reports=_report_settings(reports),
        web=web_settings(web),
    )


def _report_settings(reports: Mapping[str, Any]) -> ReportSettings:
    path = "reports.notice_dates"
    dates = [
        parse_date_value(v, f"{path}[{i}]")
        for i, v in enumerate(_list(reports.get("notice_dates", []), path))
    ]
    return ReportSettings(notice_dates=tuple(sorted(set(dates))))
