"""The static files app with the project's ignore patterns: `collectstatic` gathers only the Bootstrap files the
templates use (bootstrap.min.css and bootstrap.bundle.min.js, with the source maps they name), not the forty other
builds in node_modules/bootstrap/dist; compressing those for WhiteNoise took most of a minute on every deployment."""

from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig

# Matched against each file's name (and its path below node_modules/bootstrap/dist); no file of the project's own
# is named like these.
UNUSED_BOOTSTRAP = [
    "bootstrap-grid*",
    "bootstrap-reboot*",
    "bootstrap-utilities*",
    "bootstrap.rtl*",
    "bootstrap.css*",
    "bootstrap.esm*",
    "bootstrap.js*",
    "bootstrap.min.js*",
    "bootstrap.bundle.js*",
]


class StaticFilesConfig(DjangoStaticFilesConfig):
    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, *UNUSED_BOOTSTRAP]
