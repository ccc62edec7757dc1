"""The registers' screens. Each register is a `Register` (views/base.py); REGISTERS lists them for the URLs."""

from .assets import ASSETS
from .audits import CONTROLS, RECOMMENDATIONS, REPORTS
from .incidents import INCIDENTS
from .indicators import INDICATORS
from .plan import ACTIONS, DOCUMENTS, FACTORS
from .processing import PROCESSING
from .risks import RISKS

REGISTERS = [
    ASSETS,
    PROCESSING,
    INCIDENTS,
    RISKS,
    REPORTS,
    RECOMMENDATIONS,
    CONTROLS,
    ACTIONS,
    DOCUMENTS,
    FACTORS,
    INDICATORS,
]
