"""The texts and facts of the demo coalition, as plain data; `coalition.demo.loader` writes them.

Everything here was written for the demo: the organisations, people and cases are fictional;
only the courts and UN bodies are real institutions.
"""

from . import (
    articles_in_progress,
    articles_published,
    campaign,
    cases_kazakhstan,
    cases_strasbourg,
    cases_treaty_bodies,
)
from .partners import PARTNERS
from .vocabulary import FORUMS, TOPICS

CASES = [*cases_kazakhstan.CASES, *cases_treaty_bodies.CASES, *cases_strasbourg.CASES]
ARTICLES = [campaign.CAMPAIGN, *articles_published.ARTICLES, *articles_in_progress.ARTICLES]
CAMPAIGN_SLUG = campaign.CAMPAIGN["slug"]

__all__ = ["ARTICLES", "CAMPAIGN_SLUG", "CASES", "FORUMS", "PARTNERS", "TOPICS"]
