"""Old import path of the report renderers, kept so existing imports keep working; the
renderers live in `queue_app.services.reports.render`."""

from __future__ import annotations

from queue_app.services.reports.render import FORMATS, Report, render

__all__ = ["FORMATS", "Report", "render"]
