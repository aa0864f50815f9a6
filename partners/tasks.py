"""The partners app's background tasks, loaded by the Celery worker at start."""

from .invitations import invitation_mail

__all__ = ["invitation_mail"]
