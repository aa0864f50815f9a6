"""Two organisations, a partner admin and a member in each, and the cases they work on."""

import pytest

from coalition.cases.models import CaseDocument
from partners.models import Membership
from tests import factories


def staff_of(partner, role, username):
    return factories.MembershipFactory(
        partner=partner, role=role, user__username=username, user__groups=["Partner staff"]
    ).user


@pytest.fixture
def our_admin(partner):
    return staff_of(partner, Membership.Role.ADMIN, "our-admin")


@pytest.fixture
def our_member(partner):
    return staff_of(partner, Membership.Role.MEMBER, "our-member")


@pytest.fixture
def their_admin(other_partner):
    return staff_of(other_partner, Membership.Role.ADMIN, "their-admin")


@pytest.fixture
def their_member(other_partner):
    return staff_of(other_partner, Membership.Role.MEMBER, "their-member")


@pytest.fixture
def our_case(partner):
    case = factories.LitigationCaseFactory(title="Ours v. Kazakhstan", is_public=False)
    factories.CasePartnerFactory(case=case, partner=partner, is_public=False)
    return case


@pytest.fixture
def their_case(other_partner):
    case = factories.LitigationCaseFactory(title="Theirs v. Kyrgyzstan", is_public=True)
    factories.CasePartnerFactory(case=case, partner=other_partner)
    return case


def document_on(case, visibility, title):
    return factories.CaseDocumentFactory(case=case, visibility=visibility, title=title)


@pytest.fixture
def shared_document(our_case):
    return document_on(our_case, CaseDocument.Visibility.PARTNERS, "Shared observations")


@pytest.fixture
def editors_document(our_case):
    return document_on(our_case, CaseDocument.Visibility.EDITORS, "Editors' strategy note")


@pytest.fixture
def their_document(their_case):
    return document_on(their_case, CaseDocument.Visibility.PARTNERS, "Their observations")


def draft_story(title, slug, author, partner):
    """A draft story a partner's member wrote and has not yet submitted."""
    return factories.ArticleFactory(
        title=title,
        slug=slug,
        status="draft",
        publish_at=None,
        author=author,
        source_partner=partner,
    )


@pytest.fixture
def our_story(partner, our_member):
    story = draft_story("Our story", "our-story", our_member, partner)
    story.partners.add(partner)
    return story


@pytest.fixture
def their_story(other_partner, their_member):
    return draft_story("Their story", "their-story", their_member, other_partner)
