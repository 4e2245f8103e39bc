"""The knowledge base as plain JSON-ready data (`ankle-bot kb export`)."""

from __future__ import annotations

from dataclasses import asdict

from bot.knowledge import KnowledgeBase


def export_knowledge(kb: KnowledgeBase) -> dict:
    topics = []
    for topic in kb.topics.values():
        data = asdict(topic)
        data["questions"] = list(topic.questions)
        data["exercises"] = list(topic.exercises)
        topics.append(data)
    exercises = []
    for exercise in kb.exercises.values():
        data = asdict(exercise)
        for key in ("stages", "aliases", "equipment", "steps", "avoid"):
            data[key] = list(data[key])
        exercises.append(data)
    stages = [
        {
            "id": s.id,
            "name": s.name,
            "summary": s.summary,
            "frequency": s.frequency,
            "exercises": [{"id": i.exercise_id, "dose": asdict(i.dose)} for i in s.items],
            "source": s.source,
        }
        for s in kb.stages.values()
    ]
    rules = [
        {"id": r.id, "level": r.level, "reason": r.reason, "source": r.source} for r in kb.red_flags.rules
    ]
    return {"topics": topics, "exercises": exercises, "stages": stages, "red_flags": rules}
