"""The starting word list of the toekomstgericht check (loaded by a data migration; the
functioneel beheerder changes it afterwards)."""

DELICT_HINT = "Beschrijf wat de jongere nodig heeft om verder te leren, niet wat er gebeurd is."
JUSTITIE_HINT = "Justitiële informatie hoort niet in het dossier; beschrijf de afspraken die nu gelden."
BEHANDELING_HINT = "Noem geen diagnose of behandeling; beschrijf wat de school kan doen (bijvoorbeeld: rustige plek)."
TERUGBLIK_HINT = "Beschrijf gedrag en wat helpt, zonder oordeel over de persoon."

# (pattern, soort, hint) entries that are regular expressions, for RE2: its \b and \w know only
# ASCII letters, so a word's edges are written with Unicode classes (letter, mark, digit).
REGEX: list[tuple[str, str, str]] = [(r"(^|[^\pL\pM\pN_])rechters?([^\pL\pM\pN_]|$)", "delict", JUSTITIE_HINT)]
# Patterns shipped before, as they were written then → as they are now (migration 0008).
HERSCHREVEN = {r"\brechters?\b": REGEX[0][0]}

WOORDEN: list[tuple[str, str, str]] = [
    # (word, soort, hint) — a word matches at the start of a word with any ending
    *[
        (w, "delict", DELICT_HINT)
        for w in (
            "delict",
            "veroordeel",
            "veroordel",
            "geweldpleging",
            "mishandel",
            "diefstal",
            "inbraak",
            "inbreker",
            "inbrak",
            "beroof",
            "overval",
            "beroving",
            "straf",
            "dader",
            "slachtoffer",
            "wapen",
        )
    ],
    *[
        (w, "delict", JUSTITIE_HINT)
        for w in (
            "politie",
            "arrestatie",
            "gearresteerd",
            "rechtszaak",
            "rechtbank",
            "officier van justitie",
            "openbaar ministerie",
            "proces-verbaal",
            "advocaat",
            "vonnis",
            "gedetineerd",
        )
    ],
    *[
        (w, "behandeling", BEHANDELING_HINT)
        for w in (
            "diagnose",
            "stoornis",
            "ADHD",
            "autisme",
            "autistisch",
            "PTSS",
            "psychose",
            "psychiatr",
            "medicatie",
            "behandeling",
            "therapie",
            "verslav",
        )
    ],
    *[
        (w, "terugblikkend", TERUGBLIK_HINT)
        for w in ("crimineel", "criminaliteit", "probleemjongere", "onhandelbaar", "gevaarlijk", "agressief")
    ],
]


def woordenlijst_laden(apps=None) -> None:
    """Add the starting words that are missing (idempotent)."""
    echt = apps is None
    if echt:
        from django.apps import apps
    Formuleringswoord = apps.get_model("dossier", "Formuleringswoord")
    bestaand = set(Formuleringswoord.objects.values_list("tekst", flat=True))
    nieuw = [Formuleringswoord(tekst=w, soort=s, hint=h) for w, s, h in WOORDEN if w not in bestaand]
    nieuw += [Formuleringswoord(tekst=w, soort=s, hint=h, is_regex=True) for w, s, h in REGEX if w not in bestaand]
    if echt:  # the running app: with history rows
        from jji_traject.geschiedenis import bulk_aanmaken

        bulk_aanmaken(nieuw, Formuleringswoord)
    else:  # a migration's historical model has no history manager
        Formuleringswoord.objects.bulk_create(nieuw)
