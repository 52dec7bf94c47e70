from django.urls import path

from . import views

app_name = "beslismodel"

TRAJECT = "trajecten/<int:pk>/beslismodel/"
VERSIE = TRAJECT + "<int:versie>/"

urlpatterns = [
    path("beslismodel/te-beoordelen/", views.te_beoordelen, name="te_beoordelen"),
    path(TRAJECT, views.overzicht, name="overzicht"),
    path(TRAJECT + "nieuw/", views.beginnen, name="beginnen"),
    path(VERSIE, views.versie, name="versie"),
    path(VERSIE + "invullen/", views.invullen, name="invullen"),
    path(VERSIE + "indienen/", views.indienen, name="indienen"),
    path(VERSIE + "besluiten/", views.besluiten, name="besluiten"),
    path(VERSIE + "bevestigen/", views.bevestigen, name="bevestigen"),
    path(VERSIE + "voor-de-jongere/", views.voor_jongere, name="voor_jongere"),
]
