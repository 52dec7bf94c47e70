from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views
from .documentatie import documentatie

app_name = "api"

V1 = "api/v1/"
TRAJECT = V1 + "trajecten/<int:pk>/"

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", documentatie(url_name="api:schema"), name="docs"),
    path(V1 + "trajecten/", views.Trajecten.as_view(), name="trajecten"),
    path(TRAJECT, views.TrajectDetail.as_view(), name="traject"),
    path(TRAJECT + "taken/", views.Taken.as_view(), name="taken"),
    path(TRAJECT + "taken/<int:taak_pk>/", views.Taak.as_view(), name="taak"),
    path(TRAJECT + "dossier/<str:categorie>/", views.Dossierdeel.as_view(), name="dossierdeel"),
    path(TRAJECT + "toestemmingen/", views.Toestemmingen.as_view(), name="toestemmingen"),
    path(V1 + "toestemmingen/<int:toestemming_pk>/intrekken/", views.ToestemmingIntrekken.as_view(), name="intrekken"),
    path(TRAJECT + "raadplegingen/", views.Raadplegingen.as_view(), name="raadplegingen"),
    path(TRAJECT + "beslismodel/", views.Beslismodel.as_view(), name="beslismodel"),
    path(TRAJECT + "beslismodel/<int:versie>/besluit/", views.Besluit.as_view(), name="besluit"),
    path(V1 + "organisaties/", views.Organisaties.as_view(), name="organisaties"),
    path(V1 + "netwerkkaart/", views.Netwerkkaart.as_view(), name="netwerkkaart"),
    path(TRAJECT + "overdracht/", views.OverdrachtMaken.as_view(), name="overdracht_maken"),
    path(V1 + "overdrachten/<int:overdracht_pk>/", views.Overdracht.as_view(), name="overdracht"),
    path(
        V1 + "overdrachten/<int:overdracht_pk>/bestand/", views.OverdrachtBestand.as_view(), name="overdracht_bestand"
    ),
]
