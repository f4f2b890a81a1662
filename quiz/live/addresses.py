"""The address students' phones should use to reach this app, for the lobby, its QR code and `serve`.

A teacher usually opens the app at http://127.0.0.1:5000/, an address that only this computer can
reach. Phones need this computer's address on the school network instead, read from its network
interfaces, or the public address set in QUIZ_PUBLIC_URL when the app is behind a proxy.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

import ifaddr

# Private ranges, where a school or home network usually lives; other routable addresses come after.
PRIVATE_NETWORKS = tuple(ipaddress.ip_network(net) for net in ("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12"))
# Interfaces of containers and virtual machines: no phone reaches them. Used only when nothing else exists.
VIRTUAL_INTERFACE_PREFIXES = ("docker", "br-", "veth", "virbr", "vboxnet", "vmnet", "podman", "cni")
# Bounded work: a machine with hundreds of interfaces still gets a short answer.
MAX_ADAPTERS = 256
MAX_ADDRESSES = 8


@dataclass(frozen=True)
class JoinAddress:
    """Where students should go: `url` is a base URL without a trailing slash (append "/join")."""

    url: str
    alternatives: tuple[str, ...] = ()
    # A plain sentence for the teacher, set when only this computer's own address can be offered.
    warning: str | None = None


def is_loopback_host(host: str | None) -> bool:
    """Whether a host name or address names this computer only (127.x, ::1, localhost, 0.0.0.0)."""
    if not host:
        return False
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _is_virtual(adapter: Any) -> bool:
    names = (getattr(adapter, "name", ""), getattr(adapter, "nice_name", ""))
    return any(
        isinstance(name, str) and name.lower().startswith(VIRTUAL_INTERFACE_PREFIXES) for name in names
    )


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses that other devices may reach, the likeliest first.

    Loopback and link-local addresses are left out; private ranges come first; container and
    virtual-machine bridges only when there is nothing else. Never raises: no address is [].
    """
    try:
        adapters = list(ifaddr.get_adapters())[:MAX_ADAPTERS]
    except Exception:
        return []
    found: list[tuple[bool, int, str]] = []  # (virtual, rank, address)
    for adapter in adapters:
        try:
            virtual = _is_virtual(adapter)
            ips = list(adapter.ips)
        except Exception:
            continue
        for ip in ips:
            if not getattr(ip, "is_IPv4", False) or not isinstance(ip.ip, str):
                continue
            try:
                address = ipaddress.IPv4Address(ip.ip)
            except ValueError:
                continue
            if address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast:
                continue
            rank = 0 if any(address in network for network in PRIVATE_NETWORKS) else 1
            found.append((virtual, rank, str(address)))
    if any(not virtual for virtual, _, _ in found):
        found = [entry for entry in found if not entry[0]]
    ordered: list[str] = []
    # sorted() is stable: within a rank, the interfaces' own order is kept.
    for _, _, address in sorted(found, key=lambda entry: entry[1]):
        if address not in ordered:
            ordered.append(address)
    return ordered[:MAX_ADDRESSES]


def loopback_warning(host: str) -> str:
    return (
        f"Phones can't reach {host}: it is this computer's own address. Stop the app and start it "
        "with \"flask --app quiz serve\", without --host 127.0.0.1, so that it listens on the local "
        "network; or set QUIZ_PUBLIC_URL to the address students should use."
    )


def no_network_warning(host: str) -> str:
    return (
        f"Phones can't reach {host}: it is this computer's own address, and this computer has no "
        "network address to offer instead. Connect it to the same network as the phones (the school "
        "Wi-Fi) and reload this page, or set QUIZ_PUBLIC_URL to the address students should use."
    )


def _base(url: str) -> str:
    return url.strip().rstrip("/")


def join_address(host_url: str, config: Mapping[str, Any]) -> JoinAddress:
    """Choose the base URL students should use, given the URL this page was opened at.

    `host_url` is the request's root URL (e.g. request.url_root, "http://127.0.0.1:5000/"); its
    scheme, port and path are kept when another host is put in its place.
    """
    try:
        return _join_address(host_url, config)
    except Exception:
        # Never break the lobby over this: show what the request used, with a warning if it is loopback.
        fallback = _base(host_url or "")
        try:
            host = urlsplit(fallback).hostname
        except ValueError:
            host = None
        return JoinAddress(fallback, (), loopback_warning(host) if is_loopback_host(host) else None)


def _join_address(host_url: str, config: Mapping[str, Any]) -> JoinAddress:
    public = config.get("PUBLIC_URL")
    if isinstance(public, str) and public.strip():
        public = _base(public)
        return JoinAddress(public if "://" in public else f"http://{public}")

    base = _base(host_url)
    parts = urlsplit(base)
    host = parts.hostname
    if not is_loopback_host(host):
        return JoinAddress(base)

    shown_host = f"[{host}]" if ":" in host else host
    if config.get("LIVE_SERVING_LOOPBACK_ONLY"):
        return JoinAddress(base, (), loopback_warning(shown_host))
    addresses = lan_addresses()
    if not addresses:
        return JoinAddress(base, (), no_network_warning(shown_host))
    port = f":{parts.port}" if parts.port is not None else ""
    path = parts.path.rstrip("/")
    urls = [f"{parts.scheme}://{address}{port}{path}" for address in addresses]
    return JoinAddress(urls[0], tuple(urls[1:]))
