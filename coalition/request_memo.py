"""Values read once per request: the tokens in the shared cache that many parts of a page ask for.

Each read of a token is a round trip to the cache; a page asks for the vocabulary's and the
page cache's several times. Within a request the first answer is kept, as if every part had
read it at the start; outside a request (tasks, commands, tests calling code directly) nothing
is kept. A token this process replaces is forgotten at once.
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started

_local = Local()


def _start(**kwargs):
    _local.values = {}


def _finish(**kwargs):
    _local.values = None


request_started.connect(_start, dispatch_uid="coalition.request_memo.start")
request_finished.connect(_finish, dispatch_uid="coalition.request_memo.finish")


def remembered(key, read):
    """`read()`, called once per request for each key; called every time outside a request."""
    values = getattr(_local, "values", None)
    if values is None:
        return read()
    if key not in values:
        values[key] = read()
    return values[key]


def remember(key, value):
    """Keep a value read some other way (several tokens in one round trip) for this request."""
    values = getattr(_local, "values", None)
    if values is not None:
        values[key] = value


def forget(key):
    """The value has just been replaced: read it again on its next use."""
    values = getattr(_local, "values", None)
    if values is not None:
        values.pop(key, None)
