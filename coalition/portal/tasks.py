"""The partner portal's mail: editors hear when a partner changes its public profile."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from coalition.mail import mail_task
from coalition.urls_helpers import site_url
from partners.models import Partner


@mail_task("portal.profile_changed")
def profile_changed_mail(partner_id, changed_by_id):
    """One email to each person who keeps partner records (so none sees the others' address)."""
    partner = Partner.objects.filter(pk=partner_id).first()
    changed_by = get_user_model().objects.filter(pk=changed_by_id).first()
    if partner is None or changed_by is None:
        return []
    recipients = (
        get_user_model()
        .objects.with_perm(
            "partners.change_partner", backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    context = {
        "partner": partner,
        "changed_by": changed_by,
        "admin_url": site_url(reverse("admin:partners_partner_change", args=[partner.pk])),
        "public_url": site_url(partner.get_absolute_url()),
    }
    subject = render_to_string("portal/email/profile_changed_subject.txt", context)
    subject = " ".join(subject.split())
    body = render_to_string("portal/email/profile_changed.txt", context)
    return [EmailMessage(subject, body, to=[address]) for address in sorted(set(recipients))]
