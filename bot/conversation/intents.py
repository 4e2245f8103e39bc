"""Common requests typed without the slash command: "I did my exercises", "what do I do today",
"remind me at 8pm", "change my reminder to 8:00", "stop the reminders".

Pure reading, no side effects: `read` returns what the text asks for, or None for an ordinary
question (the engine answers it). The rule that matters most: **never guess a destructive action.**
A request is taken only when it is a plain statement that matches a whole pattern; a negation ("don't
stop the reminders", "I didn't do my exercises"), a question ("should I stop the reminders?"), a
future ("I'll do them later") or anything else half-matching gives UNCLEAR, which the conversation
asks back without changing anything. Stopping reminders is confirmed with a button even then.
The conversation triages every text before it gets here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reminders import ReminderInputError, parse_time

LOG = "log"  # record a session (day: 0 today, 1 yesterday)
ROUTINE = "routine"  # show today's routine
REMIND = "remind"  # add a reminder at `time`
CHANGE = "change"  # move the (one) reminder to `time`
STOP = "stop"  # stop the reminders (asked to confirm first)
ASK_TIME = "ask-time"  # a reminder without a time: ask at what time
UNCLEAR = "unclear"  # sounds like a session (logged or not), but negated, asked or half-said: ask back
UNCLEAR_REMINDER = "unclear-reminder"  # the same about reminders

_CONTRACTIONS = (
    ("won't", "will not"), ("can't", "cannot"), ("n't", " not"), ("'ve", " have"), ("'ll", " will"),
    ("'m", " am"), ("'re", " are"), ("'s", "s"), ("'", ""),
)
_NEGATION = re.compile(r"\b(not|never|no longer|without|nothing)\b")
# "no more reminders" asks to stop them; any other "no" in a request is a negation.
_NO_MORE = re.compile(r"\bno more\b")
_QUESTION_START = re.compile(r"^(?:should|shall|can|could|do|does|did|is|are|was|were|will|would|have|has)"
                             r"\s+(?:i|you|we|it|this|that|there|they)\b|^(?:how|why|when|what if)\b")
_FUTURE = re.compile(r"\b(will|going to|gonna|later|tomorrow|tonight|yet|soon|planning|plan to|about to|"
                     r"want to|wanna|need to|have to|might|maybe)\b")

_EXERCISE_WORDS = r"(exercises?|routine|rehab|session|workout|physio|training|stretches)"
_DID = re.compile(
    r"^(?:i\s+)?(?:have\s+)?(?:just\s+|already\s+)?(?:did|done|finished|completed)\s+"
    r"(?:all\s+)?(?:my|the|todays|today's|my daily|the daily)?\s*" + _EXERCISE_WORDS +
    r"(?:\s+(?P<day>today|yesterday|this morning|this evening|earlier|now|just now))?$")
_DONE_ALONE = re.compile(r"^(?:all\s+)?(?:done|finished|did it|done it|completed|finished it)"
                         r"(?:\s+(?:today|now))?$")
# "I did not do my exercises", "did I do my exercises yesterday", "I will do my routine later": about
# the person's own session, so never an ordinary question for the engine, and never logged.
_ABOUT_MY_SESSION = re.compile(r"\b(?:i|we)\b(?:\s+\w+){0,3}?\s+(?:did|done|do|doing|finished|finish|"
                               r"completed|complete|skipped|skip|missed)\b.*\b(?:my|the|todays)\s+"
                               + _EXERCISE_WORDS + r"\b")

_ROUTINE = (
    # The whole message: "I sprained my ankle yesterday, what should I do?" is a question for the engine.
    re.compile(r"^(?:so |ok |and )?what (?:do|should|shall|can|must) i do"
               r"(?: (?:today|now|this morning|tonight))?$"),
    re.compile(r"^(?:please )?(?:show|give|send|tell)(?: me)? (?:my |the |todays |today's )?"
               r"(?:routine|exercises|plan)(?: for today| today)?(?: please)?$"),
    re.compile(r"^(?:my |the )?(?:todays|today's) (?:routine|exercises|plan)$"),
    re.compile(r"^what (?:are|is) (?:my|the|todays) (?:exercises|routine|plan)(?: for today| today)?$"),
    re.compile(r"^(?:should|do|can) i (?:do my exercises|exercise|train|do my routine) today$"),
    re.compile(r"^is today a (?:rest|training) day$"),
)

_REMINDER = re.compile(r"\bremind(?:er|ers|ing)?\b")
_STOP_WORDS = re.compile(r"\b(stop|stopped|cancel|turn off|switch off|disable|delete|remove|pause|mute|"
                         r"unsubscribe|no more|quit)\b")
_STOP = re.compile(
    r"^(?:please\s+)?(?:stop|cancel|turn off|switch off|disable|delete|remove|pause|mute)\s+"
    r"(?:all\s+)?(?:the\s+|my\s+|these\s+|your\s+)?(?:reminders?|reminding me)(?:\s+please)?$"
    r"|^(?:please\s+)?no more reminders?(?:\s+please)?$"
    r"|^(?:please\s+)?stop reminding me(?:\s+please)?$"
    r"|^(?:turn|switch) (?:the |my )?reminders? off(?: please)?$")
_CHANGE = re.compile(r"^(?:please\s+)?(?:change|move|set|update|shift|put|make)\s+(?:my|the)\s+reminder\s+"
                     r"(?:to|for|at)\s+(?P<time>.+?)(?:\s+please)?$")
_ADD = re.compile(r"^(?:please\s+)?(?:can you\s+|could you\s+)?(?:remind me|set (?:a|my|me a) reminder|"
                  r"send me a reminder|add a reminder)(?:\s+(?:at|for|to))?\s*(?P<time>.*?)"
                  r"(?:\s+(?:every day|daily|each day))?(?:\s+please)?$")
_TIME_WORDS = re.compile(r"^(?:at\s+)?(?P<time>\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)$")


@dataclass(frozen=True)
class Intent:
    kind: str
    time: str = ""  # 'HH:MM' for REMIND and CHANGE
    day: int = 0  # days ago, for LOG


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, contractions spelt out, no punctuation but ':' and '.' in times."""
    line = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    for short, long in _CONTRACTIONS:
        line = line.replace(short, long)
    line = re.sub(r"(?<!\d)[.](?!\d)", " ", line)  # a full stop, not the dot of 7.30 or a.m.
    line = re.sub(r"[^a-z0-9:.' ]", " ", line)
    return " ".join(line.split())


def _is_question(raw: str, words: str) -> bool:
    return raw.rstrip().endswith("?") or bool(_QUESTION_START.match(words))


def read_time(text: str) -> str | None:
    """'8pm', '8 pm', 'at 7:30', '18.00' -> 'HH:MM'; None when it is not one clear time."""
    match = _TIME_WORDS.match(normalise(text).replace("a.m", "am").replace("p.m", "pm"))
    if match is None:
        return None
    try:
        return parse_time(match["time"].replace(" ", ""))
    except ReminderInputError:
        return None


def read(text: str) -> Intent | None:
    """What a typed text asks for (see the module docstring); None for an ordinary question."""
    raw = text.strip()
    words = normalise(raw)
    if not words or len(words) > 120:
        return None
    question = _is_question(raw, words)
    negated = bool(_NEGATION.search(_NO_MORE.sub("", words)))

    # Reminders first: "remind me at 8pm", "stop the reminders", "change my reminder to 8:00".
    if _REMINDER.search(words):
        return _reminder_intent(words, question, negated)

    # "what do I do today": harmless, so a question is welcome here.
    if any(pattern.search(words) for pattern in _ROUTINE) and not negated:
        return Intent(ROUTINE)

    # "I did my exercises": taken only as a plain, positive statement of the past.
    if _DONE_ALONE.match(words):
        return Intent(LOG)
    did = _DID.match(words)
    if did and not question and not negated and not _FUTURE.search(words):
        return Intent(LOG, day=1 if did["day"] == "yesterday" else 0)
    if did or (_ABOUT_MY_SESSION.search(words) and (
            negated or _FUTURE.search(words) or (question and len(words.split()) <= 6))):
        return Intent(UNCLEAR)
    if words in ("not done", "not yet", "not finished", "not today"):
        return Intent(UNCLEAR)
    return None


def _reminder_intent(words: str, question: bool, negated: bool) -> Intent:
    if negated or question:
        return Intent(UNCLEAR_REMINDER)
    if _STOP.match(words):
        return Intent(STOP)
    if _STOP_WORDS.search(words):
        return Intent(UNCLEAR_REMINDER)  # a stop word, but not a plain request to stop: ask
    change = _CHANGE.match(words)
    if change:
        time = read_time(change["time"])
        return Intent(CHANGE, time) if time else Intent(UNCLEAR_REMINDER)
    add = _ADD.match(words)
    if add:
        if not add["time"]:
            return Intent(ASK_TIME)
        time = read_time(add["time"])
        return Intent(REMIND, time) if time else Intent(ASK_TIME)
    return Intent(UNCLEAR_REMINDER)


# A bare "no" to a yes/no question, in the ways people type it: "no", "nope", "nah", "not really",
# "not really no", "nah not really", "no, not at all". Only these words: nothing else can stand in it.
_NO_WORDS = r"(?:no+|nope|nah+|naw|nay|n|not really|not at all|not much|not that i know of|no way|" \
            r"no it did not|it did not|no it has not|it has not|no it is not|it is not|not)"
_PLAIN_NO = re.compile(rf"^{_NO_WORDS}(?: {_NO_WORDS})*(?: thanks| thank you)?$")


def plain_no(text: str) -> bool:
    """Is `text` nothing but a "no" ("not really", "nah", "not really no")?"""
    return bool(_PLAIN_NO.match(normalise(text).replace("'", "")))

