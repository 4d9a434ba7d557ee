#!/usr/bin/env python3
"""Test peer: OTA boards announced with python-zeroconf, driven from standard input.

Usage: zeroconf_boards.py --ip ADDRESS [--ipv6 ADDRESS [--ipv6-only]] [--host-ttl S] [--other-ttl S]
The boards have the IPv4 address --ip (A records) and are announced over IPv4. With --ipv6 they
also have that IPv6 address (AAAA records) and are announced over IPv6 too; with --ipv6-only
they have the IPv6 address alone and are announced over IPv6 alone (--ip is then not needed).
Commands, one per line on standard input (each answered with "ok <command>" once done):
  add NAME SERVICE PORT key=value...   announce a board (SERVICE such as _arduino._tcp)
  txt NAME key=value...                change its TXT record
  goodbye NAME                         withdraw it (TTL 0 goodbye)
  many PREFIX COUNT SERVICE PORT key=value...
                                       announce COUNT boards PREFIX-0... at once, without probing
                                       (cooperating responders); prints "started <monotonic s>" first
  vanish                               exit at once, without goodbyes (a board losing power)
  quit                                 withdraw every board and exit
"""
import argparse
import asyncio
import time
import os
import socket
import sys

from zeroconf import IPVersion, ServiceInfo, Zeroconf


def properties(pairs):
    result = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        result[key] = value
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ip")
    parser.add_argument("--ipv6")
    parser.add_argument("--ipv6-only", action="store_true")
    parser.add_argument("--host-ttl", type=int, default=120)
    parser.add_argument("--other-ttl", type=int, default=4500)
    arguments = parser.parse_args()
    if arguments.ipv6_only and not arguments.ipv6:
        parser.error("--ipv6-only needs --ipv6")
    if not arguments.ip and not arguments.ipv6_only:
        parser.error("--ip is needed unless --ipv6-only")
    if arguments.ipv6_only:
        interfaces, version = [arguments.ipv6], IPVersion.V6Only
        addresses = [socket.inet_pton(socket.AF_INET6, arguments.ipv6)]
    elif arguments.ipv6:
        interfaces, version = [arguments.ip, arguments.ipv6], IPVersion.All
        addresses = [socket.inet_aton(arguments.ip), socket.inet_pton(socket.AF_INET6, arguments.ipv6)]
    else:
        interfaces, version = [arguments.ip], IPVersion.V4Only
        addresses = [socket.inet_aton(arguments.ip)]
    zeroconf = Zeroconf(interfaces=interfaces, ip_version=version)
    boards = {}
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        command = words[0]
        if command == "add":
            name, service, port = words[1], words[2], int(words[3])
            info = ServiceInfo(
                f"{service}.local.", f"{name}.{service}.local.", addresses=addresses,
                port=port, properties=properties(words[4:]), server=f"{name}.local.",
                host_ttl=arguments.host_ttl, other_ttl=arguments.other_ttl)
            zeroconf.register_service(info)
            boards[name] = info
        elif command == "txt":
            info = boards[words[1]]
            updated = ServiceInfo(
                info.type, info.name, addresses=info.addresses, port=info.port, properties=properties(words[2:]),
                server=info.server, host_ttl=arguments.host_ttl, other_ttl=arguments.other_ttl)
            zeroconf.update_service(updated)
            boards[words[1]] = updated
        elif command == "goodbye":
            info = boards.pop(words[1])
            print(f"started {time.monotonic()}", flush=True)
            zeroconf.unregister_service(info)
        elif command == "many":
            prefix, count, service, port = words[1], int(words[2]), words[3], int(words[4])
            infos = [
                ServiceInfo(
                    f"{service}.local.", f"{prefix}-{index}.{service}.local.",
                    addresses=addresses, port=port, properties=properties(words[5:]),
                    server=f"{prefix}-{index}.local.", host_ttl=arguments.host_ttl, other_ttl=arguments.other_ttl)
                for index in range(count)
            ]

            async def register_all():
                broadcasts = [await zeroconf.async_register_service(info, cooperating_responders=True) for info in infos]
                await asyncio.gather(*broadcasts)

            print(f"started {time.monotonic()}", flush=True)
            asyncio.run_coroutine_threadsafe(register_all(), zeroconf.loop).result()
            for info in infos:
                boards[info.name.split(".")[0]] = info
        elif command == "vanish":
            print("ok vanish", flush=True)
            os._exit(0)
        elif command == "quit":
            zeroconf.unregister_all_services()
            zeroconf.close()
            print("ok quit", flush=True)
            return
        print(f"ok {command}", flush=True)


if __name__ == "__main__":
    main()
