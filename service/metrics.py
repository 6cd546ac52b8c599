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

# Events and notifications (notifiers/, service/events/)
events_ingested = Counter(
    "microcourt_events_total",
    "Court node events by result (accepted, duplicate, rejected).",
    ["result"],
    registry=REGISTRY,
)
notifications = Counter(
    "microcourt_notifications_total",
    "Notification status changes by channel and the status entered.",
    ["channel", "status"],
    registry=REGISTRY,
)
delivery_latency = Histogram(
    "microcourt_notification_latency_seconds",
    "From notification created to sent (accepted by the provider) or delivered (receipt).",
    ["channel", "stage"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600),
    registry=REGISTRY,
)
notification_queue_depth = Gauge(
    "microcourt_notification_queue_depth",
    "Notifications due for delivery at the last sweep (created, retry due, expired lease).",
    registry=REGISTRY,
)
wechat_token_refreshes = Counter(
    "microcourt_wechat_token_refreshes_total",
    "access_token fetches from stable_token, by app and reason (initial, invalid).",
    ["app", "reason"],
    registry=REGISTRY,
)
wechat_alerts = Counter(
    "microcourt_wechat_alerts_total",
    "WeChat answers that need an operator (configuration, repeated 40001, daily quota).",
    ["app", "code"],
    registry=REGISTRY,
)

# LED screens (disclosure/led/)
led_noncompliant_screens = Gauge(
    "microcourt_led_noncompliant_screens",
    "Screens whose acknowledged version is older than the latest withdrawal floor.",
    registry=REGISTRY,
)
led_pushes = Counter(
    "microcourt_led_pushes_total",
    "Push deliveries to screens by result (acked, failed, superseded).",
    ["result"],
    registry=REGISTRY,
)

# Disclosures (disclosure/deletion.py)
deletion_reviews_overdue = Gauge(
    "microcourt_disclosure_deletion_reviews_overdue",
    "Listings whose deletion review (失信规定 Art. 10: 3 working days) is past its due day.",
    registry=REGISTRY,
)

# After 终本 (service/aftercare/)
termination_searches_overdue = Gauge(
    "microcourt_termination_searches_overdue",
    "终本 cases whose six-monthly property search (终本规定 Art. 9) is past its due day.",
    registry=REGISTRY,
)
