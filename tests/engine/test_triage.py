"""Red-flag triage: the level of care a person is sent to, for messages written the way people write.

Missing an emergency is the worst bug this project can ship, so every rule in knowledge/red_flags.yaml has
messy positive messages (lower case, typos, the symptom inside a longer story), a negated message that must
not fire it, and a misspelt one that must still fire it. The red-team messages further down were written
to probe wording the rules were not built from; benign rehab questions must stay at level "none", because
a bot that escalates everything teaches people to ignore it.
"""

from __future__ import annotations

import re

import pytest

from bot.engine import Engine
from bot.engine.triage import Triage
from bot.knowledge import RedFlagRule, RedFlags, level_rank


@pytest.fixture(scope="module")
def engine() -> Engine:
    # The rules alone: they must pass every example here on their own. The safety net can only raise a
    # level (tests/engine/test_safety_net.py); its false raises are measured on held-out sets (eval/).
    return Engine.default("rules")


def _ids(cases):
    return [re.sub(r"\W+", "-", text.lower()).strip("-")[:60] for text in cases]


# ---------------------------------------------------------------- every rule: positive, negated, misspelt

# rule id -> positives (>= 2), negated (must NOT fire this rule), misspelt (must still fire it)
RULE_CASES: dict[str, dict[str, list[str]]] = {
    "possible-pulmonary-embolism": {
        "positive": [
            "had my ankle plated 10 days ago. today i cant catch my breath even sitting down and my chest "
            "feels tight",
            "im in a cast since 3 weeks, this morning i coughed up some blood. is that from the plaster??",
            "since yesterday i get really out of breath just walking to the toilet on my crutches",
            "I feel like I can't get enough air and my heart is pounding, had ankle surgery on monday",
            "there is a stabbing pain under my ribs when I take a deep breath. on crutches for 2 weeks",
        ],
        "negated": [
            "no chest pain and no shortness of breath, just wondering about the band exercises",
            "i dont have any chest pain or breathing problems, how many reps?",
        ],
        "misspelt": ["cant breeth properly since the op", "chest pian when i breathe in, in plaster"],
    },
    "open-fracture-or-dislocation": {
        "positive": [
            "fell off the ladder and theres a bone poking out near my ankle, blood everywhere",
            "after the tackle my foot is pointing the wrong way and i cant move it. what do i do",
            "sorry for my english. I fall from bicycle, the foot look in wrong direction",
        ],
        "negated": ["no bone sticking out and the ankle doesnt look deformed, just swollen"],
        "misspelt": ["foot is at a wierd angle after the fall", "bone stiking out of my leg"],
    },
    "loss-of-blood-supply": {
        "positive": [
            "foot is freezing and grey under the plaster",
            "my toes have gone white and i cant feel them at all",
            "woke up and the whole foot is cold and blue, had surgery on friday",
        ],
        "negated": ["my toes are pink and warm again, not cold or numb anymore"],
        "misspelt": ["my fot is ice cold and bluish", "toes are wite and numbb"],
    },
    "possible-compartment-syndrome": {
        "positive": [
            "my leg in the cast feels like it is on fire",
            "broke my tibia yesterday, the pain is way worse than it should be and the painkillers do "
            "nothing",
            "the cast is so tight and my toes are tingling",
            "my leg feels like its going to explode inside the cast",
        ],
        "negated": ["the cast isnt tight and there are no pins and needles, its just itchy"],
        "misspelt": ["pins and neeedles under the plastr", "excrutiating pain when i move my toes"],
    },
    "possible-cauda-equina": {
        "positive": [
            "wee problems and my back hurts and my foot is numb",
            "my lower back is killing me and now i cant lift my foot up properly",
            "numb around my bum and between my legs since this morning",
            "i peed myself without noticing. back pain and a tingling foot",
        ],
        "negated": ["no back pain, no numbness, no bladder problems, just a stiff ankle"],
        "misspelt": ["bad back pian and my foot is numbb"],
    },
    "heavy-bleeding": {
        "positive": [
            "the wound is bleeding and wont stop, soaked through three towels",
            "cut my ankle on glass and blood is pouring out",
        ],
        "negated": ["there is no heavy bleeding, just a small graze"],
        "misspelt": ["bleding wont stop from my scar"],
    },
    "possible-stroke": {
        "positive": [
            "we do dads ankle exercises but this evening one side of his face is drooping",
            "my wife has suddenly got slurred speech, she has foot drop from an old stroke",
        ],
        "negated": ["no slurred speech, no droopy face, just her usual foot drop"],
        "misspelt": ["my husbands face is droopy and his speach is slured"],
    },
    "possible-sepsis": {
        "positive": [
            "the wound from my ankle op is red and hot, he has a fever and is not making sense",
            "infected ankle wound, temperature of 39 and she is shaking all over",
        ],
        "negated": ["my wound is a little red, no fever, not confused, i feel well"],
        "misspelt": ["infected wond, high temprature and teeth chattering"],
    },
    "possible-anaphylaxis": {
        "positive": [
            "took the new antibiotics for my wound and now my lips are swelling",
            "my throat is closing up after the tablet the doctor gave me for my ankle",
        ],
        "negated": ["no lips swelling or rash, just a sore ankle"],
        "misspelt": ["my tounge is swelling after the new pills"],
    },
    "self-harm": {
        "positive": [
            "honestly i dont want to live anymore, this injury ruined everything",
            "i keep thinking about ending it all",
        ],
        "negated": ["im not suicidal, just fed up with how slow this is"],
        "misspelt": ["i want to kil myself", "im having sucidal thoughts"],
    },
    "possible-fracture-ottawa": {
        "positive": [
            "twisted my ankle at netball and i cant put any weight on it at all",
            "when i press on the bony bit on the outside of my ankle it really hurts",
            "i tried to walk but only made it a couple of steps then had to sit down",
            "sprained it an hour ago, it hurts too much to stand on it so im crawling around the house",
        ],
        "negated": ["i can walk on it fine and the bone isnt tender when i press it"],
        "misspelt": ["cant wieght bear on my ankel since the fall"],
    },
    "possible-dvt": {
        "positive": [
            "my calf is swollen and warm, had a long flight back from australia last week",
            "i have a cramp in my calf that won't go away, i'm 2 weeks after ankle surgery",
            "one leg is much fatter than the other since the cast came off",
        ],
        "negated": [
            "my calf isnt swollen or hot, just tight after running",
            "the calf pain has gone, i had my operation in march",
        ],
        "misspelt": ["swolen calf and it aches, had my op 10 days ago", "calf realy swolen and hot"],
    },
    "possible-achilles-rupture": {
        "positive": [
            "heel feels like it was hit with a bat",
            "heard a pop at the back of my ankle when i jumped and now i cant stand on tiptoe",
            "felt like someone kicked me in the back of the heel while playing badminton but no one was "
            "there",
        ],
        "negated": ["i never felt a snap, my achilles is just stiff in the mornings"],
        "misspelt": ["my achiles tendon snaped playing squash"],
    },
    "wound-infection": {
        "positive": [
            "my scar is oozing yellow stuff",
            "the incision is red and hot and i feel shivery",
            "where they put the screws the skin is going red and weeping",
        ],
        "negated": ["the wound looks fine, not red, no pus, no fever"],
        "misspelt": ["pus from my incison", "my woond is leaking"],
    },
    "new-nerve-symptoms": {
        "positive": [
            "since this morning my foot feels numb on the top",
            "i keep catching my toes on the ground and tripping",
            "the top of my foot feels dead and fuzzy",
        ],
        "negated": ["no numbness or tingling anymore", "the tingling went away after a day"],
        "misspelt": ["numbb toes after i twisted it", "tingeling in my foot"],
    },
    "cast-or-boot-problem": {
        "positive": [
            "my cast is really tight and digging in",
            "there is a horrible smell coming from inside my cast",
            "the plaster got wet in the shower and is soft now",
        ],
        "negated": ["my cast is not tight at all, can i wiggle my toes in it"],
        "misspelt": ["my plastr cast is craked"],
    },
    "fracture-new-problem": {
        "positive": [
            "i broke my ankle 5 weeks ago and today it suddenly swelled up a lot more",
            "fractured fibula, the pain is suddenly much worse this week",
        ],
        "negated": ["i broke my ankle in june, no new pain or swelling, when can i jog"],
        "misspelt": ["fractued ankle and the swellin is much worse today"],
    },
    "severe-pain": {
        "positive": [
            "the pain is unbearable, I twisted it an hour ago",
            "my ankle pain is 9/10 after the fall",
        ],
        "negated": ["the pain isnt unbearable, more like 3/10"],
        "misspelt": ["excrutiating pain in my ankle after i fell"],
    },
    "not-improving": {
        "positive": [
            "sprained my ankle 3 months ago and its still swollen and sore",
            "its been 6 weeks and my ankle isnt getting any better",
        ],
        "negated": ["i had a sprain 4 months ago and there is no pain or swelling anymore"],
        "misspelt": ["its been 3 monts and my ankle still hurts"],
    },
    "recurrent-instability": {
        "positive": [
            "my ankle keeps giving way when I walk on uneven ground",
            "Ive sprained the same ankle like 5 times this year",
            "my ankle rolls every time i play basketball",
        ],
        "negated": ["my ankle doesnt feel unstable anymore since the balance training"],
        "misspelt": ["my ankle feels unstabel"],
    },
    "pain-not-settling": {
        "positive": [
            "after the band exercises the pain lasts until the next morning, every time",
            "the exercises make my ankle hurt more every day",
            "every time i do the exercises it swells up more, for the last 2 weeks",
        ],
        "negated": ["its a bit sore during the exercises but the pain is gone by the next morning"],
        "misspelt": ["the pain lasts untill the next morning after the excercises"],
    },
    "fracture-or-surgery-protocol": {
        "positive": [
            "when can I play football again after a broken ankle",
            "can i go back to work 6 weeks after orif",
        ],
        "negated": ["no surgery and no fracture, just a sprain. when can i run again"],
        "misspelt": ["when can i drive after my opperation"],
    },
    "specialist-condition": {
        "positive": [
            "i have diabetes and a small sore on my foot, can i do the exercises",
            "i had a stroke last year, which ankle exercises are safe",
            "exercises for foot drop",
        ],
        "negated": ["i dont have diabetes or arthritis, just a sprain"],
        "misspelt": ["i have rhuematoid arthritis in my feet"],
    },
    "mechanical-symptoms": {
        "positive": [
            "my ankle locks sometimes and I have to wiggle it to free it",
            "ankle catches and gets stuck when i walk down stairs",
        ],
        "negated": ["my ankle doesnt lock or get stuck, it is just weak"],
        "misspelt": ["my ankel locks up when i walk"],
    },
    "possible-overdose": {
        "positive": [
            "took about 20 co-codamol, the pain was too much and i feel weird now",
            "i swallowed a handful of my tramadol because it wouldnt stop hurting",
        ],
        "negated": ["i havent taken too many, just 2 paracetamol this morning"],
        "misspelt": ["took all my tramadal at once"],
    },
    "too-much-medicine": {
        "positive": [
            "ive been taking double the dose of ibuprofen for a week",
            "my partner gave me extra tablets by mistake, had too many paracetamol today",
        ],
        "negated": ["i never take more than the dose, how long can i take ibuprofen for"],
        "misspelt": ["had too many painkilers today by mistake"],
    },
    "possible-charcot-foot": {
        "positive": [
            "type 1 diabetic. my foot is red, hot and swollen, no injury",
            "im diabetic and my ankle has gone hot and swollen, the arch looks flatter",
        ],
        "negated": ["diabetic, my foot is not hot or swollen, just stiff"],
        "misspelt": ["diabetik and my foot is hot and swolen"],
    },
    "lump-to-check": {
        "positive": [
            "soft painless lump on top of my ankle, 1 month",
            "hard lump on the inside of my ankle, slowly getting bigger",
        ],
        "negated": ["no lump at all after 3 weeks, just a bit stiff"],
        "misspelt": ["a lumpp on my ankle for 2 months"],
    },
    "both-ankles-swelling": {
        "positive": [
            "both ankles swelling by the evening lately, no injury",
            "my ankles have been puffy since starting the new tablets",
        ],
        "negated": ["both ankles are not swollen, just stiff in the morning"],
        "misspelt": ["both ankles swolen at night"],
    },
    "medicine-side-effects": {
        "positive": [
            "the codeine has me so constipated",
            "ankles swollen since the new blood pressure pills",
        ],
        "negated": ["no constipation from the codeine, can i take it before exercise"],
        "misspelt": ["the codiene has me constipated"],
    },
    "possible-pre-eclampsia": {
        "positive": [
            "im 34 weeks pregnant, both ankles swollen and a bad headache that wont shift",
            "pregnant, my feet are puffy and my vision has gone blurry",
        ],
        "negated": ["pregnant, no headache or blurred vision, just a stiff ankle"],
        "misspelt": ["im pregnent and have a really bad headache"],
    },
    "swelling-after-severe-injury": {
        "positive": [
            "went over on my ankle and it swelled up like a golf ball straight away",
            "huge swelling on the outside of my ankle after the fall",
        ],
        "negated": ["there was no massive swelling, just a little puffiness"],
        "misspelt": ["masive sweling right after i twisted it"],
    },
}

RULES = {rule.id: rule for rule in Engine.default().kb.red_flags.rules}


def _cases(kind: str) -> list:
    return [
        pytest.param(rule_id, text, id=f"{rule_id}:{_ids([text])[0]}")
        for rule_id, cases in RULE_CASES.items()
        for text in cases[kind]
    ]


def test_every_rule_has_positive_negated_and_misspelt_cases():
    assert set(RULE_CASES) == set(RULES), "a rule in red_flags.yaml has no test cases (or a case has no rule)"
    for rule_id, cases in RULE_CASES.items():
        assert len(cases["positive"]) >= 2 and cases["negated"] and cases["misspelt"], rule_id


def test_every_rule_names_its_source():
    for rule in RULES.values():
        assert rule.source.strip(), rule.id


@pytest.mark.parametrize(("rule_id", "text"), _cases("positive") + _cases("misspelt"))
def test_rule_fires_and_the_person_is_sent_to_that_level(engine, rule_id, text):
    assert rule_id in engine.triage.assess(text).rules
    answer = engine.answer(text)
    assert level_rank(answer.triage) >= level_rank(RULES[rule_id].level), answer.triage


@pytest.mark.parametrize(("rule_id", "text"), _cases("negated"))
def test_negated_symptom_does_not_fire_the_rule(engine, rule_id, text):
    assert rule_id not in engine.triage.assess(text).rules


# ---------------------------------------------------------------- red team: the level a person gets

EMERGENCY = [
    # possible pulmonary embolism
    "sudenly very breathless after my achilles repair is that normal??",
    "feel like im suffocating at night since the surgery",
    "pain in my upper back and i get puffed out climbing 3 stairs, 2 weeks post op",
    "my lips are going blue and im struggling for air",
    "it feels like an elephant is sitting on my chest",
    "i feel really dizzy and my heart is going so fast, leg has been in plaster",
    "my heart is beating like crazy and i feel dizzy. broke my ankle 2 weeks ago and in a cast",
    "breathing hurts on the right side and my calf is sore, flew home from thailand 4 days ago",
    "I collapsed in the kitchen this morning, 3 weeks post op",
    "I keep coughing and there are streaks of blood",
    "I feel short-winded all of a sudden",
    "a heavy feeling on my chest and my calf is swollen",
    "breathing has become really laboured since last night, i had surgery on my ankle",
    "i feel like i cant get a full breath in",
    "i have operation on ankle one week before, today i have difficult for breathing",
    "my husband broke his ankle 2 weeks ago and now he is confused and breathing very fast",
    "hi, quick question about my exercises. Also for 2 days now i get breathless even sitting on the sofa. "
    "on crutches since the fracture",
    "Hello. I had surgery on my ankle (plate and screws) 9 days ago. Recovery was going ok and I do the "
    "ankle pumps like they told me. But today when i walked to the kitchen on my crutches i got very out of "
    "breath and had to sit down, and my heart was really pounding. Is this normal after surgery? I dont want "
    "to bother the hospital",
    # open fracture, dislocation
    "i can see something white sticking through the skin near my ankle after the fall",
    "ankle looks totally out of shape after the tackle. heard a loud crack",
    "my ankle went sideways and its stuck like that with the foot pointing outwards",
    "i think i dislocated my ankle, it popped out and looks wrong",
    # blood supply
    "my toes are purple and ice cold",
    "my foot turned really pale and feels dead",
    "foot is stone cold and the toes look dark",
    "my toes are numb and they have gone white",
    "foot cold and bruised and i cant feel my toes",
    "my toes are a blue-ish grey colour and feel freezing",
    "foot has no pulse and is white",
    "Doctor put cast 2 days before. Now my toes are black colour and very cold. What to do?",
    # compartment syndrome
    "its agony when i try to move my toes and my leg feels rock hard",
    "my shin is so tight and swollen after a kick at football and the pain is 10/10",
    "it burns inside my cast and its getting worse every hour",
    "the pain is off the charts, strong painkillers dont touch it, broke my tibia yesterday",
    "cant move my toes and the pain under the cast is terrible",
    "the surgeon put my leg in a cast yesterday and now the pain is crazy and my toes are numb",
    # cauda equina
    "i cant feel when i need the toilet, my back is sore and my foot is dragging",
    "numbness in my private area and my legs feel weak",
    "my back went yesterday, now i cant lift my foot up properly",
    "peeing problems and tingling in my legs, also bad back",
    "my back is in agony and i cant feel my legs properly",
    # bleeding, self-harm
    "cant stop the bleeding from the cut on my ankle",
    "i feel like killing myself, the pain never stops",
    "i took all my pills",
    "the cut is gushing blood",
    "i dont see the point in living anymore",
    # second red team (fresh batches R1-R3, missed before the fixes): blood named by its colour, pain
    # between the shoulders on breathing, a "bad back" with a dragging foot, a sore chest, a band round the
    # chest, a foot turned inwards or out of line, a different shape, "short of puff", a mottled foot
    "i am coughing and there was some red in the tissue, im on crutches 3 weeks after the orif",
    "sorry to bother, small thing, i have a pain in my back between the shoulders when i breathe in, had a "
    "cast put on last week",
    "bad back, and my foot is dragging when i walk since this morning",
    "my partner is on blood thinners after his ankle fracture and just now he said his chest is really sore "
    "and he is sweating",
    "feels like theres a band round my chest since this morning, had the op on my ankle monday",
    "mum fell, her ankle is all twisted and the foot is turned inwards, she is 82",
    "ankle made a horrible crunch and now it's a completely different shape",
    "pain in my lower leg is crazy after the football kick, calf feels hard as wood",
    "whats the point in going on, ill never walk normally, thinking about ending things",
    "quick q re the band exercises - how many sets? also ive had this weird thing where i get really short "
    "of puff walking to the car, which isnt like me, since i got the cast 3 wks ago",
    "my son fell off the trampoline and his ankle is clearly out of line with his leg, he is screaming",
    "foot under the cast has gone mottled and cold, nurses said to watch for that",
    "my ankle snapped sideways and the foot is hanging at an angle",
    "after the op i coughed up something pinkish and frothy",
    "breathing feels tight and heavy since i woke up, and my calf on the operated side is swollen",
    # red team round 3: each was missed before its fix
    "since this afternoon every breath feels like it's not enough, I'm in a boot after the fracture",
    "it feels like I can't fill my lungs properly, is that normal after the ORIF?",
    "feel like there's not enough oxygen in the room, I've been laid up with my ankle since the surgery",
    "I get this awful tightness when I breathe and my heart won't slow down, broke my ankle 2 weeks ago",
    "every time I breathe in there's a stab in my back, been on crutches",
    "my breaths are short and quick and i feel weird",
    "air just won't go in properly",
    "the foot is icy cold compared to the other one and looks bluish",
    "my heel and sole are freezing cold and purple-ish even under the blanket",
    "toes are a bluey grey colour and really cold",
    "the bottom of my foot is numb and looks blotchy and pale",
    "the sole of my foot is blue and i cant feel it",
    "my foot has gone a funny colour and there's no feeling",
    "stretching my toes makes the pain in my shin unbearable",
    "my shin feels tight like it might burst and the pain is terrible",
    "even the strongest tablets do nothing, the pain in my calf is through the roof after the break",
    "the pain kept me up all night even with morphine",
    "the cast is strangling my leg and my toes have gone numb",
    "my cast is really tight and my toes are burning",
    "skin is torn open and theres bone",
    "the bone broke the skin",
    "my foot is hanging off to one side after the crash",
    "back pain and I haven't been able to pee all day",
    "can't tell if I need a wee anymore and my legs feel heavy",
    # red team round 4: each was missed before its fix
    "theres a cut over the ankle and i can see something white in it, bleeding heaps",
    "foot gone dead. no feeling, kinda greyish blue, cant move it",
    "my foot feels like its not mine, cold like ice and pale, cant bend the toes",
    "had my ankle op 10 days ago. but today i cant get up the stairs without stopping to breathe",
    "crushed my foot at work under a pallet, swelling is huge and the pain is unbearable",
    "fell down the stairs, heard a snap, foot facing outwards",
    "its only meant to be a sprain but i cant sleep from the pain, lower leg is shiny and tight and burning",
    "took the painkillers they gave me and theyre doing absolutely nothing",
    "it feels like the cast is crushing my leg and the pain is getting worse and worse",
    "wife says im grey and puffing, been laid up with my ankle for a fortnight",
    "shin feels like its going to explode after a kick at football, pain getting worse not better",
    "gonna take all my painkillers tonight",
    "back pain and foot drop on the right, and yesterday i couldnt control my bowels",
    "plaster feels like its squeezing tighter and tighter, throbbing and burning, i cant stand it",
    "my back has been bad and now I've lost feeling in my foot",
]

URGENT = [
    "rolled my ankle yesterday, could only hop to the car and i still cant walk on it",
    "the bone on the outside of my foot halfway along is super sore to touch after i went over on it",
    "the bump on the outside of my ankle hurts like hell when i press it",
    "i cant even put my foot on the ground",
    "im hopping everywhere cause i cant step on it",
    "the back of my lower leg is throbbing and tender, been on crutches for a month",
    "3 weeks after my achilles op. the back of my calf has been aching since tuesday and today it looks a "
    "bit swollen and feels warm compared to the other side. should i keep doing my exercises?",
    "calf is swollen and bruised after my surgery",
    "playing tennis and it felt like a ball hit the back of my ankle, now walking is weird",
    "felt a big snap behind my ankle, now there is a dent above my heel",
    "my ankle is hot and swollen and i have a temperature, i didnt injure it",
    "woud is leaking and i feel feverish",
    "the numbness hasnt gone away",
    "the tingling in my foot wont go away",
    "my foot slaps on the floor when i walk, it started this week",
    "i have a weird electric feeling in my foot since the op",
    "my toes are swollen and puffy poking out of the cast",
    "my broken ankle has changed colour, its gone dark purple",
    "my fracture is hurting a lot more than last week",
    "my fractured ankle is suddenly more swollen and red",
    "there is a gap in the wound",
    "the wound edges are pulling apart",
    "pus",
    "the pins in my ankle have yellow crust and the skin is red",
    "sudden sharp pain at the back of the ankle and now i cant go on my toes",
    "i think i ruptured my achilles",
    # second red team (R1-R3)
    "im only able to hobble 2 steps then have to sit down, it happened on sunday",
    "i cannot feel the outside of my foot since the boot was put on",
    "my broken ankle suddenly is a lot more swollen than yesterday",
    "can't take more than a step without crying since i went over on it",
    "calf pain since i got back from australia on the plane, it feels tight and sore",
    "the broken ankle has gone a weird colour today, like dark red",
    "i can barely stand on it since the fall yesterday, it gives way with pain",
    "felt like i got hit by a stone on the heel during the run but nobody was there",
    # Turning round to see who kicked you is the Achilles story (urgent), not a foot turned round (emergency).
    "was playing squash and felt like somebody kicked me in the back of the heel, turned round and nobody "
    "there",
    # red team round 4
    "leg below the knee is puffy and red on one side since the cast came off, hurts to walk",
    "calf on my operated side is hot red and swollen. no breathing problems",
    "sprained ankle yesterday, theres a really sore spot right on the bony bit on the outside when i "
    "press it",
    "ran for the bus and felt a whack in my heel, now i cant point my foot down properly",
    "my cast got soaked in the shower and now its soft and starting to smell",
    "sore right on the tip of the inside ankle bone after a fall, limping badly",
]

ROUTINE = [
    "its been 4 months since my sprain and i still limp",
    "my ankle goes over all the time, even on flat ground",
    "my ankle collapses under me sometimes when i walk on grass",
    "pain goes up to 7/10 during heel raises and is worse the next day",
    "sprained it 2 weeks ago and it's still very painful",
    "I had ORIF 8 weeks ago, can I walk without the boot now?",
    "i have diabetic neuropathy, can i do balance exercises",
    # A named, already diagnosed foot drop is routine; a foot that newly drags or slaps is urgent (above).
    "exercises for drop foot",
    # A rupture that was repaired weeks ago is a protocol question, not a new rupture.
    "i ruptured my achilles 6 weeks ago and had surgery, when can i do heel raises",
    # second red team (R1-R3). Timing questions after an operation or a broken bone, in the words people use
    # for them (pinned, fixed, moon boot, cracked a bone, reconstruction, the metal out)...
    "my ankle was pinned after the accident, when can i drive",
    "how long until i can weight bear after my ankle was fixed",
    "moon boot off since monday, when can i walk without crutches",
    "cracked a bone in my foot 4 weeks ago, when can i go back to dancing",
    "ankle reconstruction 4 months ago when can i start running on treadmill",
    "they took the metal out last month, when can i return to rugby",
    # ...long-standing symptoms named by a start date or a vague span, or still there after 6+ weeks...
    "ankle has been swollen since march",
    "my ankle has been swollen since the summer",
    "my ankle still hurts from a sprain i did last summer",
    "i sprained it ages ago and it never really recovered, still aches on walks",
    "6 months on from the sprain and i still cant run without pain",
    "my ankle has been puffy on and off since christmas",
    "had pain on the inside of my ankle for ages, what exercises",
    "its 3 months now and not really better",
    "i twisted it back in april and its still not right",
    "my ankle aches every day since my sprain in january",
    "my ankle doesnt seem to be healing, still hurts after 3 months",
    "sprain 8 weeks ago, still swollen, is this normal",
    "it is 9 weeks and it is still swollen and painful",
    "still limping 10 weeks after rolling it",
    # ...pain that builds with the exercises, and conditions written as abbreviations or compounds.
    "every time i do the band exercises my ankle is more swollen after",
    "my ankle hurts more and more each day since i started the exercises",
    "the heel raises leave me limping the day after, every time",
    "i have MS, can i do the balance exercises",
    "i have osteoarthritis in my ankle, can i still do the calf raises",
    # red team round 4
    "pain after exercises about 6/10 and doesnt settle overnight, third time now",
    "every time i do the band exercises the pain goes up and its still there next morning, happened all week",
    "4 months since my sprain and i still cant jump on it",
]

# Rehab questions that must stay "none". Some contain red-flag words in a harmless sense.
BENIGN = [
    "how many reps should i do with the red band",
    "which colour band comes after green?",
    "how long do I hold the calf stretch",
    "my calves are tight after the heel raises yesterday, is that normal?",
    # Being out of breath after exercise is normal; breathlessness at rest, on light effort, or with surgery,
    # a cast or calf symptoms is not (those are emergencies above). So exertion alone stays "none".
    "i get out of breath after jogging, is that normal",
    "im a bit out of breath after the lunges haha",
    "im breathing hard during the step ups, should i slow down",
    "is it ok that my heart beats fast during the lunges",
    "after 20 reps my calf burns, is that normal",
    "the burn in my calf during heel raises, is that muscles working",
    "my muscles are a bit sore after the exercises, is that ok",
    "balance is bad, i wobble a lot on one leg",
    "i feel a bit dizzy when i close my eyes on the balance pad",
    "my ankle clicks when I do the alphabet exercise",
    "i heard a pop when i stretch my ankle every time but it doesnt hurt",
    "my band snapped during the exercise lol, where do i get a new one",
    "the blue band is too easy, should i go to black",
    "the band feels too tight around my foot",
    "my foot gets cold in winter, should i wear socks for the exercises",
    "i cant do the single leg balance for 30 seconds yet, any tips",
    "I cannot hold the band properly, it slips",
    "i can walk but it hurts a little",
    "the swelling has gone down and i can walk normally now, what next",
    "my foot is purple with bruising after the sprain last week",
    "no numbness or tingling, just a bit stiff in the mornings",
    "Im not short of breath, just wondering how many sets",
    "my calf pain has gone, can i go back to heel raises",
    "the wound looks fine, not red and no pus",
    "im not numb, not tingling, no swelling, whats next",
    # Band colours are equipment, not skin colour; toes pointing out is how a sumo squat is described.
    "how do i do the calf stretch with the red band",
    "my scar is fine, can i use the red band",
    "my foot with the black band hurts a bit",
    "wide squat toes pointing out, how deep should i go",
    "i hold my breath during the heel raises, is that bad",
    "my calf gets a bit warm after the massage",
    "my toenail is black from running",
    "my mum had a blood clot years ago, does that matter for my exercises",
    "the bruise is going from purple to yellow, normal?",
    "my heart isnt racing",
    "the pain isnt terrible, just annoying",
    "i dont think its a blood clot, my calf feels normal",
    "My ankle was sprained 10 days ago, swelling is less now, I can walk with a small limp. "
    "Which exercises now?",
    # Guards for the second red team's wider patterns: exertion, muscle soreness, balance and exercise set-up.
    "my heart is pounding after the skipping rope, normal?",
    "my muscles are a bit sore the day after the exercises, is that ok",
    "i can barely stand on one leg for 10 seconds",
    "how do i hold my foot at an angle for the band eversion",
    "is it better to do the exercises in the morning or evening",
    "i've been doing the exercises for 6 weeks, what next",
    "i'm going on holiday in june, can i take the band",
    "ankle a bit sore after long walk yesterday but fine today",
    "my socks are white and my feet get cold in the office",
    "i hold my breath during the heel raises, is that bad",
    "my calf is burning after 25 heel raises, is that normal",
    # red team round 4: near misses that must stay calm
    "my feet point outwards a bit when i walk, is that why i sprain it",
    "the blue band feels cold on my foot when i start, is that normal",
    "ice cold water bath after football, good for the ankle?",
]


def _level_params(level: str, texts: list[str]) -> list:
    return [pytest.param(level, text, id=i) for text, i in zip(texts, _ids(texts), strict=True)]


@pytest.mark.parametrize(
    ("expected", "text"),
    _level_params("emergency", EMERGENCY)
    + _level_params("urgent", URGENT)
    + _level_params("routine", ROUTINE)
    + _level_params("none", BENIGN),
)
def test_red_team_level(engine, expected, text):
    answer = engine.answer(text)
    assert answer.triage == expected, (answer.triage, answer.red_flags, answer.topic)


# ---------------------------------------------------------------- what the person reads


@pytest.mark.parametrize("text", EMERGENCY[:12] + [c["positive"][0] for c in RULE_CASES.values()][:7])
def test_emergency_reply_names_the_number_and_gives_no_exercise(engine, text):
    answer = engine.answer(text)
    assert answer.triage == "emergency"
    number = engine.kb.red_flags.emergency_number
    assert number in answer.reply
    assert all(n in answer.reply for n in ("112", "911", "999"))
    assert answer.exercises == () and answer.topic is None and answer.suggestions == ()
    lowered = answer.reply.lower()
    exercise_words = r"\b(reps?|sets?|repetitions|band|stretch\w*|hold for|dose)\b|^\d+\. "
    assert not re.search(exercise_words, lowered, re.M)
    assert not any(ex.name.lower() in lowered for ex in engine.kb.exercises.values())


@pytest.mark.parametrize("text", URGENT[:6])
def test_urgent_reply_asks_for_a_same_day_check_without_exercises(engine, text):
    answer = engine.answer(text)
    assert answer.triage == "urgent"
    assert "today" in answer.reply.lower().split("\n")[0]
    assert answer.exercises == ()
    assert not re.search(r"^\d+\. ", answer.reply, re.M)  # no numbered exercise steps


# ---------------------------------------------------------------- negation scope (bot/engine/triage.py)


def _tiny_triage() -> Triage:
    rule = RedFlagRule("numb-rule", "urgent", "Numbness.", (("numb",),), "test")
    flags = RedFlags(
        emergency_number="999",
        replies={},
        concepts={"numb": ("numb(?:ness)?",)},
        negation_before=("no", "not", "hasnt", "dont", "never"),
        negation_after=("gone", "went away", "go away", "anymore"),
        pseudo_negations=("not sure",),
        rules=(rule,),
    )
    return Triage(flags)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my foot is numb", "urgent"),
        ("no numbness", "none"),
        ("the numbness has gone", "none"),
        ("the numbness is gone now", "none"),
        ("not numb anymore", "none"),
        ("the numbness went away", "none"),
        # a negated cue denies nothing: the symptom is still there
        ("the numbness hasnt gone", "urgent"),
        ("the numbness never went away", "urgent"),
        ("numbness that wont go away", "urgent"),
        # "gone" + a state describes a change
        ("toes numb and gone white", "urgent"),
        ("toes numb and they have gone white", "urgent"),
        # a negation reaches along an "or" list
        ("i dont have any tingling or numbness", "none"),
        ("not sure why my toes are numb", "urgent"),
    ],
    ids=lambda v: re.sub(r"\W+", "-", v),
)
def test_negation_scope(text, level):
    assert _tiny_triage().assess(text).level == level
