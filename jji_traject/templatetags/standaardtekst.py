"""``{{ waarde|standaardtekst }}``: a shipped data text (routekaart, beslismodel template) in
the reader's language, a regio's own wording as typed (see ``jji_traject.standaardtekst``)."""

from django import template

from jji_traject.standaardtekst import standaardtekst as vertalen

register = template.Library()


@register.filter
def standaardtekst(waarde) -> str:
    return vertalen(waarde)
