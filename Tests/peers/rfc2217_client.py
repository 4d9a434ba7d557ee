#!/usr/bin/env python3
"""A serial port client driven line by line, for the bridge tests: pyserial's own rfc2217://
(or socket://) client, as esptool and `pio device monitor` use it.

Each line on standard input is a JSON request; each answer is one JSON line on standard output,
{"ok": true, ...} or {"ok": false, "error": "..."}:
  {"op": "open", "url": "rfc2217://127.0.0.1:4000", "baudrate": 115200}
  {"op": "write", "hex": "68656c6c6f"}
  {"op": "read", "count": 5, "timeout": 10}            -> "hex"
  {"op": "read_until_closed", "url": "socket://127.0.0.1:4000", "timeout": 10}
                                                       -> "hex": what a plain TCP connection received before
                                                          the server closed it (not through pyserial, whose
                                                          open discards what has already arrived)
  {"op": "baud", "value": 230400}                      (waits for the server's acknowledgement)
  {"op": "dtr", "value": true} / {"op": "rts", "value": false}
  {"op": "wait_lines", "cts": true, "dsr": false, "cd": false, "timeout": 10}
                                                       -> the lines once they match (NOTIFY-MODEMSTATE)
  {"op": "break", "duration": 0.05}
  {"op": "close"}
"""
import json
import socket
import sys
import time

import serial

port = None


def lines():
    state = port.get_modem_state() if hasattr(port, "get_modem_state") else 0
    return {"cts": bool(state & 0x10), "dsr": bool(state & 0x20), "ri": bool(state & 0x40), "cd": bool(state & 0x80)}


def handle(request):
    global port
    op = request["op"]
    if op == "open":
        port = serial.serial_for_url(request["url"], baudrate=request.get("baudrate", 115200), timeout=0.1)
        return {}
    if op == "write":
        port.write(bytes.fromhex(request["hex"]))
        port.flush()
        return {}
    if op == "read":
        wanted, received = request["count"], b""
        deadline = time.monotonic() + request.get("timeout", 10)
        while len(received) < wanted and time.monotonic() < deadline:
            received += port.read(wanted - len(received))
        return {"hex": received.hex()}
    if op == "read_until_closed":
        host, _, number = request["url"].split("://", 1)[1].rpartition(":")
        received = b""
        with socket.create_connection((host, int(number)), timeout=request.get("timeout", 10)) as connection:
            while chunk := connection.recv(4096):
                received += chunk
        return {"hex": received.hex()}
    if op == "baud":
        port.baudrate = request["value"]
        return {"baudrate": port.baudrate}
    if op == "dtr":
        port.dtr = request["value"]
        return {}
    if op == "rts":
        port.rts = request["value"]
        return {}
    if op == "wait_lines":
        wanted = {key: request[key] for key in ("cts", "dsr", "ri", "cd") if key in request}
        deadline = time.monotonic() + request.get("timeout", 10)
        # pyserial has no callback for NOTIFY-MODEMSTATE: its reader thread updates the state.
        while True:
            current = lines()
            if all(current[key] == value for key, value in wanted.items()):
                return current
            if time.monotonic() > deadline:
                raise TimeoutError(f"modem lines still {current}, wanted {wanted}")
            time.sleep(0.005)
    if op == "break":
        port.send_break(request.get("duration", 0.05))
        return {}
    if op == "close":
        port.close()
        return {}
    raise ValueError(f"unknown op {op}")


for line in sys.stdin:
    try:
        answer = {"ok": True, **handle(json.loads(line))}
    except Exception as error:  # every failure goes back to the test as text
        answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    print(json.dumps(answer), flush=True)
