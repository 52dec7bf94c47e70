"""Choices of the dossier's parts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckpointUitkomst(models.TextChoices):
    """What a checkpoint of the schoolloopbaan na uitstroom found."""

    AANWEZIG = "aanwezig", _("ingeschreven en aanwezig")
    VERZUIM = "verzuim", _("ingeschreven met veel verzuim")
    UITGESCHREVEN = "uitgeschreven", _("uitgeschreven")
    DIPLOMA = "diploma", _("diploma behaald")
    WERK = "werk", _("werk")
    DAGBESTEDING = "dagbesteding", _("dagbesteding")
    ONBEKEND = "onbekend", _("onbekend")


class MboNiveau(models.IntegerChoices):
    ENTREE = 1, _("niveau 1 (entree)")
    BASIS = 2, _("niveau 2 (basisberoepsopleiding)")
    VAKOPLEIDING = 3, _("niveau 3 (vakopleiding)")
    MIDDENKADER = 4, _("niveau 4 (middenkader- of specialistenopleiding)")
