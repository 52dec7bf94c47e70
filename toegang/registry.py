"""Registry of every URL, by name, and whether it shows youth data.

A test walks the whole URL configuration and fails for a URL that is in neither list, and
runs each registered youth-data URL for unauthorised readers (anonymous, an uninvolved
organisation, an organisation still awaiting its grondslag). Add a URL here when you add
it to a ``urls.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Oppervlak:
    """A URL that shows (or acts on) youth data.

    ``soort``: ``"traject"`` — its kwargs name one traject (``pk``) and a reader without
    access gets 404; ``"lijst"`` — it lists trajecten, and an unauthorised reader sees none;
    ``"object"`` — its kwargs name one object of a traject (no ``pk``), 404 without access.
    ``extra``: further URL kwargs and the object they name (``betrokkenheid``,
    ``toestemming``, ``toewijzing``) so the test can build the URL.
    ``methode``: the HTTP method that shows or does the thing.
    ``voor``: for a page that exists for some readers only, the name of the policy question
    (in ``toegang.policy``) that says for whom; anyone else gets 404.
    """

    soort: str
    extra: tuple[str, ...] = ()
    methode: str = "get"
    voor: str = ""


JONGERENGEGEVENS: dict[str, Oppervlak] = {
    "trajecten:lijst": Oppervlak("lijst"),
    "trajecten:detail": Oppervlak("traject"),
    "trajecten:wijzigen": Oppervlak("traject"),
    "trajecten:fase": Oppervlak("traject"),
    "trajecten:afsluiten": Oppervlak("traject"),
    "trajecten:organisatie_toevoegen": Oppervlak("traject"),
    "trajecten:grondslag_vastleggen": Oppervlak("traject", extra=("betrokkenheid_pk",)),
    # GET: the confirmation, naming the part and the recipient; its POST revokes (tested in
    # tests/trajecten/test_intrekken.py).
    "trajecten:toestemming_intrekken": Oppervlak("traject", extra=("toestemming_pk",)),
    "trajecten:toewijzen": Oppervlak("traject"),
    "trajecten:toewijzing_beeindigen": Oppervlak("traject", extra=("toewijzing_pk",), methode="post"),
    "trajecten:taak_toevoegen": Oppervlak("traject"),
    "trajecten:taak_bijwerken": Oppervlak("traject", extra=("taak_pk",), methode="post"),
    # The tasks of one step of the routekaart, loaded (htmx) when the step is opened.
    "trajecten:stap_taken": Oppervlak("traject", extra=("stap",)),
    "trajecten:mijn_taken": Oppervlak("lijst"),
    "trajecten:netwerk_toevoegen": Oppervlak("traject"),
    "trajecten:netwerk_verwijderen": Oppervlak("traject", extra=("contact_pk",), methode="post"),
    "trajecten:overleg_vastleggen": Oppervlak("traject"),
    "trajecten:toekomstperspectief": Oppervlak("traject"),
    "trajecten:vertrek_bijwerken": Oppervlak("traject"),
    "signalering:meldingen": Oppervlak("lijst"),
    # The verbindingsofficier's overview: counts and names of the trajecten he sees.
    "overzicht:verbindingsofficier": Oppervlak("lijst", voor="heeft_overzicht"),
    "dossier:dossier": Oppervlak("traject"),
    "dossier:bekijk_als": Oppervlak("traject"),
    "dossier:categorie": Oppervlak("traject", extra=("categorie",)),
    "dossier:geschiedenis": Oppervlak("traject", extra=("categorie",)),
    "dossier:toestemmingen_geschiedenis": Oppervlak("traject"),
    "dossier:bewerken": Oppervlak("traject", extra=("categorie",)),
    "dossier:signaal_toevoegen": Oppervlak("traject"),
    "dossier:herkomst_bewerken": Oppervlak("traject"),
    "dossier:herkomst_opvragen": Oppervlak("traject", methode="post"),
    # The school van herkomst's requests: the students it is asked about, without their traject.
    "dossier:herkomstverzoeken": Oppervlak("lijst"),
    "dossier:herkomstverzoek": Oppervlak("object", extra=("verzoek_pk",)),
    "dossier:resultaat_toevoegen": Oppervlak("traject"),
    "dossier:resultaat_verwijderen": Oppervlak("traject", extra=("resultaat_pk",), methode="post"),
    "dossier:signaal_beeindigen": Oppervlak("traject", extra=("signaal_pk",), methode="post"),
    "dossier:toestemmingen": Oppervlak("traject"),
    "dossier:toestemming_nieuw": Oppervlak("traject"),
    "dossier:ouders_betrekken": Oppervlak("traject"),
    "inzage:overzicht": Oppervlak("traject"),
    "inzage:rechten": Oppervlak("traject"),
    "inzage:recht": Oppervlak("traject", extra=("recht_pk",)),
    "inzage:recht_brief": Oppervlak("traject", extra=("recht_pk",)),
    "inzage:verzoek": Oppervlak("traject", extra=("inzage_pk",)),
    "inzage:bestand": Oppervlak("traject", extra=("inzage_pk",)),
    "inzage:opnieuw": Oppervlak("traject", extra=("inzage_pk",), methode="post"),
    "dossier:ouders_betrekken_intrekken": Oppervlak("traject", methode="post"),
    "dossier:raadplegingen": Oppervlak("traject"),
    "dossier:jongere_raadplegingen": Oppervlak("traject"),
    "dossier:leesoverzicht_maken": Oppervlak("traject", methode="post"),
    "dossier:leesoverzicht": Oppervlak("traject", extra=("leesoverzicht_pk",)),
    "dossier:leesoverzicht_bestand": Oppervlak("traject", extra=("leesoverzicht_pk",)),
    "dossier:toestemming_bewijs": Oppervlak("traject", extra=("toestemming_pk",)),
    "overdracht:overzicht": Oppervlak("traject"),
    "overdracht:voorbeeld": Oppervlak("traject"),
    "overdracht:exporteren": Oppervlak("traject", methode="post"),
    "overdracht:status": Oppervlak("traject", extra=("overdracht_pk",)),
    "overdracht:bestand": Oppervlak("traject", extra=("overdracht_pk",)),
    "beslismodel:te_beoordelen": Oppervlak("lijst"),
    # The API for partner systems (the same policy; tested here through the session too).
    "api:trajecten": Oppervlak("lijst"),
    "api:traject": Oppervlak("traject"),
    "api:taken": Oppervlak("traject"),
    "api:taak": Oppervlak("traject", extra=("taak_pk",), methode="patch"),
    "api:dossierdeel": Oppervlak("traject", extra=("categorie",)),
    "api:toestemmingen": Oppervlak("traject"),
    "dossier:inschrijving_vastleggen": Oppervlak("traject"),
    "dossier:inschrijving_wijzigen": Oppervlak("traject", extra=("inschrijving_pk",)),
    "dossier:checkpoint_vastleggen": Oppervlak("traject"),
    "dossier:nazorg_afsluiten": Oppervlak("traject"),
    "api:schoolloopbaan_inschrijvingen": Oppervlak("traject", methode="post"),
    "api:schoolloopbaan_inschrijving": Oppervlak("traject", extra=("inschrijving_pk",), methode="patch"),
    "api:schoolloopbaan_checkpoints": Oppervlak("traject", methode="post"),
    "api:schoolloopbaan_checkpoint": Oppervlak("traject", extra=("checkpoint_pk",), methode="patch"),
    "api:intrekken": Oppervlak("object", extra=("toestemming_pk",), methode="post"),
    "api:raadplegingen": Oppervlak("traject"),
    "api:beslismodel": Oppervlak("traject"),
    "api:besluit": Oppervlak("traject", extra=("versie",), methode="post"),
    "api:overdracht_maken": Oppervlak("traject", methode="post"),
    "api:overdracht_ontvangers": Oppervlak("traject"),
    "api:overleggen": Oppervlak("traject"),  # GET here; its POST has its own matrix in tests/api
    "api:overleg_deelnemers": Oppervlak("traject"),
    "api:overdracht": Oppervlak("object", extra=("overdracht_pk",)),
    "api:overdracht_bestand": Oppervlak("object", extra=("overdracht_pk",)),
    "beslismodel:overzicht": Oppervlak("traject"),
    "beslismodel:beginnen": Oppervlak("traject", methode="post"),
    "beslismodel:versie": Oppervlak("traject", extra=("versie",)),
    "beslismodel:invullen": Oppervlak("traject", extra=("versie",)),
    "beslismodel:indienen": Oppervlak("traject", extra=("versie",)),
    "beslismodel:besluiten": Oppervlak("traject", extra=("versie",)),
    "beslismodel:bevestigen": Oppervlak("traject", extra=("versie",), methode="post"),
    "beslismodel:voor_jongere": Oppervlak("traject", extra=("versie",)),
    # The FG's search: which young people one person's readings were about.
    "privacy:logonderzoek_resultaat": Oppervlak("object", extra=("onderzoek_pk",)),
}

# URLs that show no youth data, with the reason.
ZONDER_JONGERENGEGEVENS: dict[str, str] = {
    "start": "redirects to the reader's work page",
    "login": "login form",
    "logout": "logout",
    "password_change": "changes the reader's own password (no youth data)",
    "password_change_done": "says the reader's own password was changed",
    "password_reset": "asks for a reset link by e-mail; says the same for any address",
    "password_reset_done": "says a mail is on its way if the address is known",
    "password_reset_confirm": "the page of a reset link: a new password for its one person (no youth data)",
    "password_reset_complete": "says the new password is set",
    "tweede_factor": "the step after the password: a code or a passkey (no youth data)",
    "tweede_factor_beheren": "the reader's own second factors (no youth data)",
    "tweede_factor_instellen": "enrols an authenticator app for the reader (QR code of their own secret)",
    "tweede_factor_reservecodes": "the reader's own backup codes, shown once",
    "tweede_factor_verwijderen": "removes one of the reader's own factors",
    "tweede_factor_link": "the factor link from the reader's own mail",
    "sso_begin": "single sign-on: sends to the provider (404 while single sign-on is off)",
    "sso_terug": "single sign-on: back from the provider, signs in or back to the login page",
    "beheer_inloggen": "sends the admin's login to the one login page",
    "beheer_wachtwoord_wijzigen": "sends the admin's password change to the app's own page",
    "netwerk:beheer": "the beheerder's home: links to the beheer pages with counts (no youth data)",
    "netwerk:blokkades": "sign-in lockouts of the people of the beheerder's regio (no youth data)",
    "netwerk:blokkade_opheffen": "lifts a sign-in lockout (no youth data)",
    "set_language": "language switch",
    "monitor:monitor": "the regional monitor: counts per cohort, suppressed below 5 (no youth data)",
    "bewaren:overzicht": "the regio's retention schedule and its forecast: counts only (functioneel beheerder)",
    "privacyverklaring": "the privacy statement for the young person (public; no youth data)",
    "privacyverklaring_afdruk": "the privacy statement, printable or as PDF (public; no youth data)",
    "monitor:csv": "the regional monitor's table as CSV, the same suppressed cells (no youth data)",
    "monitor:afdruk": "the regional monitor to print or as PDF, the same suppressed figures (no youth data)",
    "gezondheid": "health check: database answers, nothing else",
    "passkey_inloggen_begin": "JSON: a WebAuthn challenge for the reader's own passkeys (no youth data)",
    "passkey_inloggen_voltooien": "JSON: checks the reader's passkey, completes the second factor (no youth data)",
    "passkey_instellen_begin": "JSON: options to make a passkey for the reader's own account (no youth data)",
    "passkey_instellen_voltooien": "JSON: stores the reader's new passkey (no youth data)",
    "trajecten:starten": "form for a new youth; shows no existing youth",
    "trajecten:routekaart": "the regio's routekaart (no youth), for its functioneel beheerder",
    "trajecten:regel_invullen": "fills in a line of the regio's routekaart (no youth)",
    "signalering:alles_gelezen": "marks the reader's own notifications read; shows nothing",
    "netwerk:netwerkkaart": "the regio's partners and contacts (no youth data)",
    "netwerk:verbindingsofficier": "an organisation's verbindingsofficier and functieprofiel (no youth data)",
    "netwerk:afdrukken": "the regio's map in the layout of bijlage 5 (no youth data)",
    "netwerk:exporteren": "CSV of the regio's map, for its functioneel beheerder (no youth data)",
    "netwerk:importeren": "CSV import of the regio's map, for its functioneel beheerder (no youth data)",
    "netwerk:contacten": "an organisation's own map entries, for who keeps them (no youth data)",
    "netwerk:contact_nieuw": "adds a map entry (no youth data)",
    "netwerk:contact_wijzigen": "changes a map entry (no youth data)",
    "netwerk:contact_verwijderen": "removes a map entry (no youth data)",
    "netwerk:accountaanvragen": "account requests of the reader's organisation or regio: staff names, rol (no youth)",
    "netwerk:accountaanvraag": "one account request, approve or refuse it: staff names, rol (no youth data)",
    "netwerk:accountlog": "the account log of the reader's organisation or regio: staff and accounts (no youth)",
    "netwerk:activeren": "a new person chooses their password with the activation link (no youth data)",
    "api:schema": "the OpenAPI schema of the API (no data)",
    "api:docs": "the API's documentation page, for signed-in users and tokens (no data)",
    "api:organisaties": "the regio's organisations and their verbindingsofficier (no youth data)",
    "api:netwerkkaart": "the regio's netwerkkaart contacts (no youth data)",
    "privacy:logonderzoek": "the FG's search form and the recorded searches: staff, periods, reasons (no youth)",
    "beslismodel:sjabloon": "the regio's template of the beslismodel (no youth), for its functioneel beheerder",
    "beslismodel:sjabloon_kopieren": "makes a new version of the regio's beslismodel template (no youth)",
    "beslismodel:sjabloon_publiceren": "publishes the regio's new beslismodel template (no youth)",
    "beslismodel:sjabloon_tekst": "the name and advice heading of the template (no youth)",
    "beslismodel:sjabloon_sectie": "the words of a section of the template (no youth)",
    "beslismodel:sjabloon_item": "the words of an item of the template (no youth)",
}

# Django admin: youth models are never registered there (a test checks the registered
# models), so all its URLs are about people and organisations.
ZONDER_JONGERENGEGEVENS_NAMESPACES = frozenset({"admin"})


def url_namen(urlconf=None) -> dict[str, str]:
    """Every URL pattern of the project as ``{name: route}``; unnamed ones as ``<naamloos …>``."""
    from django.urls import URLPattern, URLResolver, get_resolver

    gevonden: dict[str, str] = {}

    def loop(patronen, namespace: str, prefix: str) -> None:
        for patroon in patronen:
            route = prefix + str(patroon.pattern)
            if isinstance(patroon, URLResolver):
                ns = patroon.namespace
                if ns and (namespace + ns) in ZONDER_JONGERENGEGEVENS_NAMESPACES:
                    continue
                loop(patroon.url_patterns, f"{namespace}{ns}:" if ns else namespace, route)
            elif isinstance(patroon, URLPattern):
                naam = f"{namespace}{patroon.name}" if patroon.name else f"<naamloos {route}>"
                gevonden[naam] = route

    loop(get_resolver(urlconf).url_patterns, "", "")
    return gevonden


def niet_geregistreerd(urlconf=None) -> set[str]:
    """URL names that are in neither list: each must be classified before it may exist."""
    return set(url_namen(urlconf)) - set(JONGERENGEGEVENS) - set(ZONDER_JONGERENGEGEVENS)
