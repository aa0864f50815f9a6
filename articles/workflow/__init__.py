"""The editorial workflow of articles: the one place that says who may move an article where.

Each step is declared once, in `steps.STEPS`: its name, button label, the states it starts
from and leads to, who may take it, and what the admin and the emails say about it. The
admin, the partner portal and the management commands call these functions and never change
`Article.status` or `live` themselves. A refused step raises `PermissionDenied` (not for this
person) or `ValidationError` (not from this state, or something missing); none is a silent no-op.

The package: `permissions` (roles and who may do what), `steps` (the table of steps and the
functions that take them), `schedule` (what goes live or comes down at its date). Callers
import the package (`from articles import workflow`) and use the names it gathers here.
"""

from .permissions import (
    AUTHOR_EDITABLE,
    CHANGE_PERMISSION,
    PUBLISH_PERMISSION,
    REVIEW_PERMISSION,
    can_view_draft,
    drafts_visible_to,
    edit_allowed,
    is_author,
    is_editor,
    is_source_partner_staff,
    is_submitter,
    may_publish,
    may_review,
    may_submit,
    may_withdraw,
)
from .schedule import (
    due_to_go_live,
    due_to_unpublish,
    is_scheduled,
    publish_due,
    record_going_live,
    unpublish_expired,
)
from .steps import (
    APPROVE,
    PUBLISH,
    REQUEST_CHANGES,
    STEPS,
    SUBMIT,
    UNPUBLISH,
    WITHDRAW,
    WORKFLOW_FIELDS,
    Bulk,
    Status,
    Step,
    approve,
    available_actions,
    can,
    check,
    perform,
    place,
    publish,
    request_changes,
    step_into,
    submit,
    unpublish,
    withdraw,
    working_copy_changes,
)

__all__ = [
    "APPROVE",
    "AUTHOR_EDITABLE",
    "CHANGE_PERMISSION",
    "PUBLISH",
    "PUBLISH_PERMISSION",
    "REQUEST_CHANGES",
    "REVIEW_PERMISSION",
    "STEPS",
    "SUBMIT",
    "UNPUBLISH",
    "WITHDRAW",
    "WORKFLOW_FIELDS",
    "Bulk",
    "Status",
    "Step",
    "approve",
    "available_actions",
    "can",
    "can_view_draft",
    "check",
    "drafts_visible_to",
    "due_to_go_live",
    "due_to_unpublish",
    "edit_allowed",
    "is_author",
    "is_editor",
    "is_scheduled",
    "is_source_partner_staff",
    "is_submitter",
    "may_publish",
    "may_review",
    "may_submit",
    "may_withdraw",
    "perform",
    "place",
    "publish",
    "publish_due",
    "record_going_live",
    "request_changes",
    "step_into",
    "submit",
    "unpublish",
    "unpublish_expired",
    "withdraw",
    "working_copy_changes",
]
