from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisatieSoort(models.TextChoices):
    JJI = "jji", _("JJI")
    JJI_SCHOOL = "jji_school", _("JJI-school")
    MBO = "mbo", _("mbo-instelling")
    GEMEENTE = "gemeente", _("gemeente")
    JEUGDRECLASSERING = "jeugdreclassering", _("jeugdreclassering")
    RECLASSERING = "reclassering", _("reclassering")
    RVDK = "rvdk", _("Raad voor de Kinderbescherming")
    LEERPLICHT_RMC = "leerplicht_rmc", _("leerplicht/RMC")
    SOCIAAL_WIJKTEAM = "sociaal_wijkteam", _("sociaal wijkteam")
    ZORG_VEILIGHEIDSHUIS = "zorg_veiligheidshuis", _("Zorg- en Veiligheidshuis")
    JONGERENWERK = "jongerenwerk", _("jongerenwerk")
    SPORTVERENIGING = "sportvereniging", _("sportvereniging")
    POLITIE = "politie", _("politie")
    # The regio's partnership (issue 19): its regiocoördinator reads the regional monitor,
    # aggregates only, and sees no youth data.
    SAMENWERKINGSVERBAND = "samenwerkingsverband", _("samenwerkingsverband van de regio")
    # The national level: the monitor across regios, aggregates only.
    LANDELIJK = "landelijk", _("landelijke organisatie")
    ANDERE = "andere", _("andere organisatie")


class Rol(models.TextChoices):
    DOCENT = "docent", _("docent/trajectbegeleider")
    ZORGCOORDINATOR = "zorgcoordinator", _("zorgcoördinator")
    ITB = "itb", _("ITB'er")
    INTAKER = "intaker", _("intaker")
    VEILIGHEIDSCOORDINATOR = "veiligheidscoordinator", _("veiligheidscoördinator")
    # The nazorg partners after release (bijlage 4, steps 8–10): the gemeente, with the
    # regie over nazorg where the regio's routekaart says so; (jeugd)reclassering; and
    # leerplicht/RMC, an organisation of its own with its own grondslagen.
    NAZORGCOORDINATOR = "nazorgcoordinator", _("nazorgcoördinator")
    CASEMANAGER_NAZORG = "casemanager_nazorg", _("casemanager nazorg")
    JEUGDRECLASSEERDER = "jeugdreclasseerder", _("jeugdreclasseerder")
    RECLASSERINGSWERKER = "reclasseringswerker", _("reclasseringswerker")
    COORDINATOR_LEERPLICHT = "coordinator_leerplicht", _("coördinator leerplicht/RMC")
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", _("leerplichtambtenaar")
    RMC_CONSULENT = "rmc_consulent", _("RMC-consulent")
    # The regional monitor (issue 19): figures only, never a traject or a young person.
    REGIOCOORDINATOR = "regiocoordinator", _("regiocoördinator")
    LANDELIJK = "landelijk", _("landelijke monitor")
    BEHEERDER = "beheerder", _("functioneel beheerder")
    # The organisation's data protection officer: reads the raadplegingen log of the
    # organisation's people (who read what, when), never a dossier part or a traject.
    FG = "fg", _("functionaris gegevensbescherming")
    # A named account through which a partner system of the organisation reads the API.
    SYSTEEM = "systeem", _("systeemaccount (koppeling met een ander systeem)")


# Which rol fits which soort organisatie. A rol outside this table is refused when a
# person is saved: an intaker works at an mbo, an ITB'er at a JJI.
ALLEEN_BEHEERDER = frozenset({Rol.BEHEERDER, Rol.FG, Rol.SYSTEEM})
# Jeugdreclassering and (adult) reclassering both work with young people up to 23.
RECLASSERING_ROLLEN = frozenset({Rol.JEUGDRECLASSEERDER, Rol.RECLASSERINGSWERKER})
ROLLEN_PER_SOORT: dict[str, frozenset[str]] = {
    OrganisatieSoort.JJI: frozenset({Rol.ITB, Rol.BEHEERDER, Rol.FG, Rol.SYSTEEM}),
    OrganisatieSoort.JJI_SCHOOL: frozenset({Rol.DOCENT, Rol.ZORGCOORDINATOR, Rol.BEHEERDER, Rol.FG, Rol.SYSTEEM}),
    OrganisatieSoort.MBO: frozenset(
        {Rol.ZORGCOORDINATOR, Rol.INTAKER, Rol.VEILIGHEIDSCOORDINATOR, Rol.BEHEERDER, Rol.FG, Rol.SYSTEEM}
    ),
    OrganisatieSoort.GEMEENTE: frozenset({Rol.NAZORGCOORDINATOR, Rol.CASEMANAGER_NAZORG}) | ALLEEN_BEHEERDER,
    OrganisatieSoort.JEUGDRECLASSERING: RECLASSERING_ROLLEN | ALLEEN_BEHEERDER,
    OrganisatieSoort.RECLASSERING: RECLASSERING_ROLLEN | ALLEEN_BEHEERDER,
    OrganisatieSoort.LEERPLICHT_RMC: frozenset({Rol.COORDINATOR_LEERPLICHT, Rol.LEERPLICHTAMBTENAAR, Rol.RMC_CONSULENT})
    | ALLEEN_BEHEERDER,
    OrganisatieSoort.SAMENWERKINGSVERBAND: frozenset({Rol.REGIOCOORDINATOR, Rol.BEHEERDER, Rol.FG}),
    OrganisatieSoort.LANDELIJK: frozenset({Rol.LANDELIJK, Rol.BEHEERDER, Rol.FG}),
}

# Roles that work beside the trajecten, never in one: they see no traject and no dossier
# part, and are never chosen as a person in a traject.
NIET_IN_TRAJECTEN = frozenset({Rol.BEHEERDER, Rol.FG, Rol.REGIOCOORDINATOR, Rol.LANDELIJK})
# Roles that read the monitor's figures and nothing of any young person.
MONITORROLLEN = frozenset({Rol.REGIOCOORDINATOR, Rol.LANDELIJK})


def rollen_voor_soort(soort: str) -> frozenset[str]:
    return ROLLEN_PER_SOORT.get(soort, ALLEEN_BEHEERDER)


class ContactRol(models.TextChoices):
    """The contact roles of the netwerkkaart (bijlage 5), plus the ICT contact (bijlage 3)
    and the nazorg mentor."""

    JJI = "jji", _("contactpersoon JJI")
    JJI_SCHOOL = "jji_school", _("JJI-school")
    MBO_SCHOOL = "mbo_school", _("mbo-school")
    JONGERENWERKER = "jongerenwerker", _("jongerenwerker/coach")
    SOCIAAL_WIJKTEAM = "sociaal_wijkteam", _("sociaal wijkteam")
    RECLASSERING = "reclassering", _("(jeugd)reclassering")
    POLITIE = "politie", _("politie")
    RVDK = "rvdk", _("Raad voor de Kinderbescherming")
    ZORG_VEILIGHEIDSHUIS = "zorg_veiligheidshuis", _("Zorg- en Veiligheidshuis")
    GEMEENTE = "gemeente", _("gemeente")
    LEERPLICHT_RMC = "leerplicht_rmc", _("leerplicht/RMC")
    SPORTVERENIGING = "sportvereniging", _("sportvereniging")
    ANDERE = "andere", _("andere ondersteuningsorganisatie")
    ICT = "ict", _("ICT-contactpersoon")
    NAZORG_MENTOR = "nazorg_mentor", _("nazorg-mentor")


# Bijlage 3's example of ICT-fasen (the Aloysius Stichting's): from few permissions (A1) to
# all (B2/D1-2). The handreiking describes only the two ends; the regio fills in what each
# phase allows. Loaded for every regio as its starting point (netwerk migration 0014 and
# ``services.regio_opslaan``), then the regio's own data: (naam, omschrijving).
ICT_FASEN_VOORBEELD = [
    ("A1", "weinig bevoegdheden"),
    ("A2", ""),
    ("B1", ""),
    ("B2/D1-2", "volledige bevoegdheden"),
]


class Niveau(models.TextChoices):
    BESTUURLIJK = "bestuurlijk", _("bestuurlijk")
    MANAGEMENT = "management", _("management")
    UITVOERING = "uitvoering", _("uitvoering")


class NetwerkSoort(models.TextChoices):
    """Who is around one young person: a professional from the netwerkkaart, or the personal network."""

    PROFESSIONAL = "professional", _("professional (netwerkkaart)")
    OUDER = "ouder", _("ouder/verzorger")
    VOOGD = "voogd", _("voogd")
    FAMILIE = "familie", _("familie")
    MENTOR = "mentor", _("mentor")
    SPORTCLUB = "sportclub", _("sportclub")
    ANDERS = "anders", _("iemand anders uit het netwerk")


class AanvraagSoort(models.TextChoices):
    """What an account request asks for (four eyes: see ``toegang.policy.accounts``)."""

    NIEUW = "nieuw", _("nieuw account")
    SYSTEEMACCOUNT = "systeemaccount", _("nieuw systeemaccount")
    WIJZIGING = "wijziging", _("wijziging van rol, organisatie of e-mailadres, of weer actief maken")
    # A lost or broken device: the factors are wiped and the person activates the account
    # again (new password, new factor) from a link to the approved e-mail address.
    TWEEDE_FACTOR = "tweede_factor", _("tweede factor opnieuw instellen (toestel kwijt)")


class AanvraagStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    VERVALLEN = "vervallen", _("vervallen")


# An open request that nobody decided on within this many days lapses: an approver should not
# approve, months later, a request nobody remembers.
AANVRAAG_GELDIG_DAGEN = 30


class GebeurtenisSoort(models.TextChoices):
    """The kinds of line in the account log."""

    AANGEVRAAGD = "aangevraagd", _("aanvraag ingediend")
    GOEDGEKEURD = "goedgekeurd", _("aanvraag goedgekeurd")
    AFGEWEZEN = "afgewezen", _("aanvraag afgewezen")
    VERVALLEN = "vervallen", _("aanvraag ingetrokken of vervallen")
    BEOORDELING_GEWEIGERD = "beoordeling_geweigerd", _("beoordeling geweigerd: niet bevoegd")
    AANGEMAAKT = "aangemaakt", _("account aangemaakt")
    GEWIJZIGD = "gewijzigd", _("account gewijzigd")
    UITGEZET = "uitgezet", _("account uitgezet")
    VERBINDINGSOFFICIER = "verbindingsofficier", _("verbindingsofficier aangewezen")
    LINK_VERSTUURD = "link_verstuurd", _("activatielink verstuurd")
    GEACTIVEERD = "geactiveerd", _("account geactiveerd")
    ACTIVATIE_GEWEIGERD = "activatie_geweigerd", _("activatielink geweigerd")
    FACTOR_INGESTELD = "factor_ingesteld", _("tweede factor ingesteld")
    FACTOR_VERWIJDERD = "factor_verwijderd", _("tweede factor verwijderd")
    RESERVECODES = "reservecodes", _("nieuwe reservecodes gemaakt")
    FACTOR_GEWIST = "factor_gewist", _("tweede factor gewist na goedkeuring")
    SSO_GEKOPPELD = "sso_gekoppeld", _("gekoppeld aan een account bij de inlogdienst (single sign-on)")
    NOODTOEGANG = "noodtoegang", _("wijziging door een superuser zonder tweede persoon (break-glass)")
