"""Context modifiers (knowledge/context.yaml, bot/engine/context.py): what a finding means where it stands.

Each modifier has messages that show it, and the safety limits it must keep: a past or passed
emergency-class finding still needs a same-day check, a past clot or fracture is a risk factor, an
imagined red flag gets the advice for when it happens, and someone writing about another person
describes a current finding.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.context import CURRENT, HISTORICAL, HYPOTHETICAL, RESOLVED
from bot.knowledge import load_default


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The rules alone: these tests are about what the rules decide. The learned safety net may only
    raise a level (tests/engine/test_safety_net.py), so a test of a lower bound holds with it too."""
    return Engine(load_default())


def _modifiers(engine: Engine, text: str) -> dict[str, str]:
    return {f.concept: f.modifier for f in engine.triage.assess(engine.parser.parse(text)).findings}


@pytest.mark.parametrize(
    ("text", "concept", "modifier"),
    [
        ("had a clot in my leg years ago", "calf_swollen_hot", HISTORICAL),
        ("my calf was swollen and hot last year", "calf_swollen_hot", HISTORICAL),
        ("what if my calf swells on the flight?", "calf_swollen_hot", HYPOTHETICAL),
        ("what if my toes go numb in the cast", "numb", HYPOTHETICAL),
        ("how do i know if my toes are numb from the cast", "numb", CURRENT),  # asked by people who are
        ("my foot goes numb for a minute every time i stand up", "numb", CURRENT),  # it keeps coming back
        ("my calf is swollen from the clot i had last year", "calf_swollen_hot", CURRENT),
        ("since my surgery last year my calf has been swollen", "calf_swollen_hot", CURRENT),
        ("my foot went numb for a minute", "numb", RESOLVED),
        ("the numbness has gone", "numb", RESOLVED),
        ("my foot is numb", "numb", CURRENT),
    ],
)
def test_modifier_of_a_finding(engine, text, concept, modifier):
    assert _modifiers(engine, text).get(concept) == modifier


@pytest.mark.parametrize(
    "text",
    [
        "no numbness at all, just stiff",  # negated
        "my phone is broken so sorry for the typos, how many reps",  # something else
        "i broke my phone screen yesterday",
        "the plaster on the wall fell down",
        "a cold drink after the exercises",
    ],
)
def test_negated_and_something_else_findings_drop_out(engine, text):
    assert engine.triage.assess(engine.parser.parse(text)).level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "i had chest pain after the op but its gone now",
        "was short of breath yesterday after the surgery, its fine now",
        "years ago i had a clot in my lung and now my chest hurts a bit",
    ],
)
def test_passed_emergency_findings_still_need_a_same_day_check(engine, text):
    assert engine.answer(text).triage in ("urgent", "emergency")


def test_historical_lowers_by_one_step_at_most(engine):
    result = engine.triage.assess(engine.parser.parse("i coughed up blood last year"))
    assert result.level == "urgent"
    assert ("possible-pulmonary-embolism", "emergency") in result.lowered


def test_a_new_finding_after_a_past_one_is_current(engine):
    assert engine.answer("had a clot years ago and now my calf is swollen and hot").triage == "urgent"


def test_a_past_fracture_or_operation_is_a_risk_factor(engine):
    # The operation was long ago, the calf pain is now: calf pain with a risk factor is a DVT check.
    assert "possible-dvt" in engine.answer("had an operation years ago, my calf hurts a lot").red_flags


def test_imagined_red_flags_get_advice_not_an_alarm(engine):
    answer = engine.answer("what if my calf swells on the flight?")
    assert answer.triage == "routine"
    assert "If it happens:" in answer.reply
    emergency = engine.answer("what should i do if i get short of breath after the operation")
    assert emergency.triage == "routine"
    assert "straight away" in emergency.reply


@pytest.mark.parametrize(
    "text",
    [
        "my son cant put any weight on his ankle after football",
        "my mum is short of breath since her ankle operation",
        "my patient has a cold white foot under the cast",
    ],
)
def test_someone_elses_finding_counts_as_current(engine, text):
    assert engine.answer(text).triage in ("urgent", "emergency")


def test_breathlessness_from_hard_sport_is_not_a_flag(engine):
    assert engine.answer("i get breathless after hard sprint intervals").triage == "none"
    # ...but after an operation, breathlessness on exertion is still an emergency.
    assert engine.answer("since the op i get breathless after exercise").triage == "emergency"
    # Walking is not hard sport.
    assert engine.answer("i get breathless walking to the kitchen").triage == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i broke my phone screen", "none"),
        ("my english is broken sorry, my ankle is stiff", "none"),
        ("my ankle is broken", "routine"),  # a fracture question still goes to the fracture team
        ("broke my ankle and my phone", "routine"),
        ("my phone is broken, when can i run after my fracture", "routine"),
    ],
)
def test_matching_leaves_out_words_about_things(engine, text, level):
    assert engine.answer(text).triage == level


def test_a_lowered_rule_says_why_the_reply_is_one_step_lower(engine):
    result = engine.triage.assess(engine.parser.parse("i had chest pain after the op but its gone now"))
    assert result.level == "urgent"  # the rules' level (the safety net may raise it further)
    assert any(r.endswith("Even when it has passed, it needs a check today.") for r in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "fractured my fibula in 2011 and it has been fine since, which balance drills are good?",
        "broke my ankle when i was 9, i'm 34 now. good warm up for five-a-side?",
        "had surgery on that ankle back in 2016, fully healed. best calf routine for hill walking?",
        # An event is told in the past tense: the time may stand a few words after it.
        "my daughter had a cast for a broken ankle when she was 7, she is 13 now. same rehab for a sprain?",
    ],
)
def test_a_fracture_or_operation_long_ago_sets_no_floor(engine, text):
    """A past year or an age dates the event: no "check with your team" for a question years later."""
    assert engine.answer(text).triage == "none"


@pytest.mark.parametrize(
    "text",
    [
        "I fractured my ankle five weeks ago, when can I start driving?",
        "still in the boot after breaking my leg, when can I go back to work?",
        "6 weeks non weight bearing so far, when do I usually start putting weight through it?",
        "this is my fourth sprain this year, what should I do?",
        "i sprain my ankles every couple of months, even on flat ground",
    ],
)
def test_questions_after_a_current_fracture_or_repeated_sprains_stay_routine(engine, text):
    assert engine.answer(text).triage == "routine"


@pytest.mark.parametrize(
    "text",
    [
        "what's the difference between a fracture and a sprain? it's for my biology homework",
        "how do I stop this from happening again? it was a mild sprain and it's healed",
        "x-ray showed no fracture, it's a sprain, walking more each day. how much is too much?",
    ],
)
def test_a_topic_alone_sets_no_floor_for_a_question_about_it(engine, text):
    """A word that names a fracture topic, or a prevention question, is no sign the person needs a check."""
    assert engine.answer(text).triage == "none"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my toes went tingly in tight shoes, went away after a minute when i loosened the laces", "none"),
        ("sat cross legged and my foot went numb, fine after a minute when i stood up", "none"),
        ("my toes went numb in the cast, went away after a minute but it keeps coming back", "urgent"),
        ("the cast has a crack at the front and its gone soft there and smells", "urgent"),
        # The clause may open with who it is about: "she's all healed now".
        ("my brother fainted at football last month, he is fine now. can i train before breakfast?", "none"),
    ],
)
def test_a_clause_that_says_how_a_finding_passed_resolves_it(engine, text, level):
    assert engine.answer(text).triage == level


def test_hard_sport_in_the_clause_before_explains_breathlessness(engine):
    assert engine.answer("did the beep test at school today, totally breathless at the end").triage == "none"
    after_an_operation = "in a boot since the op, did my exercise bike, totally breathless"
    assert engine.answer(after_an_operation).triage == "emergency"


def test_pins_and_needles_are_no_metalwork(engine):
    assert "operated_or_immobile" not in _modifiers(engine, "got pins and needles kneeling at church")
    assert "operated_or_immobile" in _modifiers(engine, "they put pins in my ankle")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Passed: a nerve finding alone drops; an emergency-class one is one step lower...
        ("my foot went numb for a bit this morning, came back after a minute", "none"),
        ("my toes went white and cold for a while this afternoon, pinked up again later", "urgent"),
        # ...unless the cold explains it: toes white in a freezing lake that warmed up again.
        ("my toes went white and cold in the freezing lake, pinked up again in the car", "none"),
        # Cold that does not warm up, or tips gone black, are the blood supply whatever the weather.
        ("toes went white in the snow and they wont warm up", "emergency"),
        ("my foot went blue in the snow yesterday, it warmed up but now its black at the tips", "urgent"),
        # A long-standing condition the doctor knows, unchanged.
        ("raynauds: my toes go white in the cold, always been like that, my gp knows", "none"),
        # The same signs in a cast, or still there, or changed, count as always.
        ("toes went white and cold in the cast in the cold, pinked up again after", "urgent"),
        ("my toes went white in the cold and they are still white and numb", "emergency"),
        ("raynauds, but this time my toes are white and numb and it is different", "emergency"),
    ],
)
def test_a_harmless_explanation_is_a_known_unchanged_condition_not_a_passed_finding(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my toes looked blue tonight, turns out it was the dye from my new socks", "none"),
        ("been on pins and needles waiting for the scan result, what can i do meanwhile", "none"),
        # Foot drop years after a stroke is no new nerve symptom (a physio question stays routine)...
        ("my dad's foot drops since his stroke, which exercises help him", "routine"),
        # ...but a foot that starts to drop is.
        ("since yesterday my foot drops and drags when i walk", "urgent"),
    ],
)
def test_colour_on_the_skin_idioms_and_old_conditions(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # "I'll" loses its apostrophe when cleaned: "feel ill" before a verb is "I'll", not a fever.
        ("out of the boot now but on rough ground i feel i'll go over, what balance work helps", "routine"),
        # The broken thing is the ankle, not the boot.
        ("boot taken off after a broken ankle last week, i'm scared of falling at home", "routine"),
        # A balance test is no weight-bearing test.
        ("a year on i still cannot stand on that leg with my eyes closed, can i still improve it", "routine"),
        # ...but one leg red, hot and swollen in a plaster is a same-day check.
        ("dad is in a plaster, his knee and thigh on that side have swelled up over two days and are red",
         "urgent"),
    ],
)
def test_words_that_only_look_like_red_flags(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("sprained it 3 months ago, a bit puffy after a long hike but getting better every week", "none"),
        ("sprained it 3 months ago and it's still swollen and sore", "routine"),
        # Getting better, but long after a fracture: a question for the team still.
        ("broke my ankle 4 months ago, getting better but still swollen by the evening", "routine"),
    ],
)
def test_a_symptom_that_is_getting_better_is_no_ankle_that_is_not_improving(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Pressure or a position explains numbness or tingling that comes with it...
        ("sat cross legged on the floor for ages and my foot went numb, can i still do my exercises", "none"),
        ("tied the band too tight round my foot and it went tingly, how tight should it be", "none"),
        # ...but not when it lasts, or comes with back pain, or in a cast.
        ("sat cross legged for ages, now my foot is still numb 3 hours later", "urgent"),
        ("sat on the floor and now my back hurts and both legs are numb", "emergency"),
        ("in a cast and sat cross legged, now my toes are numb", "urgent"),
    ],
)
def test_pressure_or_a_position_explains_numbness_that_passes(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("ugh my motivation is broken, been skipping my rehab, any tips to stay consistent?", "none"),
        ("my bike is broken so i cannot do the cycling part of my rehab, what instead?", "none"),
        # A thing that breaks near the word does not hide the body part that broke...
        ("fell off my bike and broke my ankle, it is bent and i cannot walk", "emergency"),
        # ...and the thing nouns never hide other findings: "heart" next to "pounding" is the person's.
        ("had surgery last week, breathless climbing into bed and my heart is pounding", "emergency"),
    ],
)
def test_a_broken_thing_or_feeling_is_no_fracture(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Footwear is no medical boot...
        ("top of my foot hurts when i lace my hiking boots tight, no injury, is that a tendon?", "none"),
        # ...and a cast problem needs a cast on the leg now.
        ("omg the smell when they cut the cast off, anyway what exercises should i start with", "routine"),
        # A walking boot or a new cast that is too tight is one.
        ("my walking boot is too tight and my toes are numb", "emergency"),
        ("cast came off last week, they put a new cast on and it is too tight", "urgent"),
        ("a nasty smell is coming out of my cast, three weeks in", "urgent"),
        # Numbness by a scar, the same for months after the operation: a question for the surgeon.
        ("6 months after my ankle surgery i still have a numb strip near the scar, will it go?", "routine"),
        ("6 months after my ankle surgery the skin by the scar is suddenly numb and red", "urgent"),
    ],
)
def test_footwear_a_cast_already_off_and_an_old_numb_scar(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # What a film, a book or a leaflet tells happens to no one here...
        ("we watched a film where a climber's foot went black and cold, can a sprain do that?", "none"),
        ("i read that a clot can make you cough blood, how do i lower my risk in the boot?", "none"),
        # ...but the person's own finding after it counts, and an "episode" is the person's own.
        ("i read about clots and my calf is swollen and hot since the op", "urgent"),
        ("i had an episode where my foot went cold and white and numb after my op", "emergency"),
    ],
)
def test_what_a_film_book_or_leaflet_tells_is_no_finding(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # How a leg looks when the cast comes off (a floor keeps questions after a fracture routine)...
        ("cast came off yesterday, my leg is thin and the skin is grey and peeling, what cream?", "routine"),
        ("since the cast came off my foot is a bit colder than the other, same colour and i can move my toes",
         "routine"),
        ("cast off 10 days, my foot goes red purple when i stand, back to normal when i lie down", "routine"),
        # ...but not a misshapen ankle, a cold numb foot, or colour that stays.
        ("cast came off yesterday, my leg is thin and the ankle is bent sideways", "emergency"),
        ("since the cast came off my foot is cold and numb and pale", "emergency"),
    ],
)
def test_how_a_leg_looks_when_the_cast_comes_off(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Fear of putting weight on it, or walking still limited months on, is no sign of a break...
        ("out of the boot 2 days and too scared to put my full weight on it, still hopping about", "routine"),
        ("8 months after my fracture i still cannot walk far without a stick, will it improve?", "routine"),
        # ...but a new fall with no weight on it since is.
        ("8 months after my fracture i fell on the stairs today and cannot walk on it now", "urgent"),
        ("scared because i twisted it again and now i cannot put any weight on it", "urgent"),
    ],
)
def test_fear_or_a_slow_recovery_is_no_ottawa_sign(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Fear of something else is no fear of loading: the ankle may be broken.
        ("fell down two steps today, ankle is huge and i cannot walk on it, scared of x-rays, can i wait?",
         "urgent"),
        # "is it fine now?" asks; it does not say the finding passed.
        ("my ankle popped out and i pushed it back, now my foot is cold and white. is it fine now?",
         "emergency"),
        # An open sore is a wound: red and oozing around it is a same-day check.
        ("the boot rubbed an open sore on my heel, it is red all round and oozing", "urgent"),
    ],
)
def test_narrow_explanations_never_hide_a_real_finding(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The cast rules need a cast on the leg: once the team took it off, new tingling or toes that will
        # not lift are a same-day nerve check, not a cast emergency...
        ("since the cast came off my foot is floppy and tingly and i cannot lift my toes", "urgent"),
        ("boot off after 6 weeks. my foot feels a bit numb and tingly, is it from the boot strap?", "urgent"),
        # ...in a cast, or a cast taken off because it burned, they still are.
        ("in a cast since monday and my toes are tingling and i cant move them", "emergency"),
        ("cast came off yesterday, i took it off myself because it was burning and my toes still cant move",
         "emergency"),
    ],
)
def test_the_cast_rules_need_a_cast_on_the_leg(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Foot drop there for months, known to the team: a routine question, not a new nerve symptom...
        ("my foot drop started 4 months ago after my back operation, toes move a bit now. will it improve?",
         "routine"),
        # ...but not when it is new or worse, or comes with back pain.
        ("my foot has been numb for years from diabetes. today my foot suddenly dropped and drags", "urgent"),
        ("my foot drop started 3 months ago, since yesterday it is much worse and my back hurts", "urgent"),
    ],
)
def test_a_nerve_symptom_there_for_months_is_no_new_one(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # An ankle dislocated years ago, or a shape the fracture clinic should see months on, is no
        # dislocation now...
        ("i dislocated and broke my ankle 6 years ago, mostly fine but i never jogged again. can it improve?",
         "none"),
        ("my sons ankle looks a bit twisted outward since his fracture 6 months ago, it doesnt hurt",
         "routine"),
        # ...but a new one is.
        ("dislocated my ankle 2 years ago and today it popped out again and looks bent", "emergency"),
        # An open fracture long ago, treated and healed, is the story of an old injury...
        ("6 years back i broke my ankle with the bone out of the skin, had surgery, all healed. gym tips?",
         "none"),
        # ...not when the operated ankle is hurt again.
        ("fell off my bike, bone sticking out of my ankle, had surgery on it 2 months ago", "emergency"),
        ("my ankle was operated last year, i fell on the stairs and now the ankle is a strange shape",
         "emergency"),
        # A torn Achilles told with its treatment is a question for the team (one step lower, not dropped)...
        ("sharing my story: achilles rupture at 47 playing squash, surgery, 9 months of rehab, jumping again",
         "routine"),
        ("4 months since my achilles rupture, treated in a boot, still cant do a single leg heel raise",
         "routine"),
        # ...not with a new pop or a gap.
        ("achilles rupture 3 months ago, in a boot, today i felt a pop and now there is a gap", "urgent"),
        # The bone of a known fracture named is no tender bone; a new knock on it is a new problem.
        ("broke my 5th metatarsal 8 weeks ago, boot is off, when can i run again", "routine"),
        ("twisted my ankle at football and the 5th metatarsal is sore", "urgent"),
        ("broken fibula in a cast, knocked it on the table and now it is throbbing way more than it has been",
         "urgent"),
    ],
)
def test_an_injury_told_with_its_treatment_is_no_new_one(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Pins and needles or a glass-like sole on first standing after weeks in a cast or off the foot...
        ("cast off after 6 weeks non weight bearing, when i first stand the sole feels like walking on glass "
         "and gets pins and needles, then it calms down", "routine"),
        # ...not when it stays, or the foot is weak or drags.
        ("boot off a week, pins and needles when i stand up and now all day, and my foot drags", "urgent"),
        # A colour that comes with standing and goes when the foot is raised, said in other words...
        ("3 weeks after remove cast my foot become red purple when i stand up long, when i lie down it "
         "become normal", "routine"),
        # ...and a cause is not ruled out by a word that is denied ("no pain, no numbness")...
        ("cast off last week. foot goes purple when i stand and goes back to normal when i raise it. "
         "no pain, no numbness", "routine"),
        # ...but is by one that is said.
        ("cast off last week. foot goes purple when i stand and goes back to normal when i raise it, "
         "but it is numb", "urgent"),
    ],
)
def test_a_foot_getting_used_to_standing_after_the_cast(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Numbness the person's own team has explained is a known symptom under their care...
        ("numb strip on top of my foot since the op in may, the surgeon said a small nerve was bruised and "
         "it takes months. can i do the band exercises?", "routine"),
        # ...not when it spreads, or comes with a foot that drags.
        ("the surgeon said the numbness was a bruised nerve but since yesterday it is spreading up my shin",
         "urgent"),
    ],
)
def test_numbness_the_team_has_explained_is_no_new_nerve_symptom(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Severe pain that is worse when the toes are moved is the sign of pressure in the leg...
        ("operated on my ankle yesterday, the pain is 10/10 even with the tablets and worse when i move "
         "my toes", "emergency"),
        # ...moving the toes in a cast is no red flag, and being confused about heat and ice is no sepsis.
        ("im in a cast, can i move my toes?", "routine"),
        ("im confused about heat or ice for my swollen sprain", "none"),
        # Hard breathing with a broken bone is a possible clot in the lungs, hard exercise is not.
        ("broke my ankle 3 weeks ago and now i am breathing very hard just sitting here", "emergency"),
    ],
)
def test_pressure_in_the_leg_sepsis_and_breathing_in_lay_words(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Laughter, nerves or excitement explain a racing heart or breathlessness...
        ("my heart was racing and i couldnt catch my breath because i saw my ex at the gym lol", "none"),
        ("cried laughing at my husband on crutches, couldnt breathe for a sec. can i use the bike?", "none"),
        # ...but not chest pain that comes with it, nor near an operation or a cast.
        ("i was laughing and now i cant breathe and my chest hurts", "emergency"),
        ("so nervous about the op tomorrow i cant breathe", "emergency"),
        # Fainting at the sight of a video or blood; asleep on the sofa from tiredness.
        ("my partner fainted watching the video of my op, im fine. next stage of rehab?", "none"),
        ("passed out on the sofa at 8pm, just knackered from the crutches. normal to be this tired?", "none"),
        ("i fainted on the sofa and my heart is pounding, 10 days after the op", "emergency"),
        # Asthma that settled with the inhaler as always; it did not settle, or the calf is swollen.
        ("chest tight with my asthma last week, used my inhaler and it settled like it always does", "none"),
        ("chest tight with my asthma and the inhaler isnt helping", "emergency"),
        # Chest pain from laughing; a numb bottom from the sofa (not with back or bladder trouble).
        ("chest hurts from laughing, how high should crutches be?", "none"),
        ("numb bum from the sofa lol, how to stay active in a boot", "none"),
        ("numb bum from the sofa and i cant feel when i need a wee, my back is killing me", "emergency"),
    ],
)
def test_feelings_sitting_and_known_asthma_explain_a_finding(engine, text, level):
    assert engine.triage.assess(engine.parser.parse(text)).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("watched greys anatomy where a guys bone was sticking out, could that happen doing lunges?", "none"),
        ("i googled leg feels like its going to burst and scared myself, my leg is fine", "none"),
        # Told as treated, an emergency-class finding is one step lower, like any that has passed.
        ("my son dislocated his shoulder at rugby, sorted at A&E. can i tape my sprain?", "urgent"),
    ],
)
def test_media_and_someone_elses_treated_injury_are_not_a_finding(engine, text, level):
    assert engine.triage.assess(engine.parser.parse(text)).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # "nothing" right before a finding denies it...
        ("sprained it, nothing broken on the x ray. how many heel raises?", "none"),
        ("did my first hiit class and i was gasping, sprained 5 weeks ago, nothing broken", "none"),
        # ...but not a finding further on: "nothing helps" and the foot is still white and cold.
        ("nothing helps my foot is white and cold", "emergency"),
    ],
)
def test_nothing_right_before_a_finding_denies_it(engine, text, level):
    assert engine.triage.assess(engine.parser.parse(text)).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The word right after a word of breaking says what broke: a glass, not a bone...
        ("cut my ankle on a broken glass, its gaping and deep", "urgent"),  # the cut, not a fracture
        ("broken glass went into my foot, tiny scratch, how do i clean it", "none"),
        # ...and a bone named after it is still a broken bone.
        ("broke my phone and my ankle, now my toes are cold and white", "emergency"),
    ],
)
def test_the_thing_right_after_a_breaking_word_is_what_broke(engine, text, level):
    assert engine.triage.assess(engine.parser.parse(text)).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Years on and told as fine: history, with no "check with your team".
        ("broke both bones in my ankle 9 years ago, plate still in, never bothered me. skipping ok?", "none"),
        # Years on with something wrong now: still a question for the team.
        ("stiff and swollen still 1 yr after my ankle op, is that normal?", "routine"),
        ("broke my ankle 2 years ago and it still swells every evening, will it ever stop?", "routine"),
    ],
)
def test_an_old_fracture_told_as_fine_sets_no_floor_but_a_problem_with_it_does(engine, text, level):
    assert engine.answer(text).triage == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Asking whether it is a condition is not having it...
        ("both ankles stiff after sitting at my desk, no injury ever. is this arthritis already?", "none"),
        # ...having it is.
        ("i have arthritis in my ankle, which exercises are safe?", "routine"),
    ],
)
def test_asking_if_it_is_a_condition_is_not_having_it(engine, text, level):
    assert engine.triage.assess(engine.parser.parse(text)).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # After a fall, not being able to get up is not bearing weight...
        ("my dad is 81 and fell in the garden, he cant get up and his ankle is very swollen", "urgent"),
        # ...getting up the stairs or onto the toes is something else.
        ("i cant get up the stairs without crutches yet", "none"),
        ("i cant get up on my toes yet after the op", "none"),
    ],
)
def test_cannot_get_up_after_a_fall_is_not_bearing_weight(engine, text, level):
    assert engine.triage.assess(engine.parser.parse(text)).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # A lump the team explained, or unchanged for years, is known...
        ("thick lump on my achilles since the surgery 5 years ago, surgeon said its scar thickening", "none"),
        # ...one there for weeks, or growing, is to check.
        ("soft painless lump on top of my ankle, 1 month", "routine"),
        ("the surgeon said the lump was scar tissue but now its getting bigger", "routine"),
    ],
)
def test_a_known_lump_is_not_a_lump_to_check(engine, text, level):
    assert engine.triage.assess(engine.parser.parse(text)).level == level
