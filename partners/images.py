"""Who sees a partner's logo: everyone while the partner is active; otherwise only those who
may view partners in the admin. Staff of an inactive partner have lost the portal with it
(coalition.portal.access), and an active partner's logo is public."""


def is_public(partner):
    return partner.is_active


def may_view(request, partner):
    user = request.user
    return user.is_authenticated and user.is_active and user.has_perm("partners.view_partner")
