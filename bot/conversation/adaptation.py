"""The routine adapts: offering the next stage, asking about the band, and /band.

The rules (when to offer, when to ask, when to hold back) are in bot/progress/rules.py; this module
only turns their answers into questions and buttons, and stores what the person decides.
"""

from __future__ import annotations

from datetime import date

from bot.progress import (
    BAND_COLOURS,
    Advice,
    SessionRecord,
    advise,
    band_advice,
    next_band,
    next_stage,
    should_ask_about_band,
    should_offer_stage,
)
from bot.progress.chart import target_text
from bot.progress.rules import BAND_REPS_EASY, PAIN_SAFE_MAX, STAGE_MIN_WEEKS_ON_TARGET
from bot.storage import UserRow

from . import callbacks as cb
from . import profile
from .context import Services
from .history import records, sessions_at_current_stage
from .replies import Button, Caller, Reply, quoted, rows, stale

# Equipment that makes an exercise a band exercise (the band question is only for routines with one).
BAND_EQUIPMENT = "resistance band"
COLOUR_ORDER = ", ".join(BAND_COLOURS)


def offers(s: Services, user: UserRow, history: list[SessionRecord], today: date) -> list[Reply]:
    """At most one progression question: the next stage first, else the band. None while on hold."""
    if advise(history).hold_progression:
        return []
    offer = stage_offer(s, user, today)
    if offer is None:
        offer = band_question(s, user, history, today)
    return [offer] if offer else []


# ---------------------------------------------------------------- stage


def _following_stage(s: Services, user: UserRow) -> str | None:
    if user.stage not in s.kb.stages:
        return None
    return next_stage(user.stage, s.kb.stage_order())


def stage_offer(s: Services, user: UserRow, today: date) -> Reply | None:
    following = _following_stage(s, user)
    if following is None or profile.in_cast(s, user):
        return None  # in a cast or boot: moving on is the team's decision, never offered
    at_stage = sessions_at_current_stage(s.storage.sessions(user.user_id), s.storage.events(user.user_id))
    current, upcoming = s.kb.stages[user.stage or ""], s.kb.stages[following]
    if not should_offer_stage(records(at_stage), user.stage_offered_on, today, current.target):
        return None
    s.storage.set_stage_offered(user.user_id, today)  # asked: no second offer for a while
    text = (f"You've been on your weekly target ({target_text(current.target)}) with little pain "
            f"(0-{PAIN_SAFE_MAX}/10) for at least {STAGE_MIN_WEEKS_ON_TARGET} weeks in a row at "
            f"{current.name}. Would you like to move on to "
            f"{upcoming.name}?\n\n{upcoming.summary}\n\n"
            "It's your choice, and your physio's plan comes first.")
    return Reply(text, ((Button(f"Move on to {upcoming.name}", cb.move(following, True, user.epoch)),
                         Button("Not yet", cb.move(following, False, user.epoch))),))


def _holding(advice: Advice, what: str, command: str) -> Reply:
    return Reply(f"Your recent sessions say to hold off on {what} for now. {advice.text}\n\n"
                 f"You can still change it yourself with {command}.", edit=True)


def move_answer(s: Services, caller: Caller, rest: str) -> list[Reply]:
    stage_id, _, answer = rest.partition(":")
    accept = cb.parse_yes_no(answer)
    if accept is None or stage_id not in s.kb.stages:
        return stale()
    user = s.user(caller)
    current = s.kb.stages.get(user.stage or "")
    if _following_stage(s, user) != stage_id or current is None:
        return [Reply("That offer is out of date: your stage has changed since. /stage shows it.", edit=True)]
    if not accept:
        return [Reply(f"OK, you stay at {current.name}. I'll ask again in a week or so; /stage changes it "
                      "whenever you like.", edit=True)]
    if profile.in_cast(s, user):  # an offer made before the profile said cast or boot
        return [Reply("Your profile says you are still in a cast or boot, so I don't move you on: your team "
                      "decides when. /stage still changes it if they have said so.", edit=True)]
    advice = advise(records(s.storage.sessions(user.user_id)))
    if advice.hold_progression:
        return [_holding(advice, "the next stage", "/stage")]
    s.storage.set_stage(user.user_id, stage_id, s.today(user))
    upcoming = s.kb.stages[stage_id]
    return [Reply(f"Your stage is now {upcoming.name}.\n\n{upcoming.summary}",
                  ((Button("Show today's routine", cb.ROUTINE),),), edit=True)]


# ---------------------------------------------------------------- band


def _routine_uses_band(s: Services, user: UserRow) -> bool:
    stage = s.kb.stages.get(user.stage or "")
    if stage is None:
        return False
    return any(BAND_EQUIPMENT in item.lower()
               for routine_item in stage.items
               if (exercise := s.kb.exercises.get(routine_item.exercise_id)) is not None
               for item in exercise.equipment)


def band_question(s: Services, user: UserRow, history: list[SessionRecord], today: date) -> Reply | None:
    if not _routine_uses_band(s, user) or not should_ask_about_band(history, user.band_asked_on, today):
        return None
    s.storage.set_band_asked(user.user_id, today)  # asked: the next time is a week away at the earliest
    band = f"your {user.band_colour} band" if user.band_colour else "your band"
    return Reply(f"Band check: can you do {BAND_REPS_EASY} slow, controlled repetitions with {band} easily "
                 "now?",
                 ((Button("Yes, easily", cb.band_easy(user.band_colour, True, user.epoch)),
                   Button("Not yet", cb.band_easy(user.band_colour, False, user.epoch))),))


def colour_buttons(epoch: str, make_data=cb.band_set) -> tuple[tuple[Button, ...], ...]:
    return rows([Button(colour.title(), make_data(colour, epoch)) for colour in BAND_COLOURS], per_row=4)


def _read_colour(text: str) -> str | None:
    colour = text.strip().lower()
    return colour if colour in BAND_COLOURS else None


def band_command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    user = s.user(caller)
    if args:
        colour = _read_colour(" ".join(args))
        if colour is None:
            typed = quoted(" ".join(args))
            return [Reply(f"I don't know the band colour {typed}. The colours, lightest first: "
                          f"{COLOUR_ORDER}. For example: /band green. Or pick one:",
                          colour_buttons(user.epoch))]
        return _set_band(s, user, colour, edit=False)
    now = f"Your band: {user.band_colour}." if user.band_colour else "I don't know your band colour yet."
    return [Reply(f"{now}\n\nBands get stronger in this order: {COLOUR_ORDER} (the Thera-Band order; other "
                  "makes differ, so check the packet). Which one do you use now?",
                  colour_buttons(user.epoch))]


def _set_band(s: Services, user: UserRow, colour: str, edit: bool) -> list[Reply]:
    s.storage.set_band(user.user_id, colour, s.today(user))
    return [Reply(f"Band set: {colour}. {band_advice(False, colour)}", edit=edit)]


def band_answer(s: Services, caller: Caller, rest: str) -> list[Reply]:
    action, _, argument = rest.partition(":")
    user = s.user(caller)
    if action == "set":
        colour = _read_colour(argument)
        return _set_band(s, user, colour, edit=True) if colour else stale()
    if action == "easy":
        asked, _, answer = argument.partition(":")
        easy = cb.parse_yes_no(answer)
        if easy is None or (asked != cb.NO_COLOUR and _read_colour(asked) is None):
            return stale()
        if (user.band_colour or cb.NO_COLOUR) != asked:
            return [Reply("That question is out of date: your band has changed since. /band shows it.",
                          edit=True)]
        if not easy:
            return [Reply(f"OK. {band_advice(False, user.band_colour)}", edit=True)]
        if user.band_colour is None:
            return [Reply("Great! Which band colour are you using now? I'll tell you the next one.",
                          colour_buttons(user.epoch, cb.band_from), edit=True)]
        return _move_up_from(s, user, user.band_colour)
    if action == "from":
        colour = _read_colour(argument)
        return _move_up_from(s, user, colour) if colour else stale()
    return stale()


def _move_up_from(s: Services, user: UserRow, colour: str) -> list[Reply]:
    """20-25 repetitions felt easy with `colour`: store the next band and reset the repetitions."""
    advice = advise(records(s.storage.sessions(user.user_id)))
    if advice.hold_progression:
        return [_holding(advice, "a stronger band", "/band")]
    stronger = next_band(colour)
    s.storage.set_band(user.user_id, stronger or colour, s.today(user))
    text = band_advice(True, colour)
    if stronger:
        text += f" I've noted {stronger} as your band now (/band changes it)."
    return [Reply(text, edit=True)]
