"""Public copies of library documents, as `coalition.image_copies` keeps those of images.

A document is uploaded to the private storage, like every file, and the library publishes
what it holds: once the save commits, a task copies the file to the public storage under
the same unguessable name and records it in `public_copy`. A replaced file's copy is deleted
once its successor's is made; a deleted document's at once.

A partner's upload in the portal is `private_until_used`: it gets no public copy, and its view
serves it only to those who may see it (`may_view`), until published content uses it
(`release`).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.urls import reverse

from coalition import image_copies, pagecache
from coalition.storage import public_storage

# Sent (`pk`) once a document's public copy changed: stored HTML linking to it is redone.
published = Signal()


def connect(model):
    post_save.connect(_saved, sender=model, weak=False, dispatch_uid="library-document-copy")
    post_delete.connect(
        _deleted, sender=model, weak=False, dispatch_uid="library-document-copy-delete"
    )


def _saved(sender, instance, raw=False, **kwargs):
    if raw or wanted_copy(instance) == instance.public_copy:
        return
    pk = instance.pk
    transaction.on_commit(lambda: publish_later(pk), robust=True)


def _deleted(sender, instance, **kwargs):
    image_copies.delete_on_commit([instance.public_copy] if instance.public_copy else [])


def publish_later(pk):
    from .tasks import publish_document

    publish_document.delay(pk)


def publish(model, pk):
    """Copy document `pk`'s file to the public storage unless done; delete an older copy.
    Return the name of its public copy ("" when it has none)."""
    with transaction.atomic():
        row = model._default_manager.select_for_update().filter(pk=pk).first()
        if row is None:
            return ""
        name = wanted_copy(row)
        if name == row.public_copy:
            return name
        copied = image_copies.copy_to_public([name], row.file.storage) if name else []
        old = [row.public_copy] if row.public_copy else []
        image_copies.delete_on_commit(old)
        row.public_copy = copied[0] if copied else ""
        # update(): no new version, no signals; the pages that link to it are invalidated.
        model._default_manager.filter(pk=pk).update(public_copy=row.public_copy)
        pagecache.invalidate_on_commit()
        published.send(sender=model, pk=pk)
        return row.public_copy


def wanted_copy(document):
    """The name of the file that should have a public copy: none while it is private."""
    return "" if document.private_until_used else (document.file.name or "")


def is_public(document):
    return not document.private_until_used


# Apps that show documents before the public may, such as the portal to the organisation that
# uploaded one, add `viewer(request, document)` here: True lets that request fetch it.
viewers = []


def may_view(request, document):
    """Whether `request` may fetch `document`: anyone once it is public; before, people who
    may view the library's documents, and those an app's viewer lets in."""
    if is_public(document):
        return True
    user = request.user
    if user.is_authenticated and user.is_active and user.has_perm("library.view_document"):
        return True
    return any(viewer(request, document) for viewer in viewers)


def release(model, pks):
    """Make the documents `pks` public if they were private until used: published content
    links to them now. Their public copies are made once the change commits."""
    held = list(
        model._default_manager.filter(pk__in=pks, private_until_used=True).values_list(
            "pk", flat=True
        )
    )
    if not held:
        return []
    # update(): no new version or revision, as nobody changed the document.
    model._default_manager.filter(pk__in=held).update(private_until_used=False)
    for pk in held:
        transaction.on_commit(lambda pk=pk: publish_later(pk), robust=True)
    return held


def url(document):
    """Its public copy's address once made, else the view that serves it meanwhile."""
    if document.public_copy and document.public_copy == document.file.name:
        return public_storage().url(document.public_copy)
    return reverse("library:document", kwargs={"pk": document.pk})
