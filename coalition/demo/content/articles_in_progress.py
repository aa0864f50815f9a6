"""Articles at every other step of the workflow; the public sees none of them.

"publish_in_days" makes an article scheduled: published, with `publish_at` that far ahead.
"""

import datetime

ARTICLES = [
    {
        "slug": "notes-on-draft-amendments-criminal-procedure-kazakhstan",
        "title": "Notes on the draft amendments to Kazakhstan's Criminal Procedure Code",
        "kind": "commentary",
        "status": "draft",
        "author": "author",
        "byline": "ACDR legal team",
        "standfirst": (
            "The draft would move the moment a detainee may call a lawyer. Our first reading, "
            "to be finished before the consultation closes."
        ),
        "body": """\
*Draft: sections 2 and 3 still to be written.*

## What the draft changes

The draft counts the right to a lawyer from the moment a person is "recognised as a
suspect", not from the moment of actual detention. In our cases the worst hours came
before anyone was recognised as anything.

## What we will ask for

To be completed.
""",
        "topics": ["fair-trial", "torture-prevention"],
        "countries": ["KZ"],
        "partners": ["almaty-centre-for-detainees-rights"],
        "cases": [],
    },
    {
        "slug": "defence-lawyers-under-pressure-kyrgyzstan",
        "title": "Defence lawyers under pressure in Kyrgyzstan: five accounts",
        "kind": "news",
        "status": "in_review",
        "author": "author",
        "byline": "Bishkek Human Rights Defence Centre",
        "standfirst": (
            "Searched, summoned, named in the press: five lawyers describe what happened "
            "after they took on sensitive clients."
        ),
        "body": """\
Five defence lawyers agreed to tell us, without their names, what happened to them this
year. Three were summoned for questioning as witnesses in their own clients' cases. One
had her office searched. One was named in a television report as a "lawyer for extremists".

The [Bishkek Human Rights Defence Centre]({partner:bishkek-human-rights-defence-centre}) has
raised each case with the bar association.
""",
        "topics": ["human-rights-defenders", "fair-trial"],
        "countries": ["KG"],
        "partners": ["bishkek-human-rights-defence-centre"],
        "cases": [],
    },
    {
        "slug": "statement-on-journalists-detained-in-istanbul",
        "title": "Statement on the detention of three journalists in Istanbul",
        "kind": "press_release",
        "status": "changes_requested",
        "author": "author",
        "byline": "Anatolia Rights Litigation Collective",
        "standfirst": (
            "Three reporters have been in pre-trial detention for a month on the strength of "
            "their articles."
        ),
        "body": """\
The coalition is concerned by the detention of three journalists held since last month.
The only evidence listed in the detention orders is what they published.

*Editor's request: check the dates with the collective and remove the clients' names.*
""",
        "topics": ["freedom-of-expression", "detention-conditions"],
        "countries": ["TR"],
        "partners": ["anatolia-rights-litigation-collective"],
        "cases": [],
    },
    {
        "slug": "legal-aid-in-central-asia-2026",
        "title": "Legal aid in Central Asia: who gets a lawyer, and when",
        "kind": "report",
        "status": "approved",
        "author": "author",
        "byline": "Coalition secretariat",
        "standfirst": (
            "A comparison of free legal aid in four countries, from the first hour of custody "
            "to the last appeal."
        ),
        "body": """\
Our partners in Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan answered the same forty
questions about legal aid in criminal cases.

## Three findings

1. In all four countries, the law promises a lawyer from the start of detention.
2. In practice, the first meeting happens hours or days later.
3. Lawyers paid by the State are paid too little to visit clients in remote detention
   centres.
""",
        "topics": ["fair-trial"],
        "countries": ["KZ", "KG", "TJ", "UZ"],
        "partners": [
            "almaty-centre-for-detainees-rights",
            "bishkek-human-rights-defence-centre",
            "pamir-media-rights-initiative",
            "fergana-valley-legal-support-group",
        ],
        "cases": [],
    },
    {
        "slug": "annual-litigation-review-launch",
        "title": "Launch of the coalition's annual litigation review",
        "kind": "news",
        "status": "published",
        "publish_in_days": 10,
        "author": "editor",
        "byline": "Coalition secretariat",
        "standfirst": (
            "Every public case, every forum, one year: the review of our strategic litigation "
            "is out soon."
        ),
        "body": """\
The coalition's annual review follows every public case through the year: what was lodged,
what was decided, and what has changed for the people behind the case numbers.

This article is scheduled and appears on the site on its publication date.
""",
        "topics": ["implementation"],
        "countries": [],
        "partners": ["meridian-human-rights-law-centre"],
        "cases": [],
    },
    {
        "slug": "hearing-date-announced-in-almaty",
        "title": "Hearing date announced in Almaty",
        "kind": "news",
        "status": "unpublished",
        "published_at": datetime.datetime(2024, 4, 2, 9, 0, tzinfo=datetime.UTC),
        "author": "editor",
        "byline": "ACDR legal team",
        "standfirst": "The court has set a date for the hearing on compensation.",
        "body": """\
The court has set a date for the hearing on further compensation in the Zhaksylykov case.

*Unpublished: the hearing was postponed without a new date.*
""",
        "topics": ["implementation"],
        "countries": ["KZ"],
        "partners": ["almaty-centre-for-detainees-rights"],
        "cases": ["zhaksylykov-v-kazakhstan"],
    },
]
