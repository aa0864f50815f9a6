"""Revisions of registered models: save, compare, restore, and pending edits of live content.

Each app registers its models in `AppConfig.ready()` with `register()`; this package names
none of them. Keys of a revision's data starting with an underscore are bookkeeping.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Exists, F, Max, Q, Subquery
from django.utils import timezone, translation

from coalition.models import Revision

from .presence import PRESENCE_TIMEOUT, open_editors, others_present, record_presence
from .registry import (
    Children,
    Drafts,
    is_registered,
    model_fields_edited,
    register,
    registrations,
    spec_for,
    tracked_models,
    untracked_form_fields,
)
from .snapshots import (
    form_initial,
    materialise,
    serialise_related,
    serialise_value,
    snapshot,
    snapshot_from_form,
    write_data,
)

__all__ = [
    "PRESENCE_TIMEOUT",
    "VERSION_KEY",
    "Children",
    "Drafts",
    "apply_pending",
    "keep_autosave",
    "autosave_to_offer",
    "autosaves_of",
    "claim_version",
    "current_data",
    "edits_are_pending",
    "form_initial",
    "is_registered",
    "latest_revision",
    "mark_pending",
    "model_fields_edited",
    "materialise",
    "open_editors",
    "others_present",
    "pending_revision",
    "record_presence",
    "register",
    "registrations",
    "restore",
    "revisions_of",
    "save_edit",
    "save_revision",
    "serialise_related",
    "serialise_value",
    "snapshot",
    "snapshot_from_form",
    "spec_for",
    "tracked_models",
    "untracked_form_fields",
    "write_data",
]

VERSION_KEY = "_version"
# Where the waiting draft is kept on the object, with the version it was read at: any change
# of the draft moves the version on, and the functions here also forget it.
PENDING_CACHE = "_pending_revision"


def edits_are_pending(obj):
    """Whether a save must leave the public content alone: the object is registered with
    drafts and is live now."""
    spec = spec_for(obj)
    drafts = spec.drafts if spec else None
    return drafts is not None and bool(getattr(obj, drafts.live))


def _drafts(obj):
    drafts = spec_for(obj).drafts
    if drafts is None:
        raise ImproperlyConfigured(f"{obj._meta.label} is not registered with drafts.")
    return drafts


def _all_revisions_of(obj):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
    )


def revisions_of(obj):
    """The saved revisions of `obj`, newest first; autosaves are not among them."""
    return _all_revisions_of(obj).filter(is_autosave=False)


def autosaves_of(obj):
    """The text kept while people edit `obj` and have not saved yet, one per person."""
    return _all_revisions_of(obj).filter(is_autosave=True).order_by("-created_at")


def keep_autosave(obj, user, data):
    """Keep `data` as the autosave of `user` on `obj`, replacing their earlier one.

    Neither the object nor its version changes: an autosave is no save.
    """
    revision, _created = Revision.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        created_by=user,
        is_autosave=True,
        defaults={"number": 0, "data": data, "created_at": timezone.now()},
    )
    return revision


def autosave_to_offer(obj, user):
    """The autosave of `user` on `obj` when it is newer than the last save, else None."""
    if not user.is_authenticated:
        return None
    last_saved = revisions_of(obj).order_by("-number").values("created_at")[:1]
    newer = Q(created_at__gt=Subquery(last_saved)) | ~Exists(last_saved)
    return autosaves_of(obj).filter(newer, created_by=user).first()


def _waiting(obj):
    """The newest pending revision, live or not; read once per version."""
    version = getattr(obj, "version", None)
    cached = obj.__dict__.get(PENDING_CACHE)
    if cached is None or cached[0] != version:
        cached = obj.__dict__[PENDING_CACHE] = (
            version,
            revisions_of(obj).filter(is_pending=True).first(),
        )
    return cached[1]


def pending_revision(obj):
    """The unpublished changes saved on top of live content; None when it is not live."""
    return _waiting(obj) if edits_are_pending(obj) else None


def _forget_pending(obj):
    obj.__dict__.pop(PENDING_CACHE, None)


def latest_revision(obj):
    return revisions_of(obj).select_related("created_by").first()


def current_data(obj):
    """The content an editor works on: the pending draft when there is one, else the row."""
    pending = pending_revision(obj)
    return pending.data if pending else snapshot(obj)


# Saving and restoring


def _next_number(obj):
    highest = revisions_of(obj).aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


def _locked_row(obj):
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def save_revision(obj, user, message="", pending=False, data=None, restored_from=None):
    """Record a revision of `obj`: its stored content, or `data` when given."""
    _forget_pending(obj)
    with transaction.atomic():
        row = _locked_row(obj)
        data = dict(snapshot(row) if data is None else data)
        data[VERSION_KEY] = row.version
        if pending:
            # One draft at a time: the newest pending revision holds all of it.
            revisions_of(obj).filter(is_pending=True).update(is_pending=False)
        # Saved now: what was kept while people typed is behind it.
        autosaves_of(obj).delete()
        return Revision.objects.create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
            number=_next_number(obj),
            data=data,
            message=message[:255],
            is_pending=pending,
            restored_from=restored_from,
            created_by=user if user is not None and user.is_authenticated else None,
        )


def claim_version(obj, opened_version, **changes):
    """Raise the stored version by one if it is still `opened_version`; False if it moved on.

    A single conditional UPDATE, so two saves racing each other cannot both win.
    """
    claimed = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=opened_version)
        .update(version=F("version") + 1, **changes)
    )
    if claimed:
        obj.version = opened_version + 1
        for name, value in changes.items():
            setattr(obj, name, value)
    return bool(claimed)


def mark_pending(obj, opened_version=None):
    """Flag a live object as having unpublished changes; False on a version conflict.

    Also writes what its registration's `Drafts.changes` asks for (an article's status).
    """
    _forget_pending(obj)
    drafts = _drafts(obj)
    changes = {drafts.flag: True, **drafts.changes(obj)}
    if opened_version is None:
        opened_version = _locked_row(obj).version
    return claim_version(obj, opened_version, **changes)


def save_edit(obj, user, message, opened_version, *, save, draft_data=None, baseline=True):
    """Save an edit of `obj` from a form opened at `opened_version`, and record its revision.

    A live object keeps its public content: `draft_data()` becomes its pending revision.
    Anything else is written by `save()`. None on a version conflict: the edit is not saved.
    With `baseline`, the content found before the first recorded save is kept first.
    """
    if baseline and not revisions_of(obj).exists():
        save_revision(obj, None, translation.gettext("As found before the first recorded save"))
    if edits_are_pending(obj):
        if not mark_pending(obj, opened_version):
            return None
        return save_revision(obj, user, message, pending=True, data=draft_data())
    if not claim_version(obj, opened_version):
        return None
    save()
    return save_revision(obj, user, message)


def restore(obj, revision, user):
    """Bring back `revision` as a new revision; a live object gets it as a pending draft."""
    with transaction.atomic():
        row = _locked_row(obj)
        data = {key: value for key, value in revision.data.items() if not key.startswith("_")}
        message = translation.gettext("Restored revision %(number)s") % {"number": revision.number}
        if edits_are_pending(row):
            drafts = _drafts(row)
            changed = {drafts.flag, *drafts.changes(row)}
            mark_pending(row, row.version)
            for name in ("version", *changed):
                setattr(obj, name, getattr(row, name))
            return save_revision(
                obj, user, message, pending=True, data=data, restored_from=revision
            )
        obj.version = row.version + 1
        write_data(obj, data)
        return save_revision(obj, user, message, restored_from=revision)


def apply_pending(obj, user):
    """Publish the waiting draft into the row and relations; None when there is no draft."""
    with transaction.atomic():
        pending = _waiting(obj)
        _forget_pending(obj)
        if pending is None:
            return None
        obj.version = _locked_row(obj).version + 1
        setattr(obj, _drafts(obj).flag, False)
        write_data(obj, pending.data)
        pending.is_pending = False
        pending.save(update_fields=["is_pending"])
        return pending
