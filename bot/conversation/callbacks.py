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
    pain:<session id>:<0-10>    how much that session hurt
    settled:<session id>:<y|n>  had that session's pain settled by the next morning
    move:<stage id>:<y|n>       accept or decline the offer to move on to that stage
    band:set:<colour>           the band colour in use now (/band)
    band:easy:<colour|none>:<y|n>  did 20-25 repetitions with that band (none: colour unknown) feel easy
    band:from:<colour>          "easy" answered, the band it was easy with (when the colour was unknown)
    chk:<check row id>:<question id>:<y|n|skip>  an answer to a safety-check question, or skip the rest
    more:<answer id>            the details behind an answer (the answers_shown row)
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
PAIN = "pain"
SETTLED = "settled"
MOVE = "move"
BAND = "band"
CHECK = "chk"
MORE = "more"
NO_COLOUR = "none"
SKIP = "skip"


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


def pain(session_id: int, score: int) -> str:
    return f"{PAIN}:{session_id}:{score}"


def settled(session_id: int, answer: bool) -> str:
    return f"{SETTLED}:{session_id}:{_yes_no(answer)}"


def move(stage_id: str, answer: bool) -> str:
    return f"{MOVE}:{stage_id}:{_yes_no(answer)}"


def band_set(colour: str) -> str:
    return f"{BAND}:set:{colour}"


def band_easy(colour: str | None, answer: bool) -> str:
    return f"{BAND}:easy:{colour or NO_COLOUR}:{_yes_no(answer)}"


def band_from(colour: str) -> str:
    return f"{BAND}:from:{colour}"


def check_answer(row_id: int, question_id: str, answer: bool | None) -> str:
    """A safety-check button: yes, no, or (None) skip the questions left."""
    return f"{CHECK}:{row_id}:{question_id}:{SKIP if answer is None else _yes_no(answer)}"


def more(answer_id: int) -> str:
    return f"{MORE}:{answer_id}"


def _yes_no(answer: bool) -> str:
    return "y" if answer else "n"


def parse_yes_no(text: str) -> bool | None:
    """'y' -> True, 'n' -> False, anything else -> None."""
    return {"y": True, "n": False}.get(text)


def parse_id(text: str) -> int | None:
    """A positive row id from button data, or None for anything else."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
