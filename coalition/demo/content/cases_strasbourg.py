"""Fictional cases before the European Court of Human Rights, one still confidential."""

import datetime

D = datetime.date

LOMIDZE = {
    "slug": "lomidze-and-others-v-georgia",
    "title": "Lomidze and Others v. Georgia",
    "short_title": "Lomidze and Others v. GE",
    "summary": (
        "Five men held in an overcrowded pre-trial detention wing, with less than three "
        "square metres each and one hour outside a day, complain of degrading conditions and "
        "of having no way to obtain a remedy at home."
    ),
    "facts": """\
Monitors from the Tbilisi Prison Monitoring Centre measured the cells of one pre-trial
wing over a year. The five applicants shared cells in which each had **less than three
square metres**, with a toilet separated by a curtain and daylight through a single
covered window.

Their complaints to the prison administration and the courts were returned unanswered or
rejected as outside the courts' competence.
""",
    "strategic_aim": """\
To obtain a judgment on the structural problem of overcrowding in pre-trial detention and
on the lack of an effective remedy, so that Georgia sets a maximum capacity per facility.
""",
    "status": "lodged",
    "implementation_status": "not_applicable",
    "status_changed_on": D(2024, 2, 19),
    "respondent_states": ["GE"],
    "topics": ["detention-conditions", "torture-prevention"],
    "rights_at_issue": (
        "Prohibition of inhuman or degrading treatment (Article 3 ECHR)\n"
        "Right to an effective remedy (Article 13 ECHR)"
    ),
    "is_public": True,
    "proceedings": [
        {
            "forum": "european-court-of-human-rights",
            "number": "no. 21457/24",
            "lodged_on": D(2024, 2, 19),
        },
    ],
    "partners": [
        ("tbilisi-prison-monitoring-centre", "lead_counsel", True),
        ("meridian-human-rights-law-centre", "co_counsel", True),
    ],
    "documents": [
        {
            "title": "Press release: application lodged on prison overcrowding",
            "kind": "press_release",
            "date": D(2024, 2, 20),
            "language": "en",
            "external_url": "https://tpmc.example.org/press/overcrowding-application",
            "visibility": "public",
        },
    ],
    "events": [
        {
            "date": D(2023, 1, 1),
            "precision": "year",
            "kind": "advocacy",
            "title": "A year of monitoring visits to the pre-trial wing",
        },
        {
            "date": D(2024, 2, 19),
            "kind": "filing",
            "title": "Application lodged with the European Court of Human Rights",
            "article": "overcrowding-application-lodged-against-georgia",
            "document": "Press release: application lodged on prison overcrowding",
        },
        {
            "date": D(2024, 6, 1),
            "precision": "month",
            "kind": "other",
            "title": "The Court acknowledges receipt and gives the application a number",
        },
    ],
}

TER_GALSTYAN = {
    "slug": "ter-galstyan-v-armenia",
    "title": "Ter-Galstyan v. Armenia",
    "short_title": "Ter-Galstyan v. AM",
    "summary": (
        "A man was convicted on the statements of two witnesses whom the defence never had "
        "the chance to question. The European Court of Human Rights found the trial unfair; "
        "after a retrial the case was closed."
    ),
    "facts": """\
Mr Ter-Galstyan was convicted of assault on the written statements of two witnesses who
did not appear at trial. The court made no real effort to find them and gave no reasons for
relying on their statements alone.
""",
    "strategic_aim": """\
To secure a retrial and a change in how courts treat the statements of absent witnesses.
""",
    "status": "closed",
    "implementation_status": "full",
    "status_changed_on": D(2021, 9, 23),
    "respondent_states": ["AM"],
    "topics": ["fair-trial", "implementation"],
    "rights_at_issue": (
        "Right to a fair trial (Article 6 § 1 ECHR)\n"
        "Right to examine witnesses (Article 6 § 3 (d) ECHR)"
    ),
    "is_public": True,
    "proceedings": [
        {
            "forum": "european-court-of-human-rights",
            "number": "no. 38851/12",
            "lodged_on": D(2012, 6, 5),
            "communicated_on": D(2014, 11, 20),
            "decided_on": D(2017, 10, 12),
            "outcome": "Violation of Article 6 §§ 1 and 3 (d)",
        },
    ],
    "partners": [
        ("yerevan-fair-trial-association", "representative", True),
        ("meridian-human-rights-law-centre", "co_counsel", True),
    ],
    "documents": [
        {
            "title": "Judgment of the European Court of Human Rights",
            "kind": "judgment",
            "date": D(2017, 10, 12),
            "language": "en",
            "external_url": "https://judgments.example.org/ecthr/38851-12",
            "visibility": "public",
        },
        {
            "title": "Final resolution of the Committee of Ministers",
            "kind": "decision",
            "date": D(2021, 9, 23),
            "language": "fr",
            "external_url": "https://judgments.example.org/cm/38851-12/final-resolution",
            "visibility": "public",
        },
    ],
    "events": [
        {
            "date": D(2012, 6, 5),
            "kind": "filing",
            "title": "Application lodged in Strasbourg",
        },
        {
            "date": D(2014, 11, 20),
            "kind": "communication",
            "title": "Application communicated to Armenia",
        },
        {
            "date": D(2017, 10, 12),
            "kind": "judgment",
            "title": "Judgment: the trial was unfair",
            "article": "strasbourg-finds-conviction-on-absent-witnesses-unfair",
            "document": "Judgment of the European Court of Human Rights",
        },
        {
            "date": D(2019, 1, 1),
            "precision": "year",
            "kind": "implementation",
            "title": "Retrial ordered and held",
        },
        {
            "date": D(2021, 9, 23),
            "kind": "implementation",
            "title": "Committee of Ministers closes its supervision",
            "article": "ter-galstyan-case-closed",
            "document": "Final resolution of the Committee of Ministers",
        },
    ],
}

# Not public: an application still being drafted, for a client who has not agreed to publicity.
CONFIDENTIAL = {
    "slug": "a-b-v-turkiye",
    "title": "A.B. v. Türkiye",
    "short_title": "A.B. v. TR",
    "summary": (
        "A journalist held in pre-trial detention for fourteen months on the basis of his "
        "articles. The application is being prepared and is not yet public."
    ),
    "facts": "Kept confidential until the client agrees to publicity.",
    "strategic_aim": "",
    "status": "preparing",
    "implementation_status": "not_applicable",
    "status_changed_on": D(2026, 6, 2),
    "respondent_states": ["TR"],
    "topics": ["freedom-of-expression", "detention-conditions"],
    "rights_at_issue": (
        "Right to liberty (Article 5 ECHR)\nFreedom of expression (Article 10 ECHR)"
    ),
    "is_public": False,
    "proceedings": [
        {"forum": "european-court-of-human-rights", "number": ""},
    ],
    "partners": [("anatolia-rights-litigation-collective", "lead_counsel", True)],
    "documents": [],
    "events": [
        {
            "date": D(2026, 6, 2),
            "kind": "other",
            "title": "Client agrees to an application in Strasbourg",
            "is_public": False,
        },
    ],
}

CASES = [LOMIDZE, TER_GALSTYAN, CONFIDENTIAL]
