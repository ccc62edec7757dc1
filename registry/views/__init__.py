"""The registers' screens. Each register is a `Register` (views/base.py); REGISTERS lists them for the URLs."""

from .assets import ASSETS
from .incidents import INCIDENTS
from .processing import PROCESSING
from .risks import RISKS

REGISTERS = [ASSETS, PROCESSING, INCIDENTS, RISKS]
