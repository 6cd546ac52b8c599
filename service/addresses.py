"""Addresses the service may connect to on a court key's say-so (contract §9.8).

A screen's ``push_url`` is set through the court API, and the worker POSTs to it: without a
check, a key could make the worker reach the cloud metadata service, Redis or the database
(SSRF). Only public addresses are allowed, plus the operator's own networks
(``MICROCOURT_LED_PUSH_ALLOW_NETWORKS``: a court's LED controllers often sit on its LAN).

:func:`address_allowed` is the one rule, on an address already resolved; :func:`resolve`
resolves a name and checks every address it gives, once at registration and again right
before each connection, and the caller connects to the address it returns (not to the name
again, which could now resolve elsewhere: DNS rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# IPv6 ranges that carry an IPv4 address in their last 32 bits (NAT64, well-known prefix).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class AddressNotAllowed(Exception):
    """The name resolves (or the literal is) an address the service must not connect to."""


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_allowed(address: IPAddress, allow: Sequence[IPNetwork] = ()) -> bool:
    """Whether the service may connect to ``address``: inside an allowed network, or public
    (not loopback, private, link-local, multicast, reserved, unspecified or otherwise
    special — ``is_global`` — judged on the IPv4 address inside a mapped, 6to4 or NAT64
    IPv6 address)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return address_allowed(embedded, allow)
    if any(address in net for net in allow if net.version == address.version):
        return True
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Target:
    """Where to connect for a URL's host: the checked address (and the name, for the Host
    header and TLS)."""

    host: str
    address: str


async def resolve(host: str, port: int, allow: Sequence[IPNetwork] = ()) -> Target:
    """Resolve ``host`` and check every address it gives; raise :class:`AddressNotAllowed`
    when any is not allowed (a name that also points inward is refused whole)."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise AddressNotAllowed(f"{host} does not resolve") from exc
        addresses = [ipaddress.ip_address(str(info[4][0]).partition("%")[0]) for info in infos]
        if not addresses:
            raise AddressNotAllowed(f"{host} does not resolve")
    for address in addresses:
        if not address_allowed(address, allow):
            raise AddressNotAllowed(f"{host} resolves to a non-public address")
    return Target(host, str(addresses[0]))
