"""Ids in addresses: only numbers a database column can hold ever reach a query."""

# The largest value of a signed 64-bit column (BigAutoField), the widest id we store.
MAX_ID = 2**63 - 1


class IdConverter:
    """`<id:pk>`: a positive integer up to MAX_ID; anything else does not match (404).

    Django's `<int:…>` passes any number of digits on, and SQLite cannot bind one beyond
    64 bits: the query fails with a server error instead of finding nothing.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(f"{value} is not a valid id.")
        return number

    def to_url(self, value):
        return str(value)
