"""What the API shows and accepts, per domain. Output serializers render the objects the views
got through the access policy (never an object from which they could reach more); input
serializers refuse unknown fields (a typo is an error, not ignored).

A serializer's docstring becomes its description in the OpenAPI schema: notes for developers
are comments."""
