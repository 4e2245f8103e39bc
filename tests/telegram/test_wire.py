"""`ankle-bot run` as a real process, talking HTTP to a small fake Bot API on 127.0.0.1.

The fake serves getMe and a long-polling getUpdates that hands out one text message and one button
press, then empty lists; it records what the bot sends back, and can leave a sendMessage unanswered (a
bot killed mid-send). Only the loopback interface is used and every wait is bounded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pytest

from bot.storage import Storage
from bot.telegram.fake_api import UpdateFactory

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TOKEN = "424242:WIRE-test-token"
USER = 31337


class FakeTelegram(ThreadingHTTPServer):
    # server_close() waits for the handler threads, so nothing outlives the test and writes later.
    daemon_threads = False
    block_on_close = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        updates = UpdateFactory()
        self.pending = deque([[updates.text("how many reps should I do?", user_id=USER)],
                              [updates.button("ex:band-eversion", user_id=USER)]])
        self.calls: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        # While set, a sendMessage is recorded but never answered: the bot is "mid-send".
        self.hang_sends = threading.Event()
        self.closing = threading.Event()

    def handle_error(self, request, client_address) -> None:
        # The bot hangs up in the middle of a long poll when it stops: expected, not a failure.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def record(self, method: str, params: dict) -> None:
        with self.lock:
            self.calls.append((method, params))

    def methods(self) -> list[str]:
        with self.lock:
            return [m for m, _ in self.calls]

    def sent_chats(self) -> list[int]:
        with self.lock:
            return [int(p["chat_id"]) for m, p in self.calls if m == "sendMessage"]

    def sent_texts(self) -> list[str]:
        with self.lock:
            return [p.get("text", "") for m, p in self.calls if m == "sendMessage"]


class _Handler(BaseHTTPRequestHandler):
    server: FakeTelegram

    def log_message(self, *args) -> None:  # keep pytest output quiet
        pass

    def do_POST(self) -> None:
        prefix = f"/bot{TOKEN}/"
        if not self.path.startswith(prefix):
            return self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        method = self.path[len(prefix):]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        params = {k: v[0] for k, v in parse_qs(body).items()}
        self.server.record(method, params)
        if method == "getMe":
            result = {"id": 424242, "is_bot": True, "first_name": "Ankle", "username": "AnkleWireBot"}
        elif method == "getUpdates":
            result = self._next_updates(float(params.get("timeout", 0)))
        elif method == "sendMessage" and self.server.hang_sends.is_set():
            self.server.closing.wait(30)
            return
        elif method == "sendMessage":
            result = {"message_id": len(self.server.calls), "date": int(time.time()),
                      "text": params.get("text"), "chat": {"id": int(params["chat_id"]), "type": "private"}}
        else:
            result = True  # deleteWebhook, setMyCommands, answerCallbackQuery, ...
        self._reply(200, {"ok": True, "result": result})

    def _next_updates(self, timeout: float) -> list:
        with self.server.lock:
            if self.server.pending:
                return self.server.pending.popleft()
        time.sleep(min(timeout, 0.5))  # a short long poll: nothing new
        return []

    def _reply(self, code: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def fake_telegram():
    server = FakeTelegram()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server
    server.closing.set()
    server.shutdown()
    server.server_close()


def _start_bot(fake_telegram: FakeTelegram, tmp_path) -> subprocess.Popen:
    port = fake_telegram.server_address[1]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}  # loopback only, no proxy
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
               DATABASE_URL=f"sqlite:///{tmp_path}/wire.sqlite3", LOG_LEVEL="INFO", NO_PROXY="*")
    # The bot process runs the working tree, as the tests do (cwd is tmp_path, not the checkout).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (CHECKOUT, env.get("PYTHONPATH"))))
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_ankle_bot_run_answers_over_http(fake_telegram, tmp_path):
    process = _start_bot(fake_telegram, tmp_path)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            texts = fake_telegram.sent_texts()
            if "answerCallbackQuery" in fake_telegram.methods() and any("Steps:" in t for t in texts):
                break
            time.sleep(0.1)
        assert process.poll() is None, "the bot exited early"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _out, err = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
    methods = fake_telegram.methods()
    assert methods[0] == "getMe" and "setMyCommands" in methods and "getUpdates" in methods
    texts = fake_telegram.sent_texts()
    assert len(texts) == 2, (texts, err[-2000:])
    assert "rep" in texts[0].lower()  # the engine's answer to the question
    assert "Steps:" in texts[1] and "1. " in texts[1]  # the exercise button's instructions
    assert "answerCallbackQuery" in methods
    assert TOKEN not in err  # logs never show the token
    assert process.returncode == 0, err[-2000:]


def _due_a_few_minutes_ago(storage: Storage, user_id: int) -> None:
    """A daily reminder whose time passed 5 minutes ago, in a zone where that is still today."""
    zone = "UTC" if datetime.now(UTC).hour >= 1 else "Etc/GMT-3"  # not across midnight
    storage.ensure_user(user_id, user_id)
    storage.set_timezone(user_id, zone)
    due = datetime.now(ZoneInfo(zone)) - timedelta(minutes=5)
    reminder = storage.add_reminder(user_id, user_id, due.strftime("%H:%M"))
    # Set while the bot was down: due since five minutes (a reminder set now would be due tomorrow).
    storage.reschedule_reminder(reminder.id, after=due - timedelta(minutes=1))


def test_a_reminder_cut_off_by_kill_9_mid_send_is_not_sent_again(fake_telegram, tmp_path):
    fake_telegram.pending.clear()
    storage = Storage(str(tmp_path / "wire.sqlite3"))
    _due_a_few_minutes_ago(storage, USER)
    fake_telegram.hang_sends.set()
    first = _start_bot(fake_telegram, tmp_path)
    try:
        # The catch-up at start claims the missed reminder and starts sending it; Telegram never answers.
        assert _wait_for(lambda: fake_telegram.sent_chats() == [USER]), fake_telegram.methods()
    finally:
        first.kill()  # SIGKILL: no clean-up of any kind
        first.communicate(timeout=15)
    assert first.returncode == -signal.SIGKILL

    _due_a_few_minutes_ago(storage, USER + 1)  # missed by the same outage; proves the catch-up ran again
    storage.close()
    fake_telegram.hang_sends.clear()
    second = _start_bot(fake_telegram, tmp_path)
    try:
        assert _wait_for(lambda: USER + 1 in fake_telegram.sent_chats())
        time.sleep(1)  # room for a (wrong) second send to show up
    finally:
        second.send_signal(signal.SIGTERM)
        _out, err = second.communicate(timeout=15)
    # At most once: the reminder cut off mid-send may or may not have arrived, but never twice.
    assert fake_telegram.sent_chats() == [USER, USER + 1], err[-2000:]
    # And the loss is logged: the claimed send may not have arrived, and is not repeated.
    assert f"(user {USER}, day " in err and "was being sent when the bot stopped" in err
