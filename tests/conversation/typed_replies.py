"""A set of typed replies, written before the intent reader (bot/conversation/intents.py) was, from
the issue's examples and the ways people write to a coach: each with what the bot was waiting for and
the one outcome that is right.

Contexts (what the bot waits for when the text arrives):
    none     nothing awaited; the person is at strengthening with one reminder at 06:45
    pain     right after Done: today's session has no pain score yet
    settled  the morning after a session with pain 4: "had it settled?"
    stage    after /stage: which stage
    time     after /remind: at what time

Outcomes:
    pain=N           today's session gets pain N
    settled=yes|no   yesterday's session gets that answer
    stage=ID         the stage is set
    remind=HH:MM     a reminder at that time is added (the 06:45 one stays)
    change=HH:MM     the reminder is moved to that time (one reminder, at the new time)
    log              a session is recorded for today
    log-yesterday    a session is recorded for yesterday
    routine          today's routine is shown; nothing changes
    confirm-stop     the bot asks to confirm stopping the reminders; nothing is stopped yet
    ask              the bot asks back what was meant; nothing changes
    answer           an ordinary answer (the engine's); nothing changes
    emergency        the emergency answer; nothing changes
    out-of-range     the pain scale is explained and the question asked again; nothing changes

Anything that changes stored data other than the expected outcome is a wrong destructive action.
"""

CASES: list[tuple[str, str, str]] = [
    # ---------------------------------------------------------------- pain awaited
    ("pain", "3", "pain=3"),
    ("pain", "0", "pain=0"),
    ("pain", "10", "pain=10"),
    ("pain", "3/10", "pain=3"),
    ("pain", "about a 5", "pain=5"),
    ("pain", "pain 2", "pain=2"),
    ("pain", "my pain was 4", "pain=4"),
    ("pain", "7 out of 10", "pain=7"),
    ("pain", "2.", "pain=2"),
    ("pain", "around 6", "pain=6"),
    ("pain", "11", "out-of-range"),
    ("pain", "15/10", "out-of-range"),
    ("pain", "no pain", "pain=0"),
    ("pain", "no pain at all", "pain=0"),
    ("pain", "it didn't hurt", "pain=0"),
    ("pain", "didn't hurt at all", "pain=0"),
    ("pain", "zero", "pain=0"),
    ("pain", "five", "pain=5"),
    ("pain", "a three", "pain=3"),
    ("pain", "I can't feel my foot and it's turned white and cold", "emergency"),
    ("pain", "my chest hurts and I can't breathe", "emergency"),
    ("pain", "how many reps should I do?", "answer"),
    ("pain", "remind me at 8pm", "remind=20:00"),
    ("pain", "what do I do today", "routine"),
    ("pain", "3 or 4", "ask"),
    ("pain", "between 2 and 5", "ask"),
    ("pain", "not sure", "ask"),
    ("pain", "stop the reminders", "confirm-stop"),
    ("pain", "I didn't do my exercises", "ask"),
    # ---------------------------------------------------------------- settled awaited
    ("settled", "yes", "settled=yes"),
    ("settled", "no", "settled=no"),
    ("settled", "yep", "settled=yes"),
    ("settled", "nope", "settled=no"),
    ("settled", "yes it settled", "settled=yes"),
    ("settled", "still sore", "settled=no"),
    ("settled", "it did", "settled=yes"),
    ("settled", "no, it still hurts", "settled=no"),
    ("settled", "Yes!", "settled=yes"),
    ("settled", "all good this morning", "settled=yes"),
    ("settled", "fine", "settled=yes"),
    ("settled", "not really", "settled=no"),
    ("settled", "maybe", "ask"),
    ("settled", "sort of", "ask"),
    ("settled", "I don't know", "ask"),
    ("settled", "my calf is hot, red and swollen and I'm short of breath", "emergency"),
    ("settled", "3", "ask"),
    ("settled", "what do I do today", "routine"),
    ("settled", "does ice help with swelling?", "answer"),
    # ---------------------------------------------------------------- stage awaited
    ("stage", "strengthening", "stage=strengthening"),
    ("stage", "early mobility", "stage=early-mobility"),
    ("stage", "return to sport", "stage=return-to-sport"),
    ("stage", "Strengthening please", "stage=strengthening"),
    ("stage", "the first one", "stage=early-mobility"),
    ("stage", "2", "stage=strengthening"),
    ("stage", "mobility", "stage=early-mobility"),
    ("stage", "sport", "stage=return-to-sport"),
    ("stage", "I'm not sure which one", "ask"),
    ("stage", "banana", "ask"),
    ("stage", "my ankle is cold and white under the cast", "emergency"),
    ("stage", "I broke my ankle 3 weeks ago and I'm in a boot", "answer"),
    ("stage", "stop the reminders", "confirm-stop"),
    # ---------------------------------------------------------------- time awaited
    ("time", "8pm", "remind=20:00"),
    ("time", "7:30", "remind=07:30"),
    ("time", "8 pm", "remind=20:00"),
    ("time", "at 6:15", "remind=06:15"),
    ("time", "18:00", "remind=18:00"),
    ("time", "9am", "remind=09:00"),
    ("time", "half past seven", "ask"),
    ("time", "in the evening", "ask"),
    ("time", "25:99", "ask"),
    ("time", "never mind", "ask"),
    ("time", "I think I've got a DVT, my calf is swollen and I can't breathe", "emergency"),
    # ---------------------------------------------------------------- nothing awaited: intents
    ("none", "I did my exercises", "log"),
    ("none", "I did my exercises today", "log"),
    ("none", "done", "log"),
    ("none", "Done!", "log"),
    ("none", "finished my exercises", "log"),
    ("none", "just finished my routine", "log"),
    ("none", "I've done my exercises", "log"),
    ("none", "did my rehab today", "log"),
    ("none", "I did my exercises yesterday", "log-yesterday"),
    ("none", "I didn't do my exercises", "ask"),
    ("none", "I did not do my exercises today", "ask"),
    ("none", "I haven't done my exercises yet", "ask"),
    ("none", "I'll do my exercises later", "ask"),
    ("none", "did I do my exercises yesterday?", "ask"),
    ("none", "not done", "ask"),
    ("none", "should I do my exercises today?", "routine"),
    ("none", "what do I do today", "routine"),
    ("none", "what should I do today", "routine"),
    ("none", "what should I do today?", "routine"),
    ("none", "show me my routine", "routine"),
    ("none", "today's exercises", "routine"),
    ("none", "what are my exercises for today", "routine"),
    ("none", "remind me at 8pm", "remind=20:00"),
    ("none", "remind me at 8 pm", "remind=20:00"),
    ("none", "Remind me at 7:45", "remind=07:45"),
    ("none", "set a reminder for 6pm", "remind=18:00"),
    ("none", "remind me", "ask"),
    ("none", "remind me tomorrow", "ask"),
    ("none", "change my reminder to 8:00", "change=08:00"),
    ("none", "move my reminder to 9pm", "change=21:00"),
    ("none", "stop the reminders", "confirm-stop"),
    ("none", "stop reminding me", "confirm-stop"),
    ("none", "no more reminders please", "confirm-stop"),
    ("none", "turn off the reminders", "confirm-stop"),
    ("none", "cancel my reminders", "confirm-stop"),
    ("none", "don't stop the reminders", "ask"),
    ("none", "do not stop my reminders", "ask"),
    ("none", "should I stop the reminders?", "ask"),
    ("none", "I don't want to stop the reminders", "ask"),
    ("none", "the reminders are helpful, keep them", "ask"),
    ("none", "don't remind me at 8pm", "ask"),
    ("none", "how many reps should I do?", "answer"),
    ("none", "my ankle is stiff in the morning", "answer"),
    ("none", "3", "answer"),
    ("none", "yes", "answer"),
    ("none", "no", "answer"),
    ("none", "I did my exercises and now my foot is cold, white and numb", "emergency"),
    ("none", "done. my calf is swollen and hot and I'm breathless", "emergency"),
    ("none", "I want to stop, my chest hurts and I can't breathe", "emergency"),
]
