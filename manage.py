#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isms.settings")
    if len(sys.argv) > 1 and sys.argv[1] != "runserver":
        # Commands that do not serve requests need no configured SECRET_KEY (see isms/settings.py).
        os.environ.setdefault("ISMS_CLI", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
