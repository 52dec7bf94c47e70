from django.urls import path

from . import views, views_accounts, views_beheer

app_name = "netwerk"

urlpatterns = [
    path("", views.netwerkkaart, name="netwerkkaart"),
    path("beheer/", views_beheer.start, name="beheer"),
    path("afdrukken/", views.afdrukken, name="afdrukken"),
    path("export.csv", views.exporteren, name="exporteren"),
    path("importeren/", views.importeren, name="importeren"),
    path("inlogblokkades/", views.blokkades, name="blokkades"),
    path("inlogblokkades/opheffen/", views.blokkade_opheffen, name="blokkade_opheffen"),
    path("organisaties/<int:pk>/verbindingsofficier/", views.verbindingsofficier, name="verbindingsofficier"),
    path("organisaties/<int:pk>/contacten/", views.contacten, name="contacten"),
    path("organisaties/<int:pk>/contacten/nieuw/", views.contact_formulier, name="contact_nieuw"),
    path("organisaties/<int:pk>/contacten/<int:contact_pk>/", views.contact_formulier, name="contact_wijzigen"),
    path(
        "organisaties/<int:pk>/contacten/<int:contact_pk>/verwijderen/",
        views.contact_verwijderen,
        name="contact_verwijderen",
    ),
    path("accounts/aanvragen/", views_accounts.accountaanvragen, name="accountaanvragen"),
    path("accounts/aanvragen/<int:pk>/", views_accounts.accountaanvraag, name="accountaanvraag"),
    path("accounts/log/", views_accounts.accountlog, name="accountlog"),
    path("accounts/activeren/<str:uidb64>/<str:token>/", views_accounts.activeren, name="activeren"),
]
