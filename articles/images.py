"""Hero images come from the media library. Library images are public, but for those kept
private until used, such as the heroes of articles not yet published when the library took
them over (publishing releases them: see `releases`); a shared preview shows them."""

from .preview import token_shows


def previewed(request, image):
    """Whether the request's shared preview link shows an article with `image` as its hero,
    so that an image still private shows in that preview."""
    token = request.GET.get("preview")
    return bool(token) and any(
        token_shows(token, article) for article in image.hero_of_articles.all()[:20]
    )
