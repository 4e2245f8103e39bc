"""The safety check, engine side: which messages get the physio's questions first (the JSON "check"),
what the answers add, and that the question sets in knowledge/safety_checks.yaml mean what they say."""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.engine import Engine
from bot.engine.check import added_sentences, days_ago, unserved, worst_case
from bot.knowledge import check, default_root, level_rank

INJURY = "after-a-twist-or-fall"
SURGERY = "after-surgery-or-in-a-cast"
NEW = "new-symptom"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


def _check(engine, name):
    return next(c for c in engine.kb.safety_checks if c.id == name)


@pytest.mark.parametrize("text, expected", [
    ("twisted my ankle yesterday, which exercises?", INJURY),
    ("rolled my ankle playing football last night, what can I do", INJURY),
    ("I slipped on the stairs this morning, what exercises help", INJURY),
    ("sprained ankle 2 days ago, when can I start the band exercises", INJURY),
    ("had ankle surgery 2 weeks ago, which exercises are safe", SURGERY),
    ("I'm in a cast since my ankle fracture, what can I do to keep fit", SURGERY),
    ("in a walking boot after a fracture, what exercises can i do", SURGERY),
    # An operation and a fall in one message: the operation's questions (clot, breathing, circulation).
    ("I tripped on the ankle I had operated on last week, which exercises are safe", SURGERY),
    ("I jumped off a wall and landed badly, which exercises now", INJURY),
    ("I hurt my ankle skiing 2 days ago, the boot twisted, how do i rehab it", INJURY),  # a ski boot
    ("sprained my ankle yesterday, my knee surgery was 2 years ago, which exercises help", INJURY),
    ("my ankle started hurting this week for no reason, what exercises", NEW),
    ("woke up today with a stiff sore ankle, no idea why", NEW),
    ("my heel started hurting out of nowhere, I didn't injure it, can I stretch", NEW),
    ("rolled it again, third time this year, just now at netball", INJURY),  # recurring, but new now
])
def test_a_new_injury_or_an_operation_gets_the_check(engine, text, expected):
    answer = engine.answer(text)
    assert answer.check == expected
    assert answer.check_questions == tuple(q.text for q in _check(engine, expected).questions)
    assert level_rank(answer.triage) < level_rank("urgent")


@pytest.mark.parametrize("text", [
    "how many reps should I do",
    "I had a sprain 6 months ago, still weak, which exercises",
    "old ankle injury from last year, want to strengthen it",
    "sprained it 3 weeks ago, when can I run",
    "what if I twist my ankle again on the trail?",
    "how do I avoid twisting my ankle when running",
    "my ankle surgery was 2 years ago, fine since, which exercises for balance",
    "rehab after sprain, I'm 6 weeks in, what's next",
    "I started the band exercises last week, how many reps",
    "my ankle keeps giving way, I have sprained it 5 times this year",  # recurring, not a new injury
    "my ankles are weak and I twist them easily",
    "is foam rolling good for the achilles tendon",
])
def test_no_check_for_old_imagined_or_unrelated_problems(engine, text):
    assert engine.answer(text).check is None


@pytest.mark.parametrize("text", [
    "I twisted my ankle and now I can't put any weight on it at all",  # urgent: an X-ray today
    "rolled my ankle and the foot is pointing the wrong way",  # emergency
    "after surgery I have chest pain and can't breathe",  # emergency
    "my calf is swollen hot and red since my operation last week",  # urgent
])
def test_never_before_an_urgent_or_emergency_answer(engine, text):
    answer = engine.answer(text)
    assert level_rank(answer.triage) >= level_rank("urgent")
    assert answer.check is None


def test_json_contract_reports_the_check_and_keeps_the_message_level(capsys):
    assert main(["ask", "--json", "twisted my ankle yesterday, which exercises?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["check"]["id"] == INJURY
    assert data["check"]["questions"][0].startswith("Could you take four steps")
    assert data["triage"] == "none"  # the level of the message alone
    assert data["topic"]  # the answer that follows the check
    assert main(["ask", "--json", "how many reps"]) == 0
    assert json.loads(capsys.readouterr().out)["check"] is None


def test_every_worrying_answer_fires_the_rule_it_serves(engine):
    assert unserved(engine) == []


@pytest.mark.parametrize("name, message, worst_level", [
    (INJURY, "twisted my ankle yesterday", "emergency"),
    (SURGERY, "had ankle surgery 2 weeks ago", "emergency"),
    (NEW, "my ankle started hurting for no reason", "urgent"),
])
def test_worrying_answers_raise_the_level_and_reassuring_ones_never_lower_it(engine, name, message,
                                                                           worst_level):
    check_ = _check(engine, name)
    alone = engine.answer(message)
    reassuring = {q.id: q.flag != "yes" for q in check_.questions}
    assert added_sentences(check_, reassuring) == ()
    assert engine.answer(message, also=added_sentences(check_, reassuring)).triage == alone.triage
    worst = engine.answer(message, also=worst_case(check_))
    assert worst.triage == worst_level
    assert worst.check is None and worst.exercises == ()


def test_an_unclear_answer_counts_as_the_worrying_one(engine):
    check_ = _check(engine, INJURY)
    assert added_sentences(check_, {"four-steps": None}) == (check_.questions[0].adds,)
    assert added_sentences(check_, {"four-steps": True}) == ()  # yes, could walk: reassuring


@pytest.mark.parametrize("clause, days", [
    ("sprained it 3 days ago", 3), ("two weeks ago", 14), ("6 weeks post op", 42), ("last year", 365),
    ("a month after the op", 30), ("yesterday", 1), ("10 reps", None),
])
def test_how_long_ago(clause, days):
    assert days_ago(clause) == days


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(default_root(), root)
    return root


def _edit_checks(root: Path, change) -> None:
    path = root / "safety_checks.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["checks"])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("change, expected", [
    (lambda c: c[0]["questions"][0].update(serves="no-such-rule"),
     "safety_checks.yaml: entry 'after-surgery-or-in-a-cast/calf', field 'serves': unknown red-flag rule"),
    (lambda c: c[1]["questions"][1].update(flag="maybe"),
     "safety_checks.yaml: entry 'after-a-twist-or-fall/bone-tender', field 'flag': must be one of yes, no"),
    (lambda c: c[1]["questions"][0].update(serves="recurrent-instability"),
     "field 'serves': rule 'recurrent-instability' is routine"),
    (lambda c: c[0].update(within_days=0), "entry 'after-surgery-or-in-a-cast', field 'within_days'"),
    (lambda c: c[0].update(intro="Some questions:"), "field 'intro': must say how many questions follow"),
    (lambda c: c[1]["context"].append("Twisted!"), "field 'context': 'Twisted!' must be lower-case words"),
])
def test_validation_names_file_entry_and_field(kb_copy, change, expected):
    _edit_checks(kb_copy, change)
    assert any(expected in str(p) for p in check(kb_copy)), [str(p) for p in check(kb_copy)]


def test_kb_check_fails_when_an_answer_no_longer_fires_its_rule(kb_copy, capsys):
    _edit_checks(kb_copy, lambda c: c[1]["questions"][2].update(adds="My ankle is fine."))
    assert main(["kb", "check", str(kb_copy)]) == 1
    assert "'after-a-twist-or-fall/misshapen', field 'adds'" in capsys.readouterr().err


def test_kb_explain_names_the_check_and_its_questions(capsys):
    assert main(["kb", "explain", "had ankle surgery 2 weeks ago, which exercises are safe"]) == 0
    out = capsys.readouterr().out
    assert f"safety check first: {SURGERY}" in out and "1. Is one calf swollen, warm or red?" in out
