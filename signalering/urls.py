from django.urls import path

from . import views

app_name = "signalering"

urlpatterns = [
    path("", views.meldingen, name="meldingen"),
    path("gelezen/", views.alles_gelezen, name="alles_gelezen"),
]
