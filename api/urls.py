from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from .documentatie import documentatie
from .views import beslismodel, dossier, netwerk, overdracht, overleggen, schoolloopbaan, trajecten

app_name = "api"

V1 = "api/v1/"
TRAJECT = V1 + "trajecten/<int:pk>/"

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", documentatie(url_name="api:schema"), name="docs"),
    path(V1 + "trajecten/", trajecten.Trajecten.as_view(), name="trajecten"),
    path(TRAJECT, trajecten.TrajectDetail.as_view(), name="traject"),
    path(TRAJECT + "taken/", trajecten.Taken.as_view(), name="taken"),
    path(TRAJECT + "taken/<int:taak_pk>/", trajecten.Taak.as_view(), name="taak"),
    path(TRAJECT + "dossier/<str:categorie>/", dossier.Dossierdeel.as_view(), name="dossierdeel"),
    path(
        TRAJECT + "schoolloopbaan/inschrijvingen/",
        schoolloopbaan.Inschrijvingen.as_view(),
        name="schoolloopbaan_inschrijvingen",
    ),
    path(
        TRAJECT + "schoolloopbaan/inschrijvingen/<int:inschrijving_pk>/",
        schoolloopbaan.Inschrijving.as_view(),
        name="schoolloopbaan_inschrijving",
    ),
    path(
        TRAJECT + "schoolloopbaan/checkpoints/", schoolloopbaan.Checkpoints.as_view(), name="schoolloopbaan_checkpoints"
    ),
    path(
        TRAJECT + "schoolloopbaan/checkpoints/<int:checkpoint_pk>/",
        schoolloopbaan.Checkpoint.as_view(),
        name="schoolloopbaan_checkpoint",
    ),
    path(TRAJECT + "toestemmingen/", trajecten.Toestemmingen.as_view(), name="toestemmingen"),
    path(
        V1 + "toestemmingen/<int:toestemming_pk>/intrekken/",
        trajecten.ToestemmingIntrekken.as_view(),
        name="intrekken",
    ),
    path(TRAJECT + "overleggen/", overleggen.Overleggen.as_view(), name="overleggen"),
    path(TRAJECT + "overleggen/deelnemers/", overleggen.Deelnemers.as_view(), name="overleg_deelnemers"),
    path(TRAJECT + "raadplegingen/", trajecten.Raadplegingen.as_view(), name="raadplegingen"),
    path(TRAJECT + "beslismodel/", beslismodel.Beslismodel.as_view(), name="beslismodel"),
    path(TRAJECT + "beslismodel/<int:versie>/besluit/", beslismodel.Besluit.as_view(), name="besluit"),
    path(V1 + "organisaties/", netwerk.Organisaties.as_view(), name="organisaties"),
    path(V1 + "netwerkkaart/", netwerk.Netwerkkaart.as_view(), name="netwerkkaart"),
    path(TRAJECT + "overdracht/", overdracht.OverdrachtMaken.as_view(), name="overdracht_maken"),
    path(TRAJECT + "overdracht/ontvangers/", overdracht.Ontvangers.as_view(), name="overdracht_ontvangers"),
    path(V1 + "overdrachten/<int:overdracht_pk>/", overdracht.Overdracht.as_view(), name="overdracht"),
    path(
        V1 + "overdrachten/<int:overdracht_pk>/bestand/",
        overdracht.OverdrachtBestand.as_view(),
        name="overdracht_bestand",
    ),
]
