"""Learning and doing the exercises: /start, /help, /exercises, /routine, /stage and Done."""

from __future__ import annotations

from bot.engine.compose import exercise_instructions
from bot.engine.shape import IN_CAST_ALLOWED, IN_CAST_NOTE

from . import callbacks as cb
from . import pain_log, plan, profile, waiting
from .commands import available
from .context import Services
from .render import CATEGORY_TITLES, format_routine, routine_dose
from .replies import STALE as STALE  # re-exported: tests import it from here
from .replies import Button, Caller, Reply, button_name, quoted, rows, stale


def welcome(s: Services, caller: Caller) -> list[Reply]:
    user = s.user(caller)
    hello = f"Hi {caller.first_name}!" if caller.first_name else "Hi!"
    reminders = " and remind you every day (/remind 07:30)" if s.scheduler else ""
    current = s.kb.stages.get(user.stage or "")
    stored = s.storage.get_profile(user.user_id)
    back = ""
    if current is not None or stored is not None:
        # A returning person hears first what is stored: their stage, and their injury profile.
        lines = [f"Welcome back! Your stage is {current.name}"
                 + (f" ({current.brief})." if current.brief else ".") if current is not None else
                 "Welcome back! You haven't chosen a rehab stage yet."]
        if stored is not None:
            line = profile.describe(stored, s.today(user)) or "nothing filled in yet"
            lines.append(f"Your injury profile: {line}. /profile shows or changes it.")
        back = "\n".join(lines) + "\n\n"
    text = (
        f"{hello} I'm an ankle-rehab assistant.\n\n{back}"
        "I can:\n"
        "- answer questions about ankle sprains and rehab exercises: just type them;\n"
        "- show step-by-step instructions for each exercise (/exercises);\n"
        f"- give you a daily routine for your rehab stage (/routine){reminders}.\n\n"
        "I can't:\n"
        "- diagnose, examine you, or replace your physio or doctor;\n"
        "- tell you when you may load the ankle after a fracture or surgery: follow your own team's plan.\n\n"
        "Safety: I am not a diagnosis. If something seems seriously wrong, get medical help; "
        f"in an emergency call {s.number}.\n\n"
    )
    if current is not None:  # how to carry on
        text += "/routine shows today's plan; tap another stage to change it:\n" + stages_in_brief(s)
    else:
        text += f"{stages_in_brief(s)}\n\nWhich one are you at?"
    waiting.ask(s, caller.user_id, caller.chat_id, waiting.STAGE)
    replies = [Reply(text, stage_buttons(s))]
    if stored is None:  # then the injury profile is offered (skippable)
        replies.append(profile.start_offer(s, caller, user))
    return replies


def stages_in_brief(s: Services) -> str:
    """'The stages, in order:' and one short line per stage (what it is), from the knowledge base."""
    stages = list(s.kb.stages.values())
    if not all(stage.brief for stage in stages):
        parts = [f"{n}. {stage.name}" for n, stage in enumerate(stages, start=1)]
        return "The stages, in order: " + ", ".join(parts) + " (/stage explains each)."
    lines = [f"{n}. {stage.name}: {stage.brief}" for n, stage in enumerate(stages, start=1)]
    return "\n".join(["The stages, in order (/stage explains each):", *lines])


def help_reply(s: Services, caller: Caller) -> list[Reply]:
    lines = ["Just type a question, for example \"how many reps should I do?\" or "
             "\"my ankle is stiff in the morning\". Commands:", ""]
    lines += [f"/{c.name}: {c.description}" for c in available(s.scheduler is not None)]
    lines += ["", f"I don't diagnose. In an emergency call {s.number}."]
    return [Reply("\n".join(lines))]


def stage_buttons(s: Services) -> tuple[tuple[Button, ...], ...]:
    return tuple((Button(stage.label, cb.stage(stage.id)),) for stage in s.kb.stages.values())


# ---------------------------------------------------------------- exercises


def catalogue(s: Services, caller: Caller, edit: bool = False) -> list[Reply]:
    counts: dict[str, int] = {}
    for exercise in s.kb.exercises.values():
        counts[exercise.category] = counts.get(exercise.category, 0) + 1
    buttons = [Button(f"{CATEGORY_TITLES.get(name, name.title())} ({count})", cb.category(name))
               for name, count in counts.items()]
    return [Reply("Exercises by category. Pick a category:", rows(buttons), edit=edit)]


def category(s: Services, caller: Caller, name: str) -> list[Reply]:
    if not name:
        return catalogue(s, caller, edit=True)
    exercises = [e for e in s.kb.exercises.values() if e.category == name]
    if not exercises:
        return stale()
    buttons = [Button(button_name(e.name), cb.exercise(e.id)) for e in exercises]
    title = CATEGORY_TITLES.get(name, name.title())
    return [Reply(f"{title}: tap an exercise for its instructions.",
                  (*rows(buttons, per_row=1), (Button("« All categories", cb.category()),)), edit=True)]


def exercise(s: Services, caller: Caller, exercise_id: str) -> list[Reply]:
    found = s.kb.exercises.get(exercise_id)
    if found is None:
        return stale()
    user = s.user(caller)
    stage = s.kb.stages.get(user.stage or "")
    # Inside the user's routine, show the routine's dose so /routine and the instructions agree.
    dose = routine_dose(stage, exercise_id) if stage else None
    text = exercise_instructions(found, dose)
    if profile.in_cast(s, user):
        early = next(iter(s.kb.stages), "")
        text = f"{IN_CAST_NOTE if early not in found.stages else IN_CAST_ALLOWED}\n\n{text}"
    return [Reply(text)]


# ---------------------------------------------------------------- routine and stage


def routine(s: Services, caller: Caller) -> list[Reply]:
    user = s.user(caller)
    stage = profile.routine_stage(s, user)  # early mobility only while in a cast or boot
    if stage is None:
        waiting.ask(s, caller.user_id, caller.chat_id, waiting.STAGE)
        return [Reply("First, which rehab stage are you at? (You can change it any time with /stage.)",
                      stage_buttons(s))]
    today = s.today(user)
    day = plan.plan_today(s, user, stage, today)
    buttons = [Button(button_name(s.kb.exercises[i.exercise_id].name), cb.exercise(i.exercise_id))
               for i in stage.items if i.exercise_id in s.kb.exercises]
    offer_done = not day.done_today or day.more_today
    last_row = [Button("✅ Done", cb.done("routine", user.epoch))] if offer_done else []
    last_row.append(Button("Change stage", cb.STAGE))
    text = format_routine(stage, s.kb, today, not offer_done,
                          heading=plan.routine_heading(s, user, stage, today, day),
                          week=plan.week_so_far(s, user, stage, today))
    note = profile.cast_note(s, user)
    if note:  # in a cast or boot: their team's instructions first
        text = f"{note}\n\n{text}"
    return [Reply(text, (*rows(buttons, per_row=1), tuple(last_row))),
            *pain_log.settled_question(s, user)]


def match_stage(s: Services, text: str) -> str | None:
    query = " ".join(text.lower().replace("-", " ").split())
    for number, stage in enumerate(s.kb.stages.values(), start=1):
        names = {stage.id.replace("-", " "), stage.name.lower().replace("-", " "), str(number)}
        words = {w for name in names for w in name.split() if len(w) > 3 and w not in ("early", "return")}
        if query in names or query in words or (len(query) >= 4 and any(n.startswith(query) for n in names)):
            return stage.id
    return None


def stage_command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    user = s.user(caller)
    if args:
        stage_id = match_stage(s, " ".join(args))
        if stage_id is None:
            names = ", ".join(stage.name for stage in s.kb.stages.values())
            typed = quoted(" ".join(args))
            return [Reply(f"I don't know the stage {typed}. The stages are: {names}. Pick one:",
                          stage_buttons(s))]
        return set_stage(s, caller, stage_id)
    current = s.kb.stages.get(user.stage or "")
    now = f"Your stage: {current.name}." if current else "You haven't chosen a stage yet."
    summaries = "\n".join(f"{n}. {st.name}: {st.summary}" for n, st in enumerate(s.kb.stages.values(), 1))
    waiting.ask(s, caller.user_id, caller.chat_id, waiting.STAGE)
    return [Reply(f"{now}\n\n{summaries}\n\nPick a stage:", stage_buttons(s))]


def set_stage(s: Services, caller: Caller, stage_id: str) -> list[Reply]:
    if not stage_id:
        return stage_command(s, caller, [])
    stage = s.kb.stages.get(stage_id)
    if stage is None:
        return stale()
    user = s.user(caller)
    s.storage.set_stage(user.user_id, stage_id, s.today(user))
    waiting.answered(s, caller, waiting.STAGE, "")
    return [Reply(f"Your stage is now {stage.name}.\n\n{stage.summary}",
                  ((Button("Show today's routine", cb.ROUTINE),),), drop=(f"{cb.STAGE}:",))]


# Done is used up once pressed, and so is the snooze next to it in a reminder.
USED_BY_DONE = (f"{cb.DONE}:", f"{cb.SNOOZE}:")


def done(s: Services, caller: Caller, source: str) -> list[Reply]:
    if source not in ("routine", "reminder"):
        return stale()
    user = s.user(caller)
    today = s.today(user)
    stage = s.kb.stages.get(user.stage or "")
    session_id = pain_log.record_session(s, user, today, source, None, stage)
    if session_id is None:
        # Pressed again (or logged already): any question still open is asked once more.
        return [Reply(pain_log.not_recorded_text(s, user, today, stage), drop=USED_BY_DONE),
                *pain_log.follow_up(s, user)]
    return [Reply(plan.done_message(s, user, stage, today, "today"), drop=USED_BY_DONE),
            *after_session(s, caller, session_id)]


def after_session(s: Services, caller: Caller, session_id: int) -> list[Reply]:
    """Replies that follow a recorded session: the settled-by-morning or the 0-10 pain question."""
    return pain_log.after_session(s, caller, session_id)
