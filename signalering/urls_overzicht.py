from django.urls import path

from . import views

app_name = "overzicht"

urlpatterns = [
    path("", views.overzicht, name="verbindingsofficier"),
]
