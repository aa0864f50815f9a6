"""A small HTTP client for the cluster test: cookies, CSRF tokens, forms and file uploads.

The session and CSRF cookies of 127.0.0.1 go to every port, so one client logged in on one
app server is logged in on the other: both read sessions from the shared database.
"""

import http.cookiejar
import mimetypes
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields, files):
    """A multipart/form-data body of `fields` [(name, value)] and `files` {name: (filename,
    bytes)}, and its content type."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name, (filename, content) in files.items():
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )

    def request(self, method, url, body=None, headers=None, timeout=30):
        request = urllib.request.Request(  # noqa: S310 - loopback http only
            url, data=body, method=method, headers=headers or {}
        )
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, answer, data = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer, data = error.code, error.headers, error.read()
        return Response(status, dict(answer.items()), data, time.monotonic() - started)

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def csrf_token(self):
        return next((c.value for c in self.cookies if c.name == "csrftoken"), None)

    def post(self, url, fields=(), files=None, headers=None):
        """Post a form as a browser would, with the CSRF token of the page opened before."""
        fields = [*(fields.items() if isinstance(fields, dict) else fields)]
        if self.csrf_token():
            fields.append(("csrfmiddlewaretoken", self.csrf_token()))
        # Every browser says where a form was posted from (forms on cached pages rely on it).
        parts = urllib.parse.urlsplit(url)
        origin = {"Origin": f"{parts.scheme}://{parts.netloc}", "Sec-Fetch-Site": "same-origin"}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request(
            "POST", url, body, {"Content-Type": content_type, **origin, **(headers or {})}
        )

    def log_in(self, base, username, password, client_address=None):
        """Log in on the server at `base`; `client_address` is the reader's, as the proxy in
        front reports it."""
        self.get(f"{base}/accounts/login/")
        headers = {"X-Forwarded-For": client_address} if client_address else None
        return self.post(
            f"{base}/accounts/login/",
            {"username": username, "password": password},
            headers=headers,
        )


def image_urls(html):
    """Every address in a page's <img src> and <source srcset>, but static files."""
    urls = set(re.findall(r'<img[^>]* src="([^"]+)"', html))
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        urls.update(part.split()[0] for part in srcset.split(","))
    return {url.replace("&amp;", "&") for url in urls if "/static/" not in url}
