"""Streaming CSV downloads: a buffer that hands rows back, and cells spreadsheets cannot run."""

# A spreadsheet would run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object whose write() hands the line back, for csv.writer to stream."""

    def write(self, value):
        return value


def spreadsheet_safe(value):
    """Keep spreadsheets from running a text cell that starts like a formula as one."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
