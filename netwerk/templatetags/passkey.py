"""``{% load passkey %}``: whether the signed-in person has a passkey (the step after the
password offers one only then)."""

from django import template

from ..services import passkey

register = template.Library()


@register.filter
def heeft_passkey(user) -> bool:
    return passkey.heeft_passkey(user)
