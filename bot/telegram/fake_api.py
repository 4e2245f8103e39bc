"""An offline stand-in for the Telegram Bot API, at PTB's request layer, for tests and benchmarks.

`FakeBotAPI` is a `telegram.request.BaseRequest`: the real `Application` and `Bot` run unchanged and
only the HTTP exchange is replaced. It records every call (method name and parameters), answers with
canned JSON, and can inject the failures Telegram produces (429 RetryAfter, 403 Forbidden, 400,
timeouts, network errors) and, for benchmarks, a network round trip (`round_trip` seconds a call).
`UpdateFactory` builds real Update JSON for `Update.de_json`.
Nothing here opens a socket.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

BOT_ID = 7000001
BOT_USERNAME = "AnkleTestBot"


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    files: dict[str, Any] = field(default_factory=dict)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def button_data(self) -> list[str]:
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = (markup or {}).get("inline_keyboard", [])
        return [button.get("callback_data") for row in rows for button in row]


_TAGS = re.compile(r"</?(?:b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote)>|<a href=\"[^\"<>]*\">|</a>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def valid_html(text: str) -> bool:
    """Roughly Telegram's HTML parse mode: known tags, properly nested; `<`, `>`, `&` escaped."""
    stack: list[str] = []
    for tag in _TAGS.findall(text):
        name = re.sub(r"[</>]|\s.*", "", tag)
        if tag.startswith("</"):
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    rest = _ENTITY.sub("", _TAGS.sub("", text))
    return not stack and not any(ch in rest for ch in "<>&")


@dataclass
class _Failure:
    method: str
    kind: str  # retry_after | forbidden | bad_request | timeout | network
    remaining: int
    chat_id: int | None
    retry_after: float


class FakeBotAPI(BaseRequest):
    def __init__(self, bot_id: int = BOT_ID, username: str = BOT_USERNAME, record: bool = True,
                 round_trip: float = 0.0):
        self.bot_id = bot_id
        self.username = username
        self.record = record  # benchmarks switch recording off to measure the bot, not the list
        # Seconds each call takes, as the real Bot API's network round trip does (benchmarks: 0.05).
        self.round_trip = round_trip
        self.calls: list[ApiCall] = []
        self.counts: dict[str, int] = {}
        self.updates: deque[list[dict]] = deque()  # batches returned by getUpdates, then []
        self._failures: list[_Failure] = []
        self._message_ids = itertools.count(5000)
        self.on_call: Callable[[ApiCall], None] | None = None
        # Awaited before each answer: a test can hold one call back (a slow Bot API round trip).
        self.before_answer: Callable[[ApiCall], Awaitable[None]] | None = None
        self.webhook_url = ""  # what setWebhook stored, for getWebhookInfo

    # ------------------------------------------------------------ BaseRequest

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = BaseRequest.DEFAULT_NONE,
                         write_timeout: Any = BaseRequest.DEFAULT_NONE,
                         connect_timeout: Any = BaseRequest.DEFAULT_NONE,
                         pool_timeout: Any = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if self.round_trip:
            await asyncio.sleep(self.round_trip)
        params = dict(request_data.parameters) if request_data else {}
        call = ApiCall(api_method, params, dict(request_data.multipart_data) if request_data else {})
        self.counts[api_method] = self.counts.get(api_method, 0) + 1
        if self.record:
            self.calls.append(call)
        if self.on_call:
            self.on_call(call)
        if self.before_answer:
            await self.before_answer(call)
        failure = self._take_failure(call)
        if failure is not None:
            return self._fail(failure)
        if str(params.get("parse_mode", "")).upper() == "HTML" and not valid_html(call.text):
            # As Telegram does: markup it cannot read is refused, the message is not sent.
            return self._fail(_Failure(api_method, "bad_markup", 1, None, 0))
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    # ------------------------------------------------------------ failures

    def fail(self, method: str, kind: str, times: int = 1, chat_id: int | None = None,
             retry_after: float = 0.05) -> None:
        """Make the next `times` calls of `method` (optionally to one chat) fail like Telegram would.

        kind: retry_after (429) | forbidden (403, user blocked the bot) | bad_request (400) |
        bad_markup (400, "can't parse entities", only for calls with a parse mode) |
        timeout (TimedOut) | network (connection error).
        """
        if kind not in ("retry_after", "forbidden", "bad_request", "bad_markup", "timeout", "network"):
            raise ValueError(f"unknown failure kind {kind!r}")
        self._failures.append(_Failure(method, kind, times, chat_id, retry_after))

    def _take_failure(self, call: ApiCall) -> _Failure | None:
        for failure in self._failures:
            if failure.kind == "bad_markup" and not call.params.get("parse_mode"):
                continue
            if failure.method == call.method and failure.remaining > 0 and (
                    failure.chat_id is None or failure.chat_id == call.chat_id):
                failure.remaining -= 1
                return failure
        return None

    @staticmethod
    def _fail(failure: _Failure) -> tuple[int, bytes]:
        if failure.kind == "timeout":
            raise TimedOut("fake: timed out")
        if failure.kind == "network":
            raise NetworkError("fake: connection refused")
        if failure.kind == "retry_after":
            code, body = 429, {"description": f"Too Many Requests: retry after {failure.retry_after}",
                               "parameters": {"retry_after": failure.retry_after}}
        elif failure.kind == "forbidden":
            code, body = 403, {"description": "Forbidden: bot was blocked by the user"}
        elif failure.kind == "bad_markup":
            code, body = 400, {"description": "Bad Request: can't parse entities: unsupported start tag "
                                              "\"br\" at byte offset 12"}
        else:
            code, body = 400, {"description": "Bad Request: chat not found"}
        return code, json.dumps({"ok": False, "error_code": code, **body}).encode()

    # ------------------------------------------------------------ canned results

    def bot_user(self) -> dict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Ankle", "username": self.username,
                "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    def _message(self, params: dict, **extra: Any) -> dict:
        chat_id = int(params.get("chat_id", 0))
        message_id = int(params.get("message_id") or next(self._message_ids))
        return {"message_id": message_id, "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": self.bot_user(), **extra}

    def _result(self, method: str, params: dict) -> Any:
        if method == "getMe":
            return self.bot_user()
        if method == "getUpdates":
            return self.updates.popleft() if self.updates else []
        if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            return self._message(params, text=params.get("text", ""))
        if method == "sendPhoto":
            return self._message(params, photo=[{"file_id": "photo1", "file_unique_id": "p1",
                                                 "width": 660, "height": 770}])
        if method == "sendDocument":
            return self._message(params, document={"file_id": "doc1", "file_unique_id": "d1",
                                                   "file_name": "report"})
        if method == "setWebhook":
            self.webhook_url = params.get("url", "")
        if method == "deleteWebhook":
            self.webhook_url = ""
        if method == "getWebhookInfo":
            return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": 0}
        return True  # answerCallbackQuery, setMyCommands, deleteWebhook, setWebhook, ...

    # ------------------------------------------------------------ queries for tests

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method and (chat_id is None or c.chat_id == chat_id)]

    def clear(self) -> None:
        self.calls.clear()
        self.counts.clear()


class UpdateFactory:
    """Real Update JSON, as Telegram sends it."""

    def __init__(self, bot_id: int = BOT_ID, bot_username: str = BOT_USERNAME):
        self.bot_id = bot_id
        self.bot_username = bot_username
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    def _user(self, user_id: int, first_name: str) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}

    def _chat(self, user_id: int, chat_id: int | None, first_name: str) -> dict:
        if chat_id is None or chat_id == user_id:
            return {"id": user_id, "type": "private", "first_name": first_name}
        return {"id": chat_id, "type": "supergroup" if chat_id < -10**12 else "group", "title": "Ankle club"}

    def _message(self, user_id: int, chat_id: int | None, first_name: str, **content: Any) -> dict:
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": self._chat(user_id, chat_id, first_name), "from": self._user(user_id, first_name),
                **content}

    def wrap(self, **payload: Any) -> dict:
        return {"update_id": next(self._update_ids), **payload}

    def _entities(self, text: str) -> list[dict]:
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        mention = f"@{self.bot_username}"
        if mention.lower() in text.lower():
            entities.append({"type": "mention", "offset": text.lower().index(mention.lower()),
                             "length": len(mention)})
        return entities

    def text(self, text: str, user_id: int = 1, chat_id: int | None = None, first_name: str = "Ann",
             reply_to_bot: bool = False, replied_text: str = "earlier answer") -> dict:
        """reply_to_bot: the message replies to one of the bot's, whose text is `replied_text`."""
        message = self._message(user_id, chat_id, first_name, text=text)
        entities = self._entities(text)
        if entities:
            message["entities"] = entities
        if reply_to_bot:
            message["reply_to_message"] = {
                "message_id": 999, "date": int(time.time()), "text": replied_text,
                "chat": message["chat"],
                "from": {"id": self.bot_id, "is_bot": True, "first_name": "Ankle",
                         "username": self.bot_username},
            }
        return self.wrap(message=message)

    def command(self, name: str, *args: str, user_id: int = 1, chat_id: int | None = None,
                first_name: str = "Ann", addressed: bool = False) -> dict:
        head = f"/{name}@{self.bot_username}" if addressed else f"/{name}"
        return self.text(" ".join([head, *args]), user_id, chat_id, first_name)

    def button(self, data: str, user_id: int = 1, chat_id: int | None = None, first_name: str = "Ann",
               message_id: int = 777, message_text: str = "earlier message",
               keyboard: list[list[str]] | None = None) -> dict:
        """A button press; `keyboard`: the callback data of the pressed message's buttons, by row."""
        chat = self._chat(user_id, chat_id, first_name)
        markup = {"reply_markup": {"inline_keyboard": [[{"text": d[:20], "callback_data": d} for d in row]
                                                       for row in keyboard]}} if keyboard else {}
        return self.wrap(callback_query={
            "id": str(next(self._update_ids) + 10**6), "chat_instance": f"ci{chat['id']}",
            "from": self._user(user_id, first_name), "data": data,
            "message": {"message_id": message_id, "date": int(time.time()), "chat": chat,
                        "text": message_text, **markup,
                        "from": {"id": self.bot_id, "is_bot": True, "first_name": "Ankle",
                                 "username": self.bot_username}},
        })

    def other(self, kind: str, user_id: int = 1, chat_id: int | None = None, first_name: str = "Ann") -> dict:
        """A non-text message: photo, sticker, voice, location, document, video."""
        return self.wrap(message=self._message(user_id, chat_id, first_name, **self._attachment(kind)))

    def captioned(self, kind: str, caption: str, user_id: int = 1, chat_id: int | None = None,
                  first_name: str = "Ann") -> dict:
        """A photo, video or document sent with a caption."""
        message = self._message(user_id, chat_id, first_name, **self._attachment(kind), caption=caption)
        entities = self._entities(caption)
        if entities:
            message["caption_entities"] = entities
        return self.wrap(message=message)

    def edited(self, original: dict, new_text: str) -> dict:
        """The edit of an earlier message update: same message id, new text (or caption)."""
        message = dict(original["message"], edit_date=int(time.time()))
        field = "caption" if "caption" in message else "text"
        message[field] = new_text
        entity_field = "caption_entities" if field == "caption" else "entities"
        message.pop(entity_field, None)
        if entities := self._entities(new_text):
            message[entity_field] = entities
        return self.wrap(edited_message=message)

    @staticmethod
    def _attachment(kind: str) -> dict:
        return {
            "photo": {"photo": [{"file_id": "f", "file_unique_id": "u", "width": 90, "height": 90}]},
            "sticker": {"sticker": {"file_id": "s", "file_unique_id": "su", "width": 512, "height": 512,
                                    "is_animated": False, "is_video": False, "type": "regular",
                                    "emoji": "👍"}},
            "voice": {"voice": {"file_id": "v", "file_unique_id": "vu", "duration": 3}},
            "location": {"location": {"latitude": 52.52, "longitude": 13.40}},
            "document": {"document": {"file_id": "d", "file_unique_id": "du", "file_name": "scan.pdf"}},
            "video": {"video": {"file_id": "vd", "file_unique_id": "vdu", "width": 10, "height": 10,
                                "duration": 1}},
            # Telegram sends a GIF as an animation and, for older clients, as a document as well.
            "animation": {"animation": {"file_id": "an", "file_unique_id": "anu", "width": 10, "height": 10,
                                        "duration": 1},
                          "document": {"file_id": "an", "file_unique_id": "anu", "file_name": "a.gif.mp4"}},
        }[kind]
