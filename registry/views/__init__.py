"""The registers' screens. Each register is a `Register` (views/base.py); REGISTERS lists them for the URLs."""

from .assets import ASSETS
from .audits import CONTROLS, RECOMMENDATIONS, REPORTS
from .plan import ACTIONS, DOCUMENTS, FACTORS

REGISTERS = [ASSETS, REPORTS, RECOMMENDATIONS, CONTROLS, ACTIONS, DOCUMENTS, FACTORS]
