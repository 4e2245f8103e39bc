import io

from bot.cli import main
from bot.gaps import print_gaps
from bot.storage import Storage


def test_gaps_lists_unsure_and_down_voted_questions(tmp_path, monkeypatch, capsys):
    db = tmp_path / "bot.sqlite3"
    storage = Storage(str(db))
    storage.ensure_user(1, 1)
    for _ in range(2):
        storage.log_question(1, "can I swim with a sprained ankle", None, "none", unsure=True)
    question = storage.log_question(1, "how many reps", "reps-and-sets", "none", unsure=False)
    storage.record_feedback(question, 1, "down")
    storage.log_question(1, "what is a lunge", "lunge", "none", unsure=False)
    storage.close()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    assert main(["kb", "gaps", "--limit", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "can I swim with a sprained ankle" in lines[2] and lines[2].split()[:4] == ["2", "2", "0", "0"]
    assert "how many reps" in lines[3]
    assert not any("lunge" in line for line in lines)


def test_gaps_without_a_database_says_so_and_creates_nothing(tmp_path):
    out = io.StringIO()
    assert print_gaps(stdout=out, database_url=f"sqlite:///{tmp_path}/none.sqlite3") == 0
    assert "No database" in out.getvalue() and list(tmp_path.iterdir()) == []


def test_gaps_lists_the_messages_only_the_safety_net_escalated(tmp_path, monkeypatch, capsys):
    from bot.engine import Engine

    engine = Engine.default()
    raised_alone = "my ankle is tight and hard to move"  # the model's known false raise (see test_matching)
    assert engine.assess(raised_alone).level != engine.triage.assess(raised_alone).level
    by_the_rules = "the bone is sticking out through the skin of my ankle"
    db = tmp_path / "bot.sqlite3"
    storage = Storage(str(db))
    storage.ensure_user(1, 1)
    for text in (raised_alone, by_the_rules):
        storage.log_question(1, text, None, engine.assess(text).level, unsure=False)
    storage.close()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    assert main(["kb", "gaps"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("Escalated by the safety net alone"):]
    assert raised_alone in section and by_the_rules not in section
