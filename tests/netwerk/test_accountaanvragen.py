"""Four eyes on accounts (issue 15, item 1): the beheerder alone cannot make or move an
account into youth data — not through the service, the beheer pages or the API; a requested
account signs in nowhere and sees nothing until a second person of the organisation (else a
second beheerder of the regio) approves it; the requester and outsiders are refused, and
logged; notifications go out; everything is in the account log, for the right readers only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from knox.models import AuthToken

from netwerk import services as netwerk_services
from netwerk.constants import AanvraagSoort, AanvraagStatus, GebeurtenisSoort, Rol
from netwerk.models import Accountaanvraag, Accountgebeurtenis, Medewerker, Organisatie, Regio
from netwerk.services import accounts
from signalering.models import Melding, MeldingSoort
from signalering.services import MAILREGELS
from toegang import policy

from ..accounts import goedkeuren, huidige_gegevens, tweede_beheerder, wijzigen
from ..lezers import zichtbaar_vers

pytestmark = pytest.mark.django_db

User = get_user_model()
ROC = "ROC Lindewaard"
INTAKER = {
    "gebruikersnaam": "intaker-twee",
    "voornaam": "Sara",
    "achternaam": "Bos",
    "email": "intaker-twee@example.org",
    "rol": Rol.INTAKER,
    "functietitel": "Intaker",
}


def _org(naam):
    return Organisatie.objects.get(naam=naam)


def _aanvraag(demo, organisatie=ROC, **gegevens):
    return accounts.accountaanvraag_indienen(
        actor=demo.beheerder, organisatie=_org(organisatie), **{**INTAKER, **gegevens}
    )


def _soorten(**filter_):
    return list(Accountgebeurtenis.objects.filter(**filter_).order_by("tijdstip", "pk").values_list("soort", flat=True))


# --- The beheerder alone cannot ------------------------------------------------------------


def test_the_service_refuses_the_beheerder_a_new_account_or_a_move_into_youth_data(demo):
    with pytest.raises(ValidationError, match="tweede persoon"):
        netwerk_services.medewerker_opslaan(actor=demo.beheerder, organisatie=_org(ROC), **INTAKER)
    assert not User.objects.filter(username="intaker-twee").exists()
    andere = demo.mbo_intake_other.medewerker
    for wijziging in (
        {"organisatie": _org(ROC), "rol": Rol.ZORGCOORDINATOR},  # another organisation and rol
        {"rol": Rol.INTAKER, "organisatie": andere.organisatie, "email": "kaper@example.org"},  # hand-over by mail
    ):
        with pytest.raises(ValidationError, match="tweede persoon"):
            netwerk_services.medewerker_opslaan(
                actor=demo.beheerder, medewerker=andere, **{**huidige_gegevens(andere), **wijziging}
            )
    andere.refresh_from_db()
    assert andere.organisatie.naam == "Techniekcollege Noordpolder" and andere.user.email.endswith("example.org")
    # Nor a beheerder account (it would approve the next request), nor a password for anyone.
    with pytest.raises(ValidationError, match="tweede persoon"):
        netwerk_services.medewerker_opslaan(
            actor=demo.beheerder, organisatie=_org(ROC), **{**INTAKER, "rol": Rol.BEHEERDER}
        )
    with pytest.raises(ValidationError, match="Niemand stelt het wachtwoord"):
        netwerk_services.medewerker_opslaan(
            actor=demo.beheerder, organisatie=_org(ROC), wachtwoord="een-lang-wachtwoord-2026", **INTAKER
        )


def test_reactivation_waits_for_approval_but_switching_off_is_immediate(demo):
    intake = demo.mbo_intake.medewerker
    user = wijzigen(demo, intake, actief=False)  # closing needs nobody else
    assert not user.is_active and zichtbaar_vers(user) == set()
    aanvraag = accounts.medewerker_bijwerken(
        actor=demo.beheerder, medewerker=intake, **huidige_gegevens(intake), actief=True
    )
    assert aanvraag.soort == AanvraagSoort.WIJZIGING and aanvraag.was_actief is False
    assert not User.objects.get(pk=user.pk).is_active
    goedkeuren(aanvraag, demo.verbindingsofficier)
    user = User.objects.get(pk=user.pk)
    # On again, with a fresh activation link: the old password does not come back.
    assert user.is_active and not user.has_usable_password()


def test_the_beheer_page_turns_a_change_of_rol_or_email_into_a_request(client, demo):
    client.force_login(demo.beheerder)
    intake = demo.mbo_intake.medewerker
    response = client.post(
        reverse("admin:netwerk_medewerker_change", args=[intake.pk]),
        {
            "gebruikersnaam": "mbo-intake",
            "voornaam": "Linda",
            "achternaam": "Vermeulen-de Boer",  # a name needs nobody else
            "email": "ander-adres@example.org",
            "actief": "on",
            "organisatie": intake.organisatie_id,
            "rol": Rol.ZORGCOORDINATOR,
            "functietitel": "Intaker",
        },
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.user.last_name == "Vermeulen-de Boer"
    assert intake.rol == Rol.INTAKER and intake.user.email == "mbo-intake@example.org"
    aanvraag = Accountaanvraag.objects.get(medewerker=intake, status=AanvraagStatus.AANGEVRAAGD)
    assert {str(wat) for wat, _oud, _nieuw in aanvraag.wijzigingen()} == {"rol", "e-mailadres"}
    # One open request per person: a second change waits until the first is decided.
    response = client.post(
        reverse("admin:netwerk_medewerker_change", args=[intake.pk]),
        {
            "gebruikersnaam": "mbo-intake",
            "voornaam": "Linda",
            "achternaam": "Vermeulen-de Boer",
            "email": "nog-een-adres@example.org",
            "actief": "on",
            "organisatie": intake.organisatie_id,
            "rol": Rol.INTAKER,
        },
    )
    assert response.status_code == 200 and "wacht al een aanvraag" in response.content.decode()


def test_the_api_makes_no_accounts_and_gives_no_token_before_approval(client, demo):
    client.force_login(demo.beheerder)
    for naam in ("api:organisaties", "api:netwerkkaart"):
        response = client.post(reverse(naam), {"gebruikersnaam": "koppeling", "rol": Rol.SYSTEEM}, format="json")
        assert response.status_code in (403, 405)
    assert not User.objects.filter(username="koppeling").exists()
    aanvraag = _aanvraag(demo, gebruikersnaam="roc-koppeling", rol=Rol.SYSTEEM, functietitel="Koppeling")
    assert aanvraag.soort == AanvraagSoort.SYSTEEMACCOUNT
    with pytest.raises(CommandError, match="wacht nog op goedkeuring"):
        call_command("create_api_token", "roc-koppeling")
    assert not AuthToken.objects.filter(user__username="roc-koppeling").exists()
    goedkeuren(aanvraag, demo.verbindingsofficier)
    call_command("create_api_token", "roc-koppeling", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))  # noqa: SIM115
    assert AuthToken.objects.filter(user__username="roc-koppeling").count() == 1


# --- Until approval: nothing ---------------------------------------------------------------


def test_a_requested_account_cannot_sign_in_and_sees_nothing(client, demo):
    aanvraag = _aanvraag(demo)
    response = client.post(reverse("login"), {"username": "intaker-twee", "password": "wat-dan-ook-2026"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert not User.objects.filter(username="intaker-twee").exists()
    assert not Medewerker.objects.filter(user__username="intaker-twee").exists()
    # Approved but not activated: still no password anyone knows.
    goedkeuren(aanvraag, demo.verbindingsofficier)
    user = User.objects.get(username="intaker-twee")
    assert not user.has_usable_password()
    antwoord = client.post(reverse("login"), {"username": "intaker-twee", "password": ""})
    assert antwoord.status_code == 200 and "_auth_user_id" not in client.session


def test_a_move_into_youth_data_opens_nothing_before_approval(demo):
    andere = demo.mbo_intake_other.medewerker
    assert zichtbaar_vers(andere.user) == set()
    aanvraag = accounts.accountaanvraag_indienen(
        actor=demo.beheerder,
        medewerker=andere,
        **{**huidige_gegevens(andere), "organisatie": _org(ROC), "rol": Rol.ZORGCOORDINATOR},
    )
    andere.refresh_from_db()
    assert andere.organisatie.naam == "Techniekcollege Noordpolder" and andere.rol == Rol.INTAKER
    assert not andere.user.groups.filter(name__startswith=f"org:{_org(ROC).pk}:").exists()
    assert zichtbaar_vers(andere.user) == set()
    goedkeuren(aanvraag, demo.verbindingsofficier)
    assert zichtbaar_vers(andere.user) == {"Noah", "Liam", "Daan", "Finn"}


# --- Who approves --------------------------------------------------------------------------


def test_the_requester_never_approves_and_the_refusal_is_logged(client, demo):
    aanvraag = _aanvraag(demo, organisatie="Vakcollege Oostmeer")  # no VO or zorgcoördinator there
    assert list(policy.beoordelaars(aanvraag)) == []  # the requester is the regio's only beheerder
    with pytest.raises(accounts.BeoordelingGeweigerd, match="eigen aanvraag"):
        accounts.accountaanvraag_goedkeuren(actor=demo.beheerder, aanvraag=aanvraag)
    client.force_login(demo.beheerder)
    response = client.post(reverse("netwerk:accountaanvraag", args=[aanvraag.pk]), {"actie": "goedkeuren"}, follow=True)
    assert "Je beoordeelt je eigen aanvraag niet" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.is_open and not User.objects.filter(username="intaker-twee").exists()
    assert _soorten(aanvraag=aanvraag).count(GebeurtenisSoort.BEOORDELING_GEWEIGERD) == 2
    # Also the database says no.
    aanvraag.status, aanvraag.besloten_door, aanvraag.besloten_op = (
        AanvraagStatus.GOEDGEKEURD,
        demo.beheerder,
        aanvraag.aangevraagd_op,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        aanvraag.save()


def test_someone_outside_the_organisation_cannot_approve(client, demo):
    aanvraag = _aanvraag(demo)  # for ROC Lindewaard: its verbindingsofficier decides
    # The JJI-school's verbindingsofficier is outside: the request does not exist for them.
    client.force_login(demo.coordinator)
    assert client.get(reverse("netwerk:accountaanvraag", args=[aanvraag.pk])).status_code == 404
    response = client.post(reverse("netwerk:accountaanvraag", args=[aanvraag.pk]), {"actie": "goedkeuren"})
    assert response.status_code == 404
    # An intaker of ROC itself is no approver either.
    with pytest.raises(accounts.BeoordelingGeweigerd, match="verbindingsofficier of een zorgcoördinator van ROC"):
        accounts.accountaanvraag_goedkeuren(actor=demo.mbo_intake, aanvraag=aanvraag)
    # A second beheerder does not approve where the organisation has its own people to.
    tweede = tweede_beheerder()
    with pytest.raises(accounts.BeoordelingGeweigerd):
        accounts.accountaanvraag_afwijzen(actor=tweede.user, aanvraag=aanvraag, reden="nee")
    aanvraag.refresh_from_db()
    assert aanvraag.is_open
    geweigerd = Accountgebeurtenis.objects.filter(aanvraag=aanvraag, soort=GebeurtenisSoort.BEOORDELING_GEWEIGERD)
    assert {g.actor.username for g in geweigerd} == {"coordinator", "mbo-intake", tweede.user.username}


def test_the_person_a_request_is_about_does_not_approve_it(demo):
    vo = demo.verbindingsofficier.medewerker
    aanvraag = accounts.accountaanvraag_indienen(
        actor=demo.beheerder, medewerker=vo, **{**huidige_gegevens(vo), "email": "marco.nieuw@example.org"}
    )
    assert demo.verbindingsofficier not in policy.beoordelaars(aanvraag)
    with pytest.raises(accounts.BeoordelingGeweigerd, match="over jezelf"):
        accounts.accountaanvraag_goedkeuren(actor=demo.verbindingsofficier, aanvraag=aanvraag)


def test_a_second_beheerder_approves_for_an_organisation_without_vo_or_zorgcoordinator(client, demo):
    aanvraag = _aanvraag(demo, organisatie="Vakcollege Oostmeer")
    tweede = tweede_beheerder()
    # ROC's verbindingsofficier is only Oostmeer's contact point on the map: no approver.
    assert list(policy.beoordelaars(aanvraag)) == [tweede.user]
    client.force_login(tweede.user)
    assert aanvraag.naam in client.get(reverse("netwerk:accountaanvragen")).content.decode()
    response = client.post(reverse("netwerk:accountaanvraag", args=[aanvraag.pk]), {"actie": "goedkeuren"}, follow=True)
    assert "Goedgekeurd" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.GOEDGEKEURD and aanvraag.besloten_door == tweede.user
    assert aanvraag.medewerker.organisatie.naam == "Vakcollege Oostmeer"


def test_refusing_needs_a_reason_and_changes_nothing(client, demo):
    aanvraag = _aanvraag(demo)
    client.force_login(demo.verbindingsofficier)
    response = client.post(
        reverse("netwerk:accountaanvraag", args=[aanvraag.pk]), {"actie": "afwijzen", "reden": " "}, follow=True
    )
    assert "Geef de reden" in response.content.decode()
    client.post(
        reverse("netwerk:accountaanvraag", args=[aanvraag.pk]),
        {"actie": "afwijzen", "reden": "Onbekend bij ons."},
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.AFGEWEZEN and aanvraag.reden == "Onbekend bij ons."
    assert not User.objects.filter(username="intaker-twee").exists()
    with pytest.raises(ValidationError, match="al besloten"):
        accounts.accountaanvraag_goedkeuren(actor=demo.verbindingsofficier, aanvraag=aanvraag)


def test_an_open_request_lapses_after_thirty_days(demo):
    import datetime as dt

    from django.utils import timezone

    aanvraag = _aanvraag(demo)
    open_ = Accountaanvraag.objects.filter(status=AanvraagStatus.AANGEVRAAGD).count()  # the demo's one too
    assert accounts.accountaanvragen_laten_vervallen(timezone.now() + dt.timedelta(days=29)) == 0
    assert accounts.accountaanvragen_laten_vervallen(timezone.now() + dt.timedelta(days=31)) == open_
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.VERVALLEN
    with pytest.raises(ValidationError, match="al besloten"):
        accounts.accountaanvraag_goedkeuren(actor=demo.verbindingsofficier, aanvraag=aanvraag)


# --- Notifications, history and the log ----------------------------------------------------


def test_approvers_and_the_verbindingsofficier_are_notified(demo, mailoutbox, django_capture_on_commit_callbacks):
    zorg = netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="roc-zorg",
        voornaam="Eva",
        achternaam="Zorg",
        email="roc-zorg@example.org",
        organisatie=_org(ROC),
        rol=Rol.ZORGCOORDINATOR,
    )
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = _aanvraag(demo)
    gemeld = Melding.objects.filter(accountaanvraag=aanvraag, soort=MeldingSoort.ACCOUNTAANVRAAG)
    assert {m.ontvanger.username for m in gemeld} == {"verbindingsofficier", "roc-zorg"}
    assert {m.to[0] for m in mailoutbox} >= {"verbindingsofficier@example.org", "roc-zorg@example.org"}
    regel = str(MAILREGELS[MeldingSoort.ACCOUNTAANVRAAG])
    assert all(regel in m.body and "Sara" not in m.body for m in mailoutbox)  # neutral: no names
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        goedkeuren(aanvraag, zorg.user)  # the zorgcoördinator approves: the verbindingsofficier hears
    assert Melding.objects.filter(ontvanger=demo.verbindingsofficier, soort=MeldingSoort.ACCOUNT_GEWIJZIGD).exists()
    assert not Melding.objects.filter(ontvanger=zorg.user, soort=MeldingSoort.ACCOUNT_GEWIJZIGD).exists()
    onderwerpen = {m.to[0]: m.subject for m in mailoutbox}
    assert onderwerpen["intaker-twee@example.org"] == "Kies je wachtwoord"
    assert "verbindingsofficier@example.org" in onderwerpen


def test_a_move_out_is_told_to_the_old_organisations_verbindingsofficier(demo):
    # mbo-intake moves to the JJI-school as docent; its verbindingsofficier (coordinator) approves.
    wijzigen(demo, demo.mbo_intake.medewerker, organisatie=_org("Duinzichtcollege (JJI-school)"), rol=Rol.DOCENT)
    melding = Melding.objects.get(ontvanger=demo.verbindingsofficier, soort=MeldingSoort.ACCOUNT_GEWIJZIGD)
    assert melding.organisatie.naam == ROC


def test_every_step_is_in_the_history_and_the_account_log(demo):
    aanvraag = _aanvraag(demo)
    goedkeuren(aanvraag, demo.verbindingsofficier)
    historie = list(aanvraag.history.order_by("history_date").values_list("status", flat=True))
    assert historie[0] == AanvraagStatus.AANGEVRAAGD and AanvraagStatus.GOEDGEKEURD in historie
    profiel = Medewerker.objects.get(user__username="intaker-twee")
    assert profiel.history.count() == 1
    assert _soorten(aanvraag=aanvraag) == [
        GebeurtenisSoort.AANGEVRAAGD,
        GebeurtenisSoort.GOEDGEKEURD,
        GebeurtenisSoort.AANGEMAAKT,
    ]
    assert _soorten(medewerker=profiel)[-1] == GebeurtenisSoort.LINK_VERSTUURD


def test_the_account_log_is_append_only(demo):
    aanvraag = _aanvraag(demo)
    with pytest.raises(TypeError):
        Accountgebeurtenis.objects.filter(aanvraag=aanvraag).update(omschrijving="weg")
    with pytest.raises(TypeError):
        Accountgebeurtenis.objects.filter(aanvraag=aanvraag).delete()
    with pytest.raises(Exception, match="alleen aan te vullen"), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE netwerk_accountgebeurtenis SET omschrijving = 'weg'")


def test_the_account_log_shows_each_reader_their_own_organisation_or_regio(client, demo):
    roc = _aanvraag(demo)
    school = _aanvraag(demo, organisatie="Duinzichtcollege (JJI-school)", gebruikersnaam="docent-twee", rol=Rol.DOCENT)
    elders = Regio.objects.create(naam="Regio Elders")
    verre = Organisatie.objects.create(naam="Verre JJI", soort="jji", regio=elders)
    verre_beheerder = netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="beheerder-elders",
        voornaam="Erik",
        achternaam="Elders",
        email="elders@example.org",
        organisatie=verre,
        rol=Rol.BEHEERDER,
    )
    url = reverse("netwerk:accountlog")

    def tekst(user):
        client.force_login(user)
        response = client.get(url)
        return response.status_code, response.content.decode()

    status, beheerder = tekst(demo.beheerder)
    assert status == 200 and "intaker-twee" in beheerder and "docent-twee" in beheerder
    status, vo = tekst(demo.verbindingsofficier)
    assert status == 200 and "intaker-twee" in vo and "docent-twee" not in vo
    status, coordinator = tekst(demo.coordinator)  # the JJI-school's verbindingsofficier
    assert status == 200 and "docent-twee" in coordinator and "intaker-twee" not in coordinator
    status, ver = tekst(verre_beheerder.user)
    assert status == 200 and "intaker-twee" not in ver and "docent-twee" not in ver
    for lezer in (demo.mbo_intake, demo.jji_school, demo.itb):
        assert tekst(lezer)[0] == 404
    # No youth data: the log names people of organisations, never a young person.
    for naam in ("Verbeek", "Noah"):
        assert naam not in beheerder
    # The requests: for their readers, 404 for others.
    client.force_login(demo.mbo_intake)
    assert client.get(reverse("netwerk:accountaanvragen")).status_code == 404
    assert client.get(reverse("netwerk:accountaanvraag", args=[roc.pk])).status_code == 404
    client.force_login(demo.verbindingsofficier)
    assert client.get(reverse("netwerk:accountaanvraag", args=[school.pk])).status_code == 404
    pagina = client.get(reverse("netwerk:accountaanvraag", args=[roc.pk])).content.decode()
    assert "Goedkeuren" in pagina and "Afwijzen" in pagina


def test_the_account_log_is_paginated(client, demo):
    for i in range(55):
        _aanvraag(demo, gebruikersnaam=f"veel-{i}", email=f"veel-{i}@example.org")
    client.force_login(demo.beheerder)
    eerste = client.get(reverse("netwerk:accountlog"))
    assert eerste.context["pagina"].paginator.num_pages >= 2 and "Volgende" in eerste.content.decode()


def test_the_header_links_the_requests_for_those_who_decide(client, demo):
    client.force_login(demo.verbindingsofficier)
    tekst = client.get(reverse("trajecten:lijst")).content.decode()
    assert reverse("netwerk:accountaanvragen") in tekst  # the demo's waiting request
    client.force_login(demo.jji_school)
    assert reverse("netwerk:accountaanvragen") not in client.get(reverse("trajecten:lijst")).content.decode()


# --- Break-glass -----------------------------------------------------------------------------


def test_a_superuser_saves_at_once_and_it_is_logged_as_break_glass(client, demo):
    root = User.objects.create_superuser("root", "root@example.org", "een-lang-root-wachtwoord-2026")
    client.force_login(root)
    response = client.post(
        reverse("admin:netwerk_medewerker_add"),
        {
            **{k: v for k, v in INTAKER.items()},
            "organisatie": _org(ROC).pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profiel = Medewerker.objects.get(user__username="intaker-twee")
    assert not profiel.user.has_usable_password()
    assert GebeurtenisSoort.NOODTOEGANG in _soorten(medewerker=profiel)
    # Django's own user admin: a superuser's only, logged as break-glass too.
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "noodaccount",
            "password1": "een-lang-nood-wachtwoord-2026",
            "password2": "een-lang-nood-wachtwoord-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Accountgebeurtenis.objects.filter(
        soort=GebeurtenisSoort.NOODTOEGANG, omschrijving__contains="noodaccount"
    ).exists()
    client.force_login(demo.beheerder)
    assert client.get(reverse("admin:auth_user_add")).status_code == 403


def test_noodtoegang_makes_a_superuser_with_a_reason_on_record(client, demo, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "een-lang-nood-wachtwoord-2026")
    with pytest.raises(CommandError):
        call_command("noodtoegang", "--noinput", "--username", "nood", "--email", "nood@example.org", "--reden", " ")
    call_command(
        "noodtoegang",
        "--noinput",
        "--username",
        "nood",
        "--email",
        "nood@example.org",
        "--reden",
        "Eerste beheerder van een nieuwe regio",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert User.objects.get(username="nood").is_superuser
    regel = Accountgebeurtenis.objects.get(soort=GebeurtenisSoort.NOODTOEGANG, omschrijving__contains="nood ")
    assert "Eerste beheerder van een nieuwe regio" in regel.omschrijving
    client.force_login(demo.beheerder)  # every beheerder sees that break-glass was used
    assert "Eerste beheerder van een nieuwe regio" in client.get(reverse("netwerk:accountlog")).content.decode()
    client.force_login(demo.verbindingsofficier)
    assert "Eerste beheerder van een nieuwe regio" not in client.get(reverse("netwerk:accountlog")).content.decode()
