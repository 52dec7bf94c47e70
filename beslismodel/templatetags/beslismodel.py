from django import template
from django.utils.html import format_html

from beslismodel.constants import STATUS_ICOON, STATUS_UITLEG, Status

register = template.Library()


@register.simple_tag
def status(waarde, uitleg=False):
    """A status as an icon and a word in its colour (never colour alone), optionally with
    what it means."""
    if waarde not in Status.values:
        return ""
    label = format_html(
        '<span class="beslis-status beslis-status--{}">{} {}</span>', waarde, STATUS_ICOON[waarde], Status(waarde).label
    )
    return format_html('{} <span class="klein">{}</span>', label, STATUS_UITLEG[waarde]) if uitleg else label
