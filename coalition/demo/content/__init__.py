"""The texts and facts of the demo coalition, as plain data; `coalition.demo.loader` writes them.

Everything here was written for the demo: the organisations, people and cases are fictional;
only the courts and UN bodies are real institutions.
"""

from . import (
    article_translations,
    articles_in_progress,
    articles_published,
    campaign,
    cases_kazakhstan,
    cases_strasbourg,
    cases_treaty_bodies,
    translations,
)
from .partners import PARTNERS
from .vocabulary import FORUMS, TOPICS

CASES = [*cases_kazakhstan.CASES, *cases_treaty_bodies.CASES, *cases_strasbourg.CASES]
ARTICLES = [campaign.CAMPAIGN, *articles_published.ARTICLES, *articles_in_progress.ARTICLES]
CAMPAIGN_SLUG = campaign.CAMPAIGN["slug"]
PARTNER_TRANSLATIONS = translations.PARTNERS
CASE_TRANSLATIONS = translations.CASES
RECORD_TRANSLATIONS = translations.CASE_RECORDS
# Articles in other languages are articles of their own, linked to their source.
ARTICLE_TRANSLATIONS = article_translations.TRANSLATIONS

__all__ = [
    "ARTICLES",
    "ARTICLE_TRANSLATIONS",
    "CAMPAIGN_SLUG",
    "CASES",
    "CASE_TRANSLATIONS",
    "FORUMS",
    "PARTNERS",
    "PARTNER_TRANSLATIONS",
    "RECORD_TRANSLATIONS",
    "TOPICS",
]
