#!/usr/bin/env python3
"""Test peer: one service published through avahi-daemon's D-Bus API, whose TXT record can change.

avahi-publish-service cannot change a TXT record, and avahi refuses calls on an entry group from
any connection but the one that made it; this peer keeps that connection and calls
EntryGroup.UpdateServiceTxt, which avahi announces as a new TXT record (no goodbye).

Usage: avahi_entry_group.py NAME TYPE PORT key=value...   (bus: $DBUS_SYSTEM_BUS_ADDRESS)
Prints "Established under name 'NAME'" on standard error once avahi announces the service, as
avahi-publish-service does. Commands, one per line on standard input, each answered with
"ok <command>" on standard output once avahi accepted it:
  txt key=value...   replace the TXT record
SIGTERM or the end of standard input ends the peer; avahi then frees the entry group of the closed
connection and says goodbye.
"""
import sys

from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
from jeepney.wrappers import unwrap_msg
from jeepney.io.blocking import open_dbus_connection

AVAHI = "org.freedesktop.Avahi"
IF_UNSPEC = PROTO_UNSPEC = -1
STATES = {0: "uncommitted", 1: "registering", 2: "established", 3: "collision", 4: "failure"}


def strings(pairs):
    return [pair.encode() for pair in pairs]


def call(connection, message):
    """The reply's arguments; an error reply raises DBusErrorResponse."""
    return unwrap_msg(connection.send_and_get_reply(message))


def main():
    name, service, port, txt = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    connection = open_dbus_connection(bus="SYSTEM")
    server = DBusAddress("/", bus_name=AVAHI, interface=f"{AVAHI}.Server")
    path = call(connection, new_method_call(server, "EntryGroupNew"))[0]
    group = DBusAddress(path, bus_name=AVAHI, interface=f"{AVAHI}.EntryGroup")
    changes = MatchRule(type="signal", interface=f"{AVAHI}.EntryGroup", member="StateChanged", path=path)
    with connection.filter(changes) as states:
        call(connection, message_bus.AddMatch(changes))
        call(connection, new_method_call(
            group, "AddService", "iiussssqaay",
            (IF_UNSPEC, PROTO_UNSPEC, 0, name, service, "", "", port, strings(txt))))
        call(connection, new_method_call(group, "Commit"))
        while True:
            state, error = connection.recv_until_filtered(states).body
            if state == 2:
                break
            if state > 2:
                print(f"{STATES.get(state, state)}: {error}", file=sys.stderr, flush=True)
                sys.exit(1)
    print(f"Established under name '{name}'", file=sys.stderr, flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "txt":
            call(connection, new_method_call(
                group, "UpdateServiceTxt", "iiusssaay",
                (IF_UNSPEC, PROTO_UNSPEC, 0, name, service, "", strings(words[1:]))))
        else:
            print(f"unknown command: {words[0]}", file=sys.stderr, flush=True)
            sys.exit(2)
        print(f"ok {words[0]}", flush=True)


if __name__ == "__main__":
    main()
