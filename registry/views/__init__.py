"""The registers' screens. Each register is a `Register` (views/base.py); REGISTERS lists them for the URLs."""

from .assets import ASSETS
from .incidents import INCIDENTS
from .indicators import INDICATORS
from .processing import PROCESSING
from .risks import RISKS

REGISTERS = [ASSETS, PROCESSING, INCIDENTS, RISKS, INDICATORS]
