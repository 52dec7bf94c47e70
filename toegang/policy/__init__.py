"""The one access door: who may see which traject, and who may do what with it.

Every view, form choice, admin page, task, PDF and API call asks this package; none
re-implements a rule. ``from toegang import policy`` is its one public face; the modules
behind it are:

- ``lezers``: who reads (the person's profile, a :class:`Lezer` for previews and document
  recipients) and the groups of organisations and roles the rules are written in;
- ``trajecten``: which trajecten a reader sees (one SQL query), and who may do what with one;
- ``regio``: the functioneel beheerder's regio and who keeps the netwerkkaart;
- ``taken``: which tasks a reader sees and may update;
- ``dossier``: the parts of the dossier (``categorie_lezen``, the only way to one: it asks
  the registry ``toegang.delen`` how a part is fetched, and writes the raadpleging), and the
  mbo van herkomst's own onderwijsinformatie;
- ``raadpleging``: writing the raadplegingen log (a reading, or a refused request);
- ``beslismodel`` and ``overdracht``: who prepares, decides and confirms a beslismodel and
  reads its answers; who makes and receives an overdrachtsdocument;
- ``accounts``: four eyes on accounts — which changes wait for a second person, who
  approves them, who reads the account requests and the account log;
- ``rechten``: the derivation of django-guardian's object permissions.

Rules (ARCHITECTURE.md "Access"):

- An organisation sees a traject only while it is *active* in it: JJI and JJI-school from
  the start, any other organisation while a grondslag to tell it about the placement (a
  ``kennisgeving``) is valid — an expired or revoked one never opens anything.
- Within the organisation, its verbindingsofficier and its zorgcoördinatoren see every such
  traject; everyone else only the trajecten they are assigned to.
- The functioneel beheerder manages people and organisations, never youth data.
- The titel of the stay is for the JJI and justice partners, never for schools.
- A traject the reader may not see does not exist for them: ``Http404``, never 403.

Visibility is materialised as django-guardian object permissions on per-organisation+rol
and per-organisation designation groups (direct foreign-key tables in ``toegang.models``),
re-derived by :func:`rechten_afleiden` whenever involvement, consent, assignment, rol or
designation change. The live check on active involvement in :func:`zichtbaar_voor` makes
an expired consent close the door before the expiry task has run.

The package imports models of every app (they sit below it) and nothing above them: no
selector, service or view. What a higher app adds (the parts of the dossier) it registers.
"""

from .accounts import (
    accountaanvragen_bereik,
    accountaanvragen_in,
    accountaanvragen_zichtbaar_voor,
    accountlog_zichtbaar_voor,
    beoordelaars,
    goedkeuring_nodig,
    mag_accountaanvraag_beoordelen,
    mag_accountaanvragen_zien,
    mag_accountlog_lezen,
    rol_opent_jongerengegevens,
)
from .beslismodel import (
    BESLUIT_ROLLEN,
    beslismodel_lezen,
    beslismodellen_te_beoordelen,
    beslismodellen_zichtbaar_voor,
    bevestigers,
    is_bevestiger,
    mag_beslismodel_besluiten,
    mag_beslismodel_bevestigen,
    mag_beslismodel_opstellen,
    mag_besluit_terugleggen,
)
from .dossier import (
    categorie_lezen,
    delen_in_lijst,
    delen_in_rijen,
    dossier_traject_ophalen,
    herkomst_grondslag,
    herkomst_lezen,
    herkomstschool_van,
    is_schrijvende_school,
    leesbare_categorieen,
    leesoverzicht_ophalen,
    mag_dossier_schrijven,
    mag_herkomst_schrijven,
    mag_raadplegingen_zien,
    opent_deel,
    raadplegingen_zichtbaar_voor,
)
from .herkomst import (
    VERZOEK_ROLLEN,
    beantwoordt_herkomstverzoeken,
    herkomst_eigen_antwoord,
    herkomstscholen,
    herkomstverzoek_ophalen,
    herkomstverzoeken_aan,
    herkomstverzoeken_voor,
    mag_herkomst_opvragen,
)
from .lezers import (
    ALLE_TRAJECTEN_ROLLEN,
    GEEN_PERSOON_IN_TRAJECT,
    GROEP_VERBINDINGSOFFICIER,
    JUSTITIE_SOORTEN,
    NAZORG_SOORTEN,
    REGIE_SOORTEN,
    VIEW,
    Lezer,
    is_justitiepartner,
    is_nazorgpartner,
    lezer_van,
    medewerker_van,
    regio_van,
    vergeten,
)
from .logonderzoek import (
    log_onderzoeken,
    mag_log_onderzoeken,
    onderzoek_ophalen,
    onderzoek_resultaten,
    onderzoekbare_personen,
    onderzoeken_zichtbaar_voor,
)
from .monitor import heeft_monitor, is_landelijk, monitor_regio_ophalen, monitor_regios, titel_in_monitor
from .overdracht import (
    mag_overdracht_maken,
    mag_overdracht_ophalen,
    overdracht_geldt_nog,
    overdracht_ontvangers,
    overdracht_ophalen,
    overdrachten_zichtbaar_voor,
)
from .raadpleging import HERKOMST, herhalingen_bijschrijven, raadpleging_weigeren
from .rechten import (
    groepsnaam,
    medewerker_groepen_bijwerken,
    organisatie_rechten_afleiden,
    rechten_afleiden,
    rolgroepnaam,
    verbindingsofficier_groep_bijwerken,
    zicht_controleren,
)
from .regio import beheerde_regio_ophalen, mag_contacten_bijhouden, mag_regio_beheren
from .schrijvers import (
    leest_nooit,
    mag_nazorg_afsluiten,
    mag_schoolloopbaan_schrijven,
    schrijvende_school,
    schrijver_van,
    zelf_geschreven,
)
from .taken import (
    bijwerkbaar_in,
    bijwerkbare_taken,
    mag_taak_bijwerken,
    mijn_taken,
    taken_in_lijst,
    taken_zichtbaar_voor,
    zichtbare_taken,
)
from .trajecten import (
    actieve_medewerkers,
    actieve_organisaties,
    betrokkenheden_van,
    heeft_overzicht,
    heeft_regie_nazorg,
    is_zichtbaar,
    kiesbare_contactpersonen,
    kijkers,
    mag_grondslag_vastleggen,
    mag_inzage_verzorgen,
    mag_overleg_vastleggen,
    mag_titel_kennen,
    mag_titel_zien,
    mag_toekomstperspectief_lezen,
    mag_toewijzen,
    mag_traject_beheren,
    mag_traject_starten,
    mag_vertrek_bijwerken,
    mensen_actief_in,
    netwerk_zichtbaar_voor,
    organisaties_actief_in,
    overleggen_zichtbaar_voor,
    overlegsoorten,
    toestemming_ophalen,
    toevoegbare_organisaties,
    toewijsbaar,
    toewijsbare_medewerkers,
    traject_ophalen,
    zichtbare_overleggen,
)
from .zicht import (
    PerRij,
    in_zichtbaar,
    zichtbaar_voor,
)

__all__ = [
    "titel_in_monitor",
    "monitor_regios",
    "monitor_regio_ophalen",
    "is_landelijk",
    "heeft_monitor",
    "ALLE_TRAJECTEN_ROLLEN",
    "BESLUIT_ROLLEN",
    "GEEN_PERSOON_IN_TRAJECT",
    "GROEP_VERBINDINGSOFFICIER",
    "HERKOMST",
    "JUSTITIE_SOORTEN",
    "NAZORG_SOORTEN",
    "Lezer",
    "PerRij",
    "REGIE_SOORTEN",
    "VERZOEK_ROLLEN",
    "VIEW",
    "accountaanvragen_bereik",
    "accountaanvragen_in",
    "accountaanvragen_zichtbaar_voor",
    "accountlog_zichtbaar_voor",
    "actieve_medewerkers",
    "actieve_organisaties",
    "betrokkenheden_van",
    "heeft_overzicht",
    "heeft_regie_nazorg",
    "in_zichtbaar",
    "is_nazorgpartner",
    "mag_toekomstperspectief_lezen",
    "beheerde_regio_ophalen",
    "beoordelaars",
    "beslismodel_lezen",
    "beslismodellen_te_beoordelen",
    "beslismodellen_zichtbaar_voor",
    "bevestigers",
    "bijwerkbaar_in",
    "bijwerkbare_taken",
    "categorie_lezen",
    "delen_in_lijst",
    "delen_in_rijen",
    "dossier_traject_ophalen",
    "goedkeuring_nodig",
    "groepsnaam",
    "herhalingen_bijschrijven",
    "beantwoordt_herkomstverzoeken",
    "herkomst_eigen_antwoord",
    "herkomst_grondslag",
    "herkomst_lezen",
    "herkomstscholen",
    "herkomstschool_van",
    "herkomstverzoek_ophalen",
    "herkomstverzoeken_aan",
    "herkomstverzoeken_voor",
    "is_bevestiger",
    "is_justitiepartner",
    "is_schrijvende_school",
    "is_zichtbaar",
    "kiesbare_contactpersonen",
    "kijkers",
    "leesbare_categorieen",
    "leesoverzicht_ophalen",
    "lezer_van",
    "log_onderzoeken",
    "mag_accountaanvraag_beoordelen",
    "mag_accountaanvragen_zien",
    "mag_accountlog_lezen",
    "mag_beslismodel_besluiten",
    "mag_beslismodel_bevestigen",
    "mag_beslismodel_opstellen",
    "mag_besluit_terugleggen",
    "mag_contacten_bijhouden",
    "mag_dossier_schrijven",
    "opent_deel",
    "mag_nazorg_afsluiten",
    "mag_schoolloopbaan_schrijven",
    "mag_grondslag_vastleggen",
    "mag_inzage_verzorgen",
    "mag_herkomst_opvragen",
    "mag_herkomst_schrijven",
    "mag_log_onderzoeken",
    "mag_overdracht_maken",
    "mag_overdracht_ophalen",
    "mag_overleg_vastleggen",
    "mag_vertrek_bijwerken",
    "mensen_actief_in",
    "mag_raadplegingen_zien",
    "mag_regio_beheren",
    "mag_taak_bijwerken",
    "mag_titel_kennen",
    "mag_titel_zien",
    "mag_toewijzen",
    "mag_traject_beheren",
    "mag_traject_starten",
    "medewerker_groepen_bijwerken",
    "medewerker_van",
    "mijn_taken",
    "netwerk_zichtbaar_voor",
    "organisaties_actief_in",
    "onderzoek_ophalen",
    "onderzoek_resultaten",
    "onderzoekbare_personen",
    "onderzoeken_zichtbaar_voor",
    "overdracht_geldt_nog",
    "overdracht_ontvangers",
    "overdracht_ophalen",
    "overdrachten_zichtbaar_voor",
    "overleggen_zichtbaar_voor",
    "overlegsoorten",
    "raadpleging_weigeren",
    "raadplegingen_zichtbaar_voor",
    "organisatie_rechten_afleiden",
    "rechten_afleiden",
    "regio_van",
    "rol_opent_jongerengegevens",
    "rolgroepnaam",
    "schrijvende_school",
    "leest_nooit",
    "schrijver_van",
    "taken_in_lijst",
    "taken_zichtbaar_voor",
    "toestemming_ophalen",
    "toevoegbare_organisaties",
    "toewijsbaar",
    "toewijsbare_medewerkers",
    "traject_ophalen",
    "verbindingsofficier_groep_bijwerken",
    "vergeten",
    "zelf_geschreven",
    "zichtbaar_voor",
    "zicht_controleren",
    "zichtbare_overleggen",
    "zichtbare_taken",
]
