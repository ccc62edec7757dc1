"""Filters for the server log (settings.LOGGING)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """Drop the traceback from log records of requests refused with a 4xx status, keep the line.

    Django logs a PermissionDenied (403) and a BadRequest or SuspiciousOperation (400) with the exception attached,
    so each refused request printed a full traceback that reads like a crash to an operator, while nothing failed:
    the app answered as designed. Such a record carries the response's `status_code` (django.request and the
    django.security.* loggers); records with a status of 500 or more, and records without one, pass unchanged, so a
    real error keeps its traceback. Never drops a record. Set on the handler, so that it sees the records of every
    logger below it."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
