"""Button (callback) data: short, prefixed strings, built and read only here.

The prefix names the action; the rest is its argument. Telegram allows 64 bytes. Buttons live on in
old messages for ever, so every reader must accept anything: data that no longer parses, or points at
something gone, gets a friendly "out of date" reply (see core.py), never an exception. If the meaning
of a prefix ever has to change, use a new prefix instead, so old buttons stay harmless.

    ex:<exercise id>            full instructions for one exercise
    cat:<category>              exercises in a category ("cat:" = the list of categories)
    stage:<stage id>            set the rehab stage
    routine                     today's routine
    done:<routine|reminder>     record today's session
    topic:<topic id>[:<qid>]    a suggested topic's answer (qid: the question it was suggested for)
    fb:<up|down>:<qid>          feedback on the answer to question <qid>
    tz:<IANA name>              set the time zone
    remind:<HH:MM>              a daily reminder at that local time
    rem:cancel:<reminder id>    cancel a reminder
    snooze:<reminder id>        remind again in 30 minutes
    forget:<yes|no>             confirm or cancel /forget
"""

from __future__ import annotations

EXERCISE = "ex"
CATEGORY = "cat"
STAGE = "stage"
ROUTINE = "routine"
DONE = "done"
TOPIC = "topic"
FEEDBACK = "fb"
TIMEZONE = "tz"
REMIND = "remind"
REMINDER = "rem"
SNOOZE = "snooze"
FORGET = "forget"


def split(data: str) -> tuple[str, str]:
    """'ex:band-eversion' -> ('ex', 'band-eversion'); 'routine' -> ('routine', '')."""
    kind, _, rest = data.partition(":")
    return kind, rest


def exercise(exercise_id: str) -> str:
    return f"{EXERCISE}:{exercise_id}"


def category(name: str = "") -> str:
    return f"{CATEGORY}:{name}"


def stage(stage_id: str) -> str:
    return f"{STAGE}:{stage_id}"


def done(source: str) -> str:
    return f"{DONE}:{source}"


def topic(topic_id: str, question_id: int | None = None) -> str:
    return f"{TOPIC}:{topic_id}" + (f":{question_id}" if question_id is not None else "")


def feedback(vote: str, question_id: int) -> str:
    return f"{FEEDBACK}:{vote}:{question_id}"


def timezone(name: str) -> str:
    return f"{TIMEZONE}:{name}"


def remind(local_time: str) -> str:
    return f"{REMIND}:{local_time}"


def cancel_reminder(reminder_id: int) -> str:
    return f"{REMINDER}:cancel:{reminder_id}"


def snooze(reminder_id: int) -> str:
    return f"{SNOOZE}:{reminder_id}"


def forget(answer: str) -> str:
    return f"{FORGET}:{answer}"


def parse_id(text: str) -> int | None:
    """A positive row id from button data, or None for anything else."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
