"""Topics the coalition works on and the courts and bodies its cases go before."""

TOPICS = [
    {
        "slug": "torture-prevention",
        "name": "Torture prevention",
        "translations": {
            "ru": {"name": "Предотвращение пыток"},
            "kk": {"name": "Азаптаудың алдын алу"},
        },
        "description": (
            "Ending torture and ill-treatment in police stations, prisons and other closed "
            "places, and bringing those responsible to account."
        ),
    },
    {
        "slug": "fair-trial",
        "name": "Fair trial",
        "translations": {"ru": {"name": "Справедливый суд"}, "kk": {"name": "Әділ сот"}},
        "description": (
            "A lawyer from the first hour of custody, judges who are independent, and "
            "convictions that never rest on a forced confession."
        ),
    },
    {
        "slug": "freedom-of-expression",
        "name": "Freedom of expression",
        "translations": {
            "ru": {"name": "Свобода выражения мнений"},
            "kk": {"name": "Сөз бостандығы"},
        },
        "description": (
            "Journalists, bloggers and activists prosecuted for what they write, post or say."
        ),
    },
    {
        "slug": "detention-conditions",
        "name": "Detention conditions",
        "translations": {
            "ru": {"name": "Условия содержания под стражей"},
            "kk": {"name": "Қамауда ұстау жағдайлары"},
        },
        "description": (
            "Overcrowding, health care, daylight and family contact in pre-trial detention "
            "and prisons."
        ),
    },
    {
        "slug": "human-rights-defenders",
        "name": "Human rights defenders",
        "translations": {"ru": {"name": "Правозащитники"}, "kk": {"name": "Құқық қорғаушылар"}},
        "description": (
            "Protection for the lawyers, monitors and activists who are pressured because of "
            "their work."
        ),
    },
    {
        "slug": "implementation",
        "name": "Implementation of decisions",
        "translations": {
            "ru": {"name": "Исполнение решений"},
            "kk": {"name": "Шешімдердің орындалуы"},
        },
        "description": (
            "Making sure that judgments and UN decisions lead to compensation, real "
            "investigations and changes in law and practice."
        ),
    },
]

# Forums: "country" is an ISO code for domestic courts, None for international bodies.
FORUMS = [
    {
        "slug": "supreme-court-of-kazakhstan",
        "name": "Supreme Court of the Republic of Kazakhstan",
        "short_name": "Supreme Court (KZ)",
        "kind": "domestic",
        "country": "KZ",
    },
    {
        "slug": "almaty-city-court",
        "name": "Almaty City Court",
        "short_name": "Almaty City Court",
        "kind": "domestic",
        "country": "KZ",
    },
    {
        "slug": "supreme-court-of-kyrgyzstan",
        "name": "Supreme Court of the Kyrgyz Republic",
        "short_name": "Supreme Court (KG)",
        "kind": "domestic",
        "country": "KG",
    },
    {
        "slug": "european-court-of-human-rights",
        "name": "European Court of Human Rights",
        "short_name": "ECtHR",
        "kind": "regional",
        "country": None,
    },
    {
        "slug": "un-human-rights-committee",
        "name": "UN Human Rights Committee",
        "short_name": "CCPR",
        "kind": "un_treaty_body",
        "country": None,
    },
    {
        "slug": "un-committee-against-torture",
        "name": "UN Committee against Torture",
        "short_name": "CAT",
        "kind": "un_treaty_body",
        "country": None,
    },
]
