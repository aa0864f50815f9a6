"""The library's background tasks, loaded by the Celery worker at start."""

from celery import shared_task
from django.apps import apps

from coalition.tasks import retry_storage_task


@shared_task(bind=True, name="library.publish_document", ignore_result=True)
def publish_document(self, pk):
    """Copy a library document to the public storage; storage errors are retried."""
    from . import documents

    try:
        return documents.publish(apps.get_model("library", "Document"), pk)
    except OSError as error:
        # Meanwhile, and if it never succeeds, pages link to the view that serves the file.
        return retry_storage_task(
            self,
            error,
            f"Public copy of library document {pk} not made",
            remedy="the library serves it through its view until the document is saved again",
        )


@shared_task(name="library.rerender_uses", ignore_result=True)
def rerender_uses(kind, pk):
    """Render again the stored HTML of the texts that show a changed or deleted item."""
    from . import rendering

    return rendering.rerender_uses(kind, pk)
