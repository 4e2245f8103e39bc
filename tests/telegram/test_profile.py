"""The injury profile through the real Application and the fake Bot API: the consent (nothing stored
without a yes), every field by button and typed, asking back, edit, delete, /forget, the report line,
stale buttons, an emergency typed instead of an answer, and the cast-or-boot limit."""

from datetime import date

import pytest
from test_progress import buttons, history, texts

from bot.conversation.learn import STALE


def profile(bot, user_id=1):
    return bot.parts.storage.get_profile(user_id)


def awaited(bot, user_id=1):
    return bot.parts.storage.get_awaiting(user_id, user_id)


def raw_buttons(calls) -> list[str]:
    """The buttons' data with the account token, as Telegram would send them back."""
    return [data for c in calls for data in c.button_data]


def pressing(calls, prefix: str) -> str:
    [data] = [d for d in raw_buttons(calls) if d.split("~")[0] == prefix]
    return data


async def consent(bot) -> list:
    calls = await bot.command("profile")
    assert "so advice fits your stage; delete it any time with /forget or /profile delete" in texts(calls)
    return await bot.press(pressing(calls, "prof:yes"))


async def fill_by_buttons(bot, injury="fracture", side="right", when="1-6w", support="boot"):
    calls = await consent(bot)
    calls = await bot.press(pressing(calls, f"prof:inj:{injury}:s"))
    calls = await bot.press(pressing(calls, f"prof:side:{side}:s"))
    calls = await bot.press(pressing(calls, f"prof:when:{when}:s"))
    return await bot.press(pressing(calls, f"prof:sup:{support}:s"))


# ---------------------------------------------------------------- consent


async def test_start_offers_the_profile_after_the_stage_choice_and_it_can_be_skipped(bot):
    calls = await bot.command("start")
    assert buttons(calls)[:3] == ["stage:early-mobility", "stage:strengthening", "stage:return-to-sport"]
    assert buttons(calls)[3:] == ["prof:start", "prof:later"]
    later = await bot.press(pressing(calls, "prof:later"))
    assert "/profile" in texts(later) and profile(bot) is None
    assert awaited(bot).question == "stage"  # the stage choice is still open, typed or tapped


async def test_consent_yes_asks_the_first_question_and_no_stores_nothing(bot):
    calls = await bot.command("profile")
    assert buttons(calls) == ["prof:yes", "prof:no"]
    assert "health data" in texts(calls) and profile(bot) is None  # nothing before a yes
    refused = await bot.press(pressing(calls, "prof:no"))
    assert "Nothing was stored" in texts(refused)
    assert profile(bot) is None and awaited(bot) is None
    calls = await bot.command("profile")
    calls = await bot.press(pressing(calls, "prof:yes"))
    assert "What happened to your ankle?" in texts(calls)
    assert profile(bot) is not None and profile(bot).injury is None
    assert buttons(calls) == ["prof:inj:sprain:s", "prof:inj:fracture:s", "prof:inj:surgery:s",
                              "prof:inj:achilles:s", "prof:inj:other:s", "prof:skip:inj:s"]


@pytest.mark.parametrize("typed, stored", [("yes", True), ("yes please", True), ("no thanks", False),
                                           ("nope", False)])
async def test_consent_can_be_typed(bot, typed, stored):
    await bot.command("profile")
    await bot.text(typed)
    assert (profile(bot) is not None) is stored


async def test_the_start_offer_leads_to_the_consent(bot):
    calls = await bot.command("start")
    calls = await bot.press(pressing(calls, "prof:start"))
    assert buttons(calls) == ["prof:yes", "prof:no"] and profile(bot) is None


# ---------------------------------------------------------------- the fields


async def test_every_field_by_button_then_the_summary_with_edit_and_delete(bot):
    calls = await fill_by_buttons(bot)
    row = profile(bot)
    assert (row.injury, row.side, row.support) == ("fracture", "right", "boot")
    assert (row.injured_after, row.injured_before) == (date(2025, 1, 27), date(2025, 3, 3))
    line = "Right ankle, fracture, between 1 week and 6 weeks ago, in a boot"
    assert f"Your injury profile: {line}." in texts(calls)
    assert "follow your team's instructions" in texts(calls)
    assert buttons(calls)[:2] == ["prof:edit", "prof:del"]
    assert awaited(bot) is None  # nothing left to answer


async def test_every_field_typed(bot):
    await bot.command("profile")
    await bot.text("yes")
    calls = await bot.text("I broke it")
    assert "Which side?" in texts(calls)
    calls = await bot.text("the left one")
    assert "Roughly when" in texts(calls)
    calls = await bot.text("about 5 weeks ago")
    assert "cast or a boot" in texts(calls)
    calls = await bot.text("still in the cast")
    row = profile(bot)
    assert (row.injury, row.side, row.support) == ("fracture", "left", "cast")
    assert row.injured_after == row.injured_before == date(2025, 2, 3)
    assert "Left ankle, fracture, about 5 weeks ago, in a cast." in texts(calls)
    assert bot.parts.storage.count_rows(1)["questions"] == 0  # answers are not filed as questions


@pytest.mark.parametrize("typed, after, before", [
    ("2025-02-03", date(2025, 2, 3), date(2025, 2, 3)),
    ("3 February", date(2025, 2, 3), date(2025, 2, 3)),
    ("3.2.", date(2025, 2, 3), date(2025, 2, 3)),
    ("12 April", date(2024, 4, 12), date(2024, 4, 12)),  # the latest 12 April, not a future one
    ("two weeks ago", date(2025, 2, 24), date(2025, 2, 24)),
    ("3 months", date(2024, 12, 9), date(2024, 12, 9)),
    ("yesterday", date(2025, 3, 9), date(2025, 3, 9)),
    ("this week", date(2025, 3, 4), date(2025, 3, 10)),
    ("longer ago", None, date(2024, 12, 8)),
])
async def test_when_typed_in_the_ways_people_write_it(bot, typed, after, before):
    calls = await consent(bot)
    await bot.press(pressing(calls, "prof:skip:inj:s"))
    calls = await bot.text("right")
    assert "Roughly when" in texts(calls)
    await bot.text(typed)
    row = profile(bot)
    assert (row.injured_after, row.injured_before) == (after, before)


async def test_bad_typed_answers_get_a_friendly_ask_back_and_nothing_is_stored(bot):
    await consent(bot)
    calls = await bot.text("banana")
    assert "Sorry, I didn't catch that" in texts(calls) and "What happened to your ankle?" in texts(calls)
    assert "prof:inj:sprain:s" in buttons(calls)
    await bot.text("sprained it")
    calls = await bot.text("middle")
    assert "left, right or both" in texts(calls)
    await bot.text("both")
    calls = await bot.text("2026-01-01")  # in the future
    assert "is in the future" in texts(calls) and "Nothing was stored" in texts(calls)
    assert profile(bot).injured_before is None
    calls = await bot.text("31.2.")
    assert "not a date I can read" in texts(calls)
    calls = await bot.text("skip")
    assert "cast or a boot" in texts(calls)
    await bot.text("neither")
    row = profile(bot)
    assert (row.injury, row.side, row.injured_before, row.support) == ("sprain", "both", None, "none")


async def test_a_question_typed_instead_is_answered_and_the_profile_question_stays(bot):
    await consent(bot)
    calls = await bot.text("how many reps should I do for my calf raises?")
    assert texts(calls).startswith("Do 10-15 reps.")
    assert awaited(bot).question == "profile"
    await bot.text("operation")
    assert profile(bot).injury == "surgery"


async def test_an_emergency_typed_instead_of_an_answer_gets_the_emergency_reply(bot):
    await consent(bot)
    calls = await bot.text("emergency, my foot is blue")
    assert texts(calls) == "EMERGENCY: call 999 now."
    assert profile(bot).injury is None  # nothing filed as an answer
    assert awaited(bot).subject == "inj:s"  # still waiting for it


# ---------------------------------------------------------------- edit and delete


async def test_each_field_can_be_edited_and_cleared(bot):
    calls = await fill_by_buttons(bot)
    calls = await bot.press(pressing(calls, "prof:edit"))
    assert buttons(calls) == ["prof:edit:inj", "prof:edit:side", "prof:edit:when", "prof:edit:sup"]
    choice = calls
    for field, button, check in [("inj", "prof:inj:surgery:e", lambda r: r.injury == "surgery"),
                                 ("side", "prof:side:both:e", lambda r: r.side == "both"),
                                 ("when", "prof:when:6w-3m:e",
                                  lambda r: r.injured_before == date(2025, 1, 26)),
                                 ("sup", "prof:sup:none:e", lambda r: r.support == "none")]:
        calls = await bot.press(pressing(choice, f"prof:edit:{field}"))
        assert "(Now: " in texts(calls)
        calls = await bot.press(pressing(calls, button))
        assert texts(calls).startswith("Saved. Your injury profile:")
        assert check(profile(bot))
    calls = await bot.press(pressing(choice, "prof:edit:side"))
    await bot.press(pressing(calls, "prof:skip:side:e"))  # "Clear it"
    assert profile(bot).side is None
    calls = await bot.press(pressing(choice, "prof:edit:when"))
    calls = await bot.text("about 8 weeks ago")
    assert "about 8 weeks ago" in texts(calls) and "Saved." in texts(calls)
    calls = await bot.command("profile", "edit")
    assert "prof:edit:inj" in buttons(calls)


async def test_delete_asks_first_then_deletes_the_profile_only(bot):
    history(bot, 2)
    calls = await fill_by_buttons(bot)
    kept = await bot.press(pressing(await bot.command("profile", "delete"), "prof:del:n"))
    assert "stays" in texts(kept) and profile(bot) is not None
    calls = await bot.press(pressing(calls, "prof:del"))
    assert buttons(calls) == ["prof:del:y", "prof:del:n"]
    calls = await bot.press(pressing(calls, "prof:del:y"))
    assert "Deleted" in texts(calls) and profile(bot) is None
    assert bot.parts.storage.get_user(1).stage == "strengthening"  # the rest stays
    assert len(bot.parts.storage.sessions(1)) == 1
    calls = await bot.command("profile", "delete")
    assert "no injury profile to delete" in texts(calls)


async def test_a_field_button_after_the_profile_was_deleted_stores_nothing(bot):
    calls = await consent(bot)
    await bot.command("profile", "delete")
    await bot.press("prof:del:y")
    calls = await bot.press(pressing(calls, "prof:inj:sprain:s"))
    assert texts(calls) == STALE and profile(bot) is None


async def test_forget_deletes_the_profile_and_its_old_buttons_are_out_of_date(bot):
    calls = await fill_by_buttons(bot)
    await bot.command("forget")
    await bot.press("forget:yes")
    assert profile(bot) is None
    assert set(bot.parts.storage.count_rows(1).values()) == {0}
    for data in (pressing(calls, "prof:edit"), pressing(calls, "prof:del")):
        stale = await bot.press(data)
        assert "out of date" in texts(stale)
    assert profile(bot) is None


async def test_privacy_and_forget_name_the_profile(bot):
    assert "injury profile" in texts(await bot.command("privacy"))
    assert "/profile delete" in texts(await bot.command("privacy"))
    assert "injury profile" in texts(await bot.command("forget"))


async def test_start_shows_an_existing_profile(bot):
    await fill_by_buttons(bot)
    calls = await bot.command("start")
    assert "Your injury profile: Right ankle, fracture" in texts(calls)
    assert "prof:start" not in buttons(calls)


# ---------------------------------------------------------------- what the profile changes


async def test_the_profile_suggests_a_stage_which_is_offered_not_set(bot):
    calls = await fill_by_buttons(bot, injury="sprain", when="1-6w", support="none")
    assert "From your profile, Strengthening may suit you now" in texts(calls)
    assert bot.parts.storage.get_user(1).stage is None  # only offered
    assert "stage:strengthening" in buttons(calls)
    calls = await bot.press(pressing(calls, "stage:strengthening"))
    assert bot.parts.storage.get_user(1).stage == "strengthening"


async def test_a_cast_suggests_early_mobility_to_someone_further_on_and_keep_keeps_it(bot):
    history(bot, 2, stage="return-to-sport")
    calls = await fill_by_buttons(bot, support="cast")
    assert "Early mobility may suit you now (yours is Return to sport)" in texts(calls)
    kept = await bot.press(pressing(calls, "prof:keep"))
    assert "stays Return to sport" in texts(kept)
    assert bot.parts.storage.get_user(1).stage == "return-to-sport"


async def test_in_a_cast_or_boot_the_routine_is_early_mobility_with_the_teams_instructions(bot):
    history(bot, 2, stage="strengthening")
    before = await bot.command("routine")
    assert "Heel raises" in texts(before)
    await fill_by_buttons(bot, support="boot")
    calls = await bot.command("routine")
    body = texts(calls)
    assert "still in a boot: follow your team's instructions" in body
    assert "Today's routine: Early mobility" in body and "Ankle pumps" in body
    assert "Heel raises" not in body and "Band eversion" not in body
    assert "ex:heel-raise" not in buttons(calls)
    later = await bot.press("ex:heel-raise")  # from the catalogue: it says to wait for the team
    assert "comes later. Don't start it until your team says you may." in texts(later)
    allowed = await bot.press("ex:ankle-pumps")
    assert "only if your team has said you may move the ankle" in texts(allowed)
    # Out of the boot: the person's own stage again.
    await bot.press(pressing(await bot.press("prof:edit:sup"), "prof:sup:none:e"))
    assert "Heel raises" in texts(await bot.command("routine"))


async def test_in_a_cast_no_offer_to_move_on_is_made_or_carried_out(bot):
    history(bot, 1, 1, 1, 0, 1, 1, 1, stage="early-mobility")
    await fill_by_buttons(bot, support="cast")
    calls = await bot.press("move:strengthening:y")
    assert "still in a cast or boot" in texts(calls)
    assert bot.parts.storage.get_user(1).stage == "early-mobility"


async def test_the_report_has_the_profile_line(bot, monkeypatch):
    from bot.conversation import progress

    drawn = {}

    def fake_pdf(rows, today, history=(), injury=None):
        drawn["injury"] = injury
        return b"%PDF-fake"

    monkeypatch.setattr(progress, "render_report_pdf", fake_pdf)
    history(bot, 2)
    await fill_by_buttons(bot, when="1-6w", support="boot")
    await bot.command("profile", "edit")
    calls = await bot.press(pressing(await bot.press("prof:edit:when"), "prof:skip:when:e"))
    await bot.press("prof:edit:when")
    await bot.text("about 5 weeks ago")
    calls = await bot.command("report")
    line = "Right ankle, fracture, about 5 weeks ago, in a boot"
    assert f"Injury (from your profile): {line}." in texts(calls)
    assert drawn["injury"] == line
