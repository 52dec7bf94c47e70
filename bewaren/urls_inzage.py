from django.urls import path

from . import views_inzage, views_rechten

app_name = "inzage"

urlpatterns = [
    path("<int:pk>/inzage/", views_inzage.overzicht, name="overzicht"),
    path("<int:pk>/inzage/<int:inzage_pk>/", views_inzage.verzoek, name="verzoek"),
    path("<int:pk>/inzage/<int:inzage_pk>/bestand/", views_inzage.bestand, name="bestand"),
    path("<int:pk>/inzage/<int:inzage_pk>/opnieuw/", views_inzage.opnieuw, name="opnieuw"),
]

urlpatterns += [
    path("<int:pk>/verbeteren-of-wissen/", views_rechten.overzicht, name="rechten"),
    path("<int:pk>/verbeteren-of-wissen/<int:recht_pk>/", views_rechten.verzoek, name="recht"),
    path("<int:pk>/verbeteren-of-wissen/<int:recht_pk>/brief/", views_rechten.brief, name="recht_brief"),
]
