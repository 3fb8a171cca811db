"""`madoguchi web`: the visitor's pages, one asynchronous Starlette process.

Routes call the read-only use cases (`queue_app.services.visitor`) and render Jinja2
templates; no SQL and no rule lives here. Every page is complete HTML that refreshes itself
every 20 s without JavaScript; `static/app.js` (no inline script: the CSP forbids it) adds
server-sent events from `/events/...`, the sound and the vibration.

    /                 every office at a glance
    /o/<office>       the office's waits, other offices, hours, closures, forecast
    /board/<office>   the waiting-room board for a TV browser
    /t/<token>        a ticket's own page (the QR on the ticket leads here)
    /a/<token>        an appointment slip, and /a/<token>/slip.ics for the phone's calendar
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from queue_app import qr
from queue_app.domain.config import WebSettings
from queue_app.domain.scan import qr_text
from queue_app.services import Services
from queue_app.services.feed import ChangeFeed
from queue_app.services.visitor import OfficeLive, PageNotFound, VisitorService
from web import ics
from web.hub import LiveHub, StreamsFull, Subscriber
from web.pages import Pages
from web.security import Guard, RateLimiter, Scope, accepted_hosts
from web.stream import Event, EventStream

log = logging.getLogger("madoguchi.web")
STATIC = Path(__file__).parent / "static"
ROBOTS = "User-agent: *\nDisallow: /t/\nDisallow: /a/\nDisallow: /events/\n"


@dataclass
class WebApp:
    services: Services
    settings: WebSettings
    visitor: VisitorService
    hub: LiveHub
    pages: Pages


def create_app(
    services: Services, settings: WebSettings | None = None, *, live_feed: bool = True
) -> Guard:
    """The ASGI application (wrapped in the guard). `live_feed=False` (in-process tests):
    no feed thread; every page and stream reads fresh."""
    settings = settings or services.config.settings.web
    visitor = VisitorService(services)
    feed = ChangeFeed(services.engine, tuple(services.config.offices)) if live_feed else None
    hub = LiveHub(
        visitor,
        feed,
        max_streams=settings.max_streams,
        max_per_address=settings.max_streams_per_address,
    )
    pages = Pages(services.config, settings)
    web = WebApp(services, settings, visitor, hub, pages)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await hub.start()
        try:
            yield
        finally:
            await hub.stop()

    routes = [
        Route("/", _endpoint(web, index)),
        Route("/o/{office}", _endpoint(web, office_page)),
        Route("/board/{office}", _endpoint(web, board_page)),
        Route("/t/{token}", _endpoint(web, ticket_page)),
        Route("/t/{token}/qr.svg", _endpoint(web, ticket_qr)),
        Route("/a/{token}", _endpoint(web, slip_page)),
        Route("/a/{token}/slip.ics", _endpoint(web, slip_ics)),
        Route("/events/o/{office}", _endpoint(web, office_events)),
        Route("/events/board/{office}", _endpoint(web, board_events)),
        Route("/events/t/{token}", _endpoint(web, ticket_events)),
        Route("/healthz", lambda _r: PlainTextResponse("ok")),
        Route("/robots.txt", lambda _r: PlainTextResponse(ROBOTS)),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error(web), Exception: _server_error(web)},
    )
    app.state.web = web

    def refusal(status: int, scope: Scope) -> tuple[bytes, str]:
        lang = pages.language(Request(scope))
        return pages.refusal(status, lang).encode("utf-8"), lang

    return Guard(
        app,
        limiter=RateLimiter(settings.requests_per_minute),
        refusal=refusal,
        allowed_hosts=accepted_hosts(settings.allowed_hosts, settings.host, settings.public_url),
        https=settings.public_url.startswith("https://"),
    )


def _endpoint(web: WebApp, fn: Any) -> Any:
    async def endpoint(request: Request) -> Response:
        try:
            return await fn(web, request)  # type: ignore[no-any-return]
        except PageNotFound as exc:
            request.state.refusal = exc.reason
            return web.pages.not_found(request)

    return endpoint


def _http_error(web: WebApp) -> Any:
    async def handler(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        if status == 404:
            return web.pages.not_found(request)
        lang = web.pages.language(request)
        return HTMLResponse(web.pages.refusal(status, lang), status_code=status)

    return handler


def _server_error(web: WebApp) -> Any:
    async def handler(request: Request, exc: Exception) -> Response:
        log.error("error on %s: %s", request.url.path.split("/")[1:2], type(exc).__name__)
        lang = web.pages.language(request)
        return HTMLResponse(web.pages.refusal(503, lang), status_code=503)

    return handler


def _office(web: WebApp, request: Request) -> str:
    office = str(request.path_params["office"])
    if office not in web.services.config.offices:
        raise PageNotFound("unknown office")
    return office


def _address(request: Request) -> str:
    return request.client.host if request.client else "-"


# -- pages ---------------------------------------------------------------------------------
async def index(web: WebApp, request: Request) -> Response:
    summaries = await asyncio.to_thread(web.visitor.offices)
    return web.pages.render(request, "index.html", summaries=summaries)


async def office_page(web: WebApp, request: Request) -> Response:
    office = _office(web, request)
    live = await web.hub.current(office)
    forecast = await web.pages.forecast(web.visitor, office, live.board.service_day)
    return web.pages.render(request, "office.html", live=live, office_id=office, forecast=forecast)


async def board_page(web: WebApp, request: Request) -> Response:
    office = _office(web, request)
    live = await web.hub.current(office)
    return web.pages.render(request, "board.html", live=live, office_id=office)


async def ticket_page(web: WebApp, request: Request) -> Response:
    token = str(request.path_params["token"])
    ref = await asyncio.to_thread(web.visitor.ticket_ref, token)
    live = await web.hub.current(ref.office_id, ref.ticket_id)
    status = live.tickets.get(ref.ticket_id)
    if status is None:
        raise PageNotFound("gone")
    return web.pages.render(
        request,
        "ticket.html",
        live=live,
        status=status,
        plan=live.plans.get(ref.ticket_id),
        token=token,
        office_id=ref.office_id,
    )


async def ticket_qr(web: WebApp, request: Request) -> Response:
    token = str(request.path_params["token"])
    await asyncio.to_thread(web.visitor.ticket_ref, token)
    body = qr.svg_bytes(qr_text(token, web.settings.public_url))
    return Response(body, media_type="image/svg+xml", headers={"cache-control": "no-store"})


async def slip_page(web: WebApp, request: Request) -> Response:
    token = str(request.path_params["token"])
    slip = await asyncio.to_thread(web.visitor.slip, token)
    return web.pages.render(request, "slip.html", slip=slip, token=token, office_id=slip.office_id)


async def slip_ics(web: WebApp, request: Request) -> Response:
    token = str(request.path_params["token"])
    slip = await asyncio.to_thread(web.visitor.slip, token)
    text = web.pages.text(web.pages.language(request))
    body = ics.calendar(slip, text, page_url=web.pages.absolute(request, f"/a/{token}"))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="madoguchi-{slip.code}.ics"'},
    )


# -- live streams --------------------------------------------------------------------------
async def office_events(web: WebApp, request: Request) -> Response:
    office = _office(web, request)
    return _stream(web, request, office, lambda live, lang: web.pages.office_live(live, lang))


async def board_events(web: WebApp, request: Request) -> Response:
    office = _office(web, request)
    return _stream(web, request, office, lambda live, lang: web.pages.board_live(live, lang))


async def ticket_events(web: WebApp, request: Request) -> Response:
    token = str(request.path_params["token"])
    ref = await asyncio.to_thread(web.visitor.ticket_ref, token)

    def render(live: OfficeLive, lang: str) -> str | None:
        status = live.tickets.get(ref.ticket_id)
        return None if status is None else web.pages.ticket_live(live, status, lang)

    return _stream(web, request, ref.office_id, render)


def _stream(web: WebApp, request: Request, office: str, render: Any) -> Response:
    lang = web.pages.language(request)
    try:
        sub = web.hub.subscribe(office, _address(request))
    except StreamsFull as exc:
        request.state.refusal = f"streams {exc.scope}"
        return HTMLResponse(
            web.pages.refusal(503, lang), status_code=503, headers={"retry-after": "30"}
        )
    return EventStream(_events(web, sub, office, lang, render))  # type: ignore[return-value]


async def _events(
    web: WebApp, sub: Subscriber, office: str, lang: str, render: Any
) -> AsyncIterator[Event | None]:
    last: str | None = None
    try:
        live: OfficeLive | None = await web.hub.current(office)
        while True:
            if live is None:
                yield None  # keep-alive
            else:
                html = render(live, lang)
                if html is None:  # the ticket is no longer today's: the page reloads into 404
                    yield Event(data="gone", event="gone")
                    return
                if html != last:
                    last = html
                    yield Event(data=html, retry=3000)
            live = await sub.queue.get()
            if sub.dropped:
                return
    finally:
        web.hub.unsubscribe(sub)
