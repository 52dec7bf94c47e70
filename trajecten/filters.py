import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Fase
from .models import Traject


class TrajectFilter(django_filters.FilterSet):
    """Search and filters of "Mijn trajecten"; it filters a queryset the policy already limited."""

    q = django_filters.CharFilter(label=_("Zoek op naam"), method="filter_zoek", max_length=100)
    fase = django_filters.ChoiceFilter(label=_("Fase"), choices=Fase.choices, empty_label=_("Alle fasen"))
    uit_beeld = django_filters.BooleanFilter(
        label=_("Alleen uit beeld"), method="filter_uit_beeld", widget=forms.CheckboxInput
    )
    afgesloten = django_filters.BooleanFilter(
        label=_("Ook afgesloten trajecten"), method="filter_afgesloten", widget=forms.CheckboxInput
    )

    class Meta:
        model = Traject
        fields = ["q", "fase"]

    def filter_zoek(self, queryset, name, value):
        return queryset.zoek(value)

    def filter_uit_beeld(self, queryset, name, value):
        return queryset.filter(is_uit_beeld=True) if value else queryset

    def filter_afgesloten(self, queryset, name, value):
        return queryset if value else queryset.open()

    def filter_queryset(self, queryset):
        # Closed trajecten are hidden unless asked for, also when the box is simply absent.
        if not self.form.cleaned_data.get("afgesloten"):
            queryset = queryset.open()
        return super().filter_queryset(queryset)
