from django.urls import path

from . import views

app_name = "monitor"

urlpatterns = [
    path("", views.monitor, name="monitor"),
    path("monitor.csv", views.monitor_csv, name="csv"),
    path("afdruk/", views.monitor_afdruk, name="afdruk"),
]
