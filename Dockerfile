# Production image of jji-traject: gunicorn serves the app, WhiteNoise its static files.
# The same image runs the Celery worker and Celery beat (see docker-compose.yml).
# Configuration comes only from environment variables (see jji_traject/omgeving.py and
# .env.example); nothing secret is baked into the image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDF export) needs Pango and HarfBuzz from Debian, and at least one font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fontconfig \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The app runs as an unprivileged user; the code stays owned by root (read-only for it).
RUN groupadd --system --gid 10001 jji \
    && useradd --system --uid 10001 --gid jji --create-home --home-dir /home/jji --shell /usr/sbin/nologin jji

WORKDIR /app

# pyproject.toml declares no packages (`packages = []`): `pip install .` installs the
# dependencies; the code itself runs from /app.
COPY . .
RUN pip install --no-cache-dir . \
    && rm -rf build ./*.egg-info

# Static files at build time. Settings demand a long, unpublished SECRET_KEY with DEBUG off:
# a random one, made for this one command and not stored in the image or its environment.
RUN DEBUG=false SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
        python manage.py collectstatic --noinput \
    && chown jji:jji var

USER jji

EXPOSE 8000

CMD ["gunicorn", "jji_traject.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
