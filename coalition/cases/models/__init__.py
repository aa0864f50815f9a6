# Migrations name get_private_storage and case_document_path by this package's dotted path.
from .cases import (
    CasePartner,
    CasePartnerQuerySet,
    Forum,
    LitigationCase,
    LitigationCaseQuerySet,
    Proceeding,
    normalise_case_number,
)
from .documents import CaseDocument, CaseDocumentQuerySet, case_document_path, file_fingerprint
from .storage import PrivateStorage, get_private_storage, private_storage
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
    "PrivateStorage",
    "Proceeding",
    "case_document_path",
    "file_fingerprint",
    "get_private_storage",
    "normalise_case_number",
    "private_storage",
]
