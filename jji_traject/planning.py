"""When Celery beat starts the app's periodic tasks (settings: ``CELERY_BEAT_SCHEDULE``)."""

from celery.schedules import crontab

TAKEN = {
    # The outbox: jobs that could not be handed to the broker when they were started.
    "uitbox-legen": {
        "task": "jji_traject.tasks.uitbox_legen",
        "schedule": 60,
    },
    # Sessions past their end (signed out or not) are not kept.
    "sessies-opruimen": {
        "task": "jji_traject.tasks.sessies_opruimen",
        "schedule": crontab(hour=4, minute=10),
    },
    "verlopen-kennisgevingen": {
        "task": "toegang.tasks.verlopen_grondslagen_verwerken",
        "schedule": 60 * 60,
    },
    "zichtbaarheid-controleren": {
        "task": "toegang.tasks.zicht_controleren",
        "schedule": crontab(hour=2, minute=40),
    },
    "herinneringen": {
        "task": "signalering.tasks.herinneringen_versturen",
        "schedule": crontab(hour=7, minute=0),
    },
    "toestemming-op-16": {
        "task": "signalering.tasks.toestemming_op_16_herinneren",
        "schedule": crontab(hour=7, minute=15),
    },
    # A month before 18: do the parents stay involved? From 18 only with the youth's consent.
    "ouders-op-18": {
        "task": "signalering.tasks.achttien_herinneren",
        "schedule": crontab(hour=7, minute=17),
    },
    # A young person without contact after release: the regie and the receiving mbo are told.
    "uit-beeld": {
        "task": "signalering.tasks.uit_beeld_melden",
        "schedule": crontab(hour=7, minute=20),
    },
    # Monthly check, one notification per organisation per year (the map is updated yearly).
    "overdrachten-opruimen": {
        "task": "overdracht.tasks.overdrachten_opruimen",
        "schedule": crontab(hour=3, minute=0),
    },
    # The PDFs of the youth's list ("Wie heeft jouw gegevens bekeken?"), as long as the documents.
    "leesoverzichten-opruimen": {
        "task": "dossier.tasks.leesoverzichten_opruimen",
        "schedule": crontab(hour=3, minute=5),
    },
    # The regional monitor: each schoolloopbaan's derived stand (a gap grows with time), then
    # the summary per regio and year counted from them.
    "monitorcijfers": {
        "task": "monitor.tasks.cijfers_bijwerken",
        "schedule": crontab(hour=2, minute=30),
    },
    "netwerkkaart-bevestigen": {
        "task": "signalering.tasks.netwerkkaart_laten_bevestigen",
        "schedule": crontab(day_of_month=1, hour=7, minute=30),
    },
    # Repeated refusals of an hour become one row in the raadplegingen log.
    "weigeringen-bijschrijven": {
        "task": "toegang.tasks.weigeringen_bijschrijven",
        "schedule": 5 * 60,
    },
    # The append-only logs keep BEWAARTERMIJN_JAREN years (the database's floor: five).
    "bewaartermijn": {
        "task": "toegang.tasks.bewaartermijn_toepassen",
        "schedule": crontab(day_of_month=2, hour=4, minute=0),
    },
    # The regios' retention schedules: signalen and dossier parts erased, trajecten
    # pseudonymised, old raadplegingen deleted (bewaren); after the monitor's night.
    "bewaartermijnen": {
        "task": "bewaren.tasks.bewaartermijnen_toepassen",
        "schedule": crontab(hour=3, minute=30),
    },
    # Open account requests nobody decided on within 30 days lapse.
    "accountaanvragen-laten-vervallen": {
        "task": "netwerk.tasks.accountaanvragen_laten_vervallen",
        "schedule": crontab(hour=6, minute=45),
    },
}
