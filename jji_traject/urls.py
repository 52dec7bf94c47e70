from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "jji-traject beheer"
admin.site.site_title = "jji-traject beheer"
admin.site.index_title = "Organisaties en medewerkers"

urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.InlogView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", include("django.conf.urls.i18n")),
    path("trajecten/", include("trajecten.urls")),
    path("trajecten/", include("dossier.urls")),
    path("trajecten/", include("overdracht.urls")),
    path("", include("beslismodel.urls")),
    path("meldingen/", include("signalering.urls")),
    path("netwerk/", include("netwerk.urls")),
    path("beheer/", admin.site.urls),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("", include("api.urls")),
]

handler404 = "jji_traject.views.niet_gevonden"
handler500 = "jji_traject.views.serverfout"
