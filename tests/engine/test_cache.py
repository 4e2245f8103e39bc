"""The start-up cache can make the start faster, never different."""

from __future__ import annotations

import shutil

import pytest

from bot.engine import cache
from bot.engine.prefilter import required_sets, required_sets_all
from bot.engine.safety_net import SafetyNet
from bot.knowledge import KnowledgeError, _load_valid, default_root, load


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


def _yaml_copy(tmp_path):
    """The knowledge base's YAML files in a folder of their own."""
    source, copy = default_root(), tmp_path / "knowledge"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("corpus", "*.gz"))
    return copy


def test_the_cached_knowledge_base_equals_the_loaded_one_and_an_edit_is_read(tmp_path, monkeypatch):
    root = _yaml_copy(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = load(root)
    assert list((tmp_path / "cache" / "ankle-bot").glob("knowledge-*.pickle"))
    again = load(root)  # from the cache
    assert again == first == _load_valid(root)
    flags = root / "red_flags.yaml"
    flags.write_text(
        flags.read_text(encoding="utf-8").replace('emergency_number: "', 'emergency_number: "000, ', 1),
        encoding="utf-8",
    )
    edited = load(root)
    assert edited.red_flags.emergency_number.startswith("000, ")
    assert edited == _load_valid(root)


def test_a_knowledge_base_with_problems_is_not_cached(tmp_path, monkeypatch):
    root = _yaml_copy(tmp_path)
    (root / "synonyms.yaml").write_text("synonyms: [unclosed", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for _ in range(2):
        with pytest.raises(KnowledgeError):
            load(root)
    assert not list((tmp_path / "cache").glob("**/knowledge-*"))


def test_the_cached_safety_net_scores_as_the_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("ANKLE_BOT_CACHE", "off")
    fresh = SafetyNet.load(default_root())
    monkeypatch.setenv("ANKLE_BOT_CACHE", "on")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    SafetyNet.load(default_root())  # computed and stored
    cached = SafetyNet.load(default_root())  # read back
    assert list((tmp_path / "ankle-bot").glob("safety-net-*.pickle"))
    assert cached.vocabulary == fresh.vocabulary and cached.levels == fresh.levels
    for text in ("my calf is hot and swollen after the op", "hi", "I cannot feel my toes. they are cold"):
        assert cached.assess(text) == fresh.assess(text)


def test_a_pickle_others_may_write_to_is_never_unpickled(tmp_path, monkeypatch):
    """Unpickling runs code: a cache file that another user could have written is computed again."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cached_object("p", lambda: "first", str) == "first"
    assert cache.cached_object("p", lambda: "second", str) == "first"  # this user's own file is read
    path = tmp_path / "ankle-bot" / "p.pickle"
    path.chmod(0o666)
    assert cache.cached_object("p", lambda: "third", str) == "third"
    path.chmod(0o600)
    (tmp_path / "ankle-bot").chmod(0o777)
    assert cache.cached_object("p", lambda: "fourth", str) == "fourth"
