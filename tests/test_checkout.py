"""The tests exercise the working tree, even when an older copy of the bot is installed."""

import subprocess
import sys
from pathlib import Path

import bot
from bot.knowledge import default_root

CHECKOUT = Path(__file__).resolve().parent.parent


def test_the_bot_package_is_imported_from_the_checkout():
    assert Path(bot.__file__).resolve().parent == CHECKOUT / "bot"


def test_the_knowledge_base_is_read_from_the_checkout(monkeypatch):
    monkeypatch.delenv("ANKLE_BOT_KNOWLEDGE", raising=False)
    assert default_root().resolve() == CHECKOUT / "knowledge"


def test_kb_check_in_a_checkout_checks_its_knowledge_folder(tmp_path):
    # An edit that breaks the working tree's YAML is reported, whatever copy is installed.
    broken = tmp_path / "knowledge"
    broken.mkdir()
    for source in (CHECKOUT / "knowledge").glob("*.yaml"):
        (broken / source.name).write_text(source.read_text())
    (broken / "routines.yaml").write_text("stages: [oops")
    result = subprocess.run([sys.executable, "-m", "bot.cli", "kb", "check"], cwd=tmp_path,
                            capture_output=True, text=True, env={"PYTHONPATH": str(CHECKOUT)})
    assert result.returncode == 1 and "routines.yaml" in result.stderr
