"""The site's own background tasks: password reset mail, image variants and public copies.

The apps' tasks live in their `tasks` modules (`articles.tasks`, `partners.tasks`,
`coalition.portal.tasks`, `coalition.search.tasks`); the worker loads them all at start.
"""

import logging

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coalition import images
from coalition.mail import mail_task

logger = logging.getLogger(__name__)

IMAGE_RETRIES = 5


@mail_task("accounts.password_reset")
def password_reset_mail(
    user_id,
    domain,
    site_name,
    use_https,
    subject_template,
    body_template,
    html_template=None,
    extra=None,
):
    """Django's password reset email, its link made in the worker from the user's id;
    `extra` is the view's extra_email_context."""
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return []
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
        **(extra or {}),
    }
    subject = "".join(loader.render_to_string(subject_template, context).splitlines())
    body = loader.render_to_string(body_template, context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    if html_template:
        message.attach_alternative(loader.render_to_string(html_template, context), "text/html")
    return [message]


@shared_task(bind=True, name="images.make_variants", ignore_result=True)
def make_image_variants(self, model_label, image_field, pk):
    """Make the resized copies of one object's image; storage errors are retried with backoff."""
    variants = images.variants_for(apps.get_model(model_label), image_field)
    instance = variants.model._default_manager.filter(pk=pk).first()
    if instance is None:
        return None
    try:
        return variants.update(instance)
    except OSError as error:
        return retry_storage_task(self, error, f"Image variants of {model_label} {pk} not made")


@shared_task(bind=True, name="images.publish", ignore_result=True)
def publish_image(self, model_label, image_field, pk):
    """Copy one object's image to the public storage, or delete its public copies, as the
    object is public or not; storage errors are retried with backoff."""
    variants = images.variants_for(apps.get_model(model_label), image_field)
    try:
        return variants.publish(pk)
    except OSError as error:
        return retry_storage_task(self, error, f"Public copies of {model_label} {pk} not updated")


def retry_storage_task(task, error, failed, remedy="run `manage.py make_image_variants`"):
    """Retry a task after a storage error, with backoff; log and give up after the last,
    saying what makes up for it (`remedy`)."""
    last = task.request.is_eager or task.request.retries >= IMAGE_RETRIES
    logger.log(
        logging.ERROR if last else logging.WARNING,
        "%s (attempt %d): %s; %s",
        failed,
        task.request.retries + 1,
        error,
        remedy if last else "will retry",
    )
    if last:
        return None
    raise task.retry(countdown=30 * 2**task.request.retries, max_retries=IMAGE_RETRIES) from error
