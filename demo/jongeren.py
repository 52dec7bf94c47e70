"""The dozen demo youths (fictional): where each one is in the traject and who is involved."""

from __future__ import annotations

from dataclasses import dataclass

from trajecten.constants import Fase, Titel, Uitstroombestemming, Verblijfsduur

# The ITB'er works on most trajecten and records their titel; the others (just arrived, or
# without an ITB'er yet) have no titel recorded.
ZONDER_ITB = {"Mila", "Yara", "Amira"}
# Released suddenly from voorlopige hechtenis (schorsing): straight from instroom to uitstroom.
PLOTSELING_VRIJ = {"Finn"}


@dataclass
class DemoJongere:
    voornaam: str
    achternaam: str
    leeftijd_jaren: int
    dagen_in_jji: int
    fase: str
    titel: str
    verblijfsduur: str
    ontvangend: str | None = None  # None, "actief", "wacht", "ingetrokken", "verlopen"
    intake_toegewezen: bool = False
    herkomst: str | None = None  # None, "actief" (told with consent), "wacht"
    eerdere_titel: str | None = None
    bestemming: str = Uitstroombestemming.NOG_ONBEKEND
    startkwalificatie: bool = False
    tussenvoegsel: str = ""


JONGEREN = [
    DemoJongere(
        "Noah",
        "Verbeek",
        17,
        120,
        Fase.VERBLIJF,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.LANG,
        ontvangend="actief",
        intake_toegewezen=True,
        eerdere_titel=Titel.VOORLOPIGE_HECHTENIS,
        bestemming=Uitstroombestemming.MBO,
    ),
    DemoJongere(
        "Sem",
        "Hoekstra",
        16,
        30,
        Fase.VERBLIJF,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.ONBEKEND,
        ontvangend="wacht",
        intake_toegewezen=True,
    ),
    DemoJongere(
        "Liam",
        "Mulder",
        18,
        200,
        Fase.UITSTROOM,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.LANG,
        ontvangend="actief",
        intake_toegewezen=True,
        bestemming=Uitstroombestemming.MBO,
    ),
    DemoJongere(
        "Daan",
        "Smit",
        17,
        75,
        Fase.VERBLIJF,
        Titel.PIJ,
        Verblijfsduur.LANG,
        ontvangend="actief",
        intake_toegewezen=False,
    ),
    DemoJongere(
        "Mila",
        "Groot",
        15,
        10,
        Fase.INSTROOM,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.KORT,
        herkomst="actief",
        tussenvoegsel="de",
    ),
    DemoJongere(
        "Yara",
        "Bos",
        16,
        5,
        Fase.INSTROOM,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.ONBEKEND,
        herkomst="wacht",
    ),
    DemoJongere(
        "Luca",
        "Dekker",
        17,
        150,
        Fase.VERBLIJF,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.LANG,
        ontvangend="ingetrokken",
        intake_toegewezen=True,
    ),
    DemoJongere(
        "Jayden",
        "Meijer",
        18,
        300,
        Fase.UITSTROOM,
        Titel.PIJ,
        Verblijfsduur.LANG,
        ontvangend="verlopen",
        bestemming=Uitstroombestemming.PRAKTIJKLEREN,
    ),
    DemoJongere(
        "Sara",
        "Dijk",
        16,
        45,
        Fase.VERBLIJF,
        Titel.JEUGDDETENTIE,
        Verblijfsduur.KORT,
        herkomst="actief",
        bestemming=Uitstroombestemming.MBO,
        tussenvoegsel="van",
    ),
    DemoJongere(
        "Finn",
        "Jacobs",
        17,
        220,  # released after 20 days (demo.schoolloopbaan: 200 days ago)
        Fase.UITSTROOM,
        Titel.VOORLOPIGE_HECHTENIS,
        Verblijfsduur.KORT,
        ontvangend="actief",
        intake_toegewezen=True,
        bestemming=Uitstroombestemming.MBO,
    ),
    DemoJongere("Amira", "Koster", 17, 90, Fase.VERBLIJF, Titel.JEUGDDETENTIE, Verblijfsduur.LANG),
    DemoJongere(
        "Thijs",
        "Brouwer",
        19,
        400,
        Fase.UITSTROOM,
        Titel.PIJ,
        Verblijfsduur.LANG,
        bestemming=Uitstroombestemming.WERK,
        startkwalificatie=True,
    ),
]
