"""URLs of live sources: which are allowed, their canonical form, and which addresses are private.

A URL is fetched only over http(s). Its canonical form drops the fragment and the tracking
parameters (utm_*, fbclid, gclid...), lower-cases the scheme and host, drops a default port and an
empty path, and sorts nothing else: two links to one article compare equal. The host's addresses
are checked before a request and the connected peer after it: private, loopback, link-local,
multicast, reserved and unspecified addresses are refused unless the caller allows them
(``--allow-private`` on the CLI, ``PARLEY_ALLOW_PRIVATE_URLS=1`` for the app).
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parley.errors import LoadError

ENV_ALLOW_PRIVATE = "PARLEY_ALLOW_PRIVATE_URLS"
MAX_URL = 2_000  # characters; a longer "URL" is not a link to an article
SCHEMES = ("http", "https")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
                       "_ga", "ref_src"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def allow_private_from_env(env: Mapping[str, str] | None = None) -> bool:
    """Whether the environment allows private and loopback addresses (PARLEY_ALLOW_PRIVATE_URLS=1)."""
    value = (os.environ if env is None else env).get(ENV_ALLOW_PRIVATE, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


def check_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) URL with a host; else LoadError with the reason."""
    u = (url or "").strip()
    if not u:
        raise LoadError("(empty)", "empty URL")
    shown = u[:200]
    if len(u) > MAX_URL:
        raise LoadError(shown, f"URL longer than {MAX_URL} characters")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in u):
        raise LoadError(shown, "URL contains spaces or control characters")
    try:
        parts = urlsplit(u)
        port = parts.port
    except ValueError as exc:
        raise LoadError(shown, f"not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise LoadError(shown, f"only http and https URLs are fetched, not {scheme or 'a bare path'}"
                               f"{'://' if scheme else ''}")
    if not parts.hostname:
        raise LoadError(shown, "URL has no host")
    if port == 0:
        raise LoadError(shown, "URL has port 0")
    if parts.username or parts.password:
        raise LoadError(shown, "URL carries a user name or password")
    return u


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see the module docstring); LoadError if not one."""
    parts = urlsplit(check_url(url))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in _TRACKING]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one host (ignoring case and a leading 'www.')."""
    def host(u: str) -> str:
        h = (urlsplit(u).hostname or "").lower().rstrip(".")
        return h[4:] if h.startswith("www.") else h

    return bool(host(a)) and host(a) == host(b)


def parse_networks(networks: Sequence[str]) -> tuple[IpNetwork, ...]:
    """Networks such as '10.1.0.0/16' (a bare address is a network of one); LoadError if unreadable."""
    out: list[IpNetwork] = []
    for n in networks:
        try:
            out.append(ipaddress.ip_network(n.strip(), strict=False))
        except ValueError as exc:
            raise LoadError(n, f"not a network ({exc})") from exc
    return tuple(out)


def is_allowed(address: IpAddress, networks: Sequence[IpNetwork] = ()) -> bool:
    """Whether ``address`` is public, or inside one of the ``networks`` the caller allows."""
    if is_public(address):
        return True
    plain: IpAddress = address
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        plain = address.ipv4_mapped
    return any(plain.version == n.version and plain in n for n in networks)


def is_public(address: IpAddress) -> bool:
    """Whether ``address`` is a public unicast address (an IPv4-mapped IPv6 address by its IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_private or address.is_loopback or address.is_link_local
                                      or address.is_multicast or address.is_reserved
                                      or address.is_unspecified)


def parse_address(text: str) -> IpAddress | None:
    """An IP address from ``text`` (a zone id such as '%eth0' dropped), or None."""
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def host_addresses(host: str, port: int) -> list[IpAddress]:
    """Every address ``host`` resolves to; LoadError if it does not resolve."""
    literal = parse_address(host.strip("[]"))
    if literal is not None:
        return [literal]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise LoadError(host, f"host does not resolve ({exc})") from exc
    found = [a for info in infos if (a := parse_address(str(info[4][0]))) is not None]
    if not found:
        raise LoadError(host, "host does not resolve")
    return found


def check_host(url: str, allow_private: bool, networks: Sequence[IpNetwork] = ()) -> None:
    """Refuse ``url`` when its host resolves to any non-public address outside ``networks``, unless
    ``allow_private``."""
    if allow_private:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    for address in host_addresses(host, port):
        if not is_allowed(address, networks):
            raise LoadError(url[:200], f"refused: {host} is a private, loopback or local address "
                                       f"({address}); set {ENV_ALLOW_PRIVATE}=1 or --allow-private to allow")
