"""Each language's date and number formats (settings.FORMAT_MODULE_PATH), over Django's own.

Templates name a format ("DATE_FORMAT", "YEAR_MONTH_FORMAT"...), never write one: the order of
day, month and year, and the grammatical form of the month, belong to the language.
"""

from django.utils.translation import pgettext_lazy

# The month names of a full date (Django's `E`). Django's Russian catalogue has them in the
# genitive ("16 марта 2010"), but its Kazakh one capitalises them, where a Kazakh date writes
# them in lower case ("2010 жылғы 16 наурыз"). Naming them here puts them in our catalogues,
# which Django reads before its own.
MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
