import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from bewaren import services


class Command(BaseCommand):
    help = (
        "Pas de bewaartermijnen van elke regio toe: signalen en dossierdelen wissen, trajecten "
        "pseudonimiseren, oude raadplegingen verwijderen. Met --droog alleen tellen (er verandert niets)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--droog", action="store_true", help="alleen tellen wat zou gebeuren; niets wijzigen")
        parser.add_argument("--datum", help="doen alsof het deze dag is (JJJJ-MM-DD), voor een vooruitblik")

    def handle(self, *args, **opties):
        op = None
        if opties["datum"]:
            try:
                op = dt.date.fromisoformat(opties["datum"])
            except ValueError as fout:
                raise CommandError("--datum is een datum als 2027-01-31.") from fout
            if not opties["droog"]:
                raise CommandError("--datum kan alleen met --droog: een echte uitvoering geldt voor vandaag.")
        aantallen = services.uitvoeren(op=op, droog=opties["droog"])
        kop = "Droog (er is niets gewijzigd): " if opties["droog"] else "Uitgevoerd: "
        self.stdout.write(kop + services.verslag(aantallen, droog=opties["droog"]) + ".")
