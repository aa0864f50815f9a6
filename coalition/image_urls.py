"""The address of images that are not (yet) public, served after a permission check."""

from django.urls import path

from .media import private_image

app_name = "images"
urlpatterns = [
    path("<str:key>/<id:pk>/<path:name>", private_image, name="private"),
]
