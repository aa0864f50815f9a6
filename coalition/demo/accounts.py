"""Demo logins for local development; `seed_demo` makes them only when DEBUG is on."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from partners.models import Membership, Partner

# The partner organisation whose profile the `partner` login looks after.
DEMO_PARTNER_SLUG = "almaty-centre-for-detainees-rights"

DEMO_ACCOUNTS = [
    {
        "username": "admin",
        "last_name": "Administrator",
        "is_staff": True,
        "is_superuser": True,
        "groups": [],
        "purpose": "superuser: everything in the admin",
        "path": "/admin/",
    },
    {
        "username": "editor",
        "last_name": "Editor",
        "is_staff": True,
        "is_superuser": False,
        "groups": ["Editors"],
        "purpose": "Editors: review, publish and edit anything",
        "path": "/admin/",
    },
    {
        "username": "author",
        "last_name": "Author",
        "is_staff": True,
        "is_superuser": False,
        "groups": ["Authors"],
        "purpose": "Authors: write and submit drafts",
        "path": "/admin/",
    },
    {
        "username": "partner",
        "last_name": "Partner",
        "is_staff": False,
        "is_superuser": False,
        "groups": ["Partner staff"],
        "purpose": "Partner staff: admin of ACDR, in the partner portal",
        "path": "/portal/",
    },
]


def create_demo_accounts():
    """Create or reset the demo users, with DEMO_PASSWORD; return them by username."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user, _ = get_user_model().objects.get_or_create(username=account["username"])
        user.first_name = "Demo"
        user.last_name = account["last_name"]
        user.email = f"{account['username']}@example.org"
        user.is_active = True
        user.is_staff = account["is_staff"]
        user.is_superuser = account["is_superuser"]
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=name) for name in account["groups"]])
        users[user.username] = user
    Membership.objects.update_or_create(
        user=users["partner"],
        partner=Partner.objects.get(slug=DEMO_PARTNER_SLUG),
        defaults={"role": Membership.Role.ADMIN},
    )
    return users


def demo_logins(site_url):
    """(username, what it is for, where to log in) for each demo account."""
    base = site_url.rstrip("/")
    return [
        (account["username"], account["purpose"], base + account["path"])
        for account in DEMO_ACCOUNTS
    ]
