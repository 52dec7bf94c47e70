"""The pages of the functionaris gegevensbescherming (``/privacy/``)."""

from django.urls import path

from . import views_logonderzoek

app_name = "privacy"

urlpatterns = [
    path("logonderzoek/", views_logonderzoek.logonderzoek, name="logonderzoek"),
    path("logonderzoek/<int:onderzoek_pk>/", views_logonderzoek.logonderzoek_resultaat, name="logonderzoek_resultaat"),
]
