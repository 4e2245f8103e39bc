"""Messages in other languages get an honest answer in that language; English of every kind does not."""

import pytest

from bot.cli import main
from bot.engine import Engine

NUMBER = "112 (Europe), 911 (US/Canada) or 999 (UK)"


@pytest.fixture(scope="module")
def engine():
    return Engine.default()


@pytest.mark.parametrize(("text", "expected"), [
    ("me duele el tobillo desde ayer, que ejercicios puedo hacer", "solo entiendo inglés"),
    ("j'ai mal au pied depuis une semaine, que faire pour la cheville", "ne comprends que l'anglais"),
    ("ich habe seit gestern starke Schmerzen im Fuß, was kann ich tun", "nur Englisch"),
    ("estou com dor no tornozelo e não consigo andar direito", "só entendo inglês"),
    ("у меня болит лодыжка после падения", "только английский"),
    ("كاحلي يؤلمني كثيرا منذ أمس", "الإنجليزية فقط"),
    ("脚踝扭伤了，应该做什么运动", "只懂英语"),
    ("발목을 삐었어요 어떤 운동을 해야 하나요", "영어만"),
])
def test_another_language_is_answered_in_it_with_the_emergency_number(engine, text, expected):
    answer = engine.answer(text)
    assert expected in answer.reply and NUMBER in answer.reply
    assert answer.topic is None and answer.exercises == ()


@pytest.mark.parametrize("text", [
    "my ankle hurt very much, what exercise i can do, doctor say rest",
    "i am having pain in ankle since two week, kindly tell the exercise",
    "hola! how many reps should i do?",
    "wat shud i do for my swolen ankel",
    "the physio said to do the band exersises 3 times a day is that to much",
    "Salamat po! Next exercise na po ba? Done with week 2",
    "hello doctor, my foot is paining from morning, what to do",
    "me and my mum both sprained our ankles lol, same exercises?",
])
def test_non_native_and_misspelt_english_is_answered_as_english(engine, text):
    assert "only understand English" not in engine.answer(text).reply
    assert "entiendo" not in engine.answer(text).reply


def test_an_emergency_in_mixed_languages_still_gets_the_emergency_answer(engine):
    answer = engine.answer("mi pie esta frio y blanco, my foot is cold and white and I cannot move my toes")
    assert answer.triage == "emergency" and answer.reply.startswith("⚠️")


def test_kb_check_names_a_broken_languages_file(tmp_path, capsys):
    import shutil
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "knowledge"
    shutil.copytree(source, tmp_path / "knowledge")
    (tmp_path / "knowledge" / "languages.yaml").write_text(
        "english_words: [the]\nfallback_reply: 'Sorry, call {emergency_number}.'\n"
        "languages:\n  - id: es\n    reply: 'Lo siento.'\n    words: [el, la, de]\n")
    assert main(["kb", "check", str(tmp_path / "knowledge")]) == 1
    assert "languages.yaml: entry 'es', field 'reply'" in capsys.readouterr().err
