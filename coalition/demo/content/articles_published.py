"""Published articles: news, commentary, press releases and a report, from 2013 to now."""

import datetime


def at(year, month, day):
    """Nine in the morning, UTC: when the secretariat publishes."""
    return datetime.datetime(year, month, day, 9, 0, tzinfo=datetime.UTC)


ARTICLES = [
    {
        "slug": "committee-against-torture-finds-violations-in-zhaksylykov-case",
        "title": "UN Committee against Torture finds Kazakhstan responsible in Zhaksylykov case",
        "kind": "news",
        "status": "published",
        "published_at": at(2013, 11, 28),
        "author": "editor",
        "byline": "ACDR legal team",
        "standfirst": (
            "The Committee found that Mr Zhaksylykov was tortured into confessing, that no one "
            "investigated, and that the courts should never have used his confession."
        ),
        "body": """\
The UN Committee against Torture has decided that Kazakhstan violated the Convention
against Torture in the case of [Zhaksylykov v. Kazakhstan]({case:zhaksylykov-v-kazakhstan}).

The Committee accepted the medical record made two days after the arrest and found that the
State had given no other explanation for the injuries. It asked Kazakhstan to:

- open an impartial investigation and prosecute those responsible;
- pay fair and adequate compensation;
- review the conviction, which rested on the confession.

Kazakhstan has 90 days to say what it has done. The lawyers of the
[Almaty Centre for Detainees' Rights]({partner:almaty-centre-for-detainees-rights}) will
report on every step.
""",
        "topics": ["torture-prevention", "implementation"],
        "countries": ["KZ"],
        "partners": ["almaty-centre-for-detainees-rights", "meridian-human-rights-law-centre"],
        "cases": ["zhaksylykov-v-kazakhstan"],
    },
    {
        "slug": "strasbourg-finds-conviction-on-absent-witnesses-unfair",
        "title": "Strasbourg: a conviction on statements nobody could question was unfair",
        "kind": "news",
        "status": "published",
        "published_at": at(2017, 10, 13),
        "author": "editor",
        "byline": "Yerevan Fair Trial Association",
        "standfirst": (
            "The European Court of Human Rights has ruled in Ter-Galstyan v. Armenia that the "
            "trial was unfair because the defence never had a chance to question two witnesses."
        ),
        "body": """\
In [Ter-Galstyan v. Armenia]({case:ter-galstyan-v-armenia}) the European Court of Human
Rights found a violation of Article 6 of the Convention. The two witnesses whose written
statements were the only evidence never appeared at trial, and the court that convicted
Mr Ter-Galstyan did little to find them.

"A statement that cannot be tested is not evidence the defence can answer," said the
association's lawyer after the judgment. The next step is a request to reopen the
proceedings in Armenia.
""",
        "topics": ["fair-trial"],
        "countries": ["AM"],
        "partners": ["yerevan-fair-trial-association", "meridian-human-rights-law-centre"],
        "cases": ["ter-galstyan-v-armenia"],
    },
    {
        "slug": "lessons-from-an-inadmissible-complaint",
        "title": "What an inadmissible complaint taught us about domestic remedies",
        "kind": "commentary",
        "status": "published",
        "published_at": at(2018, 5, 2),
        "author": "editor",
        "byline": "Fergana Valley Legal Support Group",
        "standfirst": (
            "The Human Rights Committee never looked at what happened to Ms Kholmatova's son. "
            "A pending appeal we did not know about was enough to close the door."
        ),
        "body": """\
When the Human Rights Committee declared
[Kholmatova v. Uzbekistan]({case:kholmatova-v-uzbekistan}) inadmissible, it did not say that
the ill-treatment had not happened. It said that a supervisory appeal, lodged by a relative
without our knowledge, was still pending at home.

## What we do differently now

- We ask every family, in writing, about **every** complaint anyone has filed.
- We request the court registry's list of pending proceedings before we lodge.
- We explain in the complaint, with documents, why any remedy left is not effective.

An inadmissibility decision is hard on a family. The least we can do is make sure the same
thing does not happen to the next one.
""",
        "topics": ["torture-prevention", "detention-conditions"],
        "countries": ["UZ"],
        "partners": ["fergana-valley-legal-support-group"],
        "cases": ["kholmatova-v-uzbekistan"],
    },
    {
        "slug": "human-rights-committee-views-omurbekova",
        "title": "Coalition welcomes Human Rights Committee views in Omurbekova v. Kyrgyzstan",
        "kind": "press_release",
        "status": "published",
        "published_at": at(2019, 7, 25),
        "author": "editor",
        "byline": "Coalition secretariat",
        "standfirst": (
            "Ten minutes with a lawyer before trial is not a defence. The UN Human Rights "
            "Committee agrees, and asks Kyrgyzstan to reopen Ms Omurbekova's case."
        ),
        "body": """\
**Bishkek and The Hague.** The coalition welcomes the views of the UN Human Rights Committee
in [Omurbekova v. Kyrgyzstan]({case:omurbekova-v-kyrgyzstan}), which find that Kyrgyzstan
violated the right to a fair trial.

The Committee found that Ms Omurbekova had no real opportunity to prepare her defence and
that the court refused, without reasons, to hear the witnesses she asked for.

The [Bishkek Human Rights Defence Centre]({partner:bishkek-human-rights-defence-centre}),
which represented her, calls on the authorities to reopen the case without delay, as Kyrgyz
law allows after a decision of a UN treaty body.

*For interviews, write to the centre's public address.*
""",
        "topics": ["fair-trial"],
        "countries": ["KG"],
        "partners": ["bishkek-human-rights-defence-centre", "meridian-human-rights-law-centre"],
        "cases": ["omurbekova-v-kyrgyzstan"],
    },
    {
        "slug": "ter-galstyan-case-closed",
        "title": "Retrial held, supervision closed: the end of Ter-Galstyan v. Armenia",
        "kind": "news",
        "status": "published",
        "published_at": at(2021, 10, 1),
        "author": "editor",
        "byline": "Yerevan Fair Trial Association",
        "standfirst": (
            "Four years after the judgment, the Committee of Ministers of the Council of Europe "
            "has closed its supervision of the case."
        ),
        "body": """\
After a retrial in which both witnesses were finally questioned in court, the Committee of
Ministers has adopted a final resolution in
[Ter-Galstyan v. Armenia]({case:ter-galstyan-v-armenia}).

Armenia also changed its practice: judges must now record what was done to find a missing
witness before reading out their statement. The association will watch whether that happens
in everyday cases.
""",
        "topics": ["fair-trial", "implementation"],
        "countries": ["AM"],
        "partners": ["yerevan-fair-trial-association"],
        "cases": ["ter-galstyan-v-armenia"],
    },
    {
        "slug": "davlatov-complaint-communicated-to-tajikistan",
        "title": "Blogger's complaint sent to Tajikistan for reply",
        "kind": "news",
        "status": "published",
        "published_at": at(2023, 5, 15),
        "author": "editor",
        "byline": "Meridian litigation team",
        "standfirst": (
            "The UN Human Rights Committee has asked Tajikistan to answer the complaint of a "
            "blogger jailed for writing about building permits."
        ),
        "body": """\
The Human Rights Committee has transmitted the complaint in
[Davlatov v. Tajikistan]({case:davlatov-v-tajikistan}) to the Government, which now has six
months to reply on admissibility and merits.

Mr Davlatov is serving seven years. The judgment that convicted him does not quote a single
one of the posts it calls extremist. We will publish the next steps as the case moves.
""",
        "topics": ["freedom-of-expression"],
        "countries": ["TJ"],
        "partners": ["meridian-human-rights-law-centre"],
        "cases": ["davlatov-v-tajikistan"],
    },
    {
        "slug": "behind-the-door-pre-trial-detention-south-caucasus",
        "title": "Behind the door: pre-trial detention in Georgia and Armenia",
        "kind": "report",
        "status": "published",
        "published_at": at(2023, 12, 5),
        "is_featured": True,
        "author": "editor",
        "byline": "TPMC and YFTA",
        "standfirst": (
            "A year of monitoring visits, measured in square metres, hours outside the cell and "
            "days waiting for a doctor."
        ),
        "body": """\
Monitors of the [Tbilisi Prison Monitoring Centre]({partner:tbilisi-prison-monitoring-centre})
and lawyers of the [Yerevan Fair Trial Association]({partner:yerevan-fair-trial-association})
compared pre-trial detention in the two countries over twelve months.

## Key findings

| | Georgia (one wing) | Armenia (two centres) |
|---|---|---|
| Space per person | under 3 m² | about 4 m² |
| Time outside the cell | 1 hour a day | 1 to 2 hours a day |
| Wait to see a doctor | up to 9 days | up to 5 days |

## Recommendations

1. Set and publish a maximum capacity for every facility.
2. Give judges the occupancy figures when they decide on detention.
3. Let independent doctors examine detainees on request.
""",
        "topics": ["detention-conditions"],
        "countries": ["GE", "AM"],
        "partners": ["tbilisi-prison-monitoring-centre", "yerevan-fair-trial-association"],
        "cases": [],
        "links": [
            (
                "Behind the door: the full report (PDF)",
                "https://tpmc.example.org/reports/behind-the-door.pdf",
            ),
            (
                "How the monitors measured cell space",
                "https://tpmc.example.org/reports/behind-the-door/method",
            ),
        ],
        "hero": {
            "drawing": "cell_doors",
            "name": "cell-doors.png",
            "alt": "Illustration: a corridor of closed grey cell doors, each with a small hatch.",
            "credit": "Illustration made for the coalition's demo site",
        },
    },
    {
        "slug": "overcrowding-application-lodged-against-georgia",
        "title": "Five detainees take Georgia to Strasbourg over overcrowding",
        "kind": "press_release",
        "status": "published",
        "published_at": at(2024, 2, 20),
        "author": "editor",
        "byline": "Tbilisi Prison Monitoring Centre",
        "standfirst": (
            "After a year of measurements inside one pre-trial wing, the monitors' findings "
            "are now before the European Court of Human Rights."
        ),
        "body": """\
**Tbilisi.** Five men held in pre-trial detention have lodged an application with the
European Court of Human Rights:
[Lomidze and Others v. Georgia]({case:lomidze-and-others-v-georgia}).

They each had less than three square metres of space, and no court at home would hear
their complaints. The application asks the Court to find violations of Articles 3 and 13 of
the Convention and to treat overcrowding as a structural problem.

The case builds on the report *Behind the door*, published by the coalition in December.
""",
        "topics": ["detention-conditions", "torture-prevention"],
        "countries": ["GE"],
        "partners": ["tbilisi-prison-monitoring-centre", "meridian-human-rights-law-centre"],
        "cases": ["lomidze-and-others-v-georgia"],
    },
    {
        "slug": "zhaksylykov-twelve-years-on",
        "title": "Twelve years on: a UN decision, some compensation, and no trial",
        "kind": "commentary",
        "status": "published",
        "published_at": at(2025, 11, 24),
        "author": "editor",
        "byline": "ACDR legal team",
        "standfirst": (
            "Kazakhstan paid Mr Zhaksylykov part of what the Committee against Torture asked "
            "for. The officers who questioned him have never been charged."
        ),
        "body": """\
Twelve years ago the UN Committee against Torture decided
[Zhaksylykov v. Kazakhstan]({case:zhaksylykov-v-kazakhstan}). Money followed, in part and
late. An investigation did not.

Compensation matters, but it is not the whole remedy. A State that pays and does not
prosecute tells its police that torture has a price, and that the State will pay it.

We will keep the case open with the Committee's follow-up procedure until someone answers
for what happened in that police station in 2008.
""",
        "topics": ["torture-prevention", "implementation"],
        "countries": ["KZ"],
        "partners": ["almaty-centre-for-detainees-rights"],
        "cases": ["zhaksylykov-v-kazakhstan"],
    },
]
