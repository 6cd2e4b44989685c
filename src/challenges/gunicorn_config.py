"""gunicorn's settings for this app: `gunicorn --config python:challenges.gunicorn_config ...`.

One worker process (gunicorn's default) with threads, so that rate limits kept in memory (the
default) count once for the whole machine. Several worker processes (--workers, or
WEB_CONCURRENCY) must count together in Redis: gunicorn refuses to start them while the limits
are kept in memory.
"""

from challenges.config import ratelimit_storage_uri
from challenges.ratelimits import check_storage_client

worker_class = "gthread"
threads = 8
# With --access-logfile: gunicorn's usual line, then the time taken and the request id that the
# app's own log lines carry (the X-Request-ID response header).
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms %({x-request-id}o)s'
)


def check_rate_limit_storage(processes: int, storage_uri: str) -> None:
    """Refuse several processes that would each keep their own rate-limit counts."""
    if processes > 1 and storage_uri.startswith("memory://"):
        raise RuntimeError(
            f"{processes} worker processes would each count the rate limits (log-in, password "
            "reset, sign-up) on their own, because the counts are kept in memory (memory://). "
            "Serve with one worker process (--workers 1; its threads share the counts), or "
            "keep the counts in Redis: set CHALLENGES_RATELIMIT_STORAGE_URL=redis://127.0.0.1:6379/0"
        )


def on_starting(server) -> None:
    """gunicorn calls this in its main process, before any worker starts."""
    storage_uri = ratelimit_storage_uri()
    check_storage_client(storage_uri)
    check_rate_limit_storage(server.cfg.workers, storage_uri)
