"""Plain text from the conversation -> Telegram HTML (parse mode "HTML").

The engine and the conversation write plain text; only this front-end adds markup. Everything is
escaped first (what the person typed, and the knowledge base's own text: "PEACE & LOVE", "<5 out of
10"), then a few shapes the text already has are made bold: headings ("Steps:", "Avoid:"), labels at the
start of a line ("Dose:", "Set-up:"), and an exercise's name above them; "- item" lists become bullets.
If Telegram still refuses the markup, send.py sends the plain text instead.
"""

from __future__ import annotations

import html
import re

_LABEL = re.compile(r"^(Dose|Equipment|Set-up|Easier|Harder|Avoid|Steps|Why|Tip):")
_HEADING = re.compile(r"^[^.!?:]{1,40}:$")


def to_html(text: str) -> str:
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        escaped = html.escape(line, quote=False)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _HEADING.match(line):
            escaped = f"<b>{escaped}</b>"
        elif (m := _LABEL.match(line)) is not None:
            label = html.escape(m.group(0), quote=False)
            escaped = f"<b>{label}</b>{escaped[len(label):]}"
        elif line.startswith("- "):
            escaped = "• " + escaped[2:]
        elif _LABEL.match(following) and line and len(line) <= 70 and line[-1] not in ".!?:":
            escaped = f"<b>{escaped}</b>"  # an exercise's name above its dose or equipment
        out.append(escaped)
    return "\n".join(out)
