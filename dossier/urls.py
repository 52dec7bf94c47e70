from django.urls import path

from . import views, views_herkomst, views_ouders, views_schoolloopbaan

app_name = "dossier"

urlpatterns = [
    path("<int:pk>/dossier/", views.dossier, name="dossier"),
    path("<int:pk>/dossier/bekijk-als/", views.bekijk_als, name="bekijk_als"),
    path("<int:pk>/dossier/resultaten/nieuw/", views.resultaat_toevoegen, name="resultaat_toevoegen"),
    path(
        "<int:pk>/dossier/resultaten/<int:resultaat_pk>/verwijderen/",
        views.resultaat_verwijderen,
        name="resultaat_verwijderen",
    ),
    path("<int:pk>/dossier/herkomst/bewerken/", views.herkomst_bewerken, name="herkomst_bewerken"),
    path("<int:pk>/dossier/herkomst/opvragen/", views_herkomst.herkomst_opvragen, name="herkomst_opvragen"),
    path("verzoeken/onderwijsinformatie/", views_herkomst.herkomstverzoeken, name="herkomstverzoeken"),
    path(
        "verzoeken/onderwijsinformatie/<int:verzoek_pk>/",
        views_herkomst.herkomstverzoek,
        name="herkomstverzoek",
    ),
    path("<int:pk>/dossier/signalen/nieuw/", views.signaal_toevoegen, name="signaal_toevoegen"),
    path(
        "<int:pk>/dossier/signalen/<int:signaal_pk>/beeindigen/",
        views.signaal_beeindigen,
        name="signaal_beeindigen",
    ),
    path(
        "<int:pk>/dossier/schoolloopbaan/inschrijving/nieuw/",
        views_schoolloopbaan.inschrijving_vastleggen,
        name="inschrijving_vastleggen",
    ),
    path(
        "<int:pk>/dossier/schoolloopbaan/inschrijving/<int:inschrijving_pk>/",
        views_schoolloopbaan.inschrijving_wijzigen,
        name="inschrijving_wijzigen",
    ),
    path(
        "<int:pk>/dossier/schoolloopbaan/checkpoint/nieuw/",
        views_schoolloopbaan.checkpoint_vastleggen,
        name="checkpoint_vastleggen",
    ),
    path("<int:pk>/dossier/nazorg-afsluiten/", views_schoolloopbaan.nazorg_afsluiten, name="nazorg_afsluiten"),
    path("<int:pk>/dossier/<slug:categorie>/", views.categorie, name="categorie"),
    path("<int:pk>/dossier/<slug:categorie>/geschiedenis/", views.geschiedenis, name="geschiedenis"),
    path("<int:pk>/dossier/<slug:categorie>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/toestemmingen/", views.toestemmingen, name="toestemmingen"),
    path("<int:pk>/toestemmingen/nieuw/", views.toestemming_nieuw, name="toestemming_nieuw"),
    path("<int:pk>/toestemmingen/ouders/", views_ouders.ouders_betrekken, name="ouders_betrekken"),
    path(
        "<int:pk>/toestemmingen/ouders/intrekken/",
        views_ouders.ouders_betrekken_intrekken,
        name="ouders_betrekken_intrekken",
    ),
    path(
        "<int:pk>/toestemmingen/geschiedenis/",
        views.toestemmingen_geschiedenis,
        name="toestemmingen_geschiedenis",
    ),
    path("<int:pk>/raadplegingen/", views.raadplegingen, name="raadplegingen"),
    path("<int:pk>/raadplegingen/voor-de-jongere/", views.jongere_raadplegingen, name="jongere_raadplegingen"),
    path("<int:pk>/raadplegingen/voor-de-jongere/pdf/", views.leesoverzicht_maken, name="leesoverzicht_maken"),
    path(
        "<int:pk>/raadplegingen/voor-de-jongere/pdf/<int:leesoverzicht_pk>/",
        views.leesoverzicht,
        name="leesoverzicht",
    ),
    path(
        "<int:pk>/raadplegingen/voor-de-jongere/pdf/<int:leesoverzicht_pk>/bestand/",
        views.leesoverzicht_bestand,
        name="leesoverzicht_bestand",
    ),
    path(
        "<int:pk>/toestemmingen/<int:toestemming_pk>/bewijs/",
        views.toestemming_bewijs,
        name="toestemming_bewijs",
    ),
]
