from .views import REGISTERS

app_name = "registry"
urlpatterns = [register.urls() for register in REGISTERS]
