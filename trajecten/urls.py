from django.urls import path

from . import views

app_name = "trajecten"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.starten, name="starten"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/fase/", views.fase_wijzigen, name="fase"),
    path("<int:pk>/afsluiten/", views.afsluiten, name="afsluiten"),
    path("<int:pk>/organisaties/toevoegen/", views.organisatie_toevoegen, name="organisatie_toevoegen"),
    path(
        "<int:pk>/organisaties/<int:betrokkenheid_pk>/grondslag/",
        views.grondslag_vastleggen,
        name="grondslag_vastleggen",
    ),
    path(
        "<int:pk>/grondslagen/<int:toestemming_pk>/intrekken/",
        views.toestemming_intrekken,
        name="toestemming_intrekken",
    ),
    path("<int:pk>/medewerkers/toewijzen/", views.medewerker_toewijzen, name="toewijzen"),
    path("<int:pk>/taken/nieuw/", views.taak_toevoegen, name="taak_toevoegen"),
    path("<int:pk>/taken/<int:taak_pk>/", views.taak_bijwerken, name="taak_bijwerken"),
    path("<int:pk>/stappen/<int:stap>/", views.stap_taken, name="stap_taken"),
    path("<int:pk>/overleggen/nieuw/", views.overleg_vastleggen, name="overleg_vastleggen"),
    path("<int:pk>/vertrek/", views.vertrek_bijwerken, name="vertrek_bijwerken"),
    path("<int:pk>/netwerk/nieuw/", views.netwerk_toevoegen, name="netwerk_toevoegen"),
    path("<int:pk>/toekomstperspectief/", views.toekomstperspectief, name="toekomstperspectief"),
    path("<int:pk>/netwerk/<int:contact_pk>/verwijderen/", views.netwerk_verwijderen, name="netwerk_verwijderen"),
    path("taken/", views.mijn_taken, name="mijn_taken"),
    path("routekaart/", views.routekaart, name="routekaart"),
    path("routekaart/regels/<int:regel_pk>/", views.regel_invullen, name="regel_invullen"),
    path(
        "<int:pk>/medewerkers/<int:toewijzing_pk>/beeindigen/",
        views.toewijzing_beeindigen,
        name="toewijzing_beeindigen",
    ),
]
