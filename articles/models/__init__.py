# Migrations name new_preview_key, language_choices and default_language by this package's path.
from .articles import (
    TEASER_STANDFIRST_CHARS,
    Article,
    ArticleLink,
    ArticleQuerySet,
    default_language,
    language_choices,
    new_preview_key,
)
from .signatures import Signature
from .transitions import ArticleTransition, NotificationPreference

__all__ = [
    "TEASER_STANDFIRST_CHARS",
    "Article",
    "ArticleLink",
    "ArticleQuerySet",
    "ArticleTransition",
    "NotificationPreference",
    "Signature",
    "default_language",
    "language_choices",
    "new_preview_key",
]
