"""URL normalisation and the address policy for fetching (no SSRF).

``normalise`` strips tracking parameters and fragments (courlan), so one article under
``?utm_source=...`` is one document. ``check_url`` refuses non-HTTP schemes and, unless
private addresses are allowed, any host that resolves to a private, loopback, link-local,
multicast, reserved or unspecified address. The HTTP client checks again at connect time
(``ingest.http``), so a DNS answer that changes between the check and the connection
(rebinding) is still refused.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from ..errors import FetchError, FetchRefused

SCHEMES = ("http", "https")


def normalise(url: str) -> str:
    """The canonical form of a URL: lower-case host, no default port, no fragment,
    no tracking parameters (utm_*, fbclid, gclid, ...)."""
    from courlan import normalize_url

    try:
        return normalize_url(url.strip(), strict=True)
    except Exception:  # courlan refuses odd URLs: keep them as they are
        return url.strip()


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified)


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host!r}: {exc}") from None
    return sorted({info[4][0] for info in infos})


def check_address(host: str, port: int, allow_private: bool) -> list[str]:
    """The host's addresses; FetchRefused if any is not public (unless allowed)."""
    addresses = resolve(host, port)
    if not allow_private:
        bad = [a for a in addresses if not is_public(a)]
        if bad:
            raise FetchRefused(
                f"the host {host!r} resolves to a private or local address ({bad[0]})",
                hint="Server-side fetching refuses private, loopback and link-local "
                     "addresses; set DIPLOGRAPH_ALLOW_PRIVATE_URLS=1 to allow them.")
    return addresses


def check_url(url: str, allow_private: bool) -> None:
    """Refuse a URL by scheme or address before any request is made."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise FetchRefused(f"the scheme {parts.scheme or '(none)'!r} is not fetched; "
                           "only http and https are", origin=url)
    if not parts.hostname:
        raise FetchRefused("the URL has no host", origin=url)
    if parts.username or parts.password:
        raise FetchRefused("URLs with credentials are not fetched", origin=url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise FetchRefused("the URL has a bad port", origin=url) from None
    try:
        check_address(parts.hostname, port, allow_private)
    except FetchError as exc:
        exc.origin = url
        raise
