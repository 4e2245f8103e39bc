"""Knowledge-base validation: a clinician editing YAML is told exactly what to fix."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KnowledgeError, check, default_root, load, sentences

KB = default_root()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(KB, root)
    return root


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_shipped_knowledge_base_is_valid():
    assert check(KB) == []


def test_shipped_knowledge_base_has_the_required_entries():
    kb = load(KB)
    required_exercises = {
        "band-plantarflexion",
        "band-dorsiflexion",
        "band-inversion",
        "band-eversion",
        "standing-calf-stretch",
        "seated-ankle-rom",
        "banded-ankle-mobilization",
        "single-leg-balance",
        "balance-pad-step-up",
        "foam-pad-heel-raise",
        "single-leg-deadlift",
        "lunge",
        "sumo-squat",
    }
    required_topics = {
        "reps-and-sets",
        "how-often",
        "pain-during-exercise",
        "band-resistance",
        "getting-a-band",
        "after-fracture",
        "after-surgery",
        "stiffness",
        "swelling",
        "recurrent-sprains",
        "sprain-recovery",
        "sprain-first-days",
        "return-to-running",
        "foam-rolling",
        "tendinopathy",
        "plantar-fasciitis",
        "flat-feet",
        "when-to-exercise",
        "taping-and-bracing",
        "ice-and-heat",
        "balance-training",
        "impingement",
        "foot-drop",
        "greeting",
        "thanks",
        "about-bot",
        "off-topic",
    }
    assert required_exercises <= set(kb.exercises)
    assert required_topics <= set(kb.topics)
    assert list(kb.stages) == ["early-mobility", "strengthening", "return-to-sport"]


def test_every_clinical_fact_has_a_source():
    kb = load(KB)
    assert all(e.source for e in kb.exercises.values())
    assert all(t.source for t in kb.topics.values() if t.kind == "clinical")
    assert all(r.source for r in kb.red_flags.rules)
    assert all(s.source for s in kb.stages.values())


@pytest.mark.parametrize("topic_id", ["after-fracture", "after-surgery", "foot-drop"])
def test_topics_that_need_a_professional_have_a_triage_floor(topic_id):
    assert load(KB).topics[topic_id].triage_floor in ("routine", "urgent")


def test_missing_field_names_file_entry_and_field(kb_copy):
    _edit(kb_copy / "exercises.yaml", lambda d: d["exercises"][0].pop("steps"))
    first_id = yaml.safe_load((KB / "exercises.yaml").read_text())["exercises"][0]["id"]
    with pytest.raises(KnowledgeError) as err:
        load(kb_copy)
    message = str(err.value)
    assert "exercises.yaml" in message and f"'{first_id}'" in message and "'steps'" in message


def test_clinical_topic_without_source_is_rejected(kb_copy):
    _edit(
        kb_copy / "topics.yaml", lambda d: next(t for t in d["topics"] if t["id"] == "swelling").pop("source")
    )
    problems = [str(p) for p in check(kb_copy)]
    assert any("topics.yaml" in p and "'swelling'" in p and "'source'" in p for p in problems)


def test_unknown_exercise_reference_is_reported(kb_copy):
    _edit(kb_copy / "routines.yaml", lambda d: d["stages"][0]["exercises"].append({"id": "moon-walk"}))
    assert any("moon-walk" in str(p) and "routines.yaml" in str(p) for p in check(kb_copy))


def test_broken_yaml_names_the_file(kb_copy):
    (kb_copy / "topics.yaml").write_text("topics:\n  - id: [unclosed\n", encoding="utf-8")
    problems = [str(p) for p in check(kb_copy)]
    assert any(p.startswith("topics.yaml") and "not valid YAML" in p for p in problems)


def test_bad_regex_in_red_flags_is_reported(kb_copy):
    _edit(kb_copy / "red_flags.yaml", lambda d: d["concepts"]["numb"].append("numb(("))
    assert any(
        "red_flags.yaml" in str(p) and "numb" in str(p) and "bad pattern" in str(p) for p in check(kb_copy)
    )


def test_rule_with_unknown_concept_is_reported(kb_copy):
    _edit(kb_copy / "red_flags.yaml", lambda d: d["rules"][0]["when"].append(["no-such-concept"]))
    assert any("no-such-concept" in str(p) for p in check(kb_copy))


def test_several_problems_are_reported_together(kb_copy):
    _edit(kb_copy / "exercises.yaml", lambda d: [e.pop("dose") for e in d["exercises"][:3]])
    assert len([p for p in check(kb_copy) if p.field == "dose"]) == 3


def test_duplicate_ids_are_reported(kb_copy):
    _edit(kb_copy / "topics.yaml", lambda d: d["topics"].append(dict(d["topics"][0])))
    assert any("used twice" in str(p) for p in check(kb_copy))


def test_keyword_required_needs_keywords(kb_copy):
    def require_without_keywords(data):
        topic = next(t for t in data["topics"] if t["id"] == "after-surgery")
        topic["keywords"] = []

    _edit(kb_copy / "topics.yaml", require_without_keywords)
    assert any("'after-surgery'" in str(p) and "'keyword_required'" in str(p) for p in check(kb_copy))


def test_real_word_slip_must_keep_its_length(kb_copy):
    _edit(kb_copy / "real_word_slips.yaml", lambda d: d["slips"].update({"brake": "break my"}))
    problems = [str(p) for p in check(kb_copy)]
    assert any("real_word_slips.yaml" in p and "brake" in p and "as many words" in p for p in problems)


def test_vocabulary_finding_with_unknown_group_names_file_entry_and_field(kb_copy):
    def change(data):
        data["findings"]["cold_foot"]["all"] = ["cold", "fooot"]

    _edit(kb_copy / "vocabulary.yaml", change)
    problems = [str(p) for p in check(kb_copy)]
    assert any("vocabulary.yaml" in p and "findings.cold_foot" in p and "fooot" in p for p in problems)


def test_concept_without_patterns_needs_a_vocabulary_finding(kb_copy):
    _edit(kb_copy / "red_flags.yaml", lambda d: d["concepts"].update({"mechanical": []}))
    problems = [str(p) for p in check(kb_copy)]
    assert any("red_flags.yaml" in p and "mechanical" in p and "no vocabulary finding" in p for p in problems)


def test_context_with_unknown_risk_factor_is_reported(kb_copy):
    _edit(kb_copy / "context.yaml", lambda d: d.update({"risk_factors": ["no_such_concept"]}))
    problems = [str(p) for p in check(kb_copy)]
    assert any("context.yaml" in p and "no_such_concept" in p for p in problems)


# The 27 topic ids are a contract (the evaluation sets and stored questions name them).
CONTRACT_TOPICS = set("""
    reps-and-sets how-often pain-during-exercise band-resistance getting-a-band after-fracture after-surgery
    stiffness swelling recurrent-sprains sprain-recovery sprain-first-days return-to-running foam-rolling
    tendinopathy plantar-fasciitis flat-feet when-to-exercise taping-and-bracing ice-and-heat balance-training
    impingement foot-drop greeting thanks about-bot off-topic
""".split())


def test_the_contract_topic_ids_stay_and_each_has_a_short_answer():
    topics = load(KB).topics
    assert set(topics) >= CONTRACT_TOPICS and len(CONTRACT_TOPICS) == 27
    for topic in topics.values():
        assert 1 <= len(sentences(topic.short)) <= 3, topic.id
        assert len(topic.short) < len(topic.answer), topic.id  # the short answer is shorter than "More"


def test_short_answer_is_required_and_kept_short(kb_copy):
    def change(data):
        data["topics"][0].pop("short")
        data["topics"][1]["short"] = "One. Two. Three. Four."
    _edit(kb_copy / "topics.yaml", change)
    problems = [str(p) for p in check(kb_copy)]
    assert any("'reps-and-sets', field 'short': is missing" in p for p in problems), problems
    assert any("'how-often', field 'short': must be at most 3 sentences" in p for p in problems), problems


def test_variants_name_a_phase_and_parent_names_a_top_level_topic(kb_copy):
    def change(data):
        data["topics"][0]["variants"] = {"later": "Text."}
        data["topics"][1]["parent"] = "no-such-topic"
    _edit(kb_copy / "topics.yaml", change)
    problems = [str(p) for p in check(kb_copy)]
    assert any("field 'variants.later': must be one of first-days" in p for p in problems), problems
    assert any("'how-often', field 'parent'" in p for p in problems), problems


def test_a_phase_variant_replaces_the_short_answer_for_its_phase():
    topic = load(KB).topics["sprain-recovery"]
    assert topic.short_for("years") == topic.variants["years"] != topic.short
    assert topic.short_for(None) == topic.short == topic.short_for("first-days")


# ---------------------------------------------------------------- topic files and the source allow-list

_FINER = {
    "id": "test-finer-topic",
    "parent": "stiffness",
    "title": "A finer test topic",
    "kind": "clinical",
    "questions": ["first test phrasing", "second test phrasing", "third test phrasing"],
    "short": "A short answer.",
    "answer": "The details.",
    "exercises": ["heel-raise"],
    "source": [{"title": "Broken ankle", "publisher": "NHS", "address": "https://www.nhs.uk/conditions/broken-ankle/"}],
}


def _write_topics(root: Path, name: str, *topics: dict) -> None:
    (root / "topics").mkdir(exist_ok=True)
    (root / "topics" / name).write_text(yaml.safe_dump({"topics": list(topics)}, sort_keys=False))


def test_topics_in_a_second_file_are_loaded(kb_copy):
    _write_topics(kb_copy, "zz-test.yaml", _FINER)
    kb = load(kb_copy)
    topic = kb.topics["test-finer-topic"]
    assert topic.parent == "stiffness" and topic.file == "topics/zz-test.yaml"
    assert topic.sources[0].publisher == "NHS" and "nhs.uk" in topic.source
    assert kb.contract_topic("test-finer-topic") == "stiffness"
    assert kb.contract_topic("stiffness") == "stiffness"


def test_an_id_used_in_two_topic_files_is_refused_naming_both(kb_copy):
    _write_topics(kb_copy, "zz-test.yaml", dict(_FINER, id="swelling"))
    problems = [str(p) for p in check(kb_copy)]
    assert any("topics/zz-test.yaml" in p and "'swelling'" in p and "'id'" in p and "topics.yaml" in p
               for p in problems)


def test_a_problem_in_a_topic_file_names_that_file_entry_and_field(kb_copy):
    _write_topics(kb_copy, "zz-test.yaml", dict(_FINER, exercises=["moon-walk"]))
    assert any("topics/zz-test.yaml: entry 'test-finer-topic', field 'exercises'" in str(p)
               for p in check(kb_copy))


@pytest.mark.parametrize("source, field", [
    ([{"title": "My ankle blog", "publisher": "Ankle Blog", "address": "https://ankle.example/"}],
     "source #1.publisher"),
    # An allowed publisher's name on someone else's address is refused too.
    ([{"title": "Broken ankle", "publisher": "NHS", "address": "https://nhs.example.com/broken-ankle"}],
     "source #1.address"),
    ([{"title": "Notes", "publisher": "Project reference documents", "address": "../shared/../secret.txt"}],
     "source #1.address"),
    ([{"title": "Broken ankle", "publisher": "NHS"}], "source #1"),
    ("NHS broken ankle page", "source"),
])
def test_a_source_outside_the_allow_list_is_refused(kb_copy, source, field):
    _write_topics(kb_copy, "zz-test.yaml", dict(_FINER, source=source))
    problems = [str(p) for p in check(kb_copy)]
    assert any("topics/zz-test.yaml" in p and f"field '{field}'" in p for p in problems), problems


def test_allowed_sources_include_trusts_and_reference_documents(kb_copy):
    source = [
        {"title": "Leaflet", "publisher": "NHS trust",
         "address": "https://kingstonandrichmond.nhs.uk/patients-and-families/patient-leaflets/x"},
        {"title": "Red flags", "publisher": "Project reference documents",
         "address": "../shared/reference/red-flags.md"},
    ]
    _write_topics(kb_copy, "zz-test.yaml", dict(_FINER, source=source))
    assert check(kb_copy) == []


def test_every_clinical_topic_source_is_on_the_allow_list():
    kb = load(KB)
    for topic in kb.topics.values():
        if topic.kind == "clinical":
            assert topic.sources, topic.id
            assert all(s.publisher in kb.publishers for s in topic.sources)


def test_finer_topics_name_a_contract_parent():
    kb = load(KB)
    for topic in kb.topics.values():
        if topic.file != "topics.yaml":
            assert topic.parent in kb.topics and kb.topics[topic.parent].file == "topics.yaml", topic.id
