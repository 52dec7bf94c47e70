from django.urls import path

from . import views

app_name = "bewaren"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
]
