from django.urls import path

from . import views_inzage

app_name = "inzage"

urlpatterns = [
    path("<int:pk>/inzage/", views_inzage.overzicht, name="overzicht"),
    path("<int:pk>/inzage/<int:inzage_pk>/", views_inzage.verzoek, name="verzoek"),
    path("<int:pk>/inzage/<int:inzage_pk>/bestand/", views_inzage.bestand, name="bestand"),
    path("<int:pk>/inzage/<int:inzage_pk>/opnieuw/", views_inzage.opnieuw, name="opnieuw"),
]
