# Migrations name case_document_path by this package's dotted path.
from .cases import (
    CasePartner,
    CasePartnerQuerySet,
    Forum,
    LitigationCase,
    LitigationCaseQuerySet,
    Proceeding,
    normalise_case_number,
)
from .documents import CaseDocument, CaseDocumentQuerySet, case_document_path
from .timeline import CaseEvent, CaseEventQuerySet

__all__ = [
    "CaseDocument",
    "CaseDocumentQuerySet",
    "CaseEvent",
    "CaseEventQuerySet",
    "CasePartner",
    "CasePartnerQuerySet",
    "Forum",
    "LitigationCase",
    "LitigationCaseQuerySet",
    "Proceeding",
    "case_document_path",
    "normalise_case_number",
]
