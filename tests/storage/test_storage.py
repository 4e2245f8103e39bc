import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.storage import MIGRATIONS, QUESTIONS_KEPT_DAYS, IntegrityError, Storage, StorageError, ddl

DAY = date(2025, 3, 10)
DAY_END = datetime(2025, 3, 10, 23, 59, tzinfo=UTC)  # the clock fixture says 2025-03-10 12:00 UTC


@pytest.fixture
def db_path(database):
    return database  # an SQLite file or a PostgreSQL URL: each test runs on both


def test_fresh_database_is_migrated_to_the_latest_version(storage):
    assert storage.schema_version == len(MIGRATIONS)


def test_a_database_reopens_without_migrating_again(db_path, clock):
    first = Storage(db_path, clock=clock)
    first.ensure_user(1, 1)
    first.close()
    second = Storage(db_path, clock=clock)
    assert second.schema_version == len(MIGRATIONS)
    assert second.get_user(1) is not None
    second.close()


def test_an_sqlite_file_uses_wal_and_foreign_keys(tmp_path):
    db = Storage(str(tmp_path / "bot.sqlite3"))
    assert db._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_a_database_from_a_newer_program_is_refused(db_path):
    first = Storage(db_path)
    first._db.set_schema_version(len(MIGRATIONS) + 1)
    first.close()
    with pytest.raises(StorageError, match="newer than this program"):
        Storage(db_path)


def test_an_sqlite_database_of_the_first_version_is_upgraded(tmp_path):
    path = str(tmp_path / "old.sqlite3")
    raw = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        raw.execute(ddl(statement, "sqlite"))
    raw.execute("PRAGMA user_version = 1")
    raw.execute("INSERT INTO users (user_id, chat_id, created_at) VALUES (1, 1, 'x')")
    raw.commit()
    raw.close()
    db = Storage(path)
    assert db.schema_version == len(MIGRATIONS) and db.get_user(1) is not None
    db.close()


def test_ensure_user_creates_once_and_follows_a_new_chat(storage):
    user = storage.ensure_user(5, 5)
    assert (user.timezone, user.stage, user.chat_id) == ("UTC", None, 5)
    assert storage.ensure_user(5, 5) == user
    assert storage.ensure_user(5, -100).chat_id == -100


def test_stage_and_band_changes_are_logged_as_events_for_the_physio_report(storage):
    storage.ensure_user(1, 1)
    assert storage.set_stage(1, "early-mobility", DAY)
    assert storage.set_stage(1, "strengthening", DAY + timedelta(days=7))
    assert not storage.set_stage(1, "strengthening", DAY + timedelta(days=8))  # unchanged: no event
    assert storage.set_band(1, "red", DAY)
    events = [(e.kind, e.old, e.new, e.local_date) for e in storage.events(1)]
    assert events == [("stage-change", None, "early-mobility", DAY),
                      ("stage-change", "early-mobility", "strengthening", DAY + timedelta(days=7)),
                      ("band-change", None, "red", DAY)]
    assert storage.get_user(1).band_colour == "red"


def test_reminder_at_an_existing_time_updates_its_days_instead_of_duplicating(storage):
    storage.ensure_user(1, 1)
    first = storage.add_reminder(1, 1, "07:30")
    second = storage.add_reminder(1, 1, "07:30", "024")
    storage.add_reminder(1, 1, "06:00")
    assert first.id == second.id and second.days == "024"
    assert [r.local_time for r in storage.reminders_for(1)] == ["06:00", "07:30"]


def test_reminder_time_must_be_hh_mm(storage):
    storage.ensure_user(1, 1)
    with pytest.raises(IntegrityError):
        storage.add_reminder(1, 1, "7:30")


def test_a_day_is_claimed_exactly_once_and_a_later_day_can_be_claimed(storage):
    storage.ensure_user(1, 1)
    reminder = storage.add_reminder(1, 1, "07:30")
    assert storage.claim_reminder_day(reminder.id, DAY)
    assert not storage.claim_reminder_day(reminder.id, DAY)
    assert not storage.claim_reminder_day(reminder.id, DAY - timedelta(days=1))  # never backwards
    assert storage.claim_reminder_day(reminder.id, DAY + timedelta(days=1))


def test_a_claim_is_durable_across_a_crash(db_path, clock):
    """The claim is committed before the send: a new process on the same file sees it."""
    first = Storage(db_path, clock=clock)
    first.ensure_user(1, 1)
    reminder = first.add_reminder(1, 1, "07:30")
    assert first.claim_reminder_day(reminder.id, DAY)
    # No close(): as after kill -9.
    second = Storage(db_path, clock=clock)
    assert not second.claim_reminder_day(reminder.id, DAY)
    assert second.get_reminder(reminder.id).last_sent_date == DAY


def test_release_undoes_only_the_claim_it_made(storage):
    storage.ensure_user(1, 1)
    reminder = storage.add_reminder(1, 1, "07:30")
    storage.claim_reminder_day(reminder.id, DAY)
    storage.release_reminder_day(reminder.id, DAY, None)
    assert storage.get_reminder(reminder.id).last_sent_date is None
    assert storage.claim_reminder_day(reminder.id, DAY)


def test_cancel_needs_the_owner_and_deactivate_stops_claims(storage):
    storage.ensure_user(1, 1)
    storage.ensure_user(2, 2)
    mine = storage.add_reminder(1, 1, "07:30")
    other = storage.add_reminder(1, 1, "20:00")
    assert not storage.cancel_reminder(mine.id, user_id=2)
    assert storage.cancel_reminder(mine.id, user_id=1)
    assert not storage.cancel_reminder(mine.id, user_id=1)
    assert storage.deactivate_reminders(1) == [other.id]
    assert storage.active_reminders() == []
    assert not storage.claim_reminder_day(other.id, DAY)


def test_snooze_is_claimed_once(storage):
    storage.ensure_user(1, 1)
    reminder = storage.add_reminder(1, 1, "07:30")
    until = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)
    assert storage.set_snooze(reminder.id, 1, until)
    assert storage.get_reminder(reminder.id).snooze_until == until
    assert storage.claim_snooze(reminder.id, until)
    assert not storage.claim_snooze(reminder.id, until)


def test_sessions_keep_the_local_date_pain_and_settled_answer(storage):
    storage.ensure_user(1, 1)
    session_id = storage.record_session(1, DAY, "routine")
    assert storage.has_session_on(1, DAY) and not storage.has_session_on(1, DAY + timedelta(days=1))
    assert storage.set_session_pain(session_id, 1, 4)
    assert storage.set_session_settled(session_id, 1, True)
    assert not storage.set_session_pain(session_id, 2, 9)  # someone else's session
    row = storage.get_session(session_id)
    assert (row.local_date, row.pain, row.settled_by_morning, row.source) == (DAY, 4, True, "routine")
    with pytest.raises(IntegrityError):
        storage.set_session_pain(session_id, 1, 11)
    with pytest.raises(ValueError):
        storage.record_session(1, DAY, "guess")
    storage.record_session(1, DAY - timedelta(days=3), "manual", pain=2)
    assert [s.local_date for s in storage.sessions(1)] == [DAY - timedelta(days=3), DAY]
    assert [s.local_date for s in storage.sessions(1, since=DAY)] == [DAY]


def test_feedback_only_from_the_asker_and_a_second_vote_replaces_the_first(storage):
    storage.ensure_user(1, 1)
    storage.ensure_user(2, 2)
    question = storage.log_question(1, "how many reps", "reps", "none", unsure=False)
    assert not storage.record_feedback(question, 2, "up")
    assert storage.record_feedback(question, 1, "up")
    assert storage.record_feedback(question, 1, "down")
    assert storage.feedback_for(question) == ["down"]
    assert not storage.record_feedback(999, 1, "up")


def test_questions_and_their_votes_are_deleted_after_the_retention_period(db_path, clock):
    first = Storage(db_path, clock=clock)
    first.ensure_user(1, 1)
    old = first.log_question(1, "how many reps", "reps", "none", unsure=True)
    first.record_feedback(old, 1, "down")
    clock.advance(days=QUESTIONS_KEPT_DAYS - 1)
    recent = first.log_question(1, "is ice good", "ice-and-heat", "none", unsure=False)
    assert first.prune_questions() == 0
    clock.advance(days=2)
    # Opening the database prunes, as the running bot does once a day.
    second = Storage(db_path, clock=clock)
    assert second.get_question(old) is None and second.feedback_for(old) == []
    assert second.get_question(recent) is not None
    assert second.get_user(1) is not None  # only the questions go


def test_sql_looking_text_is_stored_verbatim(storage):
    storage.ensure_user(1, 1)
    text = "'); DROP TABLE users; --"
    question = storage.log_question(1, text, None, "none", unsure=True)
    assert storage.get_question(question).text == text
    assert storage.get_user(1) is not None


def test_gaps_rank_unsure_and_down_voted_questions_and_skip_good_answers(storage):
    storage.ensure_user(1, 1)
    for text in ("Can I swim?", "can i swim?  ", "can I SWIM?"):
        q = storage.log_question(1, text, None, "none", unsure=True)
    storage.set_chosen_topic(q, 1, "return-to-running")
    down = storage.log_question(1, "how many reps", "reps", "none", unsure=False)
    storage.record_feedback(down, 1, "down")
    good = storage.log_question(1, "what is a lunge", "lunge", "none", unsure=False)
    storage.record_feedback(good, 1, "up")
    gaps = storage.gaps()
    assert [(g.asked, g.unsure, g.down) for g in gaps] == [(3, 3, 0), (1, 0, 1)]
    assert gaps[0].chosen_topic == "return-to-running"
    assert all(g.text != "what is a lunge" for g in gaps)


def test_forget_user_deletes_every_row_about_them_and_nothing_else(storage):
    for user in (1, 2):
        storage.ensure_user(user, user)
        storage.set_stage(user, "strengthening", DAY)
        storage.add_reminder(user, user, "07:30")
        storage.record_session(user, DAY, "routine")
        q = storage.log_question(user, "hi", None, "none", unsure=True)
        storage.record_feedback(q, user, "down")
        storage.set_awaiting(user, user, "pain", "1", DAY_END)
        storage.set_message_level(user, user, 10, "none")
        storage.take_request_slot(user, "report", 3, timedelta(minutes=1))
        storage.start_safety_check(user, user, "after-a-twist-or-fall", "twisted my ankle")
        storage.add_answer_shown(q, user, user, "reps-and-sets", "none", "the details")
        storage.create_profile(user)
        assert storage.set_profile_field(user, "injury", "fracture")
    storage.forget_user(1)
    assert set(storage.count_rows(1).values()) == {0}
    assert set(storage.count_rows(2).values()) == {1}


def test_record_session_once_refuses_a_second_session_on_the_same_day(storage):
    storage.ensure_user(1, 1)
    first = storage.record_session_once(1, DAY, "manual", pain=3)
    assert first is not None
    assert storage.record_session_once(1, DAY, "routine") is None
    assert storage.record_session_once(1, DAY - timedelta(days=1), "routine") is not None
    storage.ensure_user(2, 2)
    assert storage.record_session_once(2, DAY, "routine") is not None  # another user's day is free
    assert [(s.local_date, s.pain, s.source) for s in storage.sessions(1)] == [
        (DAY - timedelta(days=1), None, "routine"), (DAY, 3, "manual")]
    with pytest.raises(ValueError):
        storage.record_session_once(1, DAY + timedelta(days=1), "telepathy")


def test_record_session_within_allows_two_a_day_but_not_a_double_tap(storage, clock):
    storage.ensure_user(1, 1)
    gap = timedelta(hours=2)
    assert storage.record_session_within(1, DAY, "routine", per_day=2, min_gap=gap) is not None
    clock.advance(minutes=5)
    assert storage.record_session_within(1, DAY, "reminder", per_day=2, min_gap=gap) is None  # a double tap
    clock.advance(hours=2)
    second = storage.record_session_within(1, DAY, "routine", per_day=2, min_gap=gap)
    assert second is not None and storage.session_on(1, DAY).id == second  # the latest of the day
    clock.advance(hours=3)
    assert storage.record_session_within(1, DAY, "routine", per_day=2, min_gap=gap) is None  # the day is full
    assert [s.id for s in storage.sessions_on(1, DAY)] == [second - 1, second]


def test_a_deleted_session_takes_its_awaited_question_with_it(storage):
    storage.ensure_user(1, 1)
    session = storage.record_session(1, DAY, "routine")
    storage.set_awaiting(1, 1, "pain", str(session), DAY_END)
    assert not storage.delete_session(session, 2)  # not theirs
    assert storage.delete_session(session, 1)
    assert storage.get_session(session) is None and storage.get_awaiting(1, 1) is None
    assert not storage.delete_session(session, 1)


def test_session_on_and_last_session_before(storage):
    storage.ensure_user(1, 1)
    assert storage.session_on(1, DAY) is None and storage.last_session_before(1, DAY) is None
    older = storage.record_session(1, DAY - timedelta(days=5), "routine", 2)
    newer = storage.record_session(1, DAY - timedelta(days=2), "routine", 4)
    today = storage.record_session(1, DAY, "routine")
    assert storage.session_on(1, DAY).id == today
    assert storage.last_session_before(1, DAY).id == newer
    assert storage.last_session_before(1, DAY - timedelta(days=2)).id == older
    storage.ensure_user(2, 2)
    assert storage.last_session_before(2, DAY) is None


def test_pain_and_settled_answers_are_stored_only_for_the_owner(storage):
    storage.ensure_user(1, 1)
    session = storage.record_session(1, DAY, "routine")
    assert not storage.set_session_pain(session, 2, 5)
    assert storage.set_session_pain(session, 1, 5) and storage.set_session_settled(session, 1, False)
    row = storage.get_session(session)
    assert (row.pain, row.settled_by_morning) == (5, False)
    with pytest.raises(IntegrityError):
        storage.set_session_pain(session, 1, 11)  # the schema guards the 0-10 scale too


def test_events_carry_when_they_were_stored(storage, clock):
    storage.ensure_user(1, 1)
    storage.set_band(1, "red", DAY)
    clock.advance(minutes=5)
    storage.set_band(1, "green", DAY)
    stamps = [e.created_at for e in storage.events(1)]
    assert stamps == ["2025-03-10T12:00:00+00:00", "2025-03-10T12:05:00+00:00"]


def test_forget_user_deletes_pain_scores_settled_answers_and_band_history(storage):
    storage.ensure_user(1, 1)
    session = storage.record_session(1, DAY, "manual", 4)
    storage.set_session_settled(session, 1, True)
    storage.set_band(1, "red", DAY)
    storage.set_band_asked(1, DAY)
    storage.set_stage_offered(1, DAY)
    storage.forget_user(1)
    assert set(storage.count_rows(1).values()) == {0}
    assert storage.get_session(session) is None and storage.get_user(1) is None


# ---------------------------------------------------------------- several processes on one database


def test_several_workers_starting_at_once_migrate_the_database_once(db_path):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(6) as pool:
        opened = list(pool.map(lambda _: Storage(db_path), range(6)))
    assert {db.schema_version for db in opened} == {len(MIGRATIONS)}
    for db in opened:
        db.close()


def test_two_workers_racing_on_one_day_or_one_time_create_one_row(db_path):
    """Each worker has its own connection; one statement (or a locked row) decides, not a read."""
    from concurrent.futures import ThreadPoolExecutor

    workers = [Storage(db_path) for _ in range(4)]
    workers[0].ensure_user(1, 1)
    with ThreadPoolExecutor(8) as pool:
        sessions = list(pool.map(lambda i: workers[i % 4].record_session_once(1, DAY, "routine"), range(16)))
        reminders = list(pool.map(lambda i: workers[i % 4].add_reminder(1, 1, "07:30").id, range(16)))
    assert len([s for s in sessions if s is not None]) == 1
    assert len(set(reminders)) == 1 and len(workers[0].reminders_for(1)) == 1
    for db in workers:
        db.close()


def test_start_up_problems_are_one_clear_line(tmp_path):
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StorageError, match="file is not a database") as info:
        Storage(str(not_a_database))
    assert "\n" not in str(info.value)
    with pytest.raises(StorageError, match="unable to open"):
        Storage(str(tmp_path / "no" / "such" / "dir" / "bot.sqlite3"))
    with pytest.raises(StorageError, match="cannot connect to PostgreSQL at postgresql://bot@127.0.0.1:9/x"):
        Storage("postgresql://bot:secret@127.0.0.1:9/x")


# ---------------------------------------------------------------- db copy and db backup


def _fill(db: Storage) -> None:
    for user in (1, 2):
        db.ensure_user(user, user * 10)
        db.set_stage(user, "strengthening", DAY)
        db.add_reminder(user, user * 10, "07:30", "024")
        db.record_session(user, DAY, "routine", pain=3)
        question = db.log_question(user, "can I run?", None, "none", unsure=True)
        db.record_feedback(question, user, "down")
    db.claim_reminder_day(1, DAY)
    db.create_profile(1)
    db.set_profile_field(1, "when", "2025-02-01", date(2025, 2, 8))


def test_db_copy_moves_every_row_with_its_ids_and_new_rows_get_new_ids(tmp_path, database, capsys):
    from bot.cli import main

    source = Storage(str(tmp_path / "old.sqlite3"))
    _fill(source)
    source.close()
    target_url = database if "://" in database else f"sqlite:///{tmp_path}/new.sqlite3"
    assert main(["db", "copy", f"sqlite:///{tmp_path}/old.sqlite3", target_url]) == 0
    copied = "2 users, 2 reminders, 2 sessions, 2 questions, 2 feedback, 0 answers_shown, 2 events"
    assert copied in capsys.readouterr().out
    target = Storage(target_url.removeprefix("sqlite:///"))
    assert target.get_reminder(1).last_sent_date == DAY and target.get_user(2).chat_id == 20
    assert target.gaps()[0].asked == 2 and target.events(1)[0].new == "strengthening"
    assert target.add_reminder(1, 10, "20:00").id == 3  # past the copied ids
    profile = target.get_profile(1)
    assert (profile.injured_after, profile.injured_before) == (date(2025, 2, 1), date(2025, 2, 8))
    target.close()
    assert main(["db", "copy", f"sqlite:///{tmp_path}/old.sqlite3", target_url]) == 1  # not empty now
    assert "not empty" in capsys.readouterr().err


def test_db_backup_is_a_consistent_sqlite_copy(tmp_path, monkeypatch, capsys):
    from bot.cli import main

    live = Storage(str(tmp_path / "bot.sqlite3"))
    _fill(live)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/bot.sqlite3")
    assert main(["db", "backup", str(tmp_path / "backup.sqlite3")]) == 0  # while the bot has it open
    live.close()
    copy = Storage(str(tmp_path / "backup.sqlite3"))
    assert copy.count_rows(1) == {"users": 1, "reminders": 1, "sessions": 1, "questions": 1, "feedback": 1,
                                  "answers_shown": 0, "events": 1, "awaiting": 0, "answered_messages": 0,
                                  "costly_requests": 0, "safety_checks": 0, "injury_profiles": 1}
    copy.close()
    assert main(["db", "backup", str(tmp_path / "backup.sqlite3")]) == 1  # never overwrites
    monkeypatch.setenv("DATABASE_URL", "postgresql://ankle@db/ankle")
    assert main(["db", "backup", str(tmp_path / "b2")]) == 2
    assert "pg_dump" in capsys.readouterr().err
def test_the_awaited_question_is_one_per_chat_replaced_by_the_next_and_expires(storage, clock):
    storage.ensure_user(1, 1)
    assert storage.get_awaiting(1, 1) is None
    storage.set_awaiting(1, 1, "pain", "7", DAY_END)
    storage.set_awaiting(1, -100, "settled", "6", DAY_END)  # a group chat waits on its own
    storage.set_awaiting(1, 1, "settled", "6", DAY_END)  # a newer question replaces the older one
    row = storage.get_awaiting(1, 1)
    assert (row.question, row.subject, row.asked_at) == ("settled", "6", clock())
    assert row.expires_at == DAY_END
    clock.set("2025-03-11T00:00:00+00:00")
    assert storage.get_awaiting(1, 1) is None  # expired: nothing is awaited any more


def test_clearing_the_awaited_question_only_clears_what_was_answered(storage):
    storage.ensure_user(1, 1)
    storage.set_awaiting(1, 1, "pain", "7", DAY_END)
    assert storage.clear_awaiting(1, None, "pain", "8") == 0  # another session's answer
    assert storage.clear_awaiting(1, None, "settled", "7") == 0  # another question
    assert storage.get_awaiting(1, 1) is not None
    assert storage.clear_awaiting(1, None, "pain", "7") == 1
    assert storage.get_awaiting(1, 1) is None


def test_an_old_database_gets_the_awaiting_table(tmp_path):
    db_path = str(tmp_path / "old.sqlite3")  # an SQLite file of the first version
    raw = sqlite3.connect(db_path)
    for statement in MIGRATIONS[0]:
        raw.execute(ddl(statement, "sqlite"))
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    upgraded = Storage(db_path)
    assert upgraded.schema_version == len(MIGRATIONS)
    upgraded.ensure_user(1, 1)
    upgraded.set_awaiting(1, 1, "pain", "1", datetime.now(UTC) + timedelta(hours=1))
    assert upgraded.get_awaiting(1, 1).question == "pain"
    upgraded.close()


def test_the_level_a_message_was_answered_at_is_kept_for_two_weeks(storage, clock):
    storage.ensure_user(1, 1)
    assert storage.message_level(1, 10) is None
    storage.set_message_level(1, 1, 10, "none")
    storage.set_message_level(1, 1, 10, "urgent")  # an edit raised it
    storage.set_message_level(1, -100, 10, "routine")  # message ids are per chat
    assert (storage.message_level(1, 10), storage.message_level(-100, 10)) == ("urgent", "routine")
    clock.advance(days=15)
    storage.prune()
    assert storage.message_level(1, 10) is None


def test_expired_waits_and_old_request_times_are_pruned(storage, clock):
    storage.ensure_user(1, 1)
    storage.set_awaiting(1, 1, "pain", "1", DAY_END)
    storage.take_request_slot(1, "report", 3, timedelta(minutes=1))
    storage.prune()
    assert storage.count_rows(1)["awaiting"] == 1 and storage.count_rows(1)["costly_requests"] == 1
    clock.advance(days=2)
    storage.prune()
    assert storage.count_rows(1)["awaiting"] == 0 and storage.count_rows(1)["costly_requests"] == 0


def test_costly_requests_are_limited_per_user_and_window(storage, clock):
    minute = timedelta(minutes=1)
    for user in (1, 2):
        storage.ensure_user(user, user)
    assert [storage.take_request_slot(1, "report", 3, minute) for _ in range(3)] == [None] * 3
    clock.advance(seconds=20)
    assert storage.take_request_slot(1, "report", 3, minute) == timedelta(seconds=40)  # not counted
    assert storage.take_request_slot(1, "progress", 3, minute) is None  # another kind
    assert storage.take_request_slot(2, "report", 3, minute) is None  # another person
    clock.advance(seconds=40)
    assert storage.take_request_slot(1, "report", 3, minute) is None  # the first three have left


def test_the_request_limit_holds_across_a_restart(db_path, clock):
    first = Storage(db_path, clock=clock)
    first.ensure_user(1, 1)
    for _ in range(2):
        first.take_request_slot(1, "report", 2, timedelta(minutes=1))
    first.close()
    second = Storage(db_path, clock=clock)
    assert second.take_request_slot(1, "report", 2, timedelta(minutes=1)) is not None
    second.close()


def test_threads_sharing_the_storage_do_not_mix_their_transactions(db_path):
    shared = Storage(db_path)
    for user in range(1, 9):
        shared.ensure_user(user, user)
    errors: list[BaseException] = []

    def work(user: int) -> None:
        try:
            for n in range(60):
                shared.set_stage(user, ("strengthening", "early-mobility")[n % 2], DAY)  # a transaction
                shared.record_session_once(user, DAY - timedelta(days=n), "manual")  # single statements
                shared.take_request_slot(user, "report", 1000, timedelta(minutes=1))
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(user,)) for user in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(len(shared.sessions(user)) == 60 and len(shared.events(user)) == 60 for user in range(1, 9))
    shared.close()


def test_a_safety_check_keeps_the_message_and_typed_answers_only_while_it_is_open(storage):
    storage.ensure_user(1, 1)
    row = storage.start_safety_check(1, 1, "after-a-twist-or-fall", "twisted my ankle yesterday")
    storage.update_safety_check(row.id, answers={"four-steps": False}, said=["it hurts a lot to walk"])
    open_row = storage.get_safety_check(row.id)
    assert open_row.answers == {"four-steps": False} and open_row.said == ("it hurts a lot to walk",)
    assert storage.finish_safety_check(row.id, "urgent")
    assert not storage.finish_safety_check(row.id, "none")  # ended once
    ended = storage.get_safety_check(row.id)
    assert (ended.message, ended.said, ended.outcome) == ("", (), "urgent")
    assert ended.answers == {"four-steps": False}
    assert storage.latest_safety_check(1, "after-a-twist-or-fall").id == row.id


def test_an_answer_shown_is_kept_for_its_more_button_and_goes_with_its_question(storage, clock):
    storage.ensure_user(1, 1)
    q = storage.log_question(1, "how many reps", "reps-and-sets", "none", unsure=False)
    answer_id = storage.add_answer_shown(q, 1, 1, "reps-and-sets", "routine", "All the details.")
    shown = storage.get_answer_shown(answer_id)
    assert (shown.question_id, shown.topic, shown.level, shown.more) == (q, "reps-and-sets", "routine",
                                                                          "All the details.")
    clock.advance(days=QUESTIONS_KEPT_DAYS + 1)
    storage.prune_questions()
    assert storage.get_answer_shown(answer_id) is None


def test_the_injury_profile_exists_only_after_consent_and_holds_only_known_values(storage):
    storage.ensure_user(1, 1)
    assert storage.get_profile(1) is None
    assert not storage.set_profile_field(1, "injury", "sprain")  # no yes, nothing stored
    assert storage.get_profile(1) is None
    created = storage.create_profile(1)
    assert (created.injury, created.side, created.injured_before, created.support) == (None, None, None, None)
    assert storage.set_profile_field(1, "injury", "achilles") and storage.set_profile_field(1, "side", "left")
    assert storage.set_profile_field(1, "when", None, DAY)  # open-ended: "longer ago"
    assert storage.set_profile_field(1, "support", "cast")
    assert storage.create_profile(1).injury == "achilles"  # a second yes keeps what is there
    row = storage.get_profile(1)
    assert (row.injury, row.side, row.injured_after, row.injured_before, row.support) == (
        "achilles", "left", None, DAY, "cast")
    assert row.in_cast_or_boot
    with pytest.raises(IntegrityError):
        storage.set_profile_field(1, "injury", "headache")
    with pytest.raises(ValueError):
        storage.set_profile_field(1, "user_id", "2")
    assert storage.delete_profile(1) and storage.get_profile(1) is None and not storage.delete_profile(1)
    assert storage.get_user(1) is not None  # the rest of the account stays


def test_workers_racing_to_add_reminders_at_different_times_stop_at_the_limit(db_path):
    """The count and the insert are one locked step: eight quick /remind at eight times keep three."""
    from concurrent.futures import ThreadPoolExecutor

    workers = [Storage(db_path) for _ in range(4)]
    workers[0].ensure_user(1, 1)
    with ThreadPoolExecutor(8) as pool:
        added = list(pool.map(lambda i: workers[i % 4].add_reminder(1, 1, f"0{i}:00", limit=3), range(8)))
    assert len([r for r in added if r is not None]) == 3
    assert len(workers[0].reminders_for(1)) == 3
    assert workers[0].add_reminder(1, 1, added[[r is not None for r in added].index(True)].local_time,
                                   "01234", limit=3) is not None  # the same time again: new days, allowed
    for db in workers:
        db.close()


def test_a_paused_reminder_is_not_claimed_until_its_pause_ends(storage, clock):
    storage.ensure_user(1, 1)
    storage.add_reminder(1, 1, "12:00")
    until = datetime(2025, 3, 13, tzinfo=UTC)
    assert storage.pause_reminder(1, 1, until) and not storage.pause_reminder(1, 2, until)  # owner only
    paused = storage.get_reminder(1)
    assert paused.paused_until == until and paused.next_due == datetime(2025, 3, 13, 12, tzinfo=UTC)
    storage._db.execute("UPDATE reminders SET next_due = ? WHERE id = 1", ("2025-03-10T12:00:00+00:00",))
    assert storage.claim_due_reminders(clock.now, 10) == []  # paused: not claimed even when due
    assert storage.earliest_due() == until  # and the loop sleeps until the pause ends, not spinning
    assert storage.resume_reminders(1) == [1] and storage.resume_reminders(1) == []
    assert storage.get_reminder(1).next_due == datetime(2025, 3, 10, 12, tzinfo=UTC)
    assert [c.reminder.id for c in storage.claim_due_reminders(clock.now, 10)] == [1]


def test_the_pause_migration_adds_paused_until_to_existing_reminders(tmp_path):
    db_path = str(tmp_path / "v10.sqlite3")
    raw = sqlite3.connect(db_path)
    for step in MIGRATIONS[:10]:
        for statement in step:
            raw.execute(ddl(statement, "sqlite"))
    raw.execute("PRAGMA user_version = 10")
    raw.execute("INSERT INTO users (user_id, chat_id, timezone, created_at) VALUES (1, 1, 'UTC', 'x')")
    raw.execute("INSERT INTO reminders (user_id, chat_id, local_time, days, created_at) "
                "VALUES (1, 1, '07:30', '0123456', 'x')")
    raw.commit()
    raw.close()
    upgraded = Storage(db_path)
    assert upgraded.schema_version == len(MIGRATIONS) == 11
    assert upgraded.get_reminder(1).paused_until is None
    upgraded.close()


def test_move_session_changes_only_the_date_and_never_overfills_a_day(storage):
    storage.ensure_user(1, 1)
    yesterday = DAY - timedelta(days=1)
    full = storage.record_session(1, yesterday, "routine", 2)
    session = storage.record_session(1, DAY, "reminder", 6)
    storage.set_session_settled(session, 1, False)
    before = storage.get_session(session)
    assert not storage.move_session(session, 1, yesterday, per_day=1)  # yesterday is full
    assert not storage.move_session(session, 2, yesterday, per_day=2)  # not theirs
    assert not storage.move_session(session, 1, DAY, per_day=2)  # already on that day
    assert storage.get_session(session) == before
    assert storage.move_session(session, 1, yesterday, per_day=2)
    after = storage.get_session(session)
    assert after == replace(before, local_date=yesterday)
    assert [s.id for s in storage.sessions_on(1, yesterday)] == [full, session]
    assert storage.session_on(1, DAY) is None
    assert not storage.move_session(session + 100, 1, DAY, per_day=2)  # gone
