"""Matching on wordings the knowledge base has never seen.

These messages are written the way people type to a rehab bot (lower case, typos, non-native English,
context first, statements instead of questions) and none of them is copied from `knowledge/`. They
check that the matcher generalises, not that it remembers.

Eight batches, named in every test id (`b1-swelling-3`):
- `b1`: the batch the knowledge base and matcher were tuned against;
- `b2`, `b3`: fresh batches, each first measured untouched and then used to find general fixes
  (synonyms, stopwords, keywords), never by adding their own wording to the knowledge base;
- `b4`: a fresh batch measured once, the estimate of the first round;
- `b5`: a fresh batch of the second round, closer to real traffic (stories with context, non-native
  English, slang, abbreviations), measured untuned (topic 80.7 %) and then used for general fixes
  (everyday words weighed low, recall-weighted scoring of long messages, synonyms); its second part,
  longer stories, was written after the first fixes;
- `b6`: fresh, measured untuned after the b5 fixes (topic 88.5 %, exercises 13/14), then tuned on;
- `b7`: a fresh batch, measured once before any fix from it (topic 91.8 %, exercises 10/10): the
  honest estimate of the second round. Later fixes may have touched it; its XFAIL entries stay visible.
- `b8`: fresh, written without sight of the knowledge base, measured untuned before any fix from it
  (scored as the evaluation does: topic 90.8 %, exercises 36/40), then used for general fixes ("where
  do I get" means buy, "a support" is a brace, "how exactly" asks for instructions, an exercise far
  ahead of every topic is answered, chatter told apart by its small words, no empty reply).
Misses that remain are listed in XFAIL with the reason (strict: a fix makes the test fail until the
entry is removed). They are misses, not cases with a debatable answer, and are kept visible on purpose.
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.engine import Engine
from bot.engine.core import question_segments
from bot.engine.match import _SparseRows
from bot.knowledge import sentences

# (batch, message, acceptable topic ids). None in the set means "not sure" is acceptable too.
TOPIC_CASES: list[tuple[str, str, set[str | None]]] = [
    # ---------------------------------------------------------------- reps-and-sets
    ("b1", "how many reps do i need to do of the band ones", {"reps-and-sets"}),
    ("b1", "whats a good number of repetitons for heel raises after my sprain", {"reps-and-sets"}),
    ("b1", "physio said do sets but didnt say how many, 2 or 3?", {"reps-and-sets"}),
    ("b1", "how long am i supposed to hold each calf stretch for", {"reps-and-sets"}),
    ("b1", "is twenty reps too many", {"reps-and-sets"}),
    ("b1", "how many times each side for the band exercise", {"reps-and-sets"}),
    ("b1", "number of sets and reps for ankle strengthening pls", {"reps-and-sets"}),
    # ---------------------------------------------------------------- how-often
    ("b1", "how many times per day should i be doing my ankle exercises", {"how-often"}),
    ("b1", "is it bad to do the rehab every single day", {"how-often"}),
    ("b1", "do i need a rest day from the band exercises", {"how-often"}),
    ("b1", "how frequent should i do stretching", {"how-often"}),
    ("b1", "can i do the exercises 3 times a day or is that too much", {"how-often"}),
    ("b1", "how many weeks do i keep doing this rehab", {"how-often"}),
    ("b1", "once a day or twice a day better?", {"how-often"}),
    # ---------------------------------------------------------------- pain-during-exercise
    ("b1", "my ankle aches while doing the band work is that ok", {"pain-during-exercise"}),
    ("b1", "it hurts when i do the heel raises should i stop", {"pain-during-exercise"}),
    ("b1", "feeling sore the morning after my exercises, normal?", {"pain-during-exercise"}),
    ("b1", "pain is like 6/10 when i do the stretches", {"pain-during-exercise"}),
    ("b1", "should the exercises hurt or not", {"pain-during-exercise"}),
    ("b1", "i think i overdid it yesterday, ankle is achy today", {"pain-during-exercise"}),
    ("b1", "is a bit of pain during rehab fine", {"pain-during-exercise"}),
    # ---------------------------------------------------------------- band-resistance
    ("b1", "red band feels too easy now, should i switch to green", {"band-resistance"}),
    ("b1", "which colour band is for beginners", {"band-resistance"}),
    ("b1", "yellow band is too tough for me", {"band-resistance"}),
    ("b1", "how do i know when to go to a stronger theraband", {"band-resistance"}),
    ("b1", "what order do the band colours go in", {"band-resistance"}),
    ("b1", "is blue band harder than green", {"band-resistance"}),
    ("b1", "can't do 10 reps with the green one", {"band-resistance", "reps-and-sets"}),
    # ---------------------------------------------------------------- getting-a-band
    ("b1", "i dont own a resistance band, what else can i use", {"getting-a-band"}),
    ("b1", "where do you buy those stretchy bands", {"getting-a-band"}),
    ("b1", "can i use an old pair of tights instead of a theraband", {"getting-a-band"}),
    ("b1", "no equipment at home, what can i still do", {"getting-a-band"}),
    ("b1", "do they sell exercise bands at the pharmacy", {"getting-a-band"}),
    ("b1", "what can i tie the band to if i have no table", {"getting-a-band"}),
    # ---------------------------------------------------------------- after-fracture
    ("b1", "broke my ankle in march, cast came off last week, what exercises now", {"after-fracture"}),
    ("b1", "fibula fracture 8 weeks ago when can i start walking without the boot", {"after-fracture"}),
    ("b1", "can i do these exercises with a broken ankle that is healing", {"after-fracture"}),
    ("b1", "i had a fractured ankle and its still weak", {"after-fracture"}),
    ("b1", "when can i put full weight on after my ankle fracture", {"after-fracture"}),
    ("b1", "my doctor said hairline crack in the bone, can i exercise", {"after-fracture"}),
    ("b1", "rehab after broken foot", {"after-fracture"}),
    # ---------------------------------------------------------------- after-surgery
    ("b1", "had my ankle operated 6 weeks ago, which exercises are safe", {"after-surgery"}),
    ("b1", "post surgery rehab for ligament reconstruction", {"after-surgery"}),
    ("b1", "i have metal plates in my ankle since the surgery, can i do band exercises", {"after-surgery"}),
    ("b1", "when can i walk normally after the op", {"after-surgery"}),
    ("b1", "recovering from ankle arthroscopy what should i do", {"after-surgery"}),
    ("b1", "my surgeon fixed my achilles, when can i do calf raises", {"after-surgery"}),
    # ---------------------------------------------------------------- stiffness
    ("b1", "my ankle feels really stiff after the sprain", {"stiffness"}),
    ("b1", "ankle doesnt bend as much as my good one", {"stiffness"}),
    ("b1", "how can i get more flexibility in my ankle", {"stiffness"}),
    ("b1", "stiff ankle every morning when i get out of bed", {"stiffness"}),
    ("b1", "i cant get my knee past my toes, ankle feels blocked", {"stiffness", "impingement"}),
    ("b1", "my ankle is tight and hard to move", {"stiffness"}),
    ("b1", "how do i get my ankle mobility back after the boot", {"stiffness"}),
    # ---------------------------------------------------------------- swelling
    ("b1", "my ankle is still swollen 3 weeks after the sprain", {"swelling"}),
    ("b1", "ankle puffs up by the end of the day", {"swelling"}),
    ("b1", "how can i get rid of the swelling", {"swelling"}),
    ("b1", "should i put my foot up to help the swelling", {"swelling"}),
    ("b1", "is it ok to wear compression socks for a swollen ankle", {"swelling"}),
    ("b1", "can i do my exercises if my ankle is a bit swollen", {"swelling"}),
    ("b1", "the swelling comes back every evening", {"swelling"}),
    # ---------------------------------------------------------------- recurrent-sprains
    ("b1", "i roll my ankle like every month", {"recurrent-sprains"}),
    ("b1", "my ankle just gives out randomly", {"recurrent-sprains"}),
    ("b1", "how do i stop my ankle from turning over all the time", {"recurrent-sprains"}),
    ("b1", "ive sprained it 4 times now, ankle feels weak and loose", {"recurrent-sprains"}),
    ("b1", "ankle feels unstable on uneven ground", {"recurrent-sprains"}),
    ("b1", "how can i prevent spraining my ankle again", {"recurrent-sprains"}),
    ("b1", "weak wobbly ankles what exercises", {"recurrent-sprains", "balance-training"}),
    # ---------------------------------------------------------------- sprain-recovery
    ("b1", "how long will it take for my sprained ankle to get better", {"sprain-recovery"}),
    ("b1", "sprained ankle 4 weeks ago, still sore, what exercises", {"sprain-recovery"}),
    ("b1", "what rehab should i do for a grade 2 ankle sprain", {"sprain-recovery"}),
    ("b1", "my sprain is taking forever to heal", {"sprain-recovery"}),
    ("b1", "best exercises to recover from a twisted ankle", {"sprain-recovery"}),
    ("b1", "torn ligament in ankle how long to recover", {"sprain-recovery"}),
    ("b1", "when will my ankle be normal again after the sprain", {"sprain-recovery"}),
    # ---------------------------------------------------------------- sprain-first-days
    ("b1", "just rolled my ankle playing basketball, what do i do now", {"sprain-first-days"}),
    ("b1", "twisted my ankle an hour ago, should i ice it", {"sprain-first-days", "ice-and-heat"}),
    ("b1", "sprained my ankle yesterday should i walk on it or rest", {"sprain-first-days"}),
    ("b1", "do i need crutches, sprained ankle this morning", {"sprain-first-days"}),
    ("b1", "should i go to A&E for my ankle sprain", {"sprain-first-days"}),
    ("b1", "can i take ibuprofen for a fresh sprain", {"sprain-first-days"}),
    ("b1", "i went over on my ankle last night, its bruised", {"sprain-first-days"}),
    # ---------------------------------------------------------------- return-to-running
    ("b1", "when is it safe to start jogging again after my sprain", {"return-to-running"}),
    ("b1", "can i play football on saturday with my ankle", {"return-to-running"}),
    ("b1", "how do i get back to the gym after an ankle injury", {"return-to-running"}),
    ("b1", "is my ankle ready to go back to running", {"return-to-running"}),
    ("b1", "when can i go back to playing tennis", {"return-to-running"}),
    ("b1", "how to return to sport after twisting my ankle", {"return-to-running"}),
    ("b1", "can i start jumping and hopping yet", {"return-to-running"}),
    # ---------------------------------------------------------------- foam-rolling
    ("b1", "is it good to foam roll my calves", {"foam-rolling"}),
    ("b1", "should i use a massage gun on my calf", {"foam-rolling"}),
    ("b1", "can i roll my foot on a ball", {"foam-rolling"}),
    ("b1", "how long to foam roll for", {"foam-rolling"}),
    ("b1", "is massaging my ankle helpful", {"foam-rolling"}),
    ("b1", "can i use a foam roller after my sprain", {"foam-rolling"}),
    # ---------------------------------------------------------------- tendinopathy
    ("b1", "pain in my achilles when i walk", {"tendinopathy"}),
    ("b1", "what exercises for a sore achilles tendon", {"tendinopathy"}),
    ("b1", "the tendon at the back of my heel is sore and thick", {"tendinopathy"}),
    (
        "b1",
        "pain on the outside of my ankle behind the bone, physio says peroneal tendinopathy",
        {"tendinopathy"},
    ),
    ("b1", "can i still run with a sore achilles", {"tendinopathy"}),
    ("b1", "how long does achilles tendonitis take to heal", {"tendinopathy"}),
    ("b1", "my achilles is stiff and sore every morning", {"tendinopathy"}),
    # ---------------------------------------------------------------- plantar-fasciitis
    ("b1", "my heel hurts in the morning when i step out of bed", {"plantar-fasciitis"}),
    ("b1", "sharp pain on the bottom of my heel", {"plantar-fasciitis"}),
    ("b1", "plantar fasciitis stretches?", {"plantar-fasciitis"}),
    ("b1", "the arch of my foot is painful after standing", {"plantar-fasciitis"}),
    ("b1", "heel pain after walking a lot, what can i do", {"plantar-fasciitis"}),
    ("b1", "does rolling a frozen water bottle help plantar fasciitis", {"plantar-fasciitis"}),
    ("b1", "sore sole of foot in the morning", {"plantar-fasciitis"}),
    # ---------------------------------------------------------------- flat-feet
    ("b1", "i have flat feet, will that affect my ankle", {"flat-feet"}),
    ("b1", "my arches are very low, should i get insoles", {"flat-feet"}),
    ("b1", "do orthotics help with flat feet", {"flat-feet"}),
    ("b1", "my feet overpronate when i run", {"flat-feet"}),
    ("b1", "how do i build up my arches", {"flat-feet"}),
    ("b1", "flat footed and my inner ankle aches", {"flat-feet"}),
    # ---------------------------------------------------------------- when-to-exercise
    ("b1", "is morning or night better for my ankle exercises", {"when-to-exercise"}),
    ("b1", "do i have to warm up before the band exercises", {"when-to-exercise"}),
    ("b1", "whats the best time of day to do the stretches", {"when-to-exercise"}),
    ("b1", "should i stretch before or after my workout", {"when-to-exercise"}),
    ("b1", "can i do my exercises right before bed", {"when-to-exercise"}),
    ("b1", "how should i warm up first", {"when-to-exercise"}),
    # ---------------------------------------------------------------- taping-and-bracing
    ("b1", "should i wear a brace when i play football", {"taping-and-bracing", "return-to-running"}),
    ("b1", "is kinesiology tape any good for the ankle", {"taping-and-bracing"}),
    ("b1", "do i have to wear the ankle support all the time", {"taping-and-bracing"}),
    ("b1", "will wearing a brace weaken my ankle", {"taping-and-bracing"}),
    ("b1", "how do i strap my ankle before a game", {"taping-and-bracing"}),
    ("b1", "what ankle brace would you recommend", {"taping-and-bracing"}),
    ("b1", "should i tape my ankle for basketball", {"taping-and-bracing"}),
    # ---------------------------------------------------------------- ice-and-heat
    ("b1", "should i put ice or heat on my ankle", {"ice-and-heat"}),
    ("b1", "how many minutes should i ice for", {"ice-and-heat"}),
    ("b1", "is a hot water bottle ok on my sprained ankle", {"ice-and-heat"}),
    ("b1", "can i use a heating pad for the stiffness", {"ice-and-heat", "stiffness"}),
    ("b1", "ice after exercises good or bad", {"ice-and-heat"}),
    ("b1", "can i go in a hot tub with a sprain", {"ice-and-heat"}),
    # ---------------------------------------------------------------- balance-training
    ("b1", "how can i improve my balance on my bad ankle", {"balance-training"}),
    ("b1", "exercises for proprioception after sprain", {"balance-training"}),
    ("b1", "standing on one leg is easy now what next", {"balance-training"}),
    ("b1", "should i use a wobble board", {"balance-training"}),
    ("b1", "i'm wobbly when i stand on the injured foot", {"balance-training", "recurrent-sprains"}),
    ("b1", "how to make the balance exercise harder", {"balance-training"}),
    # ---------------------------------------------------------------- impingement
    ("b1", "sharp pinch at the front of my ankle when i squat down", {"impingement"}),
    ("b1", "back of my ankle hurts when i point my foot in ballet", {"impingement"}),
    ("b1", "do i have ankle impingement", {"impingement"}),
    ("b1", "pinching pain when i lunge forward", {"impingement"}),
    ("b1", "front of ankle feels jammed when i walk up hills", {"impingement"}),
    ("b1", "feels like something is blocking my ankle when i bend it", {"impingement", "stiffness"}),
    # ---------------------------------------------------------------- foot-drop
    ("b1", "i cant lift my foot up when i walk", {"foot-drop"}),
    ("b1", "my toes keep catching on the floor and i trip", {"foot-drop"}),
    ("b1", "my foot slaps on the ground when walking", {"foot-drop"}),
    ("b1", "exercises for drop foot", {"foot-drop"}),
    ("b1", "my foot is floppy and i cant raise it", {"foot-drop"}),
    ("b1", "should i get a brace for foot drop", {"foot-drop"}),
    # ---------------------------------------------------------------- greeting
    ("b1", "hello!", {"greeting"}),
    ("b1", "hi there", {"greeting"}),
    ("b1", "good morning bot", {"greeting"}),
    ("b1", "heyy", {"greeting"}),
    ("b1", "hello, i need some help", {"greeting"}),
    ("b1", "hi, how r u", {"greeting"}),
    # ---------------------------------------------------------------- thanks
    ("b1", "thanks a lot!", {"thanks"}),
    ("b1", "thank u", {"thanks"}),
    ("b1", "cheers mate", {"thanks"}),
    ("b1", "ok thank you very much", {"thanks"}),
    ("b1", "thats very helpful thanks", {"thanks"}),
    ("b1", "great, appreciate it", {"thanks"}),
    # ---------------------------------------------------------------- about-bot
    ("b1", "are you a real physio", {"about-bot"}),
    ("b1", "what are you able to help with", {"about-bot"}),
    ("b1", "is this an ai", {"about-bot"}),
    ("b1", "who am i talking to", {"about-bot"}),
    ("b1", "can you tell me whats wrong with my ankle", {"about-bot", None}),
    ("b1", "what kind of things can i ask you", {"about-bot"}),
    # ================================================================ batch 2: fresh, never tuned on
    ("b2", "how many repeats per exercise is normal", {"reps-and-sets"}),
    ("b2", "for the stretches, 20 sec enough or longer?", {"reps-and-sets"}),
    ("b2", "my physio gave me band exercises, how many rounds should i do each", {"reps-and-sets"}),
    ("b2", "how regularly do i need to do the rehab routine", {"how-often"}),
    ("b2", "should i rest on weekends from exercises", {"how-often"}),
    ("b2", "is it normal that my ankle throbs after doing the band exercises", {"pain-during-exercise"}),
    ("b2", "exercises make it hurt more, should i carry on", {"pain-during-exercise"}),
    ("b2", "the green theraband is too strong, what's lighter", {"band-resistance"}),
    ("b2", "when should i change to a harder band", {"band-resistance"}),
    ("b2", "i have nothing to use as a band at home", {"getting-a-band"}),
    ("b2", "can i use a scarf instead of the band", {"getting-a-band"}),
    (
        "b2",
        "cast off after 6 weeks for broken ankle, very stiff and weak, what can i do",
        {"after-fracture", "stiffness"},
    ),
    ("b2", "i broke two bones in my ankle, when can i start physio exercises", {"after-fracture"}),
    ("b2", "3 weeks post-op after ankle ligament surgery, what can i do", {"after-surgery"}),
    ("b2", "had screws put in my ankle, how soon can i exercise", {"after-surgery"}),
    ("b2", "my ankle feels really rigid when i walk downstairs", {"stiffness"}),
    ("b2", "cant flex my ankle properly since the injury", {"stiffness"}),
    ("b2", "why is my ankle still puffy a month later", {"swelling"}),
    ("b2", "foot and ankle swell when i stand for long", {"swelling"}),
    ("b2", "my ankle is weak and rolls over easily", {"recurrent-sprains"}),
    ("b2", "this is like my fifth sprain on the same ankle", {"recurrent-sprains"}),
    ("b2", "my sprain isnt getting better what should i be doing", {"sprain-recovery"}),
    ("b2", "how many weeks until a sprained ankle heals fully", {"sprain-recovery"}),
    ("b2", "i twisted my ankle at the gym an hour ago and it swelled up", {"sprain-first-days"}),
    ("b2", "should i keep walking on my ankle after rolling it yesterday", {"sprain-first-days"}),
    ("b2", "when can i go back to football training", {"return-to-running"}),
    ("b2", "is it ok to go for a short jog with my ankle now", {"return-to-running"}),
    ("b2", "can i roll out my calves with a roller", {"foam-rolling"}),
    ("b2", "does massage help a sprained ankle heal", {"foam-rolling"}),
    ("b2", "achilles pain when i get up in the morning and when running", {"tendinopathy"}),
    ("b2", "pain along the tendon on the outer side of my ankle", {"tendinopathy"}),
    ("b2", "heel feels bruised underneath when walking", {"plantar-fasciitis"}),
    ("b2", "my arch aches and the heel hurts first thing in the morning", {"plantar-fasciitis"}),
    ("b2", "do flat feet need special exercises", {"flat-feet"}),
    ("b2", "my arches collapse when i stand", {"flat-feet"}),
    ("b2", "should i do my stretching in the morning or at night", {"when-to-exercise"}),
    ("b2", "do i need to warm up first before balance exercises", {"when-to-exercise"}),
    ("b2", "is wearing ankle tape better than a brace for volleyball", {"taping-and-bracing"}),
    ("b2", "how long do i keep wearing the ankle support after my sprain", {"taping-and-bracing"}),
    ("b2", "how long do i leave an ice pack on", {"ice-and-heat"}),
    ("b2", "is it ok to have a hot shower on a fresh sprain", {"ice-and-heat", "sprain-first-days"}),
    ("b2", "what can i do to get my balance better", {"balance-training"}),
    ("b2", "balance board or foam pad which is better for ankle", {"balance-training"}),
    ("b2", "pain at the front of the ankle when i do deep squats", {"impingement"}),
    ("b2", "back of the ankle pinches when i point my toes", {"impingement"}),
    ("b2", "since my back operation i cant lift my toes", {"foot-drop"}),
    ("b2", "my foot drags when walking and i keep tripping", {"foot-drop"}),
    ("b2", "hey there bot", {"greeting"}),
    ("b2", "thank you, that was useful", {"thanks"}),
    ("b2", "are you a person or a computer", {"about-bot"}),
    ("b2", "what can this thing do", {"about-bot"}),
    # ================================================================ batch 3: fresh after the b2 fixes
    ("b3", "how much reps i should make for each leg", {"reps-and-sets"}),
    ("b3", "my pt told me 3x10 but is more better?", {"reps-and-sets"}),
    ("b3", "can i do the stretching exercises several times daily", {"how-often"}),
    (
        "b3",
        "do i exercise the ankle on days when it hurts or take a break",
        {"how-often", "pain-during-exercise"},
    ),
    ("b3", "when i do the calf raises i get a sharp pain, keep going?", {"pain-during-exercise"}),
    ("b3", "ankle is more sore since i started the rehab, normal??", {"pain-during-exercise"}),
    ("b3", "black band vs blue band which is more resistance", {"band-resistance"}),
    ("b3", "this band is way too easy i can do 30 reps", {"band-resistance"}),
    ("b3", "dont have a theraband at home can i still do the 4 way exercises", {"getting-a-band"}),
    ("b3", "is there something at home i can use as resistance band", {"getting-a-band"}),
    ("b3", "my broken ankle healed but walking still feels weird", {"after-fracture"}),
    ("b3", "doctor says the fracture has healed, which exercises first", {"after-fracture"}),
    ("b3", "2 months after ankle op, still limping, what should i do", {"after-surgery"}),
    ("b3", "can i do band exercises after my achilles operation", {"after-surgery"}),
    ("b3", "my ankle wont bend properly when i walk up stairs", {"stiffness"}),
    ("b3", "ankle feels stiff and creaky after sitting", {"stiffness"}),
    ("b3", "swolen ankle after long flight", {"swelling"}),
    ("b3", "what reduces ankle swelling overnight", {"swelling"}),
    ("b3", "my ankles always give way when i walk on grass", {"recurrent-sprains"}),
    ("b3", "i keep twisting the same ankle, what exercises stop this", {"recurrent-sprains"}),
    ("b3", "3 weeks since ankle sprain, still hurts to walk. normal?", {"sprain-recovery"}),
    ("b3", "what's the typical healing time for a moderate sprain", {"sprain-recovery"}),
    ("b3", "i just fell down the stairs and twisted my ankle, what should i do", {"sprain-first-days"}),
    ("b3", "sprained it yesterday, should i move it or keep it still", {"sprain-first-days"}),
    ("b3", "how soon can i get back on the treadmill", {"return-to-running"}),
    ("b3", "is it too soon to play basketball 2 weeks after sprain", {"return-to-running"}),
    ("b3", "is it ok to use a massage gun on my achilles", {"foam-rolling"}),
    ("b3", "what's the point of foam rolling", {"foam-rolling"}),
    ("b3", "my achilles feels tight and creaks when i walk", {"tendinopathy"}),
    ("b3", "back of the heel tendon is swollen and sore after running", {"tendinopathy"}),
    ("b3", "feels like a stone under my heel", {"plantar-fasciitis"}),
    ("b3", "i get heel pain after my morning walk", {"plantar-fasciitis"}),
    ("b3", "can flat feet be fixed with exercises", {"flat-feet"}),
    ("b3", "my feet are flat and my knees hurt", {"flat-feet"}),
    ("b3", "should i do my exercises after dinner or in the morning", {"when-to-exercise"}),
    ("b3", "do i need a warm up before stretching my calf", {"when-to-exercise"}),
    ("b3", "can i use a compression sleeve instead of a brace", {"taping-and-bracing"}),
    ("b3", "is it bad to wear a brace every day", {"taping-and-bracing"}),
    ("b3", "ice pack or heat pack for an old ankle injury", {"ice-and-heat"}),
    ("b3", "how long should i keep ice on a new sprain", {"ice-and-heat", "sprain-first-days"}),
    ("b3", "my balance on the injured leg is terrible", {"balance-training"}),
    ("b3", "exercises to get better stability in my ankle", {"balance-training", "recurrent-sprains"}),
    ("b3", "i feel a pinch in front of my ankle at the bottom of a squat", {"impingement"}),
    ("b3", "something catches at the back of my ankle when i point my foot", {"impingement"}),
    ("b3", "my left foot doesnt lift properly when i walk, toes scuff the ground", {"foot-drop"}),
    ("b3", "what is foot drop", {"foot-drop"}),
    ("b3", "good evening!", {"greeting"}),
    ("b3", "hallo there", {"greeting"}),
    ("b3", "many thanks for the advice", {"thanks"}),
    ("b3", "ty so much", {"thanks"}),
    ("b3", "are you a human or a bot", {"about-bot"}),
    ("b3", "what are you for", {"about-bot"}),
    # ======================================================== batch 4: the final fresh batch, not tuned on
    ("b4", "how many sets should i be doing for the calf raises", {"reps-and-sets"}),
    ("b4", "whats the right amount of reps for a beginner", {"reps-and-sets"}),
    ("b4", "how long do i hold the balance on one leg", {"reps-and-sets", "balance-training"}),
    ("b4", "is twice a week enough for the strengthening exercises", {"how-often"}),
    ("b4", "how often do i need to stretch my calves", {"how-often"}),
    ("b4", "my ankle aches for hours after my physio exercises", {"pain-during-exercise"}),
    ("b4", "a little discomfort when stretching, is that ok?", {"pain-during-exercise"}),
    ("b4", "the red theraband is getting easy, should i change colour", {"band-resistance"}),
    ("b4", "what resistance level should a beginner start with", {"band-resistance"}),
    ("b4", "i lost my exercise band, what else can i use", {"getting-a-band"}),
    ("b4", "where can i get a resistance band cheap", {"getting-a-band"}),
    (
        "b4",
        "my ankle was fractured in january, can i start running now",
        {"after-fracture", "return-to-running"},
    ),
    ("b4", "after my broken fibula healed my ankle is weak", {"after-fracture"}),
    ("b4", "6 weeks after ankle ligament reconstruction surgery, what exercises are ok", {"after-surgery"}),
    ("b4", "i had surgery on my achilles tendon, when can i stretch it", {"after-surgery"}),
    ("b4", "my ankle feels tight every morning", {"stiffness"}),
    ("b4", "any tips to free up a tight ankle", {"stiffness"}),
    ("b4", "ankle still swollen after 2 months", {"swelling"}),
    ("b4", "my ankle swells when i walk a lot", {"swelling"}),
    ("b4", "i've rolled my ankle 3 times this year", {"recurrent-sprains"}),
    ("b4", "my ankle is unstable and keeps turning over", {"recurrent-sprains"}),
    ("b4", "sprained ankle six weeks ago still not right", {"sprain-recovery"}),
    ("b4", "what exercises help a sprain heal faster", {"sprain-recovery"}),
    ("b4", "i rolled my ankle at football today, what should i do", {"sprain-first-days"}),
    ("b4", "is it ok to walk on a freshly sprained ankle", {"sprain-first-days"}),
    ("b4", "when can i go back to dancing after a sprain", {"return-to-running"}),
    ("b4", "can i run a 5k with my weak ankle", {"return-to-running"}),
    ("b4", "should i foam roll my shins", {"foam-rolling"}),
    ("b4", "is deep tissue massage ok for my calf", {"foam-rolling"}),
    ("b4", "achilles tendon sore after long walks", {"tendinopathy"}),
    ("b4", "how do i treat achilles tendinopathy at home", {"tendinopathy"}),
    ("b4", "my heel is killing me in the mornings", {"plantar-fasciitis"}),
    ("b4", "burning pain under the arch of my foot", {"plantar-fasciitis"}),
    ("b4", "do i need arch supports for my flat feet", {"flat-feet"}),
    ("b4", "is it ok to exercise late in the evening", {"when-to-exercise"}),
    ("b4", "do i stretch before or after the band exercises", {"when-to-exercise"}),
    ("b4", "should i wear an ankle brace for hiking", {"taping-and-bracing"}),
    ("b4", "how do you apply kinesio tape to an ankle", {"taping-and-bracing"}),
    ("b4", "is it ok to put a heat pad on my ankle at night", {"ice-and-heat"}),
    ("b4", "should i ice after my rehab session", {"ice-and-heat"}),
    ("b4", "how can i make my balance exercises more challenging", {"balance-training"}),
    ("b4", "my ankle pinches at the front when i do lunges", {"impingement"}),
    ("b4", "i cant walk on my heels and my foot slaps", {"foot-drop"}),
    ("b4", "hiya bot", {"greeting"}),
    ("b4", "thanks, very helpful", {"thanks"}),
    ("b4", "what can you do for me", {"about-bot"}),
    # ============================================ batch 5: fresh, measured untuned, then used for fixes
    (
        "b5",
        "my physio gave me a sheet with the band exercises but forgot to write how many to do, what's "
        "normal?",
        {"reps-and-sets"},
    ),
    ("b5", "how much repetition i need for the heel raise? sorry my english not so good", {"reps-and-sets"}),
    ("b5", "do i count each side separately, like 15 on the left then 15 on the right?", {"reps-and-sets"}),
    ("b5", "3 sets of 12 or 2 sets of 20, which is better for getting strength back", {"reps-and-sets"}),
    ("b5", "how many seconds am i meant to stay in the calf stretch", {"reps-and-sets"}),
    (
        "b5",
        "I'm 45, rolled it at netball 3 weeks ago. How often should I be doing the exercises, every day or "
        "a few times a week?",
        {"how-often"},
    ),
    ("b5", "is it overkill to do my band routine morning AND night", {"how-often"}),
    ("b5", "how many days per week do i need to do rehab", {"how-often"}),
    ("b5", "ankle feels fine now, do i still have to keep doing the exercises?", {"how-often"}),
    (
        "b5",
        "PT said do them regularly but what does that actually mean, how many times a week?",
        {"how-often"},
    ),
    ("b5", "ankle is pain when i make the exercise with band, normal?", {"pain-during-exercise"}),
    (
        "b5",
        "been doing the heel raises for a week and my ankle is more painful than before i started",
        {"pain-during-exercise"},
    ),
    (
        "b5",
        "bit of an ache during the stretches but it goes away after, should i be worried",
        {"pain-during-exercise"},
    ),
    ("b5", "how do i know if im pushing too hard with the rehab", {"pain-during-exercise"}),
    ("b5", "it throbs for a few hours after my session, have i damaged something?", {"pain-during-exercise"}),
    ("b5", "got a pack of 5 bands in different colours, which one do i start with?", {"band-resistance"}),
    ("b5", "the blue one is way too hard, i cant even move my foot against it", {"band-resistance"}),
    ("b5", "been on the yellow theraband for 3 weeks now, when do i go up", {"band-resistance"}),
    ("b5", "band feels like nothing now, time for a tougher one?", {"band-resistance"}),
    ("b5", "I left my band at my mum's, can I still do the exercises without it?", {"getting-a-band"}),
    ("b5", "do they sell therabands in boots or do i have to order online", {"getting-a-band"}),
    ("b5", "not got any resistance bands, what household stuff works instead", {"getting-a-band"}),
    ("b5", "can i just use a long sock or a dressing gown belt for the band exercises?", {"getting-a-band"}),
    (
        "b5",
        "had a trimalleolar fracture in june, boot is off now but im walking like a penguin. any tips?",
        {"after-fracture"},
    ),
    (
        "b5",
        "broke my 5th metatarsal 7 weeks ago, fracture clinic said i can start moving it, what exercises",
        {"after-fracture"},
    ),
    ("b5", "is it normal for my ankle to be this weak after the plaster came off?", {"after-fracture"}),
    (
        "b5",
        "fractured tib and fib last year and the ankle still doesnt feel right, what should i work on",
        {"after-fracture"},
    ),
    ("b5", "2 weeks post ORIF, when can I start moving my ankle?", {"after-surgery"}),
    ("b5", "had a brostrom procedure in march, what rehab should i be doing by now", {"after-surgery"}),
    ("b5", "the surgeon took the metalwork out last month, can i go back to my exercises", {"after-surgery"}),
    ("b5", "had my achilles stitched back together, when can i start calf raises?", {"after-surgery"}),
    ("b5", "ankle feels like concrete first thing, takes ages to loosen up", {"stiffness"}),
    ("b5", "i can barely bend my foot up since the boot came off", {"stiffness", "after-fracture"}),
    ("b5", "my ankle doesnt have full range anymore, how do i get it back", {"stiffness"}),
    ("b5", "can't get into a deep squat, my ankle just stops", {"stiffness", "impingement"}),
    ("b5", "stiff ankle after sitting at my desk all day, how can i loosen it up?", {"stiffness"}),
    (
        "b5",
        "My ankle looks like a balloon by the evening and it's been 5 weeks since I sprained it. Is that "
        "normal?",
        {"swelling"},
    ),
    ("b5", "whats the best way to bring the swelling down", {"swelling"}),
    ("b5", "foot still puffy 4 weeks after the op", {"swelling", "after-surgery"}),
    ("b5", "does putting my leg up on the sofa actually do anything for swelling", {"swelling"}),
    ("b5", "ankle gets bigger after i walk to work, would a compression sock help?", {"swelling"}),
    ("b5", "my ankles go over at least once a month, mostly the right one", {"recurrent-sprains"}),
    ("b5", "since i was a kid my ankles have been weak and i keep rolling them", {"recurrent-sprains"}),
    ("b5", "how do i stop my ankle giving way every time i step off a kerb", {"recurrent-sprains"}),
    ("b5", "chronic ankle instability, what can i do apart from surgery?", {"recurrent-sprains"}),
    (
        "b5",
        "sprained my ankle 10 days ago, it's getting better but slowly, what should i be doing now",
        {"sprain-recovery"},
    ),
    ("b5", "how long till a grade 2 sprain is fully healed", {"sprain-recovery"}),
    (
        "b5",
        "bad sprain 5 weeks ago playing football and im still limping a bit. what exercises now?",
        {"sprain-recovery"},
    ),
    ("b5", "ATFL tear last month, any rehab tips?", {"sprain-recovery"}),
    (
        "b5",
        "just went over on my ankle stepping off the bus and it's swelling up, what do i do?",
        {"sprain-first-days"},
    ),
    (
        "b5",
        "twisted my ankle yesterday at netball, should i be icing it and keeping it up?",
        {"sprain-first-days", "ice-and-heat"},
    ),
    (
        "b5",
        "Rolled my ankle last night, do I need to go to A&E or can I just rest it?",
        {"sprain-first-days"},
    ),
    ("b5", "is it ok to take nurofen? hurt my ankle this morning", {"sprain-first-days"}),
    (
        "b5",
        "I have a half marathon in 6 weeks and sprained my ankle 2 weeks ago, will I be able to run it?",
        {"return-to-running"},
    ),
    ("b5", "when can i start doing parkrun again", {"return-to-running"}),
    (
        "b5",
        "is it ok to play 5 a side this weekend if my ankle is still a little sore",
        {"return-to-running"},
    ),
    ("b5", "how do i know if my ankle is strong enough for basketball again", {"return-to-running"}),
    ("b5", "my calves are super tight, would a foam roller help?", {"foam-rolling"}),
    ("b5", "can i use a massage gun near my ankle", {"foam-rolling"}),
    ("b5", "is it ok to roll a golf ball under my foot", {"foam-rolling", "plantar-fasciitis"}),
    ("b5", "how long should i spend rolling each calf", {"foam-rolling"}),
    (
        "b5",
        "achilles has been sore for months, worse when i start running then it eases off",
        {"tendinopathy"},
    ),
    ("b5", "my achilles is thick and creaky, what exercises", {"tendinopathy"}),
    ("b5", "outside ankle tendon pain after hiking, sore to touch behind the ankle bone", {"tendinopathy"}),
    ("b5", "is it achilles tendinitis if the back of my heel hurts going upstairs", {"tendinopathy"}),
    (
        "b5",
        "first few steps in the morning are agony, like stepping on glass under my heel",
        {"plantar-fasciitis"},
    ),
    (
        "b5",
        "I'm a nurse on my feet 12 hours a day and the bottom of my heel is killing me",
        {"plantar-fasciitis"},
    ),
    ("b5", "what stretches for plantar fasciitis", {"plantar-fasciitis"}),
    ("b5", "pain in the arch of my foot after running", {"plantar-fasciitis"}),
    ("b5", "my son has flat feet, should he be doing exercises?", {"flat-feet"}),
    ("b5", "podiatrist says i overpronate, do i need special shoes", {"flat-feet"}),
    ("b5", "my feet are totally flat and my ankles ache after walking", {"flat-feet"}),
    ("b5", "are cheap insoles from the pharmacy any good for fallen arches", {"flat-feet"}),
    ("b5", "should i do my stretches in the morning before work or in the evening", {"when-to-exercise"}),
    ("b5", "do i need to warm up before the band stuff or just go straight in", {"when-to-exercise"}),
    ("b5", "is it bad to do the exercises just before i go to sleep", {"when-to-exercise"}),
    ("b5", "best time to do rehab, before or after my run?", {"when-to-exercise"}),
    ("b5", "should i tape my ankle for netball or is a brace better", {"taping-and-bracing"}),
    ("b5", "is it ok to sleep with the ankle brace on", {"taping-and-bracing"}),
    ("b5", "will kinesio tape actually help my ankle or is it a gimmick", {"taping-and-bracing"}),
    ("b5", "i wear an ankle support all the time now, is that making it weaker?", {"taping-and-bracing"}),
    ("b5", "how long should i leave the frozen peas on for", {"ice-and-heat"}),
    ("b5", "heat or ice for an old ankle injury that's stiff", {"ice-and-heat"}),
    (
        "b5",
        "is it fine to have a hot bath, sprained my ankle 2 days ago",
        {"ice-and-heat", "sprain-first-days"},
    ),
    ("b5", "should i be icing after every rehab session?", {"ice-and-heat"}),
    ("b5", "i'm really wobbly on my bad leg, what exercises help", {"balance-training", "recurrent-sprains"}),
    ("b5", "single leg balance is easy now, how do i make it harder?", {"balance-training"}),
    ("b5", "is a wobble board worth buying for my ankle", {"balance-training"}),
    ("b5", "exercises to improve proprioception after an ankle injury", {"balance-training"}),
    ("b5", "pinching feeling at the front of my ankle when I do squats", {"impingement"}),
    ("b5", "dancer here, back of my ankle hurts on releve and pointe", {"impingement"}),
    ("b5", "my physio said i have anterior impingement, what should i avoid", {"impingement"}),
    ("b5", "front of my ankle jams when i go down stairs", {"impingement"}),
    # Foot drop with back trouble is an emergency for triage: the reply then has no topic, by design.
    ("b5", "my foot slaps the floor when i walk since my back problem", {"foot-drop", None}),
    ("b5", "toes keep catching on the carpet, i cant lift my foot properly", {"foot-drop"}),
    ("b5", "do exercises help foot drop or do i need an AFO", {"foot-drop"}),
    ("b5", "hey!", {"greeting"}),
    ("b5", "hi, i need help with my ankle", {"greeting"}),
    ("b5", "Good morning :)", {"greeting"}),
    ("b5", "cheers, that's really helpful", {"thanks"}),
    ("b5", "thank you so much!! \U0001f64f", {"thanks"}),
    ("b5", "ok got it thanks", {"thanks"}),
    ("b5", "are you an actual physio or a bot", {"about-bot"}),
    ("b5", "what sort of stuff can i ask you", {"about-bot"}),
    ("b5", "who made this bot", {"about-bot"}),
    # b5, second part: longer stories, written after the first fixes from b5 (tuned on, like b5).
    (
        "b5",
        "So I sprained my ankle about a month ago playing squash, the physio gave me some band exercises. "
        "How many of each am I supposed to do?",
        {"reps-and-sets"},
    ),
    (
        "b5",
        "hi, my ankle was operated 8 weeks ago (ORIF, plate and 6 screws). physio starts next week. can i "
        "already do some exercises at home?",
        {"after-surgery"},
    ),
    (
        "b5",
        "I'm 62 and broke my ankle falling on ice in January. The cast came off 3 weeks ago and I still "
        "walk with a stick. Is this normal and what can I do to walk better?",
        {"after-fracture"},
    ),
    (
        "b5",
        "rolled my ankle at a festival on saturday, it's really purple and swollen on the outside and hurts "
        "to walk but i can walk. should i just rest it?",
        {"sprain-first-days"},
    ),
    (
        "b5",
        "Been doing my rehab for 3 weeks now after a bad sprain, the exercises are going fine but my ankle "
        "still swells up every evening. Should I be worried or is that part of healing?",
        {"swelling"},
    ),
    (
        "b5",
        "i do a lot of hiking and my ankles keep rolling on rocky paths, happened like 5 times this summer. "
        "what can i do so it stops happening?",
        {"recurrent-sprains"},
    ),
    (
        "b5",
        "My PT has me doing the theraband exercises with the red band but honestly it's getting really "
        "easy, I can do 30 without any effort. Should I move on?",
        {"band-resistance"},
    ),
    (
        "b5",
        "I work from home and sit all day. My ankle is really stiff when I get up and it takes 10 minutes "
        "of hobbling before it feels normal. What helps?",
        {"stiffness"},
    ),
    (
        "b5",
        "week 6 after achilles rupture surgery, still in the boot with wedges. when can i start doing calf "
        "raises or is it too early?",
        {"after-surgery"},
    ),
    (
        "b5",
        "i'm training for a 10k in april but sprained my ankle 3 weeks ago. walking fine now, no pain. can "
        "i start running again or should i wait longer?",
        {"return-to-running"},
    ),
    (
        "b5",
        "Hi there, I have had heel pain for about 4 months now, it's worst when I get out of bed in the "
        "morning and after sitting for a while. I've bought new trainers but it's not helping. What "
        "exercises should I do?",
        {"plantar-fasciitis"},
    ),
    (
        "b5",
        "my physio said to do the exercises 'little and often' but what does that mean in practice? like 5 "
        "minutes every hour or twice a day?",
        {"how-often"},
    ),
    (
        "b5",
        "I'm a runner, for the past couple of months my achilles is sore and stiff in the mornings and "
        "during the first km of a run, then it warms up. Should I stop running?",
        {"tendinopathy"},
    ),
    (
        "b5",
        "when I do the band exercises my ankle feels ok during but the next morning it's quite achy, maybe "
        "4/10. do I keep going or take a break?",
        {"pain-during-exercise"},
    ),
    (
        "b5",
        "so I bought a wobble board because my physio recommended balance work, but I can barely stay on it "
        "for 5 seconds. is there an easier way to start?",
        {"balance-training"},
    ),
    (
        "b5",
        "I play rugby and have a game on Saturday, my ankle is about 80% after a sprain 3 weeks ago. Should "
        "I tape it or wear a brace for the game?",
        {"return-to-running", "taping-and-bracing"},
    ),
    (
        "b5",
        "my ankle is sore after my shift at work (im a waitress on my feet all day). should i put ice on it "
        "when i get home or a hot water bottle?",
        {"ice-and-heat"},
    ),
    (
        "b5",
        "whenever I do a deep squat at the gym I get this sharp pinch at the front of the ankle, it's fine "
        "otherwise. what could help?",
        {"impingement"},
    ),
    (
        "b5",
        "after my hip replacement my foot started to drag and my toes catch when I walk. the surgeon said "
        "the nerve was stretched. are there exercises for this?",
        {"foot-drop"},
    ),
    (
        "b5",
        "i have really flat feet and recently started getting pain on the inner side of my ankle after long "
        "walks, do I need insoles or something?",
        {"flat-feet"},
    ),
    (
        "b5",
        "i've been using a foam roller on my calves every evening because they feel tight after running, is "
        "that actually doing anything for my ankle?",
        {"foam-rolling"},
    ),
    (
        "b5",
        "my kid sprained her ankle at gymnastics two weeks ago, it's still a little sore. what exercises "
        "can she do to get better?",
        {"sprain-recovery"},
    ),
    (
        "b5",
        "Lost my theraband when we moved house. I don't want to stop my rehab, is there anything I can use "
        "in the meantime?",
        {"getting-a-band"},
    ),
    (
        "b5",
        "I do my exercises straight after I wake up but my ankle is stiff then, would it be better to do "
        "them later in the day?",
        {"when-to-exercise"},
    ),
    (
        "b5",
        "just twisted my ankle on the stairs about 20 minutes ago, it's swelling and i can put some weight "
        "on it. what should i do right now?",
        {"sprain-first-days"},
    ),
    (
        "b5",
        "Hi! I'm recovering from a grade 2 ATFL sprain from 4 weeks ago. It's improving but slowly, I still "
        "can't hop on it. What should my rehab look like now?",
        {"sprain-recovery"},
    ),
    (
        "b5",
        "physio told me to hold each stretch but i forgot for how long, 10 seconds? 30?",
        {"reps-and-sets"},
    ),
    (
        "b5",
        "my doctor said i have weak ankles and that's why i sprain them so often, what exercises make them "
        "stronger?",
        {"recurrent-sprains"},
    ),
    (
        "b5",
        "my swelling goes down overnight but comes back by lunchtime, its been like this for 2 months since "
        "my fracture. is it normal?",
        {"after-fracture", "swelling"},
    ),
    (
        "b5",
        "I'm 8 weeks post op from a lateral ligament reconstruction, surgeon says I can start jogging. Any "
        "advice on how to build up?",
        {"after-surgery", "return-to-running"},
    ),
    # ============================================ batch 6: fresh after the b5 fixes, measured untuned
    (
        "b6",
        "physio said to do 'a few sets' of the heel raises, is that like 3? and how many in each",
        {"reps-and-sets"},
    ),
    ("b6", "How many times do I repeat the ankle circles?", {"reps-and-sets"}),
    ("b6", "for balancing on one leg, 30 sec or a full minute?", {"reps-and-sets", "balance-training"}),
    ("b6", "can i do the rehab exercises twice a day or is once enough", {"how-often"}),
    ("b6", "Do I need to do the stretches on rest days too?", {"how-often"}),
    ("b6", "been told to do my exercises 3x a week, would doing them daily speed things up?", {"how-often"}),
    (
        "b6",
        "my ankle clicks and aches a little during the band exercises, should i carry on",
        {"pain-during-exercise"},
    ),
    (
        "b6",
        "Heel raises give me a sharp pain on the outside of my ankle. Stop or push through?",
        {"pain-during-exercise"},
    ),
    (
        "b6",
        "sore after yesterday's session, like 3/10, do i still do today's exercises",
        {"pain-during-exercise"},
    ),
    ("b6", "what's the difference between the red and green theraband", {"band-resistance"}),
    ("b6", "yellow band is too weak for me now", {"band-resistance"}),
    ("b6", "How do I know which resistance is right for me?", {"band-resistance"}),
    ("b6", "is there a cheap alternative to a theraband? money is tight atm", {"getting-a-band"}),
    ("b6", "my physio didnt give me a band, where do people usually get them", {"getting-a-band"}),
    ("b6", "can i do the 4 way ankle exercises with a bike inner tube", {"getting-a-band"}),
    (
        "b6",
        "6 weeks in a cast for a broken ankle, just got it off today and it looks so thin and weak. what do "
        "i do now?",
        {"after-fracture"},
    ),
    (
        "b6",
        "fractured my fibula playing rugby, no op needed they said. when can i start rehab?",
        {"after-fracture"},
    ),
    ("b6", "hairline crack in my heel bone, can i still do balance exercises?", {"after-fracture"}),
    ("b6", "10 days post op ankle arthroscopy, when can i start the band exercises", {"after-surgery"}),
    ("b6", "i have pins in my ankle from the operation, is it ok to do heel raises", {"after-surgery"}),
    ("b6", "my scar is still tender after the ankle op, can i massage it", {"after-surgery", "foam-rolling"}),
    ("b6", "my ankle won't go as far forward as the other one when I squat", {"stiffness"}),
    ("b6", "stiff as a board after my sprain, tips to loosen it?", {"stiffness"}),
    ("b6", "Ankle creaks and feels tight every time I stand up after sitting", {"stiffness"}),
    ("b6", "the outside of my ankle is still puffy 6 weeks on, will it ever go down?", {"swelling"}),
    ("b6", "should I wear a tubigrip for the swelling", {"swelling"}),
    ("b6", "my ankle swells more when it's hot, anything i can do?", {"swelling"}),
    ("b6", "I've sprained my right ankle like 6 times, it feels loose", {"recurrent-sprains"}),
    ("b6", "ankle keeps giving out on me when I walk on cobblestones", {"recurrent-sprains"}),
    ("b6", "how can I make my ankles less prone to rolling", {"recurrent-sprains"}),
    (
        "b6",
        "3 weeks after a sprain and still cant walk without limping, is that normal?",
        {"sprain-recovery"},
    ),
    ("b6", "what's the recovery time for a bad ankle sprain with bruising?", {"sprain-recovery"}),
    ("b6", "my sprain from 2 months ago still aches after long walks", {"sprain-recovery"}),
    (
        "b6",
        "Just rolled my ankle playing footy, it's swollen like an egg. Ice? Rest? What do I do?",
        {"sprain-first-days", "ice-and-heat"},
    ),
    (
        "b6",
        "twisted my ankle getting off the train this morning, can i still go to work",
        {"sprain-first-days"},
    ),
    ("b6", "should i wrap my ankle in a bandage, sprained it yesterday", {"sprain-first-days"}),
    ("b6", "how long after a sprain before i can do HIIT classes again", {"return-to-running"}),
    ("b6", "when can i go back to dancing, it's been 4 weeks since the sprain", {"return-to-running"}),
    ("b6", "is it safe to jog if there's still a tiny bit of pain?", {"return-to-running"}),
    ("b6", "is a spiky massage ball good for the bottom of the foot", {"foam-rolling", "plantar-fasciitis"}),
    ("b6", "should I foam roll before or after my ankle exercises", {"foam-rolling", "when-to-exercise"}),
    ("b6", "does a calf massage help with ankle stiffness", {"foam-rolling", "stiffness"}),
    ("b6", "my achilles hurts when i squeeze it and it's worse in the morning", {"tendinopathy"}),
    ("b6", "pain on the inside of my ankle along the tendon after walking", {"tendinopathy"}),
    ("b6", "runner here, diagnosed with achilles tendinopathy, what's the best rehab", {"tendinopathy"}),
    ("b6", "stabbing pain in my heel when I get out of bed", {"plantar-fasciitis"}),
    ("b6", "plantar fasciitis for 6 months, nothing helps", {"plantar-fasciitis"}),
    ("b6", "the arch of my foot burns after walking the dog", {"plantar-fasciitis"}),
    ("b6", "does having flat feet make me more likely to sprain my ankle", {"flat-feet"}),
    ("b6", "will arch support insoles help my ankle pain", {"flat-feet"}),
    ("b6", "my feet roll inwards a lot, what exercises", {"flat-feet"}),
    ("b6", "Should I do my rehab before or after the gym?", {"when-to-exercise"}),
    ("b6", "is it better to stretch when my ankle is warm?", {"when-to-exercise"}),
    ("b6", "can i do my exercises straight after work when im tired", {"when-to-exercise"}),
    ("b6", "do you recommend a lace up brace for basketball", {"taping-and-bracing"}),
    ("b6", "how tight should my ankle support be", {"taping-and-bracing"}),
    ("b6", "should i keep wearing my brace at home or just for sport", {"taping-and-bracing"}),
    ("b6", "ice for 20 minutes or less?", {"ice-and-heat"}),
    ("b6", "is it bad to put heat on a sprain after a week", {"ice-and-heat"}),
    ("b6", "contrast baths hot and cold for my ankle, worth it?", {"ice-and-heat"}),
    ("b6", "what are good balance exercises i can do at home", {"balance-training"}),
    ("b6", "my balance is so much worse on my injured side", {"balance-training"}),
    ("b6", "is standing on a cushion a good balance exercise", {"balance-training"}),
    ("b6", "pain at the front of the ankle when i do lunges, feels like a pinch", {"impingement"}),
    ("b6", "ballet dancer with pain at the back of my ankle when i point", {"impingement"}),
    ("b6", "what exercises should i avoid with ankle impingement", {"impingement"}),
    ("b6", "cant lift my foot properly since my stroke", {"foot-drop"}),
    ("b6", "I keep tripping because my foot doesn't come up, is there an exercise?", {"foot-drop"}),
    ("b6", "hello there!", {"greeting"}),
    ("b6", "hey bot \U0001f44b", {"greeting"}),
    ("b6", "hi hi", {"greeting"}),
    ("b6", "thanks so much for your help", {"thanks"}),
    ("b6", "brilliant, thanks!", {"thanks"}),
    ("b6", "cheers!!", {"thanks"}),
    ("b6", "are you a real person?", {"about-bot"}),
    ("b6", "can you actually diagnose me or not", {"about-bot"}),
    ("b6", "what do you do", {"about-bot"}),
    # ============================================ batch 7: the final fresh batch, measured once
    ("b7", "how many reps per leg for the 4 way band thing?", {"reps-and-sets"}),
    (
        "b7",
        "My physio wants me to do calf raises but didn't say how many. I'm 58 and not very fit, what would "
        "you suggest?",
        {"reps-and-sets"},
    ),
    ("b7", "hold stretch how much second? 10 or 30?", {"reps-and-sets"}),
    (
        "b7",
        "how often should i be doing my ankle rehab, i work long shifts so i cant do it every day",
        {"how-often"},
    ),
    ("b7", "is 5 days a week too much for the band exercises", {"how-often"}),
    ("b7", "should i take a break from the exercises at the weekend?", {"how-often"}),
    (
        "b7",
        "the exercises hurt my ankle a lot, is this normal or am i doing them wrong?",
        {"pain-during-exercise"},
    ),
    (
        "b7",
        "I started the physio exercises on Monday and now my whole ankle aches. Should I stop for a few "
        "days?",
        {"pain-during-exercise"},
    ),
    ("b7", "feeling a burning in my calf during heel raises, bad sign?", {"pain-during-exercise"}),
    ("b7", "my theraband is the green one and it's too hard, should i go back to red?", {"band-resistance"}),
    ("b7", "when do I know it's time for a heavier band", {"band-resistance"}),
    ("b7", "band resistance levels explained pls", {"band-resistance"}),
    ("b7", "do i really need a resistance band or can i do without", {"getting-a-band"}),
    ("b7", "can i use my kids skipping rope as a band?", {"getting-a-band"}),
    ("b7", "where to buy a theraband in the us, amazon?", {"getting-a-band"}),
    (
        "b7",
        "I broke my ankle skiing in February, had a cast for 6 weeks and now a boot. Physio hasn't started "
        "yet. Can I start moving it myself?",
        {"after-fracture"},
    ),
    ("b7", "broken metatarsal, when can i start walking normally without the boot", {"after-fracture"}),
    (
        "b7",
        "my fracture has healed according to the xray but my ankle is still really stiff and weak",
        {"after-fracture", "stiffness"},
    ),
    (
        "b7",
        "had an ORIF on my fibula 3 months ago, still have pain when walking, what exercises help",
        {"after-surgery", "after-fracture"},
    ),
    ("b7", "can i do calf stretches after achilles surgery", {"after-surgery"}),
    ("b7", "i had a scope on my ankle last week, when can i start rehab", {"after-surgery"}),
    ("b7", "my ankle feels really tight when i go down stairs", {"stiffness"}),
    ("b7", "how do i get more movement in my ankle, it barely bends", {"stiffness"}),
    ("b7", "every morning my ankle is stiff and i walk funny for the first few minutes", {"stiffness"}),
    (
        "b7",
        "ankle still swollen 3 months after my sprain, is something wrong?",
        {"swelling", "sprain-recovery"},
    ),
    ("b7", "what can i do about my swollen ankle at the end of the day", {"swelling"}),
    ("b7", "will compression socks help the swelling go down?", {"swelling"}),
    (
        "b7",
        "my ankle keeps going over when i walk on uneven pavement, what can i do to stop it",
        {"recurrent-sprains"},
    ),
    (
        "b7",
        "Both my ankles feel weak and I roll them all the time playing basketball.",
        {"recurrent-sprains"},
    ),
    ("b7", "4th sprain in 2 years on the same ankle, do i need surgery?", {"recurrent-sprains"}),
    (
        "b7",
        "how long will my sprained ankle take to heal? it's been 2 weeks and still bruised and sore",
        {"sprain-recovery"},
    ),
    ("b7", "ankle sprain a month ago, what exercises should i be doing at this stage?", {"sprain-recovery"}),
    (
        "b7",
        "my sprain is getting better but my ankle still feels weak, how can i build strength back",
        {"sprain-recovery"},
    ),
    (
        "b7",
        "I just twisted my ankle badly at the park with my kids, what should I do right now?",
        {"sprain-first-days"},
    ),
    (
        "b7",
        "went over on my ankle last night coming down the stairs, its bruised and swollen, do i need an "
        "xray?",
        {"sprain-first-days"},
    ),
    ("b7", "is RICE still the thing for a new sprain?", {"sprain-first-days"}),
    ("b7", "when can i start running again after a mild ankle sprain", {"return-to-running"}),
    (
        "b7",
        "I'm a footballer and sprained my ankle 3 weeks ago, when can I get back to training?",
        {"return-to-running"},
    ),
    ("b7", "can i go hiking next week with my sprained ankle", {"return-to-running"}),
    ("b7", "should i foam roll my calves if they're tight from my rehab", {"foam-rolling"}),
    ("b7", "is massage good for a sprained ankle?", {"foam-rolling"}),
    ("b7", "how hard should i press on the foam roller, it really hurts", {"foam-rolling"}),
    ("b7", "back of my heel is sore where the tendon attaches, especially after running", {"tendinopathy"}),
    ("b7", "what's the best exercise for achilles tendonitis", {"tendinopathy"}),
    ("b7", "pain along the outside of the ankle along the tendon when walking, no injury", {"tendinopathy"}),
    (
        "b7",
        "heel pain worst first thing in the morning, i think its plantar fasciitis",
        {"plantar-fasciitis"},
    ),
    ("b7", "the bottom of my foot hurts when i stand for a long time at work", {"plantar-fasciitis"}),
    (
        "b7",
        "does rolling my foot on a frozen bottle really help heel pain",
        {"plantar-fasciitis", "foam-rolling"},
    ),
    ("b7", "should people with flat feet wear special trainers?", {"flat-feet"}),
    ("b7", "my ankles collapse inwards when i walk, is that flat feet?", {"flat-feet"}),
    ("b7", "what exercises help fallen arches", {"flat-feet"}),
    ("b7", "is it better to do my exercises in the morning or at night before bed?", {"when-to-exercise"}),
    ("b7", "should i warm up before doing the ankle exercises or not", {"when-to-exercise"}),
    ("b7", "whats the best order to do my exercises in", {"when-to-exercise"}),
    ("b7", "is a brace good for preventing another sprain", {"taping-and-bracing", "recurrent-sprains"}),
    ("b7", "how do you tape an ankle for football", {"taping-and-bracing"}),
    ("b7", "should i wear my ankle support in bed", {"taping-and-bracing"}),
    ("b7", "ice or a warm compress for a stiff ankle in the morning", {"ice-and-heat"}),
    ("b7", "how many times a day should i ice my sprained ankle", {"ice-and-heat"}),
    ("b7", "is it ok to use a heat pack on my achilles", {"ice-and-heat"}),
    ("b7", "best balance exercises after an ankle sprain?", {"balance-training"}),
    (
        "b7",
        "can't stand on my bad foot for more than 5 seconds without wobbling",
        {"balance-training", "recurrent-sprains"},
    ),
    ("b7", "should i do balance exercises with my eyes closed", {"balance-training"}),
    ("b7", "front of my ankle pinches when i do a deep lunge or squat", {"impingement"}),
    ("b7", "I dance ballet and get pain at the back of the ankle on demi pointe", {"impingement"}),
    ("b7", "blocked feeling at the front of my ankle when i bend my knee", {"impingement", "stiffness"}),
    ("b7", "my toes drag on the floor since my back surgery, is this foot drop?", {"foot-drop"}),
    ("b7", "what exercises for a foot that slaps down when walking", {"foot-drop"}),
    ("b7", "hiya!", {"greeting"}),
    ("b7", "hello, is anyone there?", {"greeting"}),
    ("b7", "morning", {"greeting"}),
    ("b7", "thanks, that makes sense", {"thanks"}),
    ("b7", "ok great thank you", {"thanks"}),
    ("b7", "are you a chatbot or a real physio?", {"about-bot"}),
    ("b7", "what kind of things can you help with", {"about-bot"}),
    # b8: fresh, measured untuned after the third and fourth triage rounds
    ("b8", "how many reps should i be doing for each one", {"reps-and-sets"}),
    (
        "b8",
        "physio gave me a sheet of exercises but forgot to write how many sets. is 3x10 ok?",
        {"reps-and-sets"},
    ),
    ("b8", "better to do loads of reps with a light band or only few with a heavy one??", {"reps-and-sets"}),
    ("b8", "how much times i must repeat every exercice please", {"reps-and-sets"}),
    (
        "b8",
        "how many reps n sets and how many days a week? just want a simple plan",
        {"reps-and-sets", "how-often"},
    ),
    ("b8", "how often shud i do these", {"how-often"}),
    ("b8", "every day or do i need rest days in between", {"how-often"}),
    ("b8", "can i do the whole routine twice a day or is that overdoing it", {"how-often"}),
    ("b8", "been doing them mon wed fri. is 3x a week enough to actually get stronger", {"how-often"}),
    (
        "b8",
        "i work shifts so some days i skip... how regular do the exercises need to be to work?",
        {"how-often"},
    ),
    ("b8", "it hurts a bit when i do the band ones, push through or stop?", {"pain-during-exercise"}),
    ("b8", "is it normal to feel some pain while doing the stretches", {"pain-during-exercise"}),
    ("b8", "calf raises give me a dull ache like 3 outta 10, ok to keep going", {"pain-during-exercise"}),
    (
        "b8",
        "ankle is sore the day after my exercises, does that mean im doing damage",
        {"pain-during-exercise"},
    ),
    (
        "b8",
        "when i make the exercises i feel pain on outside of ankle. i should stop them?",
        {"pain-during-exercise"},
    ),
    ("b8", "which colour band do i start with", {"band-resistance"}),
    ("b8", "yellow band is way too easy now, move to red?", {"band-resistance"}),
    ("b8", "how do i know if my theraband is too strong for me", {"band-resistance"}),
    (
        "b8",
        "bought a pack of 5 bands off amazon from light to x-heavy, which one for the ankle stuff",
        {"band-resistance"},
    ),
    ("b8", "when should i go up to a harder band", {"band-resistance"}),
    ("b8", "i dont have a resistance band, can i use something else", {"getting-a-band"}),
    ("b8", "where do you even get those stretchy rubber bands from", {"getting-a-band"}),
    ("b8", "could i just use an old pair of tights instead of a band lol", {"getting-a-band"}),
    (
        "b8",
        "no band in the house and shops are shut till monday. what do i do instead of the band exercises",
        {"getting-a-band"},
    ),
    (
        "b8",
        "broke my ankle 8 wks ago and the cast came off today, can i start these exercises",
        {"after-fracture"},
    ),
    ("b8", "when can i walk normal again after a broken fibula", {"after-fracture"}),
    (
        "b8",
        "had a fracture back in march and im still limping a bit, is that normal at this stage",
        {"after-fracture"},
    ),
    (
        "b8",
        "cast off yesterday and my leg looks like it belongs to someone else haha. what now",
        {"after-fracture"},
    ),
    (
        "b8",
        "is it safe to do calf raises 10 weeks after i fractured my ankle? ortho said bone has healed",
        {"after-fracture"},
    ),
    ("b8", "had ORIF with a plate and 6 screws in june, when can i start strengthening", {"after-surgery"}),
    ("b8", "3 weeks post op from ligament reconstruction, which exercises are ok for me", {"after-surgery"}),
    ("b8", "had keyhole surgery on my ankle last month, when can i get back to the gym", {"after-surgery"}),
    ("b8", "can i do these after an operation or should i wait till the surgeon says", {"after-surgery"}),
    (
        "b8",
        "they put metal in my ankle during op. does that change anything about what exercises i can do",
        {"after-surgery"},
    ),
    ("b8", "my ankle is so stiff in the morning i cant bend it properly", {"stiffness"}),
    ("b8", "how do i get more movement back, its really tight when i squat down", {"stiffness"}),
    ("b8", "ankle feels rusty like the tin man 😂", {"stiffness"}),
    (
        "b8",
        "cant get my knee past my toes on the bad side, the joint just doesnt want to bend",
        {"stiffness"},
    ),
    ("b8", "been stiff for months now will it ever loosen up or is this it", {"stiffness"}),
    ("b8", "my ankle is still swollen 4 weeks later, how do i get it down", {"swelling"}),
    ("b8", "it puffs up every evening after work, normal?", {"swelling"}),
    ("b8", "swelling gets worse after i exercise, is that ok or should i do less", {"swelling"}),
    ("b8", "any tips to reduce the swelling? my sock leaves a big dent in it", {"swelling"}),
    ("b8", "should i keep my leg up on pillows to help the swelling go", {"swelling"}),
    ("b8", "why do i keep spraining the same ankle every few months", {"recurrent-sprains"}),
    ("b8", "my ankle keeps giving way on uneven ground", {"recurrent-sprains"}),
    ("b8", "rolled it AGAIN, like the 5th time this year. its so weak", {"recurrent-sprains"}),
    ("b8", "feels wobbly n unstable like its going to go any second", {"recurrent-sprains"}),
    (
        "b8",
        "ive had chronic ankle instability since school, can exercises actually fix it",
        {"recurrent-sprains"},
    ),
    ("b8", "how long does a sprained ankle take to heal", {"sprain-recovery"}),
    ("b8", "sprained it 6 weeks ago and it still hurts when i walk", {"sprain-recovery"}),
    ("b8", "grade 2 sprain, when will it be back to normal roughly", {"sprain-recovery"}),
    ("b8", "twisted my ankle playing footy a month ago and its still not right", {"sprain-recovery"}),
    ("b8", "is it normal for a sprain to ache for months after? mine's been 3 months", {"sprain-recovery"}),
    ("b8", "just rolled my ankle getting off the bus what do i do now", {"sprain-first-days"}),
    ("b8", "twisted it yesterday, should i rest it completely or keep moving", {"sprain-first-days"}),
    ("b8", "what to do first couple of days after spraining ankle", {"sprain-first-days"}),
    (
        "b8",
        "went over on my ankle at netball last night, bit puffy and sore. what should i be doing today?",
        {"sprain-first-days"},
    ),
    (
        "b8",
        "sprained it this morning stepping off a kerb. ok to walk on it a bit or stay on the sofa",
        {"sprain-first-days"},
    ),
    ("b8", "when can i start running again", {"return-to-running"}),
    ("b8", "am i ready to go back to football, ankle feels fine now", {"return-to-running"}),
    ("b8", "signed up for a 10k in 2 months, 3 weeks after my sprain. realistic?", {"return-to-running"}),
    ("b8", "how do i know if im ready to play basketball again", {"return-to-running"}),
    ("b8", "tried a jog yesterday and it felt weird, too soon?", {"return-to-running"}),
    ("b8", "should i foam roll my calves", {"foam-rolling"}),
    ("b8", "does massage help a sore ankle", {"foam-rolling"}),
    ("b8", "is it worth using a massage gun on my calf", {"foam-rolling"}),
    ("b8", "my mate said roll the calf on a foam roller before exercising, any point?", {"foam-rolling"}),
    ("b8", "my achilles is sore and stiff first thing in the morning", {"tendinopathy"}),
    (
        "b8",
        "pain along the outside of my ankle behind the bone, physio reckons its the peroneal tendon",
        {"tendinopathy"},
    ),
    ("b8", "achilles tendonitis, what exercises help", {"tendinopathy"}),
    ("b8", "inside of my ankle aches along the tendon after i walk far. tib post?", {"tendinopathy"}),
    ("b8", "the tendon at the back of my heel feels thick and sore after running", {"tendinopathy"}),
    ("b8", "sharp pain in my heel first steps in the morning", {"plantar-fasciitis"}),
    ("b8", "got plantar fasciitis, what can i do", {"plantar-fasciitis"}),
    ("b8", "bottom of my foot hurts in the arch after standing all day at work", {"plantar-fasciitis"}),
    ("b8", "heel pain when i get outta bed, like stepping on a stone", {"plantar-fasciitis"}),
    (
        "b8",
        "doctor say me plantar fasciitis. can i still do calf stretches or make it worse",
        {"plantar-fasciitis"},
    ),
    ("b8", "i have flat feet, does that matter for my ankle", {"flat-feet"}),
    ("b8", "my arches collapse when i stand, do i need insoles", {"flat-feet"}),
    ("b8", "can exercises build up my arch", {"flat-feet"}),
    (
        "b8",
        "shop said i overpronate when they did the treadmill test. is that why my ankle hurts?",
        {"flat-feet"},
    ),
    ("b8", "whats the best time of day to do the exercises", {"when-to-exercise"}),
    ("b8", "do i need to warm up first", {"when-to-exercise"}),
    ("b8", "should i do them before or after my walk", {"when-to-exercise"}),
    ("b8", "morning or evening better for rehab? and should i warm up before", {"when-to-exercise"}),
    ("b8", "should i wear an ankle brace", {"taping-and-bracing"}),
    ("b8", "is kinesio tape any good or just a gimmick", {"taping-and-bracing"}),
    ("b8", "do i need a support when playing tennis", {"taping-and-bracing"}),
    ("b8", "how long should i keep wearing the ankle support, can i ditch it now", {"taping-and-bracing"}),
    ("b8", "should i use ice or heat", {"ice-and-heat"}),
    ("b8", "how long do i put ice on for", {"ice-and-heat"}),
    ("b8", "hot water bottle on my ankle ok?", {"ice-and-heat"}),
    ("b8", "is icing still a thing? read online its bad now", {"ice-and-heat"}),
    ("b8", "how can i improve my balance on one leg", {"balance-training"}),
    ("b8", "i wobble loads standing on my bad leg, what balance exercises should i do", {"balance-training"}),
    ("b8", "is proprioception training important", {"balance-training"}),
    ("b8", "should i do balance stuff with eyes closed", {"balance-training"}),
    ("b8", "pinching feeling at the front of my ankle when i squat", {"impingement"}),
    ("b8", "sharp pinch at the back of my ankle when i point my toes", {"impingement"}),
    ("b8", "physio said anterior impingement, what does that mean", {"impingement"}),
    (
        "b8",
        "feels like something gets jammed in the front of the ankle when i lunge forward",
        {"impingement"},
    ),
    ("b8", "i cant lift the front of my foot up, it drags when i walk", {"foot-drop"}),
    ("b8", "my foot slaps on the floor every step", {"foot-drop"}),
    ("b8", "doc said foot drop from my back problem, are there exercises for it", {"foot-drop"}),
    ("b8", "toes keep catching the ground and i cant pull my foot up properly", {"foot-drop"}),
    ("b8", "hiya", {"greeting"}),
    ("b8", "hallo is anyone there", {"greeting"}),
    ("b8", "cheers mate thats really helpful", {"thanks"}),
    ("b8", "thx!!", {"thanks"}),
    ("b8", "what can you help me with", {"about-bot"}),
    ("b8", "are u a real person or a bot? what do u do", {"about-bot"}),
]

# (batch, message, exercise id that must be explained). People describe the movement, not its name.
EXERCISE_CASES: list[tuple[str, str, str]] = [
    ("b1", "how do i do the exercise where you flex and point your foot lying down", "ankle-pumps"),
    ("b1", "the one where i move my ankle up and down while lying in bed, how?", "ankle-pumps"),
    ("b1", "how to do the up down ankle movement with leg on a pillow", "ankle-pumps"),
    ("b1", "how do i write the abc with my toes", "ankle-alphabet"),
    ("b1", "exercise where you draw letters with your foot, how does it go", "ankle-alphabet"),
    ("b1", "how do i do the alphabet exercise for my ankle", "ankle-alphabet"),
    ("b1", "how do i stretch my ankle using my hands while sitting", "seated-ankle-rom"),
    ("b1", "how to do the seated stretch with my foot resting on the other knee", "seated-ankle-rom"),
    ("b1", "show me how to move my foot by hand to loosen it", "seated-ankle-rom"),
    ("b1", "how do i stretch my calf with a towel", "towel-calf-stretch"),
    ("b1", "how to do the calf stretch sitting on the floor with a strap", "towel-calf-stretch"),
    ("b1", "stretch where i loop a belt round my foot and pull, how?", "towel-calf-stretch"),
    ("b1", "how do i do the exercise picking up a towel with my toes", "towel-scrunch"),
    ("b1", "how to do toe curling exercise", "towel-scrunch"),
    ("b1", "how do i scrunch up a cloth with my foot", "towel-scrunch"),
    ("b1", "how do i push my foot down against the theraband", "band-plantarflexion"),
    ("b1", "how to do the band exercise pointing toes away", "band-plantarflexion"),
    ("b1", "steps for pressing my foot down like a car pedal with the band", "band-plantarflexion"),
    ("b1", "how do i pull my foot up towards me with the band tied to the table", "band-dorsiflexion"),
    ("b1", "how to do the band exercise lifting the toes up", "band-dorsiflexion"),
    ("b1", "how to strengthen my shin with a band", "band-dorsiflexion"),
    ("b1", "how do i turn my foot inwards against the band", "band-inversion"),
    ("b1", "how to do the band exercise moving foot in towards the other foot", "band-inversion"),
    ("b1", "inversion exercise with theraband how", "band-inversion"),
    ("b1", "how do i push my foot outwards with the band", "band-eversion"),
    ("b1", "how to do the band exercise turning the foot out", "band-eversion"),
    ("b1", "how to strengthen the outer ankle muscles with a band", "band-eversion"),
    ("b1", "how do i do the going up on my toes exercise", "heel-raise"),
    ("b1", "how to do tip toe raises properly", "heel-raise"),
    ("b1", "lifting my heels off the floor exercise, how do i do it", "heel-raise"),
    ("b1", "how do i stretch my calf leaning on a wall", "standing-calf-stretch"),
    ("b1", "how to do the standing stretch for the calf muscle", "standing-calf-stretch"),
    ("b1", "the wall stretch with back leg straight, how exactly?", "standing-calf-stretch"),
    ("b1", "how to stretch the lower part of the calf with the knee bent", "soleus-stretch"),
    ("b1", "stretch for the achilles with bent knee how", "soleus-stretch"),
    ("b1", "how to do the bent knee version of the calf stretch", "soleus-stretch"),
    ("b1", "how do i do the mobilisation with a band around my ankle", "banded-ankle-mobilization"),
    ("b1", "how to do the ankle glide with the loop band", "banded-ankle-mobilization"),
    ("b1", "band pulling the ankle back while i push my knee forward, how?", "banded-ankle-mobilization"),
    ("b1", "how do i stand with one foot in front of the other for balance", "tandem-stance"),
    ("b1", "how to do the heel to toe balance exercise", "tandem-stance"),
    ("b1", "balance exercise standing like on a tightrope how", "tandem-stance"),
    ("b1", "how do i do the one legged balance", "single-leg-balance"),
    ("b1", "how do i stand on my injured leg only", "single-leg-balance"),
    ("b1", "how to do the single leg stand exercise", "single-leg-balance"),
    ("b1", "how do i step up onto the foam pad", "balance-pad-step-up"),
    ("b1", "how to do step ups on a cushion", "balance-pad-step-up"),
    ("b1", "stepping up and down on a wobbly pad how", "balance-pad-step-up"),
    ("b1", "how to do calf raises standing on a foam pad", "foam-pad-heel-raise"),
    ("b1", "how do i go on my toes on the balance pad", "foam-pad-heel-raise"),
    ("b1", "heel raises on a cushion how to", "foam-pad-heel-raise"),
    ("b1", "how to do the exercise leaning forward on one leg and reaching down", "single-leg-deadlift"),
    ("b1", "how to do a one legged rdl for ankle stability", "single-leg-deadlift"),
    ("b1", "how do i do the hip hinge standing on one leg", "single-leg-deadlift"),
    ("b1", "how do i do a lunge on the foam pad", "lunge"),
    ("b1", "how to do the lunge for ankle rehab", "lunge"),
    ("b1", "stepping forward and bending both knees exercise how", "lunge"),
    ("b1", "how do i do the wide squat", "sumo-squat"),
    ("b1", "how to do squats with my feet wide apart and toes out", "sumo-squat"),
    ("b1", "how to do the sumo squat on the balance disc", "sumo-squat"),
    ("b2", "how do i do the exercise with the towel under my toes", "towel-scrunch"),
    ("b2", "how to do the foot up and down pumping thing in bed", "ankle-pumps"),
    ("b2", "how do i do the stretch leaning into the wall with one leg back", "standing-calf-stretch"),
    # One-leg heel raises have their own entry since the finer topics (issue 13).
    ("b2", "how do i do calf raises off the ground on one leg", "single-leg-heel-raise"),
    ("b2", "how to balance with one foot directly in front of the other", "tandem-stance"),
    ("b2", "how do i do the band exercise pulling my foot up toward my shin", "band-dorsiflexion"),
    ("b2", "how to do the theraband exercise pressing the foot away from me", "band-plantarflexion"),
    ("b2", "how do i do the exercise turning my sole inwards with a band", "band-inversion"),
    (
        "b2",
        "how do i do the mobility drill with a band pulling at my ankle while i lunge forward",
        "banded-ankle-mobilization",
    ),
    ("b2", "how do i do the one leg deadlift", "single-leg-deadlift"),
    ("b2", "how to do step ups onto a pillow", "balance-pad-step-up"),
    ("b2", "how to do the squat with wide feet", "sumo-squat"),
    ("b2", "how do i balance on my bad leg", "single-leg-balance"),
    ("b2", "how to stretch my calf with a strap while sitting", "towel-calf-stretch"),
    ("b3", "how do i do the toe grabbing towel thing", "towel-scrunch"),
    (
        "b3",
        "how to do the exercise where i pull my foot up against a band tied to a chair",
        "band-dorsiflexion",
    ),
    ("b3", "how to do the stretch for the lower calf, knee bent", "soleus-stretch"),
    ("b3", "how should i do the ankle pumping exercise", "ankle-pumps"),
    ("b3", "how do i do the balance exercise standing on one foot with eyes closed", "single-leg-balance"),
    ("b3", "how to do the calf raise on a cushion", "foam-pad-heel-raise"),
    ("b3", "how do i do band turning out of the foot", "band-eversion"),
    ("b3", "how do i do a pli\u00e9", "sumo-squat"),
    ("b3", "how do i trace the alphabet with my big toe", "ankle-alphabet"),
    ("b3", "how to do the step up exercise on the balance pad", "balance-pad-step-up"),
    ("b3", "how to do lunges properly", "lunge"),
    ("b3", "how do i do the rdl on one leg", "single-leg-deadlift"),
    ("b3", "how do i do the stretch where i sit and pull my foot back with my hand", "seated-ankle-rom"),
    ("b3", "how to do the standing heel to toe exercise", "tandem-stance"),
    ("b4", "how do i do the exercise where i curl my toes on a towel", "towel-scrunch"),
    ("b4", "how to do the seated band exercise where i point my foot", "band-plantarflexion"),
    ("b4", "how do i do the band exercise moving my foot outward", "band-eversion"),
    ("b4", "how do i do the band exercise moving my foot inward", "band-inversion"),
    ("b4", "how do i do the calf stretch with my knee bent against the wall", "soleus-stretch"),
    ("b4", "how to do single leg balance properly", "single-leg-balance"),
    ("b4", "how to do the tightrope stance", "tandem-stance"),
    ("b4", "how do i do the ankle glide with a strap", "banded-ankle-mobilization"),
    ("b4", "how should i do lunges on the foam pad", "lunge"),
    ("b4", "how do i write letters with my foot", "ankle-alphabet"),
    ("b4", "how to pump my foot up and down when lying", "ankle-pumps"),
    (
        "b5",
        "how do i do the one where you sit and push your foot down against the band, like accelerating",
        "band-plantarflexion",
    ),
    (
        "b5",
        "pls explain the exercise pulling the foot up with the band tied to the table leg",
        "band-dorsiflexion",
    ),
    ("b5", "how to do the band one where the foot goes inwards", "band-inversion"),
    ("b5", "whats the correct way to do the outward band exercise, little toe side", "band-eversion"),
    ("b5", "how do i do the calf stretch against the wall, back leg straight?", "standing-calf-stretch"),
    ("b5", "how to stretch the soleus", "soleus-stretch"),
    ("b5", "how do i do the towel stretch sitting in bed", "towel-calf-stretch"),
    ("b5", "how to do the toe scrunching thing with a tea towel", "towel-scrunch"),
    ("b5", "how do you do the alphabet thing with your foot", "ankle-alphabet"),
    ("b5", "how do i do ankle pumps", "ankle-pumps"),
    ("b5", "how do i do the heel raise properly, do i go up on both feet?", "heel-raise"),
    ("b5", "how to do calf raises on the wobble cushion", "foam-pad-heel-raise"),
    ("b5", "how do i do the step ups on the balance pad", "balance-pad-step-up"),
    ("b5", "how to do the standing on one leg exercise with eyes closed", "single-leg-balance"),
    ("b5", "how do you do the heel to toe standing balance", "tandem-stance"),
    ("b5", "can you explain the single leg deadlift, i keep falling over", "single-leg-deadlift"),
    ("b5", "whats the proper form for the lunge on the pad", "lunge"),
    ("b5", "how do i do a sumo squat", "sumo-squat"),
    (
        "b5",
        "how do i do the mobilisation with the band round my ankle and my knee going forward over the toes",
        "banded-ankle-mobilization",
    ),
    ("b5", "how to do the seated stretch where i pull my foot with my hands", "seated-ankle-rom"),
    ("b5", "how do i do that exercise where i stand on my tiptoes and lower slowly", "heel-raise"),
    ("b5", "can u show me the exercise for the outside of the ankle with the theraband", "band-eversion"),
    ("b6", "how do i do the band exercise where i pull my toes towards my shin", "band-dorsiflexion"),
    ("b6", "explain the calf stretch with the knee bent", "soleus-stretch"),
    ("b6", "how to do heel raises on one leg", "single-leg-heel-raise"),
    ("b6", "how do you do the foam pad step up", "balance-pad-step-up"),
    ("b6", "what's the correct technique for single leg deadlifts", "single-leg-deadlift"),
    ("b6", "how do I do the towel stretch for my calf", "towel-calf-stretch"),
    ("b6", "how do you do the ankle pumps in bed", "ankle-pumps"),
    ("b6", "how to do the exercise turning my foot out against the band", "band-eversion"),
    ("b6", "how do i do the inversion one with the theraband", "band-inversion"),
    ("b6", "how do i stand heel to toe for balance", "tandem-stance"),
    ("b6", "how to do the stretch against a wall for the calf", "standing-calf-stretch"),
    (
        "b6",
        "how do i do the ankle mobility one with the band around the front of my ankle",
        "banded-ankle-mobilization",
    ),
    ("b6", "show me the ankle alphabet", "ankle-alphabet"),
    ("b6", "how to do wide squats", "sumo-squat"),
    (
        "b7",
        "how do i do the exercise where i push my foot down against the band like a gas pedal",
        "band-plantarflexion",
    ),
    ("b7", "how to do the seated ankle stretch using my hands", "seated-ankle-rom"),
    ("b7", "how to do the heel raises on the foam pad", "foam-pad-heel-raise"),
    ("b7", "how do i do the balance with one foot in front of the other", "tandem-stance"),
    ("b7", "how do i do the toe towel scrunch", "towel-scrunch"),
    ("b7", "how do you do the soleus stretch against the wall", "soleus-stretch"),
    ("b7", "how to do lunges on the balance pad", "lunge"),
    ("b7", "how do i do the band exercise for the inside of my ankle", "band-inversion"),
    ("b7", "how to do the stork stand", "single-leg-balance"),
    ("b7", "how do I do the RDL on one leg for my ankle", "single-leg-deadlift"),
    # b8: fresh, measured untuned after the third and fourth triage rounds
    ("b8", "how do i do the foot up and down thing lying in bed, like pressing a gas pedal", "ankle-pumps"),
    ("b8", "pumping my foot back and forth quick, how fast and how long", "ankle-pumps"),
    ("b8", "how do you do the abc one with the foot", "ankle-alphabet"),
    (
        "b8",
        "drawing the alphabet in the air with my big toe – do i move the whole leg or just the ankle?",
        "ankle-alphabet",
    ),
    (
        "b8",
        "the one where u sit and hold ur foot with your hands and move it around, how exactly",
        "seated-ankle-rom",
    ),
    (
        "b8",
        "sitting with my foot on my other knee and bending the ankle with my hand. whats the right way",
        "seated-ankle-rom",
    ),
    (
        "b8",
        "the stretch with a towel round the ball of the foot, sitting with leg straight out. how",
        "towel-calf-stretch",
    ),
    ("b8", "how to do the towel stretch for the calf", "towel-calf-stretch"),
    ("b8", "scrunching the towel up with my toes how does it go", "towel-scrunch"),
    ("b8", "toe curls - do i pull the towel towards me or what", "towel-scrunch"),
    ("b8", "band round my foot and push down like on a pedal, how is it done", "band-plantarflexion"),
    (
        "b8",
        "the one pointing toes away against the theraband, do i hold it at the end?",
        "band-plantarflexion",
    ),
    ("b8", "band tied to the table leg and i pull my foot back towards me, how", "band-dorsiflexion"),
    ("b8", "pulling toes up against the band, where do i attach it", "band-dorsiflexion"),
    ("b8", "turning my foot inwards against the band how to set that up", "band-inversion"),
    ("b8", "the band one where the foot goes in towards the other foot", "band-inversion"),
    ("b8", "band exercise where u push ur foot out to the side, explain pls", "band-eversion"),
    ("b8", "turning the sole outward with band around it, which way does the band go", "band-eversion"),
    ("b8", "calf raises how do i do them properly", "heel-raise"),
    ("b8", "going up on tiptoes and down again, both feet or one?", "heel-raise"),
    ("b8", "leaning on the wall with one leg back stretch, how do i do it right", "standing-calf-stretch"),
    ("b8", "the wall push calf stretch, back knee straight or bent?", "standing-calf-stretch"),
    ("b8", "same calf stretch at the wall but with knee bent, how does that one work", "soleus-stretch"),
    ("b8", "how to stretch the lower calf with the bent knee", "soleus-stretch"),
    (
        "b8",
        "band around the front of my ankle and i push my knee forward over my toes. how far do i go",
        "banded-ankle-mobilization",
    ),
    ("b8", "ankle glide thing with band tied behind me, how do i do it", "banded-ankle-mobilization"),
    (
        "b8",
        "standing with one foot right in front of the other like on a tightrope, how long",
        "tandem-stance",
    ),
    ("b8", "heel to toe standing one, how do i do it", "tandem-stance"),
    ("b8", "standing on one leg exercise, how long do i hold", "single-leg-balance"),
    ("b8", "flamingo stand, how do i do it properly", "single-leg-balance"),
    ("b8", "stepping up onto the wobbly cushion thing, how", "balance-pad-step-up"),
    ("b8", "step up on the foam pad how do i do that one", "balance-pad-step-up"),
    ("b8", "going on tiptoes while standing on the soft foam pad, how", "foam-pad-heel-raise"),
    ("b8", "calf raises standing on a squishy cushion, whats the technique", "foam-pad-heel-raise"),
    (
        "b8",
        "stand on one leg and tip forward with the other leg going back behind, how do i do it",
        "single-leg-deadlift",
    ),
    ("b8", "single leg RDL how to do", "single-leg-deadlift"),
    ("b8", "lunges with front foot on the squishy pad, how", "lunge"),
    ("b8", "how do i do the lunge on the balance pad", "lunge"),
    ("b8", "wide legged squat with toes pointing out, how deep", "sumo-squat"),
    ("b8", "sumo squats how do i do them", "sumo-squat"),
]

# (batch, message, topics that must all be answered in the reply).
MULTI_CASES: list[tuple[str, str, set[str]]] = [
    ("b1", "how many sets should i do, and how often a day?", {"reps-and-sets", "how-often"}),
    ("b1", "should i ice it? and can i still run this week?", {"ice-and-heat", "return-to-running"}),
    ("b1", "what colour band should i use and how many reps", {"band-resistance", "reps-and-sets"}),
    ("b1", "my ankle is swollen, also is it ok if the exercises hurt?", {"swelling", "pain-during-exercise"}),
    (
        "b1",
        "do i need a brace for football? and when can i play again",
        {"taping-and-bracing", "return-to-running"},
    ),
    (
        "b1",
        "how long do i hold the stretch and should i warm up first",
        {"reps-and-sets", "when-to-exercise"},
    ),
    ("b1", "my ankle is really stiff in the morning. should i use heat?", {"stiffness", "ice-and-heat"}),
    (
        "b1",
        "how often should i do balance work and how do i make it harder",
        {"how-often", "balance-training"},
    ),
    ("b1", "where can i buy a band, and which colour do i start with", {"getting-a-band", "band-resistance"}),
    ("b1", "is foam rolling ok? also how many reps of heel raises", {"foam-rolling", "reps-and-sets"}),
    ("b1", "i keep rolling my ankle. should i tape it?", {"recurrent-sprains", "taping-and-bracing"}),
    (
        "b1",
        "how long does a sprain take to heal and when can i go jogging",
        {"sprain-recovery", "return-to-running"},
    ),
    (
        "b2",
        "how long should i ice for and when can i start running again?",
        {"ice-and-heat", "return-to-running"},
    ),
    ("b2", "how many reps? also how often per week?", {"reps-and-sets", "how-often"}),
    ("b2", "my ankle keeps giving way. should i wear a brace?", {"recurrent-sprains", "taping-and-bracing"}),
    ("b2", "which band colour for a beginner and where do i get one", {"band-resistance", "getting-a-band"}),
    (
        "b2",
        "my heel hurts in the morning, and should i do the exercises before or after work?",
        {"plantar-fasciitis", "when-to-exercise"},
    ),
    ("b3", "how many sets of heel raises and how often per week?", {"reps-and-sets", "how-often"}),
    ("b3", "my ankle is swollen. can i use heat on it?", {"swelling", "ice-and-heat"}),
    (
        "b3",
        "should i tape my ankle for netball and when can i start playing",
        {"taping-and-bracing", "return-to-running"},
    ),
    ("b3", "which band should i buy? and which colour first", {"getting-a-band", "band-resistance"}),
    (
        "b3",
        "my ankle hurts when exercising; also should i warm up before?",
        {"pain-during-exercise", "when-to-exercise"},
    ),
    (
        "b4",
        "how many reps should i do and when is the best time of day?",
        {"reps-and-sets", "when-to-exercise"},
    ),
    ("b4", "my ankle is stiff in the mornings. is foam rolling good?", {"stiffness", "foam-rolling"}),
    ("b4", "where do i buy a band? also how many sets?", {"getting-a-band", "reps-and-sets"}),
    ("b4", "should i use ice and how often should i exercise", {"ice-and-heat", "how-often"}),
    (
        "b5",
        "how many reps should i do and is it ok if it hurts a bit?",
        {"reps-and-sets", "pain-during-exercise"},
    ),
    ("b5", "ankle keeps rolling. would a balance board help?", {"recurrent-sprains", "balance-training"}),
    ("b5", "my ankle swells at night. ice or heat?", {"swelling", "ice-and-heat"}),
    ("b5", "which band colour should i start on and how often per week", {"band-resistance", "how-often"}),
    (
        "b5",
        "my heel hurts in the morning. should i foam roll the sole?",
        {"plantar-fasciitis", "foam-rolling"},
    ),
    (
        "b5",
        "whens the best time to do the exercises, and how long should i hold the stretches?",
        {"when-to-exercise", "reps-and-sets"},
    ),
    ("b6", "how long should I hold the balance and how many times a day?", {"reps-and-sets", "how-often"}),
    ("b6", "my ankle is stiff in the morning. is heat good for that?", {"stiffness", "ice-and-heat"}),
    ("b6", "which band should i buy and what colour?", {"getting-a-band", "band-resistance"}),
    (
        "b6",
        "is it ok to run with a brace? and how do I know I'm ready",
        {"taping-and-bracing", "return-to-running"},
    ),
    ("b6", "does foam rolling help and how often should i do it", {"foam-rolling", "how-often"}),
    ("b7", "how many sets and reps? and should i do them every day?", {"reps-and-sets", "how-often"}),
    ("b7", "my ankle is swollen after running. should i ice it?", {"swelling", "ice-and-heat"}),
    (
        "b7",
        "should i wear a brace for netball? also when can i go back?",
        {"taping-and-bracing", "return-to-running"},
    ),
    ("b7", "the band is too easy now. also how often per week?", {"band-resistance", "how-often"}),
]

# (batch, message): nothing to do with the ankle; must be answered as off-topic, never with a clinical FAQ.
OFF_TOPIC_CASES: list[tuple[str, str]] = [
    ("b1", "what's the score in the arsenal game"),
    ("b1", "can you help me write an email to my boss"),
    ("b1", "how do i make banana bread"),
    ("b1", "what is the meaning of life"),
    ("b1", "recommend me a tv series"),
    ("b1", "how much is a flight to spain"),
    ("b1", "whats 25 times 4"),
    ("b1", "my car makes a weird noise"),
    ("b1", "who is the best singer in the world"),
    ("b1", "how do i reset my iphone"),
    ("b1", "tell me something funny"),
    ("b1", "what's the weather like in london this weekend"),
    ("b1", "i need a new phone which one should i buy"),
    ("b1", "how to lose weight fast"),
    ("b2", "can you order me a pizza"),
    ("b2", "what's the best laptop for gaming"),
    ("b2", "who won the world cup in 2018"),
    ("b2", "how do i fix a leaking tap"),
    ("b2", "write a song about cats"),
    ("b2", "what time does the supermarket close"),
    ("b3", "what's a good recipe for lasagne"),
    ("b3", "can you book me a dentist appointment"),
    ("b3", "how tall is mount everest"),
    ("b3", "my wifi keeps disconnecting"),
    ("b3", "who is going to win the election"),
    ("b3", "tell me a fun fact about space"),
    ("b4", "what's the capital of australia"),
    ("b4", "can you recommend a good book"),
    ("b4", "how do i cook rice"),
    ("b4", "what's the exchange rate for euros"),
    ("b4", "play me a song"),
    ("b5", "can you recommend a good pair of headphones"),
    ("b5", "what's the time in new york"),
    ("b5", "how do i change a tyre"),
    ("b5", "my cat keeps throwing up"),
    ("b5", "who's playing in the champions league final"),
    ("b5", "translate good morning into french"),
    ("b6", "what's a good protein shake"),
    ("b6", "how do i get to the train station"),
    ("b6", "can you write my cover letter"),
    ("b6", "is it going to snow this week"),
    ("b6", "recommend a podcast"),
    ("b7", "what's the best phone plan"),
    ("b7", "how do i bake a cake"),
    ("b7", "who is the prime minister"),
    ("b7", "can you book me a taxi"),
    ("b7", "what films are on at the cinema"),
    # b8: fresh, measured untuned after the third and fourth triage rounds
    ("b8", "how do i check my bank balance on the app"),
    ("b8", "whats a good band to see live in london this summer"),
    ("b8", "how to teach my puppy to heel on walks"),
    ("b8", "best homemade ice cream recipe without a machine"),
    ("b8", "how do i fix a squeaky door hinge"),
    ("b8", "can u recommend a good pasta recipe"),
    ("b8", "how much is a stretch limo for a hen party"),
    ("b8", "my nose keeps running all day, hayfever or a cold?"),
]

# (batch, message, acceptable topics): one or two words must not land on a confident wrong topic.
SHORT_CASES: list[tuple[str, str, set[str | None]]] = [
    ("b1", "band", {"band-resistance", "getting-a-band", None}),
    ("b1", "swelling", {"swelling", None}),
    ("b1", "heel", {"plantar-fasciitis", None}),
    ("b1", "hi", {"greeting"}),
    ("b1", "ok", {"thanks", None}),
    ("b1", "ankle", {None}),
    ("b1", "pain", {"pain-during-exercise", None}),
    ("b1", "exercises", {None}),
    ("b1", "stretch", {"stiffness", None}),
    ("b1", "calf", {None}),
    ("b1", "ice", {"ice-and-heat", None}),
    ("b1", "brace", {"taping-and-bracing", None}),
    ("b1", "running", {"return-to-running", None}),
    ("b1", "sprain", {"sprain-recovery", "sprain-first-days", None}),
    # Without context "yes" has no topic; the off-topic reply (what the bot can help with) is fine too.
    ("b1", "yes", {None, "off-topic"}),
    ("b1", "help", {"about-bot", "greeting", None}),
    ("b1", "foot", {None}),
    ("b1", "red band", {"band-resistance", None}),
    ("b1", "heel pain", {"plantar-fasciitis"}),
    ("b1", "stiff ankle", {"stiffness"}),
    ("b1", "thanks!!", {"thanks"}),
    ("b2", "tape", {"taping-and-bracing", None}),
    ("b2", "knee", {None}),
    ("b2", "cool", {"thanks", None}),
    ("b2", "reps", {"reps-and-sets", None}),
    ("b2", "achilles", {"tendinopathy", None}),
    ("b2", "hey", {"greeting"}),
    ("b2", "toes", {None}),
    ("b3", "swollen", {"swelling", None}),
    ("b3", "leg", {None}),
    ("b3", "theraband", {"band-resistance", "getting-a-band", None}),
    ("b3", "hello?", {"greeting"}),
    ("b3", "physio", {None}),
    ("b3", "plantar fasciitis", {"plantar-fasciitis"}),
    ("b4", "brace?", {"taping-and-bracing", None}),
    ("b4", "shin", {None}),
    ("b4", "hi bot", {"greeting"}),
    ("b4", "sore", {"pain-during-exercise", None}),
    ("b4", "thx", {"thanks"}),
    ("b5", "stiff", {"stiffness", None}),
    ("b5", "swollen ankle", {"swelling"}),
    ("b5", "hello!!", {"greeting"}),
    ("b5", "achilles pain", {"tendinopathy"}),
    ("b5", "flat feet", {"flat-feet"}),
    ("b5", "foot drop", {"foot-drop"}),
    ("b5", "ty!", {"thanks"}),
    ("b5", "wobble board", {"balance-training", None}),
    ("b6", "tendonitis", {"tendinopathy", None}),
    ("b6", "insoles?", {"flat-feet", None}),
    ("b6", "good morning", {"greeting"}),
    ("b6", "ice or heat", {"ice-and-heat"}),
    ("b6", "sprained ankle", {"sprain-recovery", "sprain-first-days", None}),
    ("b7", "orthotics", {"flat-feet", None}),
    ("b7", "thank u!!", {"thanks"}),
    ("b7", "hey there", {"greeting"}),
    ("b7", "ankle brace", {"taping-and-bracing"}),
    ("b7", "swelling?", {"swelling", None}),
]

# Known misses: test id -> why the matcher gets it wrong.
XFAIL: dict[str, str] = {
    "b1-stiffness-5": "'my ankle is tight and hard to move': the safety net reads 'tight and hard' (how "
    "people describe a calf under pressure) and raises it to an emergency; the rules do not",
    "b8-seated-ankle-rom-2": "'foot on my other knee and bending the ankle with my hand': the safety net "
    "(retrained after nine mislabelled corpus lines were corrected) raises it to urgent; the rules do not",
    "b1-off-topic-7": "'whats 25 times 4': the lone word 'times' reads as a reps question; answering a "
    "bare 'how many times?' follow-up matters more",
    "b1-two-questions-8": "'how do I make it harder' after balance work: 'it' is not resolved, and 'make "
    "the band exercise harder' is the closer phrasing",
    "b3-short-5": "'physio' alone fully matches 'are you a physiotherapist' (about the bot)",
    "b4-return-to-running-2": "'run a 5k with my weak ankle': 'weak ankle' pulls to recurrent sprains",
    "b5-reps-and-sets-1": "'forgot to write how many to do': 'how many' is the only dose cue in a long story "
    "about a physio and a band",
    "b5-how-often-2": "'morning AND night' is twice a day (how often), read as morning or night (when)",
    "b5-return-to-running-1": "the background 'sprained my ankle 2 weeks ago' matches a recovery phrasing "
    "better than the question 'will I be able to run it' matches a running one",
    "b5-foot-drop-4": "'after my hip replacement' names an operation; the dragging foot is the question",
    "b6-getting-a-band-3": "'a bike inner tube' as a band: no word for an improvised band",
    "b6-swelling-3": "'swells when it's hot' (the weather): 'hot' is a keyword of ice and heat",
    "b6-sprain-recovery-2": "'recovery time ... with bruising': bruising pulls to the first days",
    "b6-when-to-exercise-3": "'straight after work when I'm tired': no phrasing about tiredness",
    "b7-getting-a-band-2": "'skipping rope as a band': no word for an improvised band (just under threshold)",
    "b7-sprain-recovery-4": "'ankle still feels weak' after a sprain reads as weak ankles (recurrent)",
    "b7-greeting-3": "'morning' alone reads as the time of day to exercise",
    "b8-reps-and-sets-3": "'loads of reps with a light band or few with a heavy one': the band words win",
    "b8-getting-a-band-2": "'where do you even get': 'even' breaks the 'where do you get' phrase",
    "b8-ankle-pumps-1": "'like pressing a gas pedal' is the band push-down's own description",
    "b8-standing-calf-stretch-2": "'back knee straight or bent?' names both calf stretches; the bent one "
    "wins",
    "b8-single-leg-balance-1": "'how long do I hold' answers as reps and sets, whose reply gives the hold",
    "b7-off-topic-1": "'the best phone plan': 'best ... plan' is how people ask for a rehab plan, and 'plan' "
    "is common in the knowledge base's own answers",
    "b8-off-topic-1": "'bank balance': unsure (suggestions) rather than off-topic",
    "b8-off-topic-2": "'a good band to see live': unsure (suggestions) rather than off-topic",
    "b8-off-topic-3": "'teach my puppy to heel': heel pain",
    "b8-off-topic-4": "'ice cream recipe': ice and heat",
    "b8-off-topic-7": "'a stretch limo': 'how much ... stretch' reads as a dose question",
    "b8-off-topic-8": "'my nose keeps running': unsure (suggestions) rather than off-topic",
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


def _label(case: tuple, kind: str) -> str:
    expected = case[2] if len(case) > 2 else None
    if isinstance(expected, str):
        return expected
    if kind == "topic":
        return min((t for t in expected if t), default="none")
    return kind


def _ids(cases, kind: str) -> list[str]:
    """`b1-swelling-3`: batch, what is expected, and a counter."""
    counters: dict[str, int] = {}
    out = []
    for case in cases:
        key = f"{case[0]}-{_label(case, kind)}"
        counters[key] = counters.get(key, 0) + 1
        out.append(f"{key}-{counters[key]}")
    return out


def _params(cases, kind: str):
    return [
        pytest.param(*case[1:], id=test_id, marks=[pytest.mark.xfail(reason=XFAIL[test_id], strict=True)])
        if test_id in XFAIL
        else pytest.param(*case[1:], id=test_id)
        for case, test_id in zip(cases, _ids(cases, kind), strict=True)
    ]


def answered_topics(engine: Engine, reply: str) -> set[str]:
    """Topics whose short answer (or a phase variant of it) appears in the text before "More".

    A finer topic's answer counts for its parent: topic ids are a contract, finer ones are subtopics."""
    return {engine.kb.contract_topic(t.id) for t in engine.kb.topics.values()
            if any(sentences(v)[0] in reply for v in (t.short, *t.variants.values()) if v)}


@pytest.mark.parametrize(("text", "expected"), _params(TOPIC_CASES, "topic"))
def test_topic(engine, text, expected):
    answer = engine.answer(text)
    assert answer.topic in expected, (answer.topic, answer.suggestions)


@pytest.mark.parametrize(("text", "exercise"), _params(EXERCISE_CASES, "exercise"))
def test_exercise_instructions(engine, text, exercise):
    answer = engine.answer(text)
    assert answer.exercises and answer.exercises[0] == exercise, answer.exercises
    assert "1. " in answer.reply


@pytest.mark.parametrize(("text", "expected"), _params(MULTI_CASES, "two-questions"))
def test_two_questions_both_answered(engine, text, expected):
    answer = engine.answer(text)
    assert answer.topic in expected
    assert expected <= answered_topics(engine, answer.reply), answered_topics(engine, answer.reply)


@pytest.mark.parametrize("text", _params(OFF_TOPIC_CASES, "off-topic"))
def test_off_topic(engine, text):
    answer = engine.answer(text)
    assert answer.topic == "off-topic", (answer.topic, answer.suggestions)
    assert answer.exercises == () and answer.triage == "none"


@pytest.mark.parametrize(("text", "expected"), _params(SHORT_CASES, "short"))
def test_short_message_is_not_a_confident_wrong_topic(engine, text, expected):
    answer = engine.answer(text)
    assert answer.topic in expected, (answer.topic, answer.suggestions)


def test_sparse_row_sums_are_numpys_own_floats():
    """_SparseRows.reduceat gives np.add.reduceat's floats bit for bit: on the phrasing weights of real
    question segments, and on random dense rows (where the order of addition shows)."""
    engine = Engine.default()
    matcher = engine.matcher
    weights = matcher._doc_weights
    dense = weights.dense(list(range(len(weights.starts) - 1)))
    texts = [q for t in engine.kb.topics.values() for q in t.questions]
    stories = [". ".join(texts[i : i + 12]) + "? is that normal?" for i in range(0, len(texts), 7)]
    for text in stories:
        sets = [terms for s, _ in question_segments(text) if (terms := set(matcher.terms(s)))]
        rows, starts = [], []
        for terms in sets:
            starts.append(len(rows))
            rows += [matcher._term_row[t] for t in sorted(terms) if t in matcher._idf]
        if rows:
            idx = np.minimum(np.array(starts), len(rows) - 1)
            assert np.array_equal(weights.reduceat(rows, idx), np.add.reduceat(dense[rows], idx, axis=0))
    rng = np.random.default_rng(3)
    for _ in range(200):
        block = rng.random((40, 30)) * 10.0 ** rng.integers(-3, 3, (40, 30))
        block[rng.random((40, 30)) < 0.5] = 0.0
        rows = rng.integers(0, 40, int(rng.integers(1, 60))).tolist()
        idx = np.sort(rng.integers(0, len(rows), int(rng.integers(1, 10))))
        idx[0] = 0
        expected = np.add.reduceat(block[rows], idx, axis=0)
        assert np.array_equal(_SparseRows(block).reduceat(rows, idx), expected)


def test_the_segment_regex_splits_as_its_plain_word_boundary_form():
    """core._SEGMENT is written for speed ("a(?<!\\wa)lso" for "\\balso"); it must split the same."""
    import re

    from bot.engine import core

    plain = re.compile(
        r"(\?|;|!|\.(?=\s|$)|\n|\balso\b|\b(?:and|plus)\s+(?=(?:how|what|when|should|can|do|does|is|are|"
        r"which|where|why)\b))"
    )
    engine = Engine.default()
    texts = [q for t in engine.kb.topics.values() for q in t.questions]
    texts += [". ".join(texts[i : i + 9]) for i in range(0, len(texts), 5)]
    texts += ["also", "xalso also", "and how", "band how", "sand, or why", "éalso", "_also", "9and how",
              "so, plus what?", "Also how", "first.second. third\nfourth; fifth! and what"]
    for text in texts + [t.lower() for t in texts]:
        assert core._SEGMENT.split(text) == plain.split(text), text


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        # A broken bone or an operation that the message denies is no fracture or surgery question.
        ("sprained it, no fracture, how long to heal", "after-fracture"),
        ("nothing fractured on the xray, when can i walk", "after-fracture"),
        # "Thank god" is relief, not thanks to the bot.
        ("thank god its only a sprain", "thanks"),
    ],
)
def test_a_denied_event_or_relief_does_not_choose_the_topic(engine, text, not_topic):
    answer = engine.answer(text)
    assert not_topic not in answer.topics and answer.topic != not_topic


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        # A short statement after the question tells more about it and gets no answer of its own.
        ("how many weeks till i can ride my bike after a sprain? bad one, on crutches for a week",
         "crutches-and-sticks"),
        ("When is it safe to start running after a broken ankle that didn't need surgery? 4 months now",
         "swelling-that-lasts"),
    ],
)
def test_a_statement_after_the_question_is_background(engine, text, not_topic):
    answer = engine.answer(text)
    assert answer.subtopic != not_topic and "2. " not in answer.reply


@pytest.mark.parametrize(
    ("text", "subtopic"),
    [
        # Progress that thanks nobody is praised, not answered with "You're welcome".
        ("Day 40 post op. Now doing 3 sets of 15 single leg heel raises. Slowly getting there!",
         "testimonial"),
        # A story that ends well, with a pain that is denied ("no pain", "not the pain").
        ("Update: my ankle was hopeless after 3 years of sprains. I have done the balance ones daily and "
         "went hill walking with no pain and no wobbles. Don't give up people.", "sharing-a-story"),
    ],
)
def test_good_news_gets_a_reply_that_fits_it(engine, text, subtopic):
    answer = engine.answer(text)
    assert answer.subtopic == subtopic and "welcome" not in answer.reply.lower()
