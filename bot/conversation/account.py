"""The person's settings and data: /timezone, /privacy, /forget."""

from __future__ import annotations

from bot.reminders import zone
from bot.storage import ANSWERED_LEVELS_KEPT_DAYS, QUESTIONS_KEPT_DAYS

from . import callbacks as cb
from .context import Services
from .replies import Button, Caller, Reply, quoted, rows, stale
from .timezones import COMMON_ZONES, describe_zone, is_fixed_offset, is_valid_zone, match_timezone


def _zone_buttons(names: tuple[str, ...]) -> tuple[tuple[Button, ...], ...]:
    return rows([Button(describe_zone(n), cb.timezone(n)) for n in names])


def _zone_choice_buttons(s: Services, names: tuple[str, ...]) -> tuple[tuple[Button, ...], ...]:
    """One button per zone, labelled with its place and the time there now, so the right one is easy."""
    now = s.clock()
    labels = [f"{describe_zone(n).rsplit('/', 1)[-1].replace('_', ' ')} · {now.astimezone(zone(n)):%H:%M}"
              for n in names]
    return rows([Button(label, cb.timezone(n)) for label, n in zip(labels, names, strict=True)])


def timezone_command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    user = s.user(caller)
    if not args:
        return [Reply(
            f"Your time zone: {describe_zone(user.timezone)}. I use it for the date of your sessions and "
            "for reminders.\n\nSend /timezone and your city or zone, e.g. /timezone Berlin or "
            "/timezone America/New_York. Or pick one:",
            _zone_buttons(COMMON_ZONES))]
    query = " ".join(args)
    match = match_timezone(query)
    if match.ambiguous:
        return [Reply(f"{quoted(query)} can mean more than one place. Which one is yours? "
                      "(The time there now is on each button.)", _zone_choice_buttons(s, match.suggestions))]
    if match.name is None:
        offer = match.suggestions or COMMON_ZONES
        hint = "Did you mean one of these?" if match.suggestions else "Or pick one:"
        return [Reply(f"I don't know a time zone called {quoted(query)}. Try your nearest big city "
                      f"(/timezone Berlin) or a zone name (/timezone Europe/Berlin). {hint}",
                      _zone_buttons(tuple(offer)))]
    return set_timezone(s, caller, match.name)


def set_timezone(s: Services, caller: Caller, name: str) -> list[Reply]:
    if not is_valid_zone(name):
        return stale()
    user = s.user(caller)
    s.storage.set_timezone(user.user_id, name)
    if s.scheduler:
        for reminder in s.storage.reminders_for(user.user_id):
            s.scheduler.schedule(reminder.id)  # same wall-clock time, new zone
    local_now = s.clock().astimezone(zone(name))
    text = (f"Time zone set to {describe_zone(name)}: it is {local_now:%H:%M} on {local_now:%A} there now. "
            "If that is not your time, send /timezone with your city.")
    if is_fixed_offset(name):
        text += ("\nNote: a fixed offset does not follow daylight saving. If your clocks change in summer "
                 "or winter, send your city instead (/timezone Berlin), so reminders keep their hour.")
    return [Reply(text, drop=(f"{cb.TIMEZONE}:",))]


def privacy(s: Services, caller: Caller) -> list[Reply]:
    reminders = "- your reminders (time, days, the last day one was sent);\n" if s.scheduler else ""
    text = (
        "What I store, and why:\n"
        "- your user and chat id, to answer you and send reminders;\n"
        "- your rehab stage, time zone and band colour, and when the stage or band changed, to show the "
        "right routine and for your report;\n"
        f"{reminders}"
        "- the days you do a session (Done or /log), how much each one hurt (0-10) and whether that pain "
        "had settled by the next morning, to adapt the advice and for /progress and /report;\n"
        "- the questions you type and your 👍/👎 votes, so people who curate the answers can see which "
        f"questions the bot answers badly; they are deleted after {QUESTIONS_KEPT_DAYS} days;\n"
        "- the answers I gave you (their topic and the details behind their More button), so More works "
        f"later; they go with your question after {QUESTIONS_KEPT_DAYS} days;\n"
        "- the question I am waiting for you to answer (such as a pain score), until you answer it or for "
        "a few hours, and the answer I just gave, for half an hour, so a follow-up such as \"and how long "
        "for?\" continues it;\n"
        f"- how urgent each of your recent messages was (not their text), for {ANSWERED_LEVELS_KEPT_DAYS} "
        "days, so that an edited message is checked again;\n"
        "- the safety questions I asked about an injury or operation and your answers, so I ask them once "
        "per injury; the message they were about only until you have answered them;\n"
        "- your injury profile, only if you said yes to keeping one (what happened, which side, roughly "
        "when, and whether you are in a cast or boot), so advice fits your stage and for your report; "
        "/profile shows and changes it, /profile delete deletes it.\n\n"
        "Nothing is shared or sold, and I don't see anything you don't send me. "
        "/forget deletes all of it at once."
    )
    return [Reply(text)]


def forget_command(s: Services, caller: Caller) -> list[Reply]:
    return [Reply("This deletes everything I store about you: stage, band, time zone, reminders, sessions "
                  "with their pain scores, your injury profile, questions and votes. It can't be undone. "
                  "Delete it all?",
                  ((Button("Yes, delete everything", cb.forget("yes")),
                    Button("No, keep it", cb.forget("no"))),))]


def forget_answer(s: Services, caller: Caller, answer: str) -> list[Reply]:
    if answer == "no":
        return [Reply("OK, nothing was deleted.", edit=True)]
    if answer != "yes":
        return stale()
    if s.scheduler:
        for reminder in s.storage.reminders_for(caller.user_id):
            s.scheduler.unschedule(reminder.id)
    s.storage.forget_user(caller.user_id)
    return [Reply("Done: everything I stored about you has been deleted. If you write again, I start "
                  "from scratch.", edit=True)]
