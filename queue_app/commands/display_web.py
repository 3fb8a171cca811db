"""`madoguchi display --web`: the board served to browsers with textual-serve.

The page is Madoguchi's own template (`screens/display/browser/app_index.html`): it loads
nothing from any other host (textual-serve's stock page asks a public font host), says in
the UI language that it is reconnecting, and reloads by itself once the server answers
again. An address that cannot be bound (a port in use, a port outside 1-65535, an address
this machine does not have) is a clear message and exit 2, never a traceback. Every request
(page, script, websocket) passes `madoguchi web`'s Host check first (`host_guard`).
"""

from __future__ import annotations

import errno
import logging
import os
import socket
from pathlib import Path
from typing import Any

from queue_app.domain.errors import InputError

TEMPLATES = Path(__file__).resolve().parents[2] / "screens" / "display" / "browser"
RETRY_MS = 2000
log = logging.getLogger("madoguchi.display")


def check_port(port: int) -> None:
    if not 1 <= port <= 65535:
        raise InputError("err.display_port")


def check_bind(host: str, port: int) -> None:
    """Bind the address once, now, so a mistake is reported before anything starts."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, OverflowError):
        raise InputError("err.display_host", host=host) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise bind_error(host, port, exc) from None


def bind_error(host: str, port: int, exc: OSError) -> InputError:
    if exc.errno == errno.EADDRINUSE:
        return InputError("err.display_port_in_use", host=host, port=port)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError("err.display_port_denied", host=host, port=port)
    if exc.errno == errno.EADDRNOTAVAIL:
        return InputError("err.display_host", host=host)
    return InputError("err.display_bind", host=host, port=port, reason=exc.strerror or "")


def host_guard(accepted: tuple[str, ...], tr: Any) -> Any:
    """An aiohttp middleware refusing (400) every request, the websocket included, whose
    `Host` is not one of `accepted`: `madoguchi web`'s check (`web.security.host_allowed`),
    so a page reached under a foreign name (DNS rebinding) never gets the board."""
    from aiohttp import web

    from web.security import host_allowed

    @web.middleware
    async def guard(request: web.Request, handler: Any) -> Any:
        if not host_allowed(request.headers.get("Host", ""), accepted):
            log.warning("refused %s / 400 host from %s", request.method[:8], request.remote)
            return web.Response(status=400, text=tr("display.web_bad_host"))
        return await handler(request)

    return guard


def accepted(allowed: tuple[str, ...], host: str, public_url: str) -> tuple[str, ...]:
    """The Host names the board answers to, as `madoguchi web` decides them
    (`web.security.accepted_hosts`: `[web] allowed_hosts`, else loopback, the bound address
    and the host of --public-url)."""
    from web.security import accepted_hosts

    return accepted_hosts(allowed, host, public_url)


def check_hosts(allowed: tuple[str, ...], host: str, public_url: str | None) -> None:
    """Bound to every address with no name to accept but loopback: refused before starting,
    as `madoguchi web` refuses it (`web.security.needs_allowed_hosts`)."""
    from web.security import needs_allowed_hosts

    if needs_allowed_hosts(allowed, host, public_url or ""):
        raise InputError("err.web_allowed_hosts", host=host)


def make_server(
    command: str,
    host: str,
    port: int,
    title: str,
    public_url: str,
    tr: Any,
    hosts: tuple[str, ...] = (),
) -> Any:
    """textual-serve's server for `command`, answering only to `hosts` (the Host names
    `accepted` gives; empty: loopback only, never any name)."""
    import asyncio

    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    from web.security import LOOPBACK_NAMES

    messages = {
        "lang": tr.lang,
        "loading": tr("display.web_loading"),
        "reconnecting": tr("display.web_reconnecting"),
        "retry_ms": RETRY_MS,
    }

    class EndingAppService(AppService):  # type: ignore[misc]
        """When the display process ends for any reason (also killed, or crashed), close
        the browser's websocket so the page knows and reconnects (textual-serve 1.1.3
        closes it only when the app exits cleanly)."""

        async def run(self) -> None:
            try:
                await super().run()
            finally:
                try:
                    await self.remote_close()
                except Exception:  # the browser is gone already
                    pass

    class BoardServer(Server):  # type: ignore[misc]
        async def _make_app(self) -> Any:
            app = await super()._make_app()
            app.middlewares.append(host_guard(hosts or LOOPBACK_NAMES, tr))
            aiohttp_jinja2.get_env(app).globals["madoguchi"] = messages
            return app

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # textual-serve's handler, with the service above
            websocket = web.WebSocketResponse(heartbeat=15)
            width = _int(request.query.get("width", "80"), 80)
            height = _int(request.query.get("height", "24"), 24)
            service: AppService | None = None
            try:
                await websocket.prepare(request)
                service = EndingAppService(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,  # type: ignore[arg-type]
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await service.start(width, height)
                try:
                    await self._process_messages(websocket, service)
                finally:
                    await service.stop()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception:  # a broken connection: the page reconnects
                pass
            finally:
                if service is not None:
                    await service.stop()
            return websocket

    return BoardServer(
        command,
        host=host,
        port=port,
        title=title,
        public_url=public_url,
        templates_path=os.fspath(TEMPLATES),
    )


def _int(value: str, default: int) -> int:
    try:
        return max(1, min(1000, int(value)))
    except ValueError:
        return default


def serve(server: Any, host: str, port: int) -> None:
    try:
        server.serve()
    except OSError as exc:  # lost the race for the port after the check
        raise bind_error(host, port, exc) from None
