"""Who sees a partner's logo: everyone while the partner is active; otherwise its own staff
(in the portal) and those who may view partners in the admin."""

from .models import Partner


def is_public(partner):
    return partner.is_active


def may_view(request, partner):
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    if user.has_perm("partners.view_partner"):
        return True
    return Partner.objects.for_user(user).filter(pk=partner.pk).exists()
