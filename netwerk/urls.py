from django.urls import path

from . import views

app_name = "netwerk"

urlpatterns = [
    path("", views.netwerkkaart, name="netwerkkaart"),
    path("organisaties/<int:pk>/verbindingsofficier/", views.verbindingsofficier, name="verbindingsofficier"),
]
