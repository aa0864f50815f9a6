"""The campaign post: an opinion piece after a UN Special Rapporteur's report on torture.

`{case:<slug>}` and `{partner:<slug>}` in a body become links to those pages when loaded.
"""

import datetime

UTC = datetime.UTC

CAMPAIGN = {
    "slug": "torture-in-kazakhstan-eradicated-by-2013",
    "title": "Torture in Kazakhstan: Eradicated by 2013?",
    "kind": "commentary",
    "status": "published",
    "published_at": datetime.datetime(2010, 3, 16, 9, 0, tzinfo=UTC),
    "is_featured": True,
    "author": "editor",
    "byline": "Coalition secretariat",
    "standfirst": (
        "Officials say torture will be gone from Kazakhstan by 2013. The UN Special "
        "Rapporteur's report describes a practice that is still routine. Here is what it would "
        "take to turn a deadline into a fact."
    ),
    "seo_description": (
        "After the UN Special Rapporteur's report, what it would take to end torture in "
        "Kazakhstan, and how you can add your voice."
    ),
    "body": """\
Kazakhstan's officials have a date in mind. Torture, we keep hearing, will be eradicated by
2013. Nobody would welcome that more than the lawyers and monitors of this coalition. But a
deadline is not a policy, and the report of the UN Special Rapporteur on torture, presented
to the Human Rights Council this month, shows how far there is still to go.

## What the report says

The Special Rapporteur visited police stations, pre-trial detention centres and prisons,
and spoke with detainees in private. The conclusions will surprise no one who has sat with a
client after a first night in custody:

> "Ill-treatment is not the work of a few rogue officers. It happens above all in the first
> hours after arrest, before a lawyer is present, and those responsible are seldom brought
> before a court."
>
> — the Special Rapporteur's report

## The people behind the findings

Our partners meet these people every week. Lawyers at the
[Almaty Centre for Detainees' Rights]({partner:almaty-centre-for-detainees-rights}) represent
Mr Zhaksylykov, who signed a confession after eleven hours at a police station with no
lawyer in the room. A doctor recorded his bruises; every court in the country has accepted
his confession all the same. With the
[Meridian Human Rights Law Centre]({partner:meridian-human-rights-law-centre}) they are now
taking his complaint to the UN Committee against Torture. You can follow it step by step:
[Zhaksylykov v. Kazakhstan]({case:zhaksylykov-v-kazakhstan}).

Across the border, the
[Bishkek Human Rights Defence Centre]({partner:bishkek-human-rights-defence-centre}) hears
the same story from its clients. Torture thrives wherever the first hours of custody are
hidden from view.

## What would make 2013 more than a slogan

1. **A lawyer from the first hour** of custody, chosen by the detainee, and no questioning
   without one.
2. **An independent doctor** whenever a detainee asks for one, with the findings given to
   the detainee and the lawyer.
3. **Investigations by a body that does not answer to the police** or to the prosecutors
   who brought the case.
4. **Courts that exclude any statement** that may have been obtained through ill-treatment.

None of this needs a new law as much as the will to apply the laws Kazakhstan already has.
Add your voice below: we will take every name to the authorities before the Committee
against Torture next reviews Kazakhstan.
""",
    "topics": ["torture-prevention", "fair-trial"],
    "countries": ["KZ"],
    "partners": [
        "almaty-centre-for-detainees-rights",
        "meridian-human-rights-law-centre",
        "bishkek-human-rights-defence-centre",
    ],
    "cases": ["zhaksylykov-v-kazakhstan"],
    "cta_enabled": True,
    "cta_prompt": (
        "I call on Kazakhstan to guarantee a lawyer from the first hour of custody and to "
        "investigate every allegation of torture independently."
    ),
    "hero": {
        "drawing": "barred_window",
        "name": "barred-window.png",
        "alt": "Illustration: a small barred window high in a dark cell wall, light falling in.",
        "credit": "Illustration made for the coalition's demo site",
    },
    "links": [
        (
            "The Special Rapporteur's report on the mission to Kazakhstan",
            "https://un-documents.example.org/hrc/special-rapporteur-torture/kazakhstan",
        ),
        (
            "ACDR: what to do when a relative is ill-treated in custody",
            "https://acdr.example.org/guides/for-families",
        ),
        (
            "The Convention against Torture in plain words",
            "https://meridian-law.example.org/resources/convention-against-torture",
        ),
    ],
    "signatures": [
        {
            "name": "Aizhan K.",
            "email": "aizhan.k@example.net",
            "country": "KZ",
            "message": "My brother was questioned for a whole night without a lawyer.",
            "confirmed_at": datetime.datetime(2010, 3, 16, 11, 4, tzinfo=UTC),
        },
        {
            "name": "Daniyar T.",
            "email": "daniyar.t@example.net",
            "country": "KZ",
            "message": "",
            "confirmed_at": datetime.datetime(2010, 3, 16, 14, 30, tzinfo=UTC),
        },
        {
            "name": "Bakyt A.",
            "email": "bakyt.a@example.net",
            "country": "KG",
            "message": "The same promise is needed in Kyrgyzstan.",
            "confirmed_at": datetime.datetime(2010, 3, 17, 8, 12, tzinfo=UTC),
        },
        {
            "name": "Nino G.",
            "email": "nino.g@example.net",
            "country": "GE",
            "message": "",
            "confirmed_at": datetime.datetime(2010, 3, 18, 19, 45, tzinfo=UTC),
        },
        {
            "name": "Sophie V.",
            "email": "sophie.v@example.net",
            "country": "NL",
            "message": "Solidarity from The Hague.",
            "confirmed_at": datetime.datetime(2010, 3, 20, 10, 0, tzinfo=UTC),
        },
    ],
}
