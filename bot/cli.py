"""The `ankle-bot` command: run, chat, ask, kb."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError
from bot.database import StorageError
from bot.engine.language import check as check_languages
from bot.engine.safety_net import MODEL_FILE, SafetyNet, SafetyNetError
from bot.knowledge import KnowledgeError, check, default_root, load, load_default

# Refuse absurdly large input lines before they reach the engine; the engine truncates too.
MAX_LINE_CHARS = 1_000_000


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        # Bare `ankle-bot`: the Telegram bot when a token is configured, else the terminal chat.
        args.func = _cmd_run if os.environ.get("TELEGRAM_BOT_TOKEN") else _cmd_chat
    try:
        return args.func(args) or 0
    except KnowledgeError as exc:
        print(f"The knowledge base has problems:\n{exc}", file=sys.stderr)
        return 1
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except StorageError as exc:  # a database that cannot be opened or reached: one line, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SafetyNetError as exc:
        print(f"The safety net's model cannot be used: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `ankle-bot chat | head`: the reader left. Point stdout at devnull so the interpreter's
        # final flush does not raise again (the recipe from the Python signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ankle-bot", description="Ankle-rehab assistant.")
    sub = parser.add_subparsers(metavar="COMMAND")

    parser.epilog = (
        "Without a command: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat."
    )
    run = sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.set_defaults(func=_cmd_run)

    chat = sub.add_parser("chat", help="talk to the bot in the terminal")
    chat.set_defaults(func=_cmd_chat)

    ask = sub.add_parser("ask", help="answer one message, or JSON lines from stdin with --jsonl")
    ask.add_argument("text", nargs="?", help="the message")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the answer as a JSON object")
    mode.add_argument("--jsonl", action="store_true", help='read {"id", "text"} lines on stdin')
    ask.add_argument("--triage", choices=("both", "rules", "model"), default="both",
                     help="evaluation only: triage by the rules, the safety net, or both (the bot's way)")
    ask.set_defaults(func=_cmd_ask)

    kb = sub.add_parser("kb", help="knowledge-base tools")
    kb_sub = kb.add_subparsers(metavar="ACTION")
    kb_check = kb_sub.add_parser("check", help="validate the knowledge base")
    kb_check.add_argument("path", nargs="?", type=Path,
                          help="the knowledge folder (default: $ANKLE_BOT_KNOWLEDGE, else ./knowledge when "
                               "there is one, else the installed copy)")
    kb_check.set_defaults(func=_cmd_kb_check)
    kb_sub.add_parser("export", help="print the knowledge base as JSON").set_defaults(func=_cmd_kb_export)
    explain = kb_sub.add_parser("explain", help="the findings, modifiers and rules behind a message's level")
    explain.add_argument("text", help="the message, in quotes")
    explain.set_defaults(func=_cmd_kb_explain)
    kb_train = kb_sub.add_parser("train", help="train the safety net on knowledge/corpus (needs '.[train]')")
    kb_train.add_argument("path", nargs="?", type=Path, help="the knowledge folder (default as for check)")
    kb_train.set_defaults(func=_cmd_kb_train)
    gaps = kb_sub.add_parser("gaps", help="most frequent unanswered or down-voted questions")
    gaps.add_argument("--limit", type=int, default=20)
    gaps.set_defaults(func=_cmd_kb_gaps)
    kb.set_defaults(func=lambda _args: kb.print_help() or 2)

    db = sub.add_parser("db", help="database tools: copy to another database, back up")
    db_sub = db.add_subparsers(metavar="ACTION")
    copy = db_sub.add_parser("copy", help="copy a whole database into a new, empty one (e.g. SQLite -> "
                                          "PostgreSQL)")
    copy.add_argument("source", help="e.g. sqlite:///ankle_bot.sqlite3")
    copy.add_argument("target", help="e.g. postgresql://ankle:PASSWORD@db-host/ankle")
    copy.set_defaults(func=lambda a: _dbtools().copy_database(a.source, a.target))
    backup = db_sub.add_parser("backup", help="a consistent copy of the SQLite database (DATABASE_URL), "
                                              "safe while the bot runs")
    backup.add_argument("path", help="the new backup file")
    backup.set_defaults(func=lambda a: _dbtools().backup_database(a.path))
    db.set_defaults(func=lambda _args: db.print_help() or 2)

    hook = sub.add_parser("webhook", help="register (set), remove (delete) or show (info) the Telegram "
                                          "webhook from WEBHOOK_URL and WEBHOOK_SECRET")
    hook.add_argument("action", choices=("set", "delete", "info"))
    hook.add_argument("--drop-pending-updates", action="store_true",
                      help="with set or delete: discard the updates Telegram is holding")
    hook.add_argument("--max-connections", type=int, default=40,
                      help="with set: parallel connections Telegram may open (1-100, default 40)")
    hook.set_defaults(func=_cmd_webhook)
    return parser


def _cmd_webhook(args: argparse.Namespace) -> int:
    from bot.telegram.webhook_admin import webhook_command

    return webhook_command(args.action, drop_pending=args.drop_pending_updates,
                           max_connections=args.max_connections)


def _dbtools():
    from bot import dbtools

    return dbtools


# ---------------------------------------------------------------- ask


# What `ask --json` and `ask --jsonl` print: `reply` is the text before "More", `more` the rest; `topic` the
# first question's topic (a parent id), `topics` every question's, `subtopic` the finer topic if any.
JSON_FIELDS = ("triage", "topic", "topics", "subtopic", "exercises", "suggestions", "check", "reply", "more")


def _cmd_ask(args: argparse.Namespace) -> int:
    from bot.engine import Engine

    engine = Engine.default(args.triage)
    if args.jsonl:
        return answer_jsonl(engine, sys.stdin, sys.stdout)
    text = args.text if args.text is not None else sys.stdin.read()
    answer = engine.answer(text)
    if args.json:
        data = answer.to_dict()
        print(
            json.dumps(
                {k: data[k] for k in JSON_FIELDS},
                ensure_ascii=False,
            )
        )
    else:
        print(answer.reply)
        if answer.more:
            print("\n[More]\n" + answer.more)
    return 0


def answer_jsonl(engine, stdin: TextIO, stdout: TextIO) -> int:
    """The evaluation contract: one JSON object out per line in, in order, echoing `id`."""
    for line in stdin:
        if not line.strip():
            continue
        out = _answer_line(engine, line)
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def _answer_line(engine, line: str) -> dict:
    try:
        request = json.loads(line)
    except ValueError as exc:
        return {"id": None, "error": f"not valid JSON: {exc.msg}"}
    if not isinstance(request, dict):
        return {"id": None, "error": "each line must be a JSON object with a string 'text'"}
    ident = request.get("id")
    text = request.get("text")
    if not isinstance(text, str):
        return {"id": ident, "error": "'text' must be a string"}
    data = engine.answer(text[:MAX_LINE_CHARS]).to_dict()
    return {"id": ident, **{k: data[k] for k in JSON_FIELDS}}


# ---------------------------------------------------------------- kb

CHECKOUT_KNOWLEDGE = Path("knowledge")


def _knowledge_root(args: argparse.Namespace) -> Path:
    # In a checkout, the files being edited are used, not a copy installed by an earlier `pip install .`.
    in_checkout = CHECKOUT_KNOWLEDGE.is_dir() and not os.environ.get("ANKLE_BOT_KNOWLEDGE")
    return args.path or (CHECKOUT_KNOWLEDGE if in_checkout else default_root())


def _cmd_kb_check(args: argparse.Namespace) -> int:
    root = _knowledge_root(args)
    if not root.is_dir():
        print(f"no knowledge folder at {root}", file=sys.stderr)
        return 1
    problems = [str(p) for p in check(root)] + check_languages(root)
    try:
        SafetyNet.load(root)
    except SafetyNetError as exc:
        problems.append(str(exc))
    if problems:
        print(f"{len(problems)} problem(s) in {root}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    kb = load(root)
    from bot.engine import Engine
    from bot.engine.check import unserved

    problems = unserved(Engine(kb))  # each safety-check answer must fire the rule it serves
    if problems:
        print(f"{len(problems)} problem(s) in {root}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"ok: {len(kb.topics)} topics, {len(kb.exercises)} exercises, {len(kb.stages)} stages, "
        f"{len(kb.red_flags.rules)} red-flag rules, {len(kb.safety_checks)} safety checks ({root})"
    )
    return 0


def _cmd_kb_explain(args: argparse.Namespace) -> int:
    from bot.engine import Engine
    from bot.engine.explain import explain

    print(explain(Engine.default(), args.text))
    return 0


def _cmd_kb_train(args: argparse.Namespace) -> int:
    from bot.training import CorpusError, train

    root = _knowledge_root(args)
    try:
        report = train(root)
    except CorpusError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ImportError as exc:
        print(f"training needs scikit-learn: pip install '.[train]' ({exc})", file=sys.stderr)
        return 1
    print(f"trained on {report['examples']} messages; wrote {root / MODEL_FILE}")
    for level, figures in report["out_of_fold"].items():
        print(f"  {level:9} thresholds {figures['threshold']:.3f} (a sentence alone "
              f"{figures['sentence_threshold']:.3f})  out-of-fold recall {figures['recall']:.1%}"
              f"  false raises {figures['false_raise']:.1%}")
    return 0


def _cmd_kb_export(args: argparse.Namespace) -> int:
    from bot.export import export_knowledge

    print(json.dumps(export_knowledge(load_default()), ensure_ascii=False, indent=2))
    return 0


def _cmd_kb_gaps(args: argparse.Namespace) -> int:
    from bot.gaps import print_gaps

    return print_gaps(limit=args.limit)


# ---------------------------------------------------------------- chat and run


def _cmd_chat(args: argparse.Namespace) -> int:
    from bot.terminal import chat

    return chat(sys.stdin, sys.stdout)


def _cmd_run(args: argparse.Namespace) -> int:
    if not os.environ.get("TELEGRAM_BOT_TOKEN"):
        print(
            "error: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather); "
            "`ankle-bot chat` runs the bot in the terminal without it.",
            file=sys.stderr,
        )
        return 2
    from bot.telegram.runner import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
