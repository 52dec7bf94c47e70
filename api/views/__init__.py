"""The API for partner systems (``/api/v1/``), one module per domain. The same policy and the
same raadplegingen as the pages, no second implementation: every traject through
``policy.traject_ophalen`` (404 for missing and forbidden alike), every part of the dossier
through ``policy.categorie_lezen`` (action ``api``: one raadpleging per reading; a refused
explicit request on record), every write through the services. A traject the caller sees but a
part or resource they may not gets 403; one they may not see, 404. The views hand the objects
they got to the output serializers, which render them."""
