"""What one portal user may reach: every portal view starts from these querysets.

Anything outside them answers 404, so that nothing confirms another organisation's data exists.
"""

from articles.models import Article
from coalition.cases.models import CaseDocument, CasePartner, LitigationCase
from partners.models import Membership, Partner

EDITABLE_STORY_STATES = [Article.Status.DRAFT, Article.Status.CHANGES_REQUESTED]


def partners(user):
    """The organisations `user` works for."""
    return Partner.objects.filter(memberships__user=user)


def administered_partners(user):
    """The organisations whose profile `user` may edit."""
    return Partner.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)


def case_roles(user):
    """The roles the organisations of `user` have on cases."""
    return CasePartner.objects.filter(partner__memberships__user=user)


def cases(user):
    """Cases on which an organisation of `user` has a role, public or not."""
    return LitigationCase.objects.filter(pk__in=case_roles(user).values("case"))


def documents(user):
    """Documents of those cases shared with case partners or the public; never editors' own."""
    return CaseDocument.objects.filter(
        case__in=cases(user),
        visibility__in=[CaseDocument.Visibility.PUBLIC, CaseDocument.Visibility.PARTNERS],
    )


def stories(user):
    """Stories written in the portal for the organisations of `user`."""
    return Article.objects.filter(source_partner__in=partners(user))


def editable_stories(user):
    """Stories the organisations of `user` may still change: not yet in the editors' hands."""
    return stories(user).filter(status__in=EDITABLE_STORY_STATES)
