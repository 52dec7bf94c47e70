from django.urls import path

from . import views

app_name = "overdracht"

urlpatterns = [
    path("<int:pk>/overdracht/", views.overzicht, name="overzicht"),
    path("<int:pk>/overdracht/voorbeeld/", views.voorbeeld, name="voorbeeld"),
    path("<int:pk>/overdracht/nieuw/", views.exporteren, name="exporteren"),
    path("<int:pk>/overdracht/<int:overdracht_pk>/", views.status, name="status"),
    path("<int:pk>/overdracht/<int:overdracht_pk>/bestand/", views.bestand, name="bestand"),
]
