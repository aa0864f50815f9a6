"""The coalition's member organisations; all fictional. One has left and is hidden."""

import datetime

PARTNERS = [
    {
        "slug": "almaty-centre-for-detainees-rights",
        "name": "Almaty Centre for Detainees' Rights",
        "short_name": "ACDR",
        "summary": (
            "Lawyers and monitors in Almaty who represent people ill-treated in custody and "
            "visit places of detention across southern Kazakhstan."
        ),
        "description": """\
The Almaty Centre for Detainees' Rights was set up by four defence lawyers who kept meeting
the same problem: clients who had "confessed" in the first night at a police station and
could not take it back in court.

Today the centre's team of lawyers and monitors:

- represents people who say they were tortured, from the first complaint to the UN
  Committee against Torture;
- visits temporary holding facilities and pre-trial detention centres with the public
  monitoring commission;
- trains young lawyers to ask for a medical examination **the moment** a client alleges
  ill-treatment.
""",
        "website": "https://acdr.example.org/",
        "public_email": "info@acdr.example.org",
        "countries": ["KZ"],
        "topics": ["torture-prevention", "detention-conditions", "fair-trial"],
        "member_since": datetime.date(2007, 5, 14),
        "is_active": True,
    },
    {
        "slug": "bishkek-human-rights-defence-centre",
        "name": "Bishkek Human Rights Defence Centre",
        "short_name": "BHRDC",
        "summary": (
            "A Kyrgyz legal aid organisation defending people whose trials were unfair and "
            "the lawyers and activists who are pressured for their work."
        ),
        "description": """\
The Bishkek Human Rights Defence Centre gives free legal help in criminal cases where a fair
trial is at stake, and takes the strongest of them to the UN Human Rights Committee.

Its lawyers also stand beside colleagues who are threatened, searched or prosecuted because
of the clients they defend. The centre publishes a yearly account of pressure on the legal
profession in Kyrgyzstan.
""",
        "website": "https://bhrdc.example.org/",
        "public_email": "contact@bhrdc.example.org",
        "countries": ["KG"],
        "topics": ["fair-trial", "human-rights-defenders", "torture-prevention"],
        "member_since": datetime.date(2008, 2, 20),
        "is_active": True,
    },
    {
        "slug": "pamir-media-rights-initiative",
        "name": "Pamir Media Rights Initiative",
        "short_name": "PMRI",
        "summary": (
            "Supports journalists and bloggers in Tajikistan who face prosecution, and "
            "documents restrictions on independent media."
        ),
        "description": """\
The Pamir Media Rights Initiative began as a hotline for reporters who had been summoned
for questioning. It now finds lawyers for journalists and bloggers, follows their trials,
and keeps a record of blocked websites and closed newspapers.

Because of the risks its staff face, the initiative does not always appear publicly in the
cases it supports.
""",
        "website": "https://pmri.example.net/",
        "public_email": "help@pmri.example.net",
        "countries": ["TJ"],
        "topics": ["freedom-of-expression", "human-rights-defenders"],
        "member_since": datetime.date(2014, 6, 10),
        "is_active": True,
    },
    {
        "slug": "fergana-valley-legal-support-group",
        "name": "Fergana Valley Legal Support Group",
        "short_name": "FVLSG",
        "summary": (
            "Lawyers working on both sides of the Uzbek–Kyrgyz border for prisoners and "
            "their families, above all in cases of ill-treatment in prison colonies."
        ),
        "description": """\
The Fergana Valley Legal Support Group helps families who have lost contact with a relative
in prison or who fear that the relative is being ill-treated. It writes to prison
administrations and prosecutors, asks for medical examinations, and, when every domestic
door has closed, turns to the UN treaty bodies.

The group learned the hard way how strict the rule on exhausting domestic remedies can be,
and now runs short workshops on it for lawyers in the region.
""",
        "website": "https://fvlsg.example.org/",
        "public_email": "office@fvlsg.example.org",
        "countries": ["UZ", "KG"],
        "topics": ["torture-prevention", "detention-conditions", "fair-trial"],
        "member_since": datetime.date(2011, 11, 1),
        "is_active": True,
    },
    {
        "slug": "tbilisi-prison-monitoring-centre",
        "name": "Tbilisi Prison Monitoring Centre",
        "short_name": "TPMC",
        "summary": (
            "Independent monitors of Georgian prisons and pre-trial detention, who turn what "
            "they see into reports and, where needed, into cases."
        ),
        "description": """\
The Tbilisi Prison Monitoring Centre visits prisons with a small team of lawyers, doctors
and former prison staff. Its reports measure what can be measured: square metres per
person, hours outside the cell, waiting times for a doctor.

When change does not come, the centre litigates, most recently on overcrowding before the
European Court of Human Rights.
""",
        "website": "https://tpmc.example.org/",
        "public_email": "monitoring@tpmc.example.org",
        "countries": ["GE"],
        "topics": ["detention-conditions", "torture-prevention"],
        "member_since": datetime.date(2016, 3, 15),
        "is_active": True,
    },
    {
        "slug": "yerevan-fair-trial-association",
        "name": "Yerevan Fair Trial Association",
        "short_name": "YFTA",
        "summary": (
            "Armenian defence lawyers and researchers who litigate fair trial cases and "
            "follow how judgments are carried out."
        ),
        "description": """\
The Yerevan Fair Trial Association brings together practising defence lawyers and
researchers. Its members have represented applicants in Strasbourg and then spent years
following what happened next: reopened proceedings, retrials and changes in court practice.

The association publishes plain-language notes on each judgment it has worked on.
""",
        "website": "https://yfta.example.org/",
        "public_email": "info@yfta.example.org",
        "countries": ["AM"],
        "topics": ["fair-trial", "implementation"],
        "member_since": datetime.date(2017, 10, 2),
        "is_active": True,
    },
    {
        "slug": "anatolia-rights-litigation-collective",
        "name": "Anatolia Rights Litigation Collective",
        "short_name": "ARLC",
        "summary": (
            "A collective of lawyers in Türkiye defending journalists and others held in "
            "pre-trial detention for what they have written or said."
        ),
        "description": """\
The Anatolia Rights Litigation Collective was founded by lawyers who met in the corridors of
courthouses while defending journalists. Its members share research, draft applications
together and keep each other's cases going when one of them is prevented from working.
""",
        "website": "https://arlc.example.net/",
        "public_email": "collective@arlc.example.net",
        "countries": ["TR"],
        "topics": ["freedom-of-expression", "detention-conditions", "human-rights-defenders"],
        "member_since": datetime.date(2019, 4, 8),
        "is_active": True,
    },
    {
        "slug": "meridian-human-rights-law-centre",
        "name": "Meridian Human Rights Law Centre",
        "short_name": "Meridian",
        "summary": (
            "A legal NGO in The Hague that works with lawyers in the region on international "
            "litigation and on making decisions count at home."
        ),
        "description": """\
The Meridian Human Rights Law Centre does not take cases on its own: it works beside local
lawyers, who know their clients and their courts, and brings experience of the European
Court of Human Rights and the UN treaty bodies.

Its work covers:

1. drafting applications, complaints and replies with partner lawyers;
2. third-party interventions on questions that matter across the region;
3. follow-up after a decision, with the Committee of Ministers of the Council of Europe
   and the UN treaty bodies.
""",
        "website": "https://meridian-law.example.org/",
        "public_email": "litigation@meridian-law.example.org",
        "countries": ["NL", "KZ", "KG", "TJ", "UZ", "GE", "AM", "TR"],
        "topics": ["implementation", "fair-trial", "torture-prevention", "freedom-of-expression"],
        "member_since": datetime.date(2009, 1, 12),
        "is_active": True,
    },
    {
        "slug": "north-kazakhstan-rights-forum",
        "name": "North Kazakhstan Rights Forum",
        "short_name": "NKRF",
        "summary": (
            "A former member that monitored police conduct in northern Kazakhstan; it closed "
            "its office and is no longer active in the coalition."
        ),
        "description": """\
The North Kazakhstan Rights Forum monitored police stations in the north of the country
until it closed its office. Its records are kept by the coalition's secretariat.
""",
        "website": "https://nkrf.example.net/",
        "public_email": "",
        "countries": ["KZ"],
        "topics": ["torture-prevention"],
        "member_since": datetime.date(2010, 9, 1),
        "is_active": False,
    },
]
