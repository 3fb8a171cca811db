"""Rendering: the Jinja2 environment, the visitor's language, whole pages and the live parts
sent over server-sent events (the same templates: `_*_live.html` are included by the pages).

Live parts that do not depend on the visitor (an office's board in one language) are
rendered once per snapshot and shared by every stream of that office.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from queue_app.domain.config import Config, WebSettings
from queue_app.services.plan_views import PlanView
from queue_app.services.visitor import ForecastCell, OfficeLive, TicketStatus, VisitorService
from web import i18n
from web.i18n import WebText

TEMPLATES = Path(__file__).parent / "templates"
COOKIE_MAX_AGE = 365 * 24 * 3600
REFRESH_SECONDS = 20
OWN_CACHE = 50_000  # rendered ticket parts kept (a busy city's day is a few thousand)
LEVEL_ICON = {"quiet": "●", "moderate": "▲", "crowded": "■"}


class Pages:
    def __init__(self, config: Config, settings: WebSettings) -> None:
        self.config = config
        self.settings = settings
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=select_autoescape(["html"], default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            LANGS=list(i18n.ENDONYMS.items()),
            LEVEL_ICON=LEVEL_ICON,
            REFRESH_SECONDS=REFRESH_SECONDS,
        )
        self._texts = {lang: WebText(lang, config) for lang in i18n.ENDONYMS}
        # (template, office, language) -> (the snapshot it was rendered from, html); the
        # snapshot itself is kept, not its id(): a freed snapshot's id is reused by the next
        self._shared: dict[tuple[str, str, str], tuple[OfficeLive, str]] = {}
        self._forecasts: dict[tuple[str, date], list[ForecastCell]] = {}
        self._own: dict[tuple[TicketStatus, PlanView | None, str], str] = {}

    # -- language ----------------------------------------------------------------------
    def text(self, lang: str) -> WebText:
        return self._texts.get(lang) or self._texts[i18n.DEFAULT]

    def language(self, request: Request) -> str:
        """`?lang=` (if valid), else the cookie, else Accept-Language, else Japanese."""
        return (
            i18n.valid(request.query_params.get("lang"))
            or i18n.valid(request.cookies.get(i18n.COOKIE))
            or i18n.from_accept_language(request.headers.get("accept-language"))
            or i18n.DEFAULT
        )

    def absolute(self, request: Request, path: str) -> str:
        base = self.settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")
        return base + path

    # -- whole pages -------------------------------------------------------------------
    def render(self, request: Request, template: str, **context: Any) -> HTMLResponse:
        asked = request.query_params.get("lang")
        if asked is not None and i18n.valid(asked) is None:
            request.state.refusal = "lang"
            lang = self.language(request)
            return HTMLResponse(self.refusal(400, lang), status_code=400)
        lang = self.language(request)
        refresh = request.query_params.get("refresh") != "0" and template != "slip.html"
        html = self.env.get_template(template).render(
            tr=self.text(lang),
            lang=lang,
            path=request.url.path,
            refresh=refresh,
            **context,
        )
        response = HTMLResponse(
            html, headers={"content-language": lang, "vary": "Cookie, Accept-Language"}
        )
        if asked is not None:
            response.set_cookie(
                i18n.COOKIE,
                lang,
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="lax",
                secure=self.settings.public_url.startswith("https://"),
            )
        if template in ("ticket.html", "slip.html"):
            response.headers["cache-control"] = "no-store"
        return response

    def not_found(self, request: Request) -> HTMLResponse:
        lang = self.language(request)
        return HTMLResponse(
            self.refusal(404, lang), status_code=404, headers={"cache-control": "no-store"}
        )

    def refusal(self, status: int, lang: str) -> str:
        kind = {404: "notfound", 429: "busy", 503: "busy"}.get(status, "bad")
        return self.env.get_template("refusal.html").render(
            tr=self.text(lang), lang=lang, path="/", refresh=False, kind=kind, status=status
        )

    # -- live parts --------------------------------------------------------------------
    def _shared_part(self, template: str, live: OfficeLive, lang: str) -> str:
        key = (template, live.board.office_id, lang)
        cached = self._shared.get(key)
        if cached is not None and cached[0] is live:
            return cached[1]
        html = self.env.get_template(template).render(
            tr=self.text(lang), lang=lang, live=live, office_id=live.board.office_id
        )
        self._shared[key] = (live, html)
        return html

    def office_live(self, live: OfficeLive, lang: str) -> str:
        return self._shared_part("_office_live.html", live, lang)

    def board_live(self, live: OfficeLive, lang: str) -> str:
        return self._shared_part("_board_live.html", live, lang)

    def ticket_live(self, live: OfficeLive, status: TicketStatus, lang: str) -> str:
        """The ticket's own part (cached per status and language: a call elsewhere in the
        office leaves most tickets' parts unchanged) and the office's shared part."""
        plan = live.plans.get(status.ticket_id)
        key = (status, plan, lang)
        own = self._own.get(key)
        if own is None:
            own = self.env.get_template("_ticket_own.html").render(
                tr=self.text(lang), lang=lang, status=status, plan=plan
            )
            if len(self._own) >= OWN_CACHE:
                self._own.clear()
            self._own[key] = own
        return own + self._shared_part("_ticket_shared.html", live, lang)

    # -- the forecast (computed at most once per office and day) -------------------------
    async def forecast(
        self, visitor: VisitorService, office_id: str, today: date
    ) -> list[ForecastCell]:
        key = (office_id, today)
        if key not in self._forecasts:
            cells = await asyncio.to_thread(visitor.forecast, office_id)
            self._forecasts = {k: v for k, v in self._forecasts.items() if k[1] == today}
            self._forecasts[key] = cells
        return self._forecasts[key]
