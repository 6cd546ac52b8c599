"""arq's ``Worker``, starting queued jobs in one Redis round trip per batch.

arq starts jobs one at a time from its poll loop: per job ``WATCH`` the in-progress key,
``EXISTS`` it, ``ZSCORE`` the queue, ``MULTI``/``PSETEX``/``EXEC`` — four round trips in a
row from a single coroutine. Jobs that are still running stay in the queue's sorted set
until they finish, so every poll also re-checks them the same way. With deliveries taking
~20 ms, that serial starter, not the jobs, limited how many a worker could run per second
(docs/performance.md, "Delivery").

:class:`BatchStartWorker` takes as many free job slots as there are (when none is free it
waits for a running job to end, where arq would return to its poll loop and sleep
``poll_delay`` with the slots that free up meanwhile idle), then checks and marks all their
jobs in one Lua script that does what arq's
``WATCH``/``MULTI`` transaction does, atomically: skip a job whose in-progress key exists
or whose queue score is missing or in the future, otherwise set its in-progress key with
arq's timeout. Running the jobs, retries, results and aborts stay arq's own code.
"""

from __future__ import annotations

import asyncio

from arq.constants import in_progress_key_prefix
from arq.utils import timestamp_ms
from arq.worker import Worker

__all__ = ["BatchStartWorker"]

FULL_WAIT_S = 1.0

_START = """
local started = {}
for i = 5, #ARGV do
  local id = ARGV[i]
  local key = ARGV[2] .. id
  if redis.call('EXISTS', key) == 0 then
    local score = redis.call('ZSCORE', ARGV[1], id)
    if score and tonumber(score) <= tonumber(ARGV[3]) then
      redis.call('PSETEX', key, ARGV[4], '1')
      started[#started + 1] = id
      started[#started + 1] = score
    end
  end
end
return started
"""


class BatchStartWorker(Worker):
    async def start_jobs(self, job_ids: list[bytes]) -> None:
        script = self.pool.register_script(_START)
        pending = [job_id.decode() for job_id in job_ids]
        while pending:
            if self.job_counter >= self.max_jobs and not await self._slot_freed():
                return  # none freed for a while: back to arq's loop (heartbeat, crons)
            slots = min(self.max_jobs - self.job_counter, len(pending))
            if slots <= 0:
                continue
            for _ in range(slots):
                await self.sem.acquire()  # free (max_jobs + 1 permits): returns at once
            self.job_counter += slots
            batch, pending = pending[:slots], pending[slots:]
            args: list[str | int] = [
                self.queue_name,
                in_progress_key_prefix,
                timestamp_ms(),
                int(self.in_progress_timeout_s * 1000),
                *batch,
            ]
            try:
                reply = await script(args=args)
            except BaseException:
                self._release(slots)
                raise
            started = [
                (reply[i].decode(), int(float(reply[i + 1]))) for i in range(0, len(reply), 2)
            ]
            self._release(slots - len(started))  # already running elsewhere, or gone
            for job_id, score in started:
                task = self.loop.create_task(self.run_job(job_id, score))
                task.add_done_callback(lambda _: self._release_sem_dec_counter_on_complete())
                self.tasks[job_id] = task

    async def _slot_freed(self) -> bool:
        """Wait until a running job ends (arq instead returns to its poll loop and sleeps
        ``poll_delay``, leaving slots that free up meanwhile idle)."""
        running = [task for task in self.tasks.values() if not task.done()]
        if not running:
            return self.job_counter < self.max_jobs
        await asyncio.wait(running, timeout=FULL_WAIT_S, return_when=asyncio.FIRST_COMPLETED)
        return self.job_counter < self.max_jobs

    def _release(self, slots: int) -> None:
        for _ in range(slots):
            self.job_counter -= 1
            self.sem.release()
