"""A URL configuration with one URL that is not in the registry (for the registry test)."""

from django.http import HttpResponse
from django.urls import path

from jji_traject.urls import urlpatterns as project_urls

urlpatterns = [*project_urls, path("geheim/<int:pk>/", lambda request, pk: HttpResponse("x"), name="geheim")]
