"""Prometheus metrics: one registry per process, exposed at ``/metrics``.

Each package declares its metrics here so ``/metrics`` lists everything in one place and no
metric is registered twice when a module is imported from two processes' code paths.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

http_requests = Counter(
    "microcourt_http_requests_total",
    "HTTP requests by route template and status class.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
http_latency = Histogram(
    "microcourt_http_request_seconds",
    "HTTP request latency by route template.",
    ["route"],
    buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
    registry=REGISTRY,
)
court_auth_failures = Counter(
    "microcourt_court_auth_failures_total",
    "Court API requests refused by authentication, by code.",
    ["code"],
    registry=REGISTRY,
)
worker_heartbeats = Counter(
    "microcourt_worker_heartbeats_total",
    "Health-cron runs of the worker (proves the worker loop is alive).",
    registry=REGISTRY,
)
ready = Gauge(
    "microcourt_ready",
    "1 when the last readiness check reached the database and Redis.",
    registry=REGISTRY,
)
