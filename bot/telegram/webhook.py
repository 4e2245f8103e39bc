"""Webhook mode: an ASGI app (Starlette, served by uvicorn) that any number of workers can run.

python-telegram-bot's custom-webhook pattern: we own the web server and feed updates to the
Application ourselves. Each POST from Telegram must carry the fixed WEBHOOK_SECRET; its update is
handled within the request, in its chat's turn (`Storage.chat_turn`: a PostgreSQL advisory lock), so
two updates of one chat that reach two workers are still handled one after the other. Telegram gets
its 200 once the update is handled. GET /healthz answers 200 when the database answers.

The webhook itself is registered once, by `ankle-bot webhook set`, never at start: with several
workers, each start re-registering (with a random secret, as before) made all but the last reject
every update.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import signal
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.config import Settings

from .app import on_shutdown, on_startup, on_stop, parts

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_path(settings: Settings) -> str:
    return urlsplit(settings.webhook_url or "").path or "/"


def asgi_app(application: Application, settings: Settings) -> Starlette:
    _url, secret = settings.require_webhook()
    storage = parts(application).storage

    async def telegram(request: Request) -> Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), secret):
            return PlainTextResponse("wrong or missing secret token", status_code=403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except ValueError:
            return PlainTextResponse("not a Telegram update", status_code=400)
        chat = update.effective_chat
        if chat is None:
            await application.process_update(update)
        else:
            async with storage.chat_turn(chat.id):
                await application.process_update(update)
        return Response(status_code=200)

    async def health(_request: Request) -> Response:
        try:
            await asyncio.to_thread(storage.earliest_due)  # any cheap query: the database answers
        except Exception as exc:  # noqa: BLE001 (whatever it is, the worker is not healthy)
            return JSONResponse({"ok": False, "error": type(exc).__name__}, status_code=503)
        return JSONResponse({"ok": True, "worker": storage.worker_id})

    return Starlette(routes=[Route(webhook_path(settings), telegram, methods=["POST"]),
                             Route("/healthz", health, methods=["GET"])])


def _server_class():
    import uvicorn

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self):
            # uvicorn's own version raises the signal again once serve() returns, which would end
            # the process before the application and the reminder loop have stopped.
            originals = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in originals.items():
                    signal.signal(sig, handler)

    return Server


async def serve(application: Application, settings: Settings) -> None:
    """Run one worker until SIGTERM/SIGINT: uvicorn stops taking requests and lets the ones in
    progress finish, then the application stops (the reminder batch in flight finishes too)."""
    import uvicorn

    server = _server_class()(uvicorn.Config(asgi_app(application, settings), host=settings.webhook_listen,
                                           port=settings.port, log_level="warning", lifespan="off"))
    await application.initialize()
    try:
        await on_startup(application)
        await _warn_if_webhook_differs(application, settings)
        await application.start()
        log.info("webhook worker %d listening on %s:%d%s", parts(application).storage.worker_id,
                 settings.webhook_listen, settings.port, webhook_path(settings))
        await server.serve()  # returns on SIGTERM / SIGINT, after the requests in progress
        await application.stop()
        await on_stop(application)
    finally:
        await parts(application).storage.aclose()
        await application.shutdown()
        await on_shutdown(application)
    log.info("webhook worker stopped")


async def _warn_if_webhook_differs(application: Application, settings: Settings) -> None:
    info = await application.bot.get_webhook_info()
    if info.url != settings.webhook_url:
        log.warning("Telegram sends updates to %r, not to WEBHOOK_URL %r: run `ankle-bot webhook set`",
                    info.url or "(no webhook: polling)", settings.webhook_url)
