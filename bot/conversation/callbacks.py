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
    rem:stopall / rem:keep      stop all reminders (confirming "stop the reminders") / keep them
    rem:pause:<reminder id>     the reminder's "Pause 1 week"
    rem:resume:<reminder id>    end its pause now
    rem:stop:<reminder id>      the reminder's "Stop": asks to confirm
    rem:stopyes:<reminder id>   confirmed: stop that reminder
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
    fix:<session id>            the choices for correcting one logged session
    fix:del:<session id>        delete that session
    fix:pain:<session id>       ask that session's pain score again
    fix:day:<session id>        the days that session could be moved to
    fix:to:<YYYYMMDD>:<session id>  move that session to that day
    fix:ask:<session id>        "Another day": wait for a typed day to move that session to
    prof:start / prof:later     set up the injury profile (offered after /start) / not now
    prof:yes / prof:no          the consent to keep a profile (nothing is stored without yes)
    prof:<inj|side|when|sup>:<value>:<s|e>  a field's answer, while setting up (s) or editing (e)
    prof:skip:<field>:<s|e>     skip that field (setting up) or clear it (editing)
    prof:edit[:<field>]         which field to change / change that field
    prof:del[:<y|n>]            delete the profile: ask / confirmed / kept
    prof:keep                   keep the stage when the profile suggested another

Buttons that act on the person's own state (done, band, move, fix, prof, and a reminder's own buttons: snooze,
pause, resume, stop) end in `~<token>`, the random token of the person's account row (storage,
migration 6). After /forget the account is new, with a new token, so an old button is out of date
instead of acting on the new account; core.py checks it before any handler sees the data. Such a
button without a token (made before tokens) needs the account to exist.
"""

from __future__ import annotations

from .replies import EPOCH_SEP

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
FIX = "fix"
MORE = "more"
PROFILE = "prof"
NO_COLOUR = "none"
SKIP = "skip"
# The kinds whose buttons carry (and are checked against) the account's token.
WITH_EPOCH = frozenset({DONE, MOVE, BAND, FIX, PROFILE})  # (any other button with a token is checked too)


def with_epoch(data: str, epoch: str) -> str:
    """Button data with the account's token (when the account has one)."""
    return f"{data}{EPOCH_SEP}{epoch}" if epoch else data


def split_epoch(data: str) -> tuple[str, str]:
    """'done:routine~ab12cd34' -> ('done:routine', 'ab12cd34'); no token -> (data, '')."""
    head, _, epoch = data.partition(EPOCH_SEP)
    return head, epoch


def fix(session_id: int, epoch: str = "", action: str = "") -> str:
    return with_epoch(f"{FIX}:{action + ':' if action else ''}{session_id}", epoch)


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


def done(source: str, epoch: str = "") -> str:
    return with_epoch(f"{DONE}:{source}", epoch)


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


def reminder_action(action: str, reminder_id: int, epoch: str = "") -> str:
    """A reminder's own buttons: 'pause', 'resume', 'stop' (asks), 'stopyes' (confirmed)."""
    return with_epoch(f"{REMINDER}:{action}:{reminder_id}", epoch)


def snooze(reminder_id: int, epoch: str = "") -> str:
    return with_epoch(f"{SNOOZE}:{reminder_id}", epoch)


def forget(answer: str) -> str:
    return f"{FORGET}:{answer}"


def pain(session_id: int, score: int) -> str:
    return f"{PAIN}:{session_id}:{score}"


def settled(session_id: int, answer: bool) -> str:
    return f"{SETTLED}:{session_id}:{_yes_no(answer)}"


def move(stage_id: str, answer: bool, epoch: str = "") -> str:
    return with_epoch(f"{MOVE}:{stage_id}:{_yes_no(answer)}", epoch)


def band_set(colour: str, epoch: str = "") -> str:
    return with_epoch(f"{BAND}:set:{colour}", epoch)


def band_easy(colour: str | None, answer: bool, epoch: str = "") -> str:
    return with_epoch(f"{BAND}:easy:{colour or NO_COLOUR}:{_yes_no(answer)}", epoch)


def band_from(colour: str, epoch: str = "") -> str:
    return with_epoch(f"{BAND}:from:{colour}", epoch)


def check_answer(row_id: int, question_id: str, answer: bool | None) -> str:
    """A safety-check button: yes, no, or (None) skip the questions left."""
    return f"{CHECK}:{row_id}:{question_id}:{SKIP if answer is None else _yes_no(answer)}"


def profile(action: str, value: str = "", mode: str = "", epoch: str = "") -> str:
    """An injury-profile button: prof:<action>[:<value>[:<mode>]]~<token>."""
    data = ":".join(part for part in (PROFILE, action, value, mode) if part)
    return with_epoch(data, epoch)


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
