"""`ankle-bot kb explain "TEXT"`: why a message got its level, for a clinician reviewing the rules.

Shows the parsed message (clauses as typed and spell-fixed), the findings with their context
modifiers, every red-flag rule that fired with the findings that met it and the level it stands for
here, the facts read from the message (time since the injury and its phase, what it was, band, sport,
exercises that make it worse, whom it is about), and the level of the reply (which a topic's triage
floor may raise), the topics of its questions and the exercises offered.
"""

from __future__ import annotations

from bot.engine.core import Engine


def explain(engine: Engine, text: str) -> str:
    parsed = engine.parser.parse(text)
    triage = engine.triage.assess(parsed)
    answer = engine.answer(text)
    lines = ["parsed:"]
    for typed, fixed in zip(parsed.clauses, parsed.fixed_clauses, strict=True):
        line = "  | " + " ".join(typed)
        if fixed != typed:
            line += "   (read as: " + " ".join(fixed) + ")"
        lines.append(line)
    lines.append("findings:" if triage.findings else "findings: none")
    width = max((len(f.concept) for f in triage.findings), default=0)
    for finding in triage.findings:
        lines.append(f"  {finding.concept:<{width}}  {finding.modifier:<12}  \"{finding.text}\"")
    lines.append("rules:" if triage.fired else "rules: none fired")
    for fired in triage.fired:
        level = fired.level if fired.level == fired.rule_level else f"{fired.rule_level} -> {fired.level}"
        lines.append(f"  {fired.rule}: {level}, on {fired.how} [{' + '.join(fired.concepts)}]")
    decided_by = f" (decided by {', '.join(triage.rules)})" if triage.rules else ""
    lines.append(f"rules' level: {triage.level}{decided_by}")
    with_net = engine.assess(text)
    if engine.safety_net is not None:
        lines.append(_net_lines(engine, text))
    if with_net.level != triage.level:
        lines.append(f"raised by the safety net (learned model) to: {with_net.level}")
    facts = engine.facts.read(parsed.cleaned).describe()
    lines.append("facts:" if facts else "facts: none read")
    lines += [f"  {fact}" for fact in facts]
    topic = f", topic {answer.topic}" if answer.topic else ""
    if answer.triage != with_net.level:
        topic += f" (its triage floor raised the level from {with_net.level})"
    lines.append(f"reply level: {answer.triage}{topic}")
    if len(answer.topics) > 1:
        lines.append("questions answered: " + ", ".join(answer.topics))
    if answer.exercises:
        lines.append("exercises offered: " + ", ".join(answer.exercises))
    if answer.check is not None:
        lines.append(f"safety check first: {answer.check} (knowledge/safety_checks.yaml)")
        lines.extend(f"  {n}. {q}" for n, q in enumerate(answer.check_questions, start=1))
    else:
        lines.append("safety check first: none")
    return "\n".join(lines)


def _net_lines(engine: Engine, text: str) -> str:
    """The safety net's P(level >= k) for the whole message and its highest sentence, with thresholds."""
    net = engine.safety_net.assess(text)
    lines = [f"safety net (learned model): {net.level}"]
    for level, settings in zip(("routine", "urgent", "emergency"), engine.safety_net.levels, strict=True):
        sentence = (net.sentence_probabilities or {}).get(level)
        part = (f", best sentence {sentence:.2f} (needs {settings.get('sentence_threshold', 1.0):.2f})"
                if sentence is not None and net.sentence_probabilities else "")
        lines.append(f"  P(>= {level:<9}) whole {net.probabilities[level]:.2f} "
                     f"(needs {settings['threshold']:.2f}){part}")
    if net.sentence:
        lines.append(f"  raised by the sentence: \"{net.sentence.strip()}\"")
    return "\n".join(lines)
