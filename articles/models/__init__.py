# Migrations name new_preview_key by this package's dotted path.
from .articles import (
    TEASER_STANDFIRST_CHARS,
    Article,
    ArticleLink,
    ArticleQuerySet,
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
    "new_preview_key",
]
