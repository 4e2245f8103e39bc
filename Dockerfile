# ankle-bot: the Telegram bot in a small image.
#   docker build -t ankle-bot .
#   docker run -d --name ankle-bot -e TELEGRAM_BOT_TOKEN=123456:ABC... -v ankle-data:/data ankle-bot

# Stage 1: build the wheel (the knowledge base is packed inside it).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

# Stage 2: only the installed package, no sources, no build tools.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/ankle_bot.sqlite3
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-cache-dir /tmp/wheels/*.whl \
    && rm -rf /tmp/wheels \
    && useradd --create-home --uid 10001 ankle \
    && mkdir /data \
    && chown ankle:ankle /data
USER ankle
WORKDIR /home/ankle
# The SQLite database (users, reminders, sessions) lives here; keep it on a volume.
VOLUME ["/data"]
# Only used in webhook mode (WEBHOOK_URL set); long polling needs no open port.
EXPOSE 8443
CMD ["ankle-bot", "run"]
