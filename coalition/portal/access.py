"""What one portal user may reach: every portal view starts from these querysets.

Anything outside them answers 404, so that nothing confirms another organisation's data exists.
Only active partners count: when the editors deactivate a partner, its staff lose the portal's
view of that partner's profile, stories, cases and documents (their other organisations stay).
"""

from django.db.models import Q

from articles.models import Article
from articles.workflow import AUTHOR_EDITABLE
from coalition.cases.models import CaseDocument, CasePartner, LitigationCase
from coalition.library.models import Document, Image
from coalition.library.references import DOCUMENT, IMAGE
from partners.models import Membership, Partner


def memberships(user):
    """The memberships of `user` in active organisations."""
    return Membership.objects.filter(user=user, partner__is_active=True)


def partners(user):
    """The active organisations `user` works for."""
    return Partner.objects.filter(pk__in=memberships(user).values("partner"))


def administered_partners(user):
    """The active organisations whose profile `user` may edit."""
    admin_of = memberships(user).filter(role=Membership.Role.ADMIN)
    return Partner.objects.filter(pk__in=admin_of.values("partner"))


def has_inactive_partner(user):
    """True when `user` works only for organisations that are no longer active partners."""
    return Membership.objects.filter(user=user).exists() and not memberships(user).exists()


def case_roles(user):
    """The roles the active organisations of `user` have on cases."""
    return CasePartner.objects.filter(partner__in=partners(user))


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
    return stories(user).filter(status__in=AUTHOR_EDITABLE)


def library_images(user):
    """Images the organisations of `user` uploaded in the portal: all they may choose."""
    return Image.objects.filter(partner__in=partners(user))


def library_documents(user):
    """Documents the organisations of `user` uploaded in the portal: all they may choose."""
    return Document.objects.filter(partner__in=partners(user))


def library_items(user):
    """{kind: queryset} of the library items a text `user` writes may show: their
    organisations' uploads, and the coalition's own public items; never another
    organisation's."""
    return library_items_of(partners(user))


def library_items_of(organisations):
    """{kind: queryset} of the library items a text of `organisations` may show."""
    shown = Q(partner__in=organisations) | Q(partner__isnull=True, private_until_used=False)
    return {IMAGE: Image.objects.filter(shown), DOCUMENT: Document.objects.filter(shown)}
