#!/usr/bin/env python3
"""Peer figures for bench.py: ser2net (Debian's package, 4.3.11 on bookworm), the data plane labgrid uses
for remote serial, measured on a pty board with bench/serial_measure.py.

Prints one JSON object on stdout; progress goes to stderr.

  ser2net_version                      `ser2net -v`
  ser2net_latency_ms_p50/_p99          8 unique bytes written at the board end -> all read at the TCP client,
                                       500 samples one at a time (after 20 unrecorded)
  ser2net_latency_to_board_ms_p50/_p99 the same from the TCP client to the board end
  ser2net_throughput_mib_s             board -> client, 20 MiB; null unless every byte arrived unchanged
  ser2net_lost_bytes / _extra_bytes / _corrupt_bytes   the byte-for-byte check of those 20 MiB
  ser2net_nodelay_*                    the same figures with `chardelay: false`

Setup: os.openpty() makes the board; the slave is put in raw mode and held open by this script for the whole
run (so its settings stay and the master never sees a hang-up between opens). ser2net runs in the foreground
(`ser2net -n -d -c ser2net.yaml`, as labgrid runs it) on the config

  connection: &bench
    accepter: tcp,127.0.0.1,PORT
    connector: serialdev(nouucplock=true),/dev/pts/N,115200n81,local

with PORT a free loopback port, and ser2net's own defaults otherwise: that is the baseline labgrid users get,
except that labgrid's accepter adds telnet(rfc2217), whose negotiation and 0xFF escaping would disturb a raw
byte count. The second run adds `options: {chardelay: false}`, ser2net's switch for the wait it makes after
each character from the port (at least 1000 us by default) before sending to the network. The client
connects as soon as the port accepts (a connect retried with a deadline), then waits for a probe byte to
cross (ser2net opens the port only once a client is in), checks that every byte value 0x00-0xFF passes
unchanged both ways, and measures.

When ser2net is not installed or anything fails, the output holds "ser2net_skipped": "<reason>" instead,
and the exit status is still 0. ser2net is stopped by PID (SIGTERM, then SIGKILL after 2 s), every fd is
closed and the temporary directory is removed, on failure too.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serial_measure  # noqa: E402  (a sibling module, found whether run as a script or imported)

START_TIMEOUT_S = 10
STOP_TIMEOUT_S = 2  # as labgrid stops its ser2net
CONNECT_RETRY_S = 0.005
LATENCY_SAMPLES = 500
THROUGHPUT_BYTES = 20 * serial_measure.MIB
RUNS = (("ser2net", {}), ("ser2net_nodelay", {"chardelay": "false"}))


class Skipped(Exception):
    """The measurement cannot be done here; the message says why."""


def log(message):
    print(f"ser2net_peer: {message}", file=sys.stderr, flush=True)


def find_ser2net():
    # Debian installs it in /usr/sbin, which a non-root PATH may not hold.
    path = shutil.which("ser2net") or shutil.which("ser2net", path="/usr/sbin:/usr/local/sbin")
    if path is None:
        raise Skipped("ser2net is not installed (scripts/install-deps.sh bench installs it)")
    return path


def ser2net_version(binary):
    # ser2net 4.4.0-4.6.1 exit with status 1 after printing the version (labgrid works around it too).
    result = subprocess.run([binary, "-v"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10)
    # It prints its argv[0] first: "/usr/sbin/ser2net version 4.3.11".
    words = result.stdout.split()
    if len(words) != 3 or words[1] != "version":
        raise Skipped(f"unexpected `ser2net -v` output: {result.stdout.strip()!r} {result.stderr.strip()!r}")
    return words[2]


def free_local_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def config_text(port, serial_path, options):
    lines = ["%YAML 1.1", "---", "connection: &bench",
             f"  accepter: tcp,127.0.0.1,{port}",
             f"  connector: serialdev(nouucplock=true),{serial_path},115200n81,local"]
    if options:
        lines.append("  options:")
        lines += [f"    {name}: {value}" for name, value in options.items()]
    return "\n".join(lines) + "\n"


class Ser2net:
    """A ser2net process in the foreground, its log (stdout and stderr) in a file of `workdir`."""

    def __init__(self, binary, workdir, name, config):
        self.config_path = os.path.join(workdir, f"{name}.yaml")
        self.log_path = os.path.join(workdir, f"{name}.log")
        with open(self.config_path, "w") as handle:
            handle.write(config)
        with open(self.log_path, "wb") as log_file:
            self.process = subprocess.Popen([binary, "-n", "-d", "-c", self.config_path],
                                            stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT)

    def log_tail(self, lines=5):
        with open(self.log_path, "rb") as handle:
            return b" | ".join(handle.read().splitlines()[-lines:]).decode(errors="replace")

    def connect(self, port, timeout=START_TIMEOUT_S):
        """A TCP connection to ser2net's accepter, retried until it listens; Skipped if ser2net exits or
        `timeout` s pass first."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise Skipped(f"ser2net exited with status {self.process.returncode}: {self.log_tail()!r}")
            client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                client.connect(("127.0.0.1", port))
                return client
            except ConnectionRefusedError:
                client.close()
            except BaseException:
                client.close()
                raise
            if time.monotonic() >= deadline:
                raise Skipped(f"ser2net did not listen on 127.0.0.1:{port} within {timeout} s: {self.log_tail()!r}")
            time.sleep(CONNECT_RETRY_S)  # a poll with a deadline: ser2net signals nothing when it listens

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                log(f"ser2net (PID {self.process.pid}) ignored SIGTERM for {STOP_TIMEOUT_S} s; killing it")
                self.process.kill()
                self.process.wait()


def measure_run(binary, workdir, name, options):
    """One ser2net on a fresh board and port: its figures, named `<name>_...`."""
    board = serial_measure.Board()
    ser2net = client = None
    try:
        port = free_local_port()
        config = config_text(port, board.path, options)
        log(f"{name}: config:\n{config.rstrip()}")
        ser2net = Ser2net(binary, workdir, name, config)
        client = ser2net.connect(port)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # see latency_to_board()
        try:
            serial_measure.sync(board.master, client)
            serial_measure.check_transparent(board.master, client)
            to_client = serial_measure.latency(board.master, client, samples=LATENCY_SAMPLES)
            to_board = serial_measure.latency_to_board(client, board.master, samples=LATENCY_SAMPLES)
            bulk = serial_measure.throughput(board.master, client, total=THROUGHPUT_BYTES)
        except serial_measure.SerialError as error:
            raise Skipped(f"{name}: {error} (ser2net log: {ser2net.log_tail()!r})") from None
        log(f"{name}: board -> client {to_client}, client -> board {to_board}, bulk {bulk}")
        return serial_measure.figures(name, to_client, bulk, to_board)
    finally:
        if client is not None:
            client.close()
        if ser2net is not None:
            ser2net.stop()
        board.close()


def measure():
    binary = find_ser2net()
    figures = {"ser2net_version": ser2net_version(binary)}
    workdir = tempfile.mkdtemp(prefix="ser2net-peer.")
    try:
        for name, options in RUNS:
            figures.update(measure_run(binary, workdir, name, options))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return figures


def main():
    # Being terminated unwinds like Ctrl-C, so the cleanup in measure_run() still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        result = measure()
    except Skipped as reason:
        log(f"skipped: {reason}")
        result = {"ser2net_skipped": str(reason)}
    except Exception as error:  # the peer figures are optional: never fail the harness over them
        traceback.print_exc(file=sys.stderr)
        result = {"ser2net_skipped": f"{type(error).__name__}: {error}"}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
