"""Fictional cases against Kyrgyzstan, Tajikistan and Uzbekistan before the UN treaty bodies."""

import datetime

D = datetime.date

OMURBEKOVA = {
    "slug": "omurbekova-v-kyrgyzstan",
    "title": "Omurbekova v. Kyrgyzstan",
    "short_title": "Omurbekova v. KG",
    "summary": (
        "A schoolteacher was convicted after a trial in which she met her lawyer for ten "
        "minutes. The UN Human Rights Committee found that her right to a fair trial was "
        "violated; Kyrgyzstan has yet to reopen the case."
    ),
    "facts": """\
Ms Omurbekova was charged with fraud after she complained about the misuse of school funds.
The court-appointed lawyer met her for the first time on the morning of the trial. Her
requests to call two witnesses were refused without reasons.

The Supreme Court of the Kyrgyz Republic upheld the conviction in September 2015.
""",
    "strategic_aim": """\
To establish that time and facilities to prepare a defence are not a formality, and to use
the Committee's views to reopen the conviction under Kyrgyz law.
""",
    "status": "decided",
    "implementation_status": "awaited",
    "status_changed_on": D(2019, 7, 18),
    "respondent_states": ["KG"],
    "topics": ["fair-trial", "human-rights-defenders"],
    "rights_at_issue": (
        "Right to a fair hearing (Article 14(1) ICCPR)\n"
        "Adequate time and facilities to prepare a defence (Article 14(3)(b))\n"
        "Right to examine witnesses (Article 14(3)(e))"
    ),
    "is_public": True,
    "proceedings": [
        {
            "forum": "supreme-court-of-kyrgyzstan",
            "number": "Case No. 01-1234/15",
            "lodged_on": D(2015, 3, 16),
            "decided_on": D(2015, 9, 30),
            "outcome": "Conviction upheld",
        },
        {
            "forum": "un-human-rights-committee",
            "number": "Communication No. 2793/2016",
            "lodged_on": D(2016, 4, 12),
            "communicated_on": D(2016, 8, 30),
            "decided_on": D(2019, 7, 18),
            "outcome": "Violation of article 14(1), (3)(b) and (3)(e)",
        },
    ],
    "partners": [
        ("bishkek-human-rights-defence-centre", "representative", True),
        ("meridian-human-rights-law-centre", "supporter", True),
    ],
    "documents": [
        {
            "title": "Views of the Human Rights Committee, communication no. 2793/2016",
            "kind": "decision",
            "date": D(2019, 7, 18),
            "language": "en",
            "external_url": "https://treaty-bodies.example.org/ccpr/2793-2016/views",
            "visibility": "public",
        },
    ],
    "events": [
        {
            "date": D(2015, 9, 30),
            "kind": "decision",
            "title": "Supreme Court upholds the conviction",
        },
        {
            "date": D(2016, 4, 12),
            "kind": "filing",
            "title": "Communication lodged with the Human Rights Committee",
        },
        {
            "date": D(2016, 8, 30),
            "kind": "communication",
            "title": "Communication transmitted to Kyrgyzstan",
        },
        {
            "date": D(2019, 7, 18),
            "kind": "decision",
            "title": "Committee adopts views finding a violation",
            "article": "human-rights-committee-views-omurbekova",
            "document": "Views of the Human Rights Committee, communication no. 2793/2016",
        },
        {
            "date": D(2020, 2, 1),
            "precision": "month",
            "kind": "implementation",
            "title": "Request to reopen the case filed in Bishkek",
        },
    ],
}

DAVLATOV = {
    "slug": "davlatov-v-tajikistan",
    "title": "Davlatov v. Tajikistan",
    "short_title": "Davlatov v. TJ",
    "summary": (
        "A blogger was sentenced to seven years for posts criticising local officials. The "
        "complaint to the UN Human Rights Committee has been sent to Tajikistan for its reply."
    ),
    "facts": """\
Mr Davlatov wrote about the cost of building permits in his town. He was charged with
"insulting a representative of the authorities" and "extremism", and was tried behind
closed doors. The court's judgment quotes none of the posts it found to be extremist.
""",
    "strategic_aim": """\
To obtain a clear statement that criticism of officials is protected speech, and that a
closed trial needs reasons that the public can read.
""",
    "status": "communicated",
    "implementation_status": "not_applicable",
    "status_changed_on": D(2023, 5, 9),
    "respondent_states": ["TJ"],
    "topics": ["freedom-of-expression", "fair-trial", "human-rights-defenders"],
    "rights_at_issue": (
        "Freedom of expression (Article 19 ICCPR)\nPublic hearing (Article 14(1) ICCPR)"
    ),
    "is_public": True,
    "proceedings": [
        {
            "forum": "un-human-rights-committee",
            "number": "Communication No. 4102/2022",
            "lodged_on": D(2022, 9, 6),
            "communicated_on": D(2023, 5, 9),
        },
    ],
    "partners": [
        ("meridian-human-rights-law-centre", "lead_counsel", True),
        # Kept off the public page: the local organisation's staff would be at risk.
        ("pamir-media-rights-initiative", "co_counsel", False),
    ],
    "documents": [
        {
            "title": "Observations of the State party (working translation)",
            "kind": "observations",
            "date": D(2023, 11, 20),
            "language": "en",
            "file": {
                "name": "state-party-observations.pdf",
                "lines": [
                    "Observations of the State party - working translation",
                    "Davlatov v. Tajikistan (demo document)",
                    "",
                    "The State party contests admissibility and the merits.",
                    "Translation prepared for the lawyers of the case.",
                ],
            },
            "visibility": "partners",
        },
    ],
    "events": [
        {
            "date": D(2021, 1, 1),
            "precision": "year",
            "kind": "other",
            "title": "Arrest and closed trial",
        },
        {
            "date": D(2022, 9, 6),
            "kind": "filing",
            "title": "Communication lodged with the Human Rights Committee",
        },
        {
            "date": D(2023, 5, 9),
            "kind": "communication",
            "title": "Communication transmitted to Tajikistan",
            "article": "davlatov-complaint-communicated-to-tajikistan",
        },
        {
            "date": D(2023, 11, 20),
            "kind": "submission",
            "title": "Tajikistan's observations received",
            "description": "Internal: comments due within two months.",
            "is_public": False,
        },
    ],
}

KHOLMATOVA = {
    "slug": "kholmatova-v-uzbekistan",
    "title": "Kholmatova v. Uzbekistan",
    "short_title": "Kholmatova v. UZ",
    "summary": (
        "A mother complained that her son was beaten in a prison colony. The UN Human Rights "
        "Committee declared the complaint inadmissible because a domestic appeal was still "
        "pending."
    ),
    "facts": """\
Ms Kholmatova's son told her during a visit that guards had beaten him after he refused to
sign a statement. The prosecutor refused to investigate. While the complaint was before the
Committee, a supervisory appeal lodged by a relative was still pending in Uzbekistan.
""",
    "strategic_aim": """\
To bring the ill-treatment to light; the decision taught the coalition to check every
remedy a family may have used before going to a UN body.
""",
    "status": "inadmissible",
    "implementation_status": "not_applicable",
    "status_changed_on": D(2018, 3, 27),
    "respondent_states": ["UZ"],
    "topics": ["torture-prevention", "detention-conditions"],
    "rights_at_issue": (
        "Prohibition of torture and ill-treatment (Article 7 ICCPR)\n"
        "Humane treatment of detainees (Article 10 ICCPR)"
    ),
    "is_public": True,
    "proceedings": [
        {
            "forum": "un-human-rights-committee",
            "number": "Communication No. 2519/2014",
            "lodged_on": D(2014, 9, 22),
            "communicated_on": D(2015, 2, 11),
            "decided_on": D(2018, 3, 27),
            "outcome": "Inadmissible: domestic remedies not exhausted",
        },
    ],
    "partners": [("fergana-valley-legal-support-group", "representative", True)],
    "documents": [
        {
            "title": "Decision on admissibility, communication no. 2519/2014",
            "kind": "decision",
            "date": D(2018, 3, 27),
            "language": "en",
            "external_url": "https://treaty-bodies.example.org/ccpr/2519-2014/decision",
            "visibility": "public",
        },
    ],
    "events": [
        {
            "date": D(2014, 9, 22),
            "kind": "filing",
            "title": "Communication lodged with the Human Rights Committee",
        },
        {
            "date": D(2018, 3, 27),
            "kind": "decision",
            "title": "Committee declares the complaint inadmissible",
            "article": "lessons-from-an-inadmissible-complaint",
            "document": "Decision on admissibility, communication no. 2519/2014",
        },
    ],
}

CASES = [OMURBEKOVA, DAVLATOV, KHOLMATOVA]
