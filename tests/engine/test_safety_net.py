"""The learned safety net: the scorer gives scikit-learn's probabilities, it only ever raises a level,
and a missing, corrupt or stale model file is refused."""

import gzip
import itertools
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.engine.safety_net import (
    MODEL_FILE,
    MODEL_REASON,
    SAFETY_NET_RULE,
    NetResult,
    SafetyNet,
    SafetyNetError,
    corpus_hash,
    message_features,
    raise_only,
)
from bot.engine.triage import TriageResult
from bot.training import (
    CorpusError,
    Example,
    choose_thresholds,
    choose_thresholds_on_general_files,
    fit,
    load_corpus,
    train,
    write_model,
)

LEVELS = ("none", "routine", "urgent", "emergency")

# A small made-up corpus: enough for scikit-learn to learn something, nothing like the real one.
_PLACES = ["calf", "shin", "foot", "heel", "ankle", "toes", "leg", "knee"]
_BENIGN = ["how many reps of {p} raises should I do", "which band colour for my {p} exercise",
           "is it fine to stretch my {p} every day", "my {p} feels a little stiff in the morning"]
_ROUTINE = ["my {p} is still not better after four months", "my {p} keeps giving way every few weeks"]
_URGENT = ["my {p} is red hot and swollen since the long flight", "the {p} wound is oozing pus and hot"]
_EMERGENCY = ["I cannot breathe and my chest hurts, my {p} is in a cast",
              "the bone is sticking out of my {p} after the fall"]


def _write_corpus(root: Path) -> None:
    lines = []
    for templates, low, high in ((_BENIGN, 0, 0), (_ROUTINE, 1, 2), (_URGENT, 2, 3), (_EMERGENCY, 3, 3)):
        for template, place in itertools.product(templates, _PLACES):
            finding = None if low == 0 else template.split(" my ")[-1][:30]
            lines.append({"text": template.format(p=place) + f" ({place} {len(lines)})", "triage_min": low,
                          "triage_max": high, "finding": finding})
    (root / "corpus").mkdir(parents=True)
    (root / "corpus" / "made-up.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("knowledge")
    _write_corpus(root)
    examples = load_corpus(root)
    stored, sklearn_objects = fit(examples, corpus_digest=corpus_hash(root))
    write_model(stored, root / MODEL_FILE)
    return root, sklearn_objects


TEXTS = [
    "how many reps should I do for my calf",
    "my chest hurts and I cannot breathe since the cast went on. Also which band?",
    "red hot swollen calf after flying home",
    "completely unrelated words about pizza",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_scorer_gives_scikit_learns_probabilities(trained, text):
    root, (vectoriser, tfidf, classifiers) = trained
    net = SafetyNet.load(root)
    features = message_features(text)
    matrix = tfidf.transform(vectoriser.transform([{f: c for f, c in features.items()
                                                    if f in vectoriser.vocabulary_}]))
    expected = [model.predict_proba(matrix)[0][1] for model in classifiers]
    assert net.probabilities(features) == pytest.approx(expected, abs=1e-5)


def test_the_model_learned_the_levels(trained):
    net = SafetyNet.load(trained[0])
    emergency = net.assess("the bone is sticking out of my leg after the fall")
    benign = net.assess("how many reps of heel raises should I do")
    assert emergency.probabilities["emergency"] > 0.5 > benign.probabilities["routine"]


def test_a_flag_in_one_sentence_of_a_long_story_is_not_diluted(trained):
    net = SafetyNet.load(trained[0])
    story = ". ".join(["which band colour for my heel exercise"] * 6
                      + ["the bone is sticking out of my leg after the fall"])
    result = net.assess(story)
    alone = net.assess("the bone is sticking out of my leg after the fall").probabilities["emergency"]
    assert result.probabilities["emergency"] < alone  # the whole story dilutes it...
    assert result.sentence_probabilities["emergency"] == pytest.approx(alone)  # ...its sentence does not
    assert result.level == "emergency" and "bone" in result.sentence


@pytest.mark.parametrize(("rules", "model"), list(itertools.product(LEVELS, LEVELS)))
def test_the_model_only_ever_raises_the_rules_level(rules, model):
    combined = raise_only(TriageResult(rules, ("r",) if rules != "none" else (), ()),
                          NetResult(model, {}, None))
    assert LEVELS.index(combined.level) == max(LEVELS.index(rules), LEVELS.index(model))
    if LEVELS.index(model) > LEVELS.index(rules):
        assert SAFETY_NET_RULE in combined.rules and combined.reasons == (MODEL_REASON,)


def test_a_missing_model_is_refused(tmp_path):
    _write_corpus(tmp_path)
    with pytest.raises(SafetyNetError, match="missing"):
        SafetyNet.load(tmp_path)


def test_a_stale_model_is_refused_when_the_corpus_changes(trained, tmp_path):
    root, _ = trained
    copy = tmp_path / "knowledge"
    (copy / "corpus").mkdir(parents=True)
    (copy / MODEL_FILE).write_bytes((root / MODEL_FILE).read_bytes())
    corpus = (root / "corpus" / "made-up.jsonl").read_text()
    (copy / "corpus" / "made-up.jsonl").write_text(corpus + '{"text": "one more", "triage_min": 0, '
                                                   '"triage_max": 0, "finding": null}\n')
    with pytest.raises(SafetyNetError, match="stale"):
        SafetyNet.load(copy)


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"{not json"),
                                     gzip.compress(b'{"features": ["a"], "idf": [], "levels": []}')])
def test_a_corrupt_model_is_refused(trained, tmp_path, content):
    root, _ = trained
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "made-up.jsonl").write_bytes((root / "corpus" / "made-up.jsonl").read_bytes())
    (tmp_path / MODEL_FILE).write_bytes(content)
    with pytest.raises(SafetyNetError, match="corrupt"):
        SafetyNet.load(tmp_path)


def test_kb_check_fails_on_a_stale_model(trained, tmp_path, capsys):
    root, _ = trained
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "made-up.jsonl").write_text('{"text": "hi", "triage_min": 0, "triage_max": 0}\n')
    (tmp_path / MODEL_FILE).write_bytes((root / MODEL_FILE).read_bytes())
    assert main(["kb", "check", str(tmp_path)]) == 1
    assert "stale" in capsys.readouterr().err


def test_training_rejects_near_duplicates_and_bad_labels(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.jsonl").write_text(
        '{"text": "my calf is hot and swollen after the flight", "triage_min": 2, "triage_max": 3, '
        '"finding": "hot calf"}\n'
        '{"text": "my calf is hot and swollen after the flight!", "triage_min": 2, "triage_max": 3, '
        '"finding": "hot calf"}\n')
    with pytest.raises(CorpusError, match="near-duplicate"):
        train(tmp_path)
    (tmp_path / "corpus" / "a.jsonl").write_text('{"text": "x", "triage_min": 3, "triage_max": 1}\n'
                                                 '{"text": "calf hot", "triage_min": 2, "triage_max": 2}\n')
    with pytest.raises(CorpusError, match=r"a.jsonl: line 1.*\n.*a.jsonl: line 2, field 'finding'"):
        load_corpus(tmp_path)


class _FixedNet:
    """A stand-in model that rates every message at one level."""

    def __init__(self, level):
        self.level = level

    def assess(self, text):
        return NetResult(self.level, {}, None)


@pytest.fixture(scope="module")
def real_kb():
    from bot.knowledge import load_default

    return load_default()


def test_a_raise_by_the_model_alone_is_explained_and_strips_exercises(real_kb):
    from bot.engine import Engine

    answer = Engine(real_kb, _FixedNet("urgent")).answer("how do I do the ankle alphabet?")
    assert answer.triage == "urgent" and answer.exercises == ()
    assert MODEL_REASON in answer.reply and SAFETY_NET_RULE in answer.red_flags


def test_a_model_that_says_none_never_lowers_an_emergency(real_kb):
    from bot.engine import Engine

    text = "the bone is sticking out through the skin of my ankle"
    assert Engine(real_kb, _FixedNet("none")).answer(text).triage == "emergency"
    assert Engine(real_kb, _FixedNet("none"), triage_source="model").answer(text).triage == "none"


@pytest.mark.parametrize("text", TEXTS)
def test_scoring_by_sentence_reads_the_same_features_as_training(trained, text):
    # assess() counts feature indices without building names; the whole message must score as the
    # named features do (the ones the scikit-learn test above checks).
    net = SafetyNet.load(trained[0])
    whole = net.probabilities(message_features(text))
    assert [net.assess(text).probabilities[level] for level in LEVELS[1:]] >= [p - 1e-12 for p in whole]
    if len([s for s in text.split(".") if s.strip()]) <= 1:
        assert [net.assess(text).probabilities[level] for level in LEVELS[1:]] == pytest.approx(whole)


def _one_feature_net(routine: float, urgent: float, emergency: float) -> SafetyNet:
    """A model with one feature ('w cast') whose level probabilities are sigmoid(given logits)."""
    levels = [{"level": name, "coef": [0.0], "intercept": logit, "threshold": 0.5, "sentence_threshold": 0.9}
              for name, logit in (("routine", routine), ("urgent", urgent), ("emergency", emergency))]
    return SafetyNet({"features": ["w cast"], "idf": [1.0], "levels": levels, "corpus_hash": ""})


def test_the_model_reaches_a_level_only_through_every_level_below_it():
    assert _one_feature_net(-2.0, 2.0, 2.0).assess("cast").level == "none"
    assert _one_feature_net(2.0, -2.0, 2.0).assess("cast").level == "routine"
    assert _one_feature_net(2.0, 2.0, 2.0).assess("cast").level == "emergency"


def test_a_sentence_alone_needs_its_stricter_threshold():
    def net(sentence_threshold):
        levels = [{"level": name, "coef": [-3.0, 3.0], "intercept": 0.0, "threshold": 0.5,
                   "sentence_threshold": sentence_threshold} for name in ("routine", "urgent", "emergency")]
        return SafetyNet({"features": ["w band", "w cast"], "idf": [1.0, 1.0], "levels": levels,
                          "corpus_hash": ""})

    # The whole message leans benign (P about 0.17); its last sentence alone scores about 0.95.
    story = "band band band band. cast is bad"
    assert net(0.9).assess(story).level == "emergency" and net(0.9).assess(story).sentence == "cast is bad"
    assert net(0.97).assess(story).level == "none"


def test_focus_files_teach_the_model_but_do_not_set_its_thresholds():
    # General files: negatives score low, positives high. A focus file of hard near-misses scores high:
    # counted in, it would push every threshold up and the bot would miss real messages that need care.
    examples, scores = [], []
    for i in range(200):
        low = 3 if i % 2 else 0
        examples.append(Example("corpus-1.jsonl", i, f"message {i}", low, low, "finding" if low else None))
        score = 0.9 if low else i / 1000
        scores.append(([score] * 3, [score] * 3))
    focus = [Example("focus-1-after-the-cast.jsonl", i, f"near miss {i}", 0, 0, None) for i in range(100)]
    with_focus = examples + focus
    focus_scores = scores + [([0.85] * 3, [0.85] * 3)] * len(focus)
    general_only, _ = choose_thresholds(examples, scores)
    assert choose_thresholds_on_general_files(with_focus, focus_scores)[0] == general_only
    counted_in, _ = choose_thresholds(with_focus, focus_scores)
    assert all(counted_in[k][0] > general_only[k][0] for k in (1, 2, 3))
