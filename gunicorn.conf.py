"""gunicorn's settings for LIS-portalen: `gunicorn -c gunicorn.conf.py isms.wsgi:application` (scripts/serve and
deploy/systemd/lis-portalen-web.service start it so).

The web processes answer page requests only; heavy work (PDF renders) belongs to the background worker
(`manage.py db_worker`), so requests are short and the values below are chosen for that:

- workers: 2 × CPUs + 1 synchronous processes (gunicorn's rule of thumb: while one waits for PostgreSQL another
  computes). Sync workers, because every request is short and Django's ORM blocks; a slow client never ties up a
  worker for long, since nginx in front buffers requests and responses.
- timeout 30 s: a page request that has not answered in 30 s is stuck, and its worker is killed and replaced. Long
  work must not run in a request (a draft PDF of a large organisation still does until it moves to the worker, and
  may hit this limit).
- max_requests 1000 (± 100): each worker is replaced after that many requests, which caps the memory a process can
  keep growing (WeasyPrint and lxml hold on to memory after a render); the jitter keeps them from restarting at once.
- preload_app off: a reload (SIGHUP, `systemctl reload lis-portalen-web`) starts new workers on the new code.

Environment: WEB_BIND (address:port, default 127.0.0.1:8000: behind a reverse proxy on the same machine),
WEB_CONCURRENCY (workers), WEB_TIMEOUT (seconds), FORWARDED_ALLOW_IPS. Logs go to standard output and error (the
journal under systemd).
"""

import multiprocessing
import os

bind = [os.environ.get("WEB_BIND") or "127.0.0.1:8000"]
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
worker_class = "sync"
timeout = int(os.environ.get("WEB_TIMEOUT") or 30)
graceful_timeout = 30
max_requests = 1000
max_requests_jitter = 100
preload_app = False

# The heartbeat files of the workers in memory rather than on disk (gunicorn's advice under systemd and in
# containers, where /tmp may be slow or shared).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# No runtime control socket (gunicorn ≥ 25 opens one in the home folder by default): nothing uses it, and two
# instances on one machine (tests, several checkouts) would contend for the same path.
control_socket_disable = True

proc_name = "lis-portalen"
accesslog = "-"
errorlog = "-"
# The request time in microseconds (%(D)s) at the end, for spotting slow pages in the journal.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
# X-Forwarded-Proto/-For are believed only from the reverse proxy on this machine (gunicorn's default, spelled
# out); Django reads X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER) and X-Forwarded-For through
# TRUSTED_PROXY_COUNT.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
