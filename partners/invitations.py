"""Inviting partner staff: an editor names the person, the person chooses their own password."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from coalition.mail import enqueue, mail_task
from coalition.urls_helpers import site_url

from .models import Membership, Partner

PARTNER_STAFF_GROUP = "Partner staff"


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    partner = forms.ModelChoiceField(label=_("Organisation"), queryset=Partner.objects.all())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        help_text=_("Partner admins edit their organisation's profile; members only see it."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned_data = super().clean()
        user = find_user(cleaned_data.get("email", ""))
        if user is not None and user.is_staff:
            # Editors keep their admin account; a portal invitation must not reset it.
            self.add_error(
                "email", _("This address belongs to a member of the coalition's own staff.")
            )
        return cleaned_data

    def save(self):
        """Create or reuse the person's account and their membership; return the membership."""
        data = self.cleaned_data
        with transaction.atomic():
            user = find_user(data["email"]) or new_portal_user(data["email"])
            user.first_name = user.first_name or data["first_name"]
            user.last_name = user.last_name or data["last_name"]
            user.save()
            user.groups.add(Group.objects.get(name=PARTNER_STAFF_GROUP))
            membership, _created = Membership.objects.update_or_create(
                user=user, partner=data["partner"], defaults={"role": data["role"]}
            )
        return membership


def find_user(email):
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email).order_by("pk").first()


def new_portal_user(email):
    """An account with no password yet: only the invitation link can give it one."""
    User = get_user_model()
    username, number = email[:150], 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{email[:140]}-{number}"
    user = User(username=username, email=email, is_staff=False)
    user.set_unusable_password()
    return user


def welcome_url(user):
    """The single-use, expiring link that lets `user` choose a password."""
    path = reverse(
        settings.PARTNER_WELCOME_URL,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site_url(path)


def send_invitation(membership, invited_by):
    """Email the invitation once the membership is committed (a task: see coalition.mail)."""
    enqueue(invitation_mail, membership.pk, invited_by.pk if invited_by else None)


@mail_task("partners.invitation")
def invitation_mail(membership_id, invited_by_id=None):
    """A link to choose a password, or to log in if the person already has one."""
    membership = Membership.objects.select_related("user", "partner")
    membership = membership.filter(pk=membership_id).first()
    if membership is None or not membership.user.email:
        return []
    user = membership.user
    invited_by = get_user_model().objects.filter(pk=invited_by_id).first()
    context = {
        "membership": membership,
        "user": user,
        "invited_by": invited_by,
        "site_name": settings.SITE_NAME,
        "login_url": site_url(resolve_url(settings.LOGIN_URL)),
        "welcome_url": None if user.has_usable_password() else welcome_url(user),
        "expiry_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
    }
    subject = render_to_string("partners/email/invitation_subject.txt", context)
    body = render_to_string("partners/email/invitation.txt", context)
    return [EmailMessage(" ".join(subject.split()), body, to=[user.email])]
