"""The functieprofiel of the verbindingsofficier (bijlage 1 of the handreiking), shown on the
verbindingsofficier's page. Text as in the source."""

from django.utils.translation import gettext_lazy as _

FUNCTIEPROFIEL = [
    (
        _("Kerntaken"),
        [
            _("Het onderhouden van communicatie tussen betrokken partijen."),
            _("Vertrouwelijke informatie ontvangen/bespreken (binnen wat wettelijk toegestaan is)."),
            _("Het coördineren van gezamenlijke activiteiten."),
            _("Het fungeren als eerste aanspreekpunt voor informatie-uitwisseling/doorverwijzing."),
            _("Het bevorderen van samenwerking en wederzijds begrip tussen de betrokken partijen."),
            _("Zorgen voor kennisdeling/professionalisering."),
        ],
    ),
    (
        _("Beleidsondersteuning"),
        [
            _(
                "Stelt toelichtingen en inhoudelijke stukken op die de verbinding betreffen tussen JJI's en het mbo "
                "i.v.m. passend onderwijs voor de betreffende doelgroep."
            ),
            _(
                "Houdt zicht op ontwikkelingen op het eigen aandachtsgebied, signaleert knel- en aandachtspunten en "
                "informeert anderen daarover."
            ),
            _(
                "Zorgt voor standaardisering, invoering en evaluatie van (werk)processen en richtlijnen en doet "
                "verbetervoorstellen voor de samenwerking tussen JJI's en mbo-instellingen."
            ),
        ],
    ),
    (
        _("Preventie van veiligheidsincidenten (in combinatie met de rol veiligheidsfunctionaris)"),
        [
            _("Neemt deel aan specialistische intakes bij studenten met een veiligheidsrisico."),
            _(
                "Registreert veiligheidsincidenten, signaleert trends "
                "en doet voorstellen om de veiligheid te verbeteren."
            ),
            _("Verzorgt (gast)lessen rondom het voorkomen van incidenten, criminaliteit en veiligheid."),
            _("Schat risico's in op basis van informatie van externen en internen en doet voorstellen voor de aanpak."),
            _("Geeft voorlichting over veiligheid en veiligheidsrisico's aan studenten en medewerkers."),
        ],
    ),
    (
        _("Casemanager bij veiligheidsincidenten (in combinatie met de rol veiligheidsfunctionaris)"),
        [
            _("Is aanspreekpunt voor medewerkers en management bij veiligheidsincidenten."),
            _("Betrekt indien nodig (externe) partijen, zoals leerplicht, politie, reclassering, zorgcoördinatoren."),
            _("Rapporteert aan en overlegt met de integraal veiligheidsmanager over aanpak en opschaling."),
            _("Neemt deel aan het lokale crisisteam als adviseur."),
        ],
    ),
]
