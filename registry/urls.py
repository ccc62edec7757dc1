from .spreadsheets.views import urlpatterns as export_urlpatterns
from .views import REGISTERS

app_name = "registry"
urlpatterns = [register.urls() for register in REGISTERS] + export_urlpatterns
