# kmdash in server mode, as compose.yaml runs it beside PostgreSQL (README, "Run it for an office").
FROM python:3.11-slim-bookworm

# Debian's Pango with HarfBuzz and libthai for the board pack's PDF (scripts/install-system.sh), and Thai fonts
# (fonts-thai-tlwg, as scripts/install-browser.sh installs them) for whatever the shipped fonts do not cover.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libthai0 fontconfig fonts-thai-tlwg \
    && rm -rf /var/lib/apt/lists/*

# The app runs as a user of its own; its only writable folder is the co-ops' settings (a volume in compose.yaml).
RUN useradd --create-home --home-dir /var/lib/kmdash kmdash \
    && install -d -o kmdash -g kmdash /var/lib/kmdash/settings
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

USER kmdash
ENV KMDASH_MODE=server \
    KMDASH_SETTINGS_DIR=/var/lib/kmdash/settings \
    PYTHONUNBUFFERED=1
EXPOSE 8501
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.headless", "true", "--browser.gatherUsageStats", "false"]
