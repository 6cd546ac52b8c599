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
RUN pip wheel --wheel-dir /wheels -c constraints.txt .

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    MICROCOURT_DATA_DIR=/var/lib/microcourt
RUN groupadd --system microcourt && useradd --system --gid microcourt --home /var/lib/microcourt microcourt \
    && mkdir -p /var/lib/microcourt && chown microcourt:microcourt /var/lib/microcourt
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links /wheels microcourt && rm -rf /wheels
USER microcourt
WORKDIR /var/lib/microcourt
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["microcourt", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
