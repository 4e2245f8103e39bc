"""The start-up cache can make the start faster, never different."""

from __future__ import annotations

from bot.engine import cache
from bot.engine.prefilter import required_sets, required_sets_all


def test_cached_value_is_returned_the_second_time(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []
    assert cache.cached("x", lambda: calls.append(1) or [1, 2]) == [1, 2]
    assert cache.cached("x", lambda: calls.append(1) or [9]) == [1, 2]
    assert calls == [1]


def test_a_damaged_cache_file_is_computed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "ankle-bot").mkdir()
    (tmp_path / "ankle-bot" / "y.json").write_text("{not json", encoding="utf-8")
    assert cache.cached("y", lambda: {"ok": True}) == {"ok": True}


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("ANKLE_BOT_CACHE", "off")
    cache.cached("z", lambda: 1)
    assert not (tmp_path / "ankle-bot").exists()


def test_an_unwritable_cache_folder_still_computes(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert cache.cached("w", lambda: 5) == 5


def test_cached_prefilter_conditions_equal_computed_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    patterns = [r"(?:cannot|unable to) (?:\w+ ){0,2}breath\w*", r"calves? (?:\w+ )?swollen", r"(?:\w+ )?x?"]
    expected = [required_sets(p) for p in patterns]
    assert required_sets_all(patterns) == expected  # computed and stored
    assert required_sets_all(patterns) == expected  # read back
