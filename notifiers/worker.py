"""arq ``WorkerSettings`` and thin task shells. The work lives in service modules."""

from __future__ import annotations

import logging
from typing import Any

from arq import cron, func

from config.logging import configure_logging, get_logger
from config.settings import load_settings
from disclosure import deletion as disclosure_deletion
from disclosure import records as disclosure_records
from disclosure.led import push as led_push
from disclosure.service import run_lifecycle
from notifiers import tasks as notifier_tasks
from notifiers.outbox import DELIVER_TASK
from service import calendar as court_calendar
from service import clock, db, metrics
from service.aftercare import leads as aftercare_leads
from service.aftercare import service as aftercare
from service.filings.rights import send_due_rights_reminders
from service.privacy import init_vault
from service.redis import arq_settings, resolve_redis_url
from service.requests import decisions as request_decisions
from service.requests import service as request_service

log = get_logger("microcourt.worker")


async def startup(ctx: dict[str, Any]) -> None:
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    if logging.getLevelName(settings.log_level) > logging.DEBUG:
        # arq logs two INFO lines per job (started, finished): at 1,000 jobs/s a tenth of the
        # worker's time. Failures stay visible (WARNING and up), and delivery logs its own
        # outcome per notification.
        logging.getLogger("arq.worker").setLevel(logging.WARNING)
    init_vault(settings.data_key, settings.data_keys_old)
    court_calendar.start(settings.calendar_file, clock.local_now().date())
    await db.open_database(settings)
    ctx["settings"] = settings
    await notifier_tasks.worker_startup(ctx)
    led_push.bind(ctx["redis"])  # expiries by the lifecycle cron reach the screens too
    # property leads filed by applicants count for 失信 Art. 10(4) and the 终本 schedule
    aftercare_leads.register(request_service.lead_times)
    log.info("worker.started", database=settings.database_dialect)


async def shutdown(ctx: dict[str, Any]) -> None:
    await notifier_tasks.worker_shutdown(ctx)
    await led_push.close(ctx)
    await db.close_database()
    log.info("worker.stopped")


async def health_check(ctx: dict[str, Any]) -> None:
    """Proves the loop, the database and Redis are alive; visible as a metric and a log line."""
    await db.ping_database()
    await ctx["redis"].set("microcourt:worker:heartbeat", "1", ex=180)
    metrics.worker_heartbeats.inc()
    log.debug("worker.heartbeat")


async def disclosure_lifecycle(ctx: dict[str, Any]) -> None:
    """Publish listings whose grace period ended and expire those whose period ended."""
    await run_lifecycle()


async def disclosure_deletion_sweep(ctx: dict[str, Any]) -> None:
    """失信 deletion follows the case (contract §9.3): catch up on closures a crash left
    unapplied, and alert deletion reviews past their 3 working days; the same catch-up for the
    终本案件 / 限制消费 records a resumption or closure withdraws (contract §9.6)."""
    await disclosure_deletion.sweep()
    await disclosure_records.sweep()


async def termination_search_alert(ctx: dict[str, Any]) -> None:
    """终本规定 Art. 9: six-monthly searches past their due day raise the gauge and a warning."""
    await aftercare.alert_overdue()


async def resumption_sweep(ctx: dict[str, Any]) -> None:
    """Close resumption requests whose case was resumed, should the web process's follower
    call have been lost to a crash (service/requests/decisions.py)."""
    await request_decisions.sweep_resumed()


async def rights_reminders(ctx: dict[str, Any]) -> None:
    """Rights-list reminders due now; their channels are this worker's (``notifiers.outlet``)."""
    await send_due_rights_reminders(clock.now(), ctx["settings"].rights_reminder_days)


def worker_settings() -> dict[str, Any]:
    """Built at start-up (not import time) so the Redis URL comes from the settings."""
    settings = load_settings()
    return {
        "functions": [
            func(notifier_tasks.deliver, name=DELIVER_TASK, keep_result=0, max_tries=1000),
            # LED screens: one job per (screen, version); see disclosure/led/push.py
            func(led_push.fanout_task, name=led_push.FANOUT_TASK, keep_result=0, max_tries=3),
            func(led_push.push_task, name=led_push.PUSH_TASK, keep_result=0, max_tries=1000),
        ],
        "cron_jobs": [
            cron(health_check, second={0, 30}, run_at_startup=True, unique=False),
            cron(disclosure_lifecycle, second={15}, run_at_startup=True, unique=True),
            cron(
                disclosure_deletion_sweep,
                minute={7},
                second={45},
                run_at_startup=True,
                unique=True,
            ),
            cron(
                termination_search_alert,
                minute={9},
                second={50},
                run_at_startup=True,
                unique=True,
            ),
            cron(resumption_sweep, minute={17}, second={5}, run_at_startup=True, unique=True),
            cron(rights_reminders, minute=set(range(0, 60, 5)), second={25}, unique=True),
            cron(led_push.sweep_task, second=set(range(0, 60, 5)), run_at_startup=True),
            cron(led_push.flush_seen_task, second={45}, unique=True),
            cron(
                notifier_tasks.sweep,
                name="sweep_notifications",
                second=notifier_tasks.sweep_seconds(settings),
                run_at_startup=True,
                unique=True,
            ),
        ],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "redis_settings": arq_settings(resolve_redis_url(settings)),
        # A delivery job carries up to MICROCOURT_NOTIFICATION_BATCH_SIZE notifications, its
        # sends bounded per process (notifiers/deps.py), so arq's own job start (a few Redis
        # round trips per job) is no longer per notification. The queue is read every 0.1 s
        # (arq's default 0.5 s would add up to half a second to each delivery).
        "poll_delay": 0.1,
        "max_jobs": 50,
        "job_timeout": 60,
        "keep_result": 60,
        "handle_signals": True,
    }
