from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from bewaren import views_privacy
from netwerk import views_passkey, views_sso, views_tweefactor

from . import views

admin.site.site_header = "jji-traject beheer"
admin.site.site_title = "jji-traject beheer"
admin.site.index_title = "Organisaties en medewerkers"
# "Website bekijken": the beheerder's home in the app (the default "/" sent them straight back here).
admin.site.site_url = reverse_lazy("netwerk:beheer")

urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.InlogView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/wijzigen/", views.WachtwoordWijzigenView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", views.WachtwoordGewijzigdView.as_view(), name="password_change_done"),
    path("wachtwoord/vergeten/", views.WachtwoordVergetenView.as_view(), name="password_reset"),
    path("wachtwoord/verstuurd/", views.WachtwoordVergetenVerstuurdView.as_view(), name="password_reset_done"),
    path("wachtwoord/nieuw/<uidb64>/<token>/", views.WachtwoordNieuwView.as_view(), name="password_reset_confirm"),
    path("wachtwoord/ingesteld/", views.WachtwoordIngesteldView.as_view(), name="password_reset_complete"),
    # Single sign-on (netwerk.sso): 404 while SSO_ISSUER is empty.
    path("inloggen/sso/", views_sso.SsoBeginView.as_view(), name="sso_begin"),
    path("inloggen/sso/terug/", views_sso.SsoTerugView.as_view(), name="sso_terug"),
    path("inloggen/tweede-factor/", views_tweefactor.controle, name="tweede_factor"),
    path("account/tweede-factor/", views_tweefactor.beheren, name="tweede_factor_beheren"),
    path("account/tweede-factor/instellen/", views_tweefactor.instellen, name="tweede_factor_instellen"),
    path("account/tweede-factor/reservecodes/", views_tweefactor.reservecodes, name="tweede_factor_reservecodes"),
    path(
        "account/tweede-factor/verwijderen/<path:persistent_id>",
        views_tweefactor.verwijderen,
        name="tweede_factor_verwijderen",
    ),
    path("account/tweede-factor/link/<uidb64>/<token>/", views_tweefactor.factorlink, name="tweede_factor_link"),
    # A passkey (WebAuthn): this app's wrappers of django-otp-webauthn's views (not its own URLs).
    path("inloggen/passkey/begin/", views_passkey.InloggenBeginnen.as_view(), name="passkey_inloggen_begin"),
    path("inloggen/passkey/voltooien/", views_passkey.InloggenVoltooien.as_view(), name="passkey_inloggen_voltooien"),
    path("account/passkey/begin/", views_passkey.InstellenBeginnen.as_view(), name="passkey_instellen_begin"),
    path("account/passkey/voltooien/", views_passkey.InstellenVoltooien.as_view(), name="passkey_instellen_voltooien"),
    path("taal/", include("django.conf.urls.i18n")),
    path("trajecten/", include("trajecten.urls")),
    path("trajecten/", include("dossier.urls")),
    path("trajecten/", include("overdracht.urls")),
    path("trajecten/", include("bewaren.urls_inzage")),
    path("", include("beslismodel.urls")),
    path("meldingen/", include("signalering.urls")),
    path("overzicht/", include("signalering.urls_overzicht")),
    path("monitor/", include("monitor.urls")),
    path("bewaartermijnen/", include("bewaren.urls")),
    path("privacyverklaring/", views_privacy.privacyverklaring, name="privacyverklaring"),
    path("privacyverklaring/<str:taal>/", views_privacy.privacyverklaring, name="privacyverklaring"),
    path(
        "privacyverklaring/<str:taal>/afdruk/",
        views_privacy.privacyverklaring_afdruk,
        name="privacyverklaring_afdruk",
    ),
    path("netwerk/", include("netwerk.urls")),
    path("privacy/", include("dossier.urls_privacy")),
    # Before the admin's own: one login page, and one page for one's own password.
    path("beheer/login/", views.beheer_inloggen, name="beheer_inloggen"),
    path(
        "beheer/password_change/",
        RedirectView.as_view(pattern_name="password_change"),
        name="beheer_wachtwoord_wijzigen",
    ),
    path("beheer/", admin.site.urls),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("", include("api.urls")),
]

handler404 = "jji_traject.views.niet_gevonden"
handler500 = "jji_traject.views.serverfout"
