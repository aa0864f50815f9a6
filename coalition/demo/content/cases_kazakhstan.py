"""The fictional case the Kazakh campaign is about: torture in police custody in Almaty."""

import datetime

D = datetime.date

ZHAKSYLYKOV = {
    "slug": "zhaksylykov-v-kazakhstan",
    "title": "Zhaksylykov v. Kazakhstan",
    "short_title": "Zhaksylykov v. KZ",
    "summary": (
        "A young man said he was beaten and suffocated at an Almaty police station until he "
        "confessed to a robbery. The courts relied on the confession; the UN Committee against "
        "Torture found that Kazakhstan had breached the Convention."
    ),
    "facts": """\
In September 2008 Mr Zhaksylykov, then 24, was detained on suspicion of a street robbery.
He was held at a district police station for **eleven hours** before a lawyer was called.
He says officers beat him on the soles of his feet and put a plastic bag over his head until
he signed a confession.

A doctor at the pre-trial detention centre recorded bruising two days later. The prosecutor
refused to open a criminal investigation, and the trial court admitted the confession. The
Almaty City Court and the Supreme Court left the conviction in place.
""",
    "strategic_aim": """\
To show that a complaint of torture must be investigated promptly and independently, and
that a confession given without a lawyer cannot found a conviction, and to obtain redress
that includes a real investigation, not only compensation.
""",
    "status": "implementation",
    "implementation_status": "partial",
    "status_changed_on": D(2014, 2, 25),
    "respondent_states": ["KZ"],
    "topics": ["torture-prevention", "fair-trial", "implementation"],
    "rights_at_issue": (
        "Prohibition of torture (Articles 1 and 2 of the Convention against Torture)\n"
        "Prompt and impartial investigation (Articles 12 and 13)\n"
        "Redress and compensation (Article 14)\n"
        "Exclusion of statements made under torture (Article 15)"
    ),
    "is_public": True,
    "proceedings": [
        {
            "forum": "almaty-city-court",
            "number": "No. 1-214/2009",
            "lodged_on": D(2009, 2, 10),
            "decided_on": D(2009, 4, 28),
            "outcome": "Appeal dismissed; conviction upheld",
        },
        {
            "forum": "supreme-court-of-kazakhstan",
            "number": "No. 2уп-41-10",
            "lodged_on": D(2009, 7, 2),
            "decided_on": D(2010, 1, 19),
            "outcome": "Supervisory review refused",
            "parent": "No. 1-214/2009",
        },
        {
            "forum": "un-committee-against-torture",
            "number": "Communication No. 447/2010",
            "lodged_on": D(2010, 6, 14),
            "communicated_on": D(2010, 10, 5),
            "decided_on": D(2013, 11, 22),
            "outcome": "Violation of articles 1, 2, 12, 13, 14 and 15",
        },
    ],
    "partners": [
        ("almaty-centre-for-detainees-rights", "lead_counsel", True),
        ("meridian-human-rights-law-centre", "co_counsel", True),
    ],
    "documents": [
        {
            "title": "Decision of the Committee against Torture, communication no. 447/2010",
            "kind": "decision",
            "date": D(2013, 11, 22),
            "language": "en",
            "external_url": "https://treaty-bodies.example.org/cat/447-2010/decision",
            "visibility": "public",
        },
        {
            "title": "Complaint to the Committee against Torture",
            "kind": "application",
            "date": D(2010, 6, 14),
            "language": "en",
            "file": {
                "name": "complaint-to-cat.pdf",
                "lines": [
                    "Complaint under article 22 of the Convention against Torture",
                    "Zhaksylykov v. Kazakhstan (demo document)",
                    "",
                    "1. The author was detained in September 2008 and questioned without",
                    "   a lawyer for eleven hours.",
                    "2. He was beaten and suffocated until he signed a confession.",
                    "3. The prosecutor refused to investigate; the courts relied on the",
                    "   confession.",
                    "",
                    "Shared with the lawyers of the case only.",
                ],
            },
            "visibility": "partners",
        },
        {
            "title": "Editors' note on the follow-up strategy",
            "kind": "other",
            "date": D(2016, 3, 1),
            "language": "en",
            "file": {
                "name": "follow-up-strategy.txt",
                "text": (
                    "Follow-up strategy (demo document, editors only)\n\n"
                    "- Ask the Committee's rapporteur on follow-up to keep the case open.\n"
                    "- Do not publish the name of the new witness before the prosecutor "
                    "has questioned him.\n"
                    "- Prepare a short article for the tenth anniversary of the decision.\n"
                ),
            },
            "visibility": "editors",
        },
    ],
    "events": [
        {
            "date": D(2008, 9, 1),
            "precision": "month",
            "kind": "other",
            "title": "Arrest and questioning without a lawyer",
            "description": "Held for eleven hours at a district police station in Almaty.",
        },
        {
            "date": D(2009, 4, 28),
            "kind": "appeal",
            "title": "Almaty City Court dismisses the appeal",
            "description": "The court finds no reason to doubt the confession.",
        },
        {
            "date": D(2010, 1, 19),
            "kind": "decision",
            "title": "Supreme Court refuses supervisory review",
            "description": "The last domestic remedy is exhausted.",
        },
        {
            "date": D(2010, 3, 16),
            "kind": "advocacy",
            "title": "Campaign launched after the Special Rapporteur's report",
            "description": "The coalition asks readers to add their voice.",
            "article": "torture-in-kazakhstan-eradicated-by-2013",
        },
        {
            "date": D(2010, 6, 14),
            "kind": "filing",
            "title": "Complaint lodged with the UN Committee against Torture",
        },
        {
            "date": D(2010, 10, 1),
            "precision": "month",
            "kind": "communication",
            "title": "Complaint transmitted to Kazakhstan for observations",
        },
        {
            "date": D(2011, 5, 3),
            "kind": "other",
            "title": "Meeting with the family on the State's observations",
            "description": "Internal: the family agreed to the comments we filed in June.",
            "is_public": False,
        },
        {
            "date": D(2013, 11, 22),
            "kind": "decision",
            "title": "Committee finds violations of the Convention",
            "description": (
                "Kazakhstan must investigate, prosecute those responsible and compensate "
                "Mr Zhaksylykov."
            ),
            "article": "committee-against-torture-finds-violations-in-zhaksylykov-case",
            "document": "Decision of the Committee against Torture, communication no. 447/2010",
        },
        {
            "date": D(2015, 1, 1),
            "precision": "year",
            "kind": "implementation",
            "title": "Partial compensation paid",
            "description": "A court awards compensation; no one has been prosecuted.",
        },
        {
            "date": D(2016, 3, 1),
            "precision": "month",
            "kind": "implementation",
            "title": "New witness identified",
            "description": "Internal: not to be published before the prosecutor acts.",
            "is_public": False,
        },
    ],
}

CASES = [ZHAKSYLYKOV]
