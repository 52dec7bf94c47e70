from django.urls import path

from . import views, views_sjabloon

app_name = "beslismodel"

TRAJECT = "trajecten/<int:pk>/beslismodel/"
VERSIE = TRAJECT + "<int:versie>/"

urlpatterns = [
    path("beslismodel/te-beoordelen/", views.te_beoordelen, name="te_beoordelen"),
    path("beslismodel/sjabloon/", views_sjabloon.sjabloon, name="sjabloon"),
    path("beslismodel/sjabloon/nieuwe-versie/", views_sjabloon.sjabloon_kopieren, name="sjabloon_kopieren"),
    path("beslismodel/sjabloon/publiceren/", views_sjabloon.sjabloon_publiceren, name="sjabloon_publiceren"),
    path("beslismodel/sjabloon/tekst/", views_sjabloon.sjabloon_tekst, name="sjabloon_tekst"),
    path("beslismodel/sjabloon/secties/<int:sectie_pk>/", views_sjabloon.sectie_wijzigen, name="sjabloon_sectie"),
    path("beslismodel/sjabloon/onderdelen/<int:item_pk>/", views_sjabloon.item_wijzigen, name="sjabloon_item"),
    path(TRAJECT, views.overzicht, name="overzicht"),
    path(TRAJECT + "nieuw/", views.beginnen, name="beginnen"),
    path(VERSIE, views.versie, name="versie"),
    path(VERSIE + "invullen/", views.invullen, name="invullen"),
    path(VERSIE + "indienen/", views.indienen, name="indienen"),
    path(VERSIE + "besluiten/", views.besluiten, name="besluiten"),
    path(VERSIE + "bevestigen/", views.bevestigen, name="bevestigen"),
    path(VERSIE + "voor-de-jongere/", views.voor_jongere, name="voor_jongere"),
]
