"""Ankle-rehab assistant: answer engine, conversation layer and Telegram/terminal front-ends."""
__version__ = "0.1.0"
