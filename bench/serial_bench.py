#!/usr/bin/env python3
"""Remote serial figures for bench/bench.py (issue 5): a pty board on the agent, read by
`pioctl remote device monitor` through a local mosquitto with TLS and the contract's ACL.

  serial_latency_ms_p50/p99          8 unique bytes written at the board end -> all of them on pioctl's
                                     standard output, 500 samples one at a time (after 20 unrecorded)
                                                                            [p50 <= 0.5, p99 <= 2]
  serial_latency_to_board_ms_p50/p99 the same from pioctl's standard input to the board end
  serial_throughput_mib_s            board -> pioctl's standard output, 20 MiB; null unless every byte
                                     arrived unchanged                                   [>= 40]
  serial_lost_bytes / _extra_bytes / _corrupt_bytes   the byte-for-byte check of those 20 MiB
  serial_agent_rss_kib_max           the agent's largest VmRSS seen during the 20 MiB (sampled every 50 ms)

Measured with bench/serial_measure.py, as bench/ser2net_peer.py measures ser2net, so the figures
compare. The board is a pty: the bench holds the master (the board end) and keeps the slave open in raw
mode for the whole run (so its settings stay and the master never sees a hang-up); the agent has the slave
as a static port (`[[devices.static]]`, id "bench-board") and `[cloud]` linked to the broker as farm1,
owned by bob. The client is

  pioctl remote device monitor -a farm1 -p bench-board

run as bob (PIOCTL_BROKER, PIOCTL_USERNAME, PIO_AUTH_TOKEN, PIOCTL_CA_FILE, HOME a temporary directory)
with its standard input and output as pipes. The session is open once pioctl prints its `--- monitor on`
line on standard error (written to a file, so it can never fill); a probe then crosses from the board end
(serial_measure.sync), every byte value 0x00-0xFF is checked both ways, and the measurements run.

The local monitor's figures come from the same board and measurements, on an agent without a broker (the
same static port, no [cloud]), through

  pioctl device monitor -p bench-board

against its control socket ($PIO_AGENT_SOCKET), which switches its connection to the port's raw bytes:

  serial_local_latency_ms_p50/p99           as serial_latency_ms_p50/p99, board end -> pioctl
  serial_local_latency_to_board_ms_p50/p99  pioctl's standard input -> board end
  serial_local_throughput_mib_s             board -> pioctl's standard output, 20 MiB, null unless every
                                            byte arrived unchanged (no target given)
  serial_local_lost_bytes / _extra_bytes / _corrupt_bytes, serial_local_agent_rss_kib_max

When mosquitto is missing or anything fails, the result is {"serial_skipped": "<why>"} (for the local
monitor {"serial_local_skipped": "<why>"}) (with the tails of
the agent's and pioctl's logs) instead of an exception. pioctl is stopped by closing its standard input
(it must exit by itself within 10 s, else it is killed and that is said), the agent by SIGTERM then
SIGKILL, the broker by SIGKILL, each by PID, on failure too; the pty and the temporary directory go last.
"""
import argparse
import glob
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cloud_bench  # noqa: E402  (sibling modules, found whether run as a script or imported)
import proc  # noqa: E402
import serial_measure  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AGENT = "farm1"
USER = "bob"
PORT_ID = "bench-board"
LATENCY_SAMPLES = 500
THROUGHPUT_BYTES = 20 * serial_measure.MIB
READY_TIMEOUT_S = 20
OPEN_TIMEOUT_S = 15
EXIT_TIMEOUT_S = 10
RSS_INTERVAL_S = 0.05


class Skipped(Exception):
    """The measurement cannot be done; the message says why."""


def log(message):
    print(f"serial_bench: {message}", file=sys.stderr, flush=True)


def tail(path, lines=8):
    try:
        with open(path, "rb") as handle:
            return b" | ".join(handle.read().splitlines()[-lines:]).decode(errors="replace")
    except OSError:
        return ""


class SerialAgent(cloud_bench.CloudAgent):
    """cloud_bench's agent (its stop() and rss_kib()), with the board as its only port, a static one, linked
    to `broker` (or without [cloud] when it is None)."""

    def __init__(self, binary, workdir, broker, board_path):
        # Not super().__init__(): that writes a config without [[devices.static]] and starts the agent on it.
        self.dir = os.path.join(workdir, AGENT)
        os.makedirs(self.dir, exist_ok=True)
        self.socket_path = os.path.join(self.dir, "control.sock")
        self.config = os.path.join(self.dir, "agent.toml")
        self.log_path = os.path.join(self.dir, "agent.log")
        with open(self.config, "w") as handle:
            handle.write("\n".join([
                "[agent]", f'name = "{AGENT}"', f'owner = "{USER}"',
                "[devices]", "include = []",
                "[[devices.static]]", f'port = "{board_path}"', f'id = "{PORT_ID}"',
                *(["[cloud]", f'url = "mqtts://127.0.0.1:{broker.port}"', f'ca_file = "{broker.ca}"',
                   f'password_file = "{broker.dir}/{AGENT}.password"'] if broker else []),
                "[mdns]", "enabled = false",
                "[control]", f'socket = "{self.socket_path}"', 'group = ""',
                "[log]", f'level = "{os.environ.get("PIO_BENCH_LOG_LEVEL", "warning")}"', ""]))
        with open(self.log_path, "ab") as agent_log:
            self.process = subprocess.Popen(
                [binary, "--config", self.config], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=agent_log,
                env={k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "JOURNAL_STREAM")})


class Monitor:
    """A pioctl monitor: stdin and stdout pipes, stderr in a file. By default `pioctl remote device monitor`
    as bob through `broker`; with `agent` and no broker, `pioctl device monitor` on that agent's socket."""

    def __init__(self, pioctl, workdir, broker=None, agent=None):
        home = os.path.join(workdir, "home")
        os.makedirs(home, exist_ok=True)
        self.stderr_path = os.path.join(workdir, "pioctl.stderr")
        if broker is None:
            env = dict(os.environ, PIO_AGENT_SOCKET=agent.socket_path, HOME=home)
            self.command = [pioctl, "device", "monitor", "-p", PORT_ID]
        else:
            env = dict(os.environ, PIOCTL_BROKER=f"mqtts://127.0.0.1:{broker.port}", PIOCTL_USERNAME=USER,
                       PIO_AUTH_TOKEN=broker.passwords[USER], PIOCTL_CA_FILE=broker.ca, HOME=home)
            self.command = [pioctl, "remote", "device", "monitor", "-a", AGENT, "-p", PORT_ID]
        env.pop("XDG_CONFIG_HOME", None)
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(self.command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=stderr)
        self.exit_note = None

    @property
    def stdin(self):
        return self.process.stdin

    @property
    def stdout(self):
        return self.process.stdout

    def stderr_text(self):
        with open(self.stderr_path, "rb") as handle:
            return handle.read().decode(errors="replace")

    def wait_open(self, timeout=OPEN_TIMEOUT_S):
        """Returns once pioctl says the session is open; Skipped if it exits or `timeout` s pass first."""
        deadline = time.monotonic() + timeout
        while "--- monitor on" not in self.stderr_text():
            if self.process.poll() is not None:
                raise Skipped(f"pioctl exited with status {self.process.returncode} before the session opened: "
                              f"{self.stderr_text().strip()!r}")
            if time.monotonic() >= deadline:
                raise Skipped(f"pioctl opened no session within {timeout} s: {self.stderr_text().strip()!r}")
            time.sleep(0.01)  # a poll with a deadline on a file: pioctl signals nothing else

    def stop(self):
        """Closes pioctl's standard input (the session's end) and waits for it to exit, reading and dropping
        what it still writes; kills it after EXIT_TIMEOUT_S. Records what happened in exit_note."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            deadline = time.monotonic() + EXIT_TIMEOUT_S
            output = self.process.stdout.fileno()
            stdout_open = True
            while self.process.poll() is None and time.monotonic() < deadline:
                if not stdout_open:
                    time.sleep(0.01)
                    continue
                ready, _, _ = select.select([output], [], [], 0.05)
                if ready and not os.read(output, 65536):
                    stdout_open = False
            if self.process.poll() is not None:
                log(f"pioctl exited with status {self.process.returncode} "
                    f"{EXIT_TIMEOUT_S - (deadline - time.monotonic()):.2f} s after end of input")
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
                self.exit_note = f"pioctl did not exit within {EXIT_TIMEOUT_S} s of end of input; killed"
            elif self.process.returncode != 0:
                self.exit_note = (f"pioctl exited with status {self.process.returncode} at end of input: "
                                  f"{self.stderr_text().strip()[-300:]!r}")
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


def wait_inventory(broker):
    """Returns once bob sees farm1's retained inventory listing the board."""
    subscriber = broker.subscribe(USER, [f"pio/v1/agents/{AGENT}/for/{USER}/inventory"], skip_retained=False)
    try:
        found = subscriber.wait_for(lambda line: f'"{PORT_ID}"' in line, timeout=READY_TIMEOUT_S, fail=False)
    finally:
        subscriber.stop()
    if found is None:
        raise Skipped(f"{AGENT}'s inventory for {USER} did not list {PORT_ID} within {READY_TIMEOUT_S} s")


class RssSampler:
    """The largest VmRSS of a process seen while it runs (a thread reading /proc every RSS_INTERVAL_S)."""

    def __init__(self, pid):
        self.pid, self.largest = pid, None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, name="serial-bench-rss", daemon=True)
        self.thread.start()

    def run(self):
        while not self.done.is_set():
            rss = proc.rss_kib(self.pid)
            if rss is not None:
                self.largest = max(self.largest or 0, rss)
            self.done.wait(RSS_INTERVAL_S)

    def stop(self):
        self.done.set()
        self.thread.join()
        return self.largest


def run(daemon, pioctl, workdir, local=False):
    """The figures, remote or with `local` the local monitor's; raises on any failure (measure() turns that
    into serial_skipped)."""
    broker = board = agent = monitor = None
    prefix = "serial_local" if local else "serial"
    try:
        broker = None if local else cloud_bench.Broker(workdir, users=[AGENT, USER])
        board = serial_measure.Board()
        agent = SerialAgent(daemon, workdir, broker, board.path)
        if local:
            wait_socket(agent)
            monitor = Monitor(pioctl, workdir, agent=agent)
        else:
            wait_inventory(broker)
            monitor = Monitor(pioctl, workdir, broker)
        monitor.wait_open()
        try:
            serial_measure.sync(board.master, monitor.stdout)
            serial_measure.check_transparent(board.master, monitor.stdin, client_output=monitor.stdout)
            to_client = serial_measure.latency(board.master, monitor.stdout, samples=LATENCY_SAMPLES)
            to_board = serial_measure.latency_to_board(monitor.stdin, board.master, samples=LATENCY_SAMPLES)
            sampler = RssSampler(agent.process.pid)
            try:
                bulk = serial_measure.throughput(board.master, monitor.stdout, total=THROUGHPUT_BYTES)
            finally:
                rss = sampler.stop()
        except serial_measure.SerialError as error:
            raise Skipped(str(error)) from None
        log(f"{prefix}: board -> client {to_client}, client -> board {to_board}, bulk {bulk}, agent RSS {rss} KiB")
        figures = serial_measure.figures(prefix, to_client, bulk, to_board)
        figures[f"{prefix}_agent_rss_kib_max"] = rss
        return figures
    except Exception as error:
        if not isinstance(error, Skipped):
            traceback.print_exc(file=sys.stderr)
        notes = []
        if agent is not None:
            notes.append(f"agent {'running' if agent.process.poll() is None else f'exited {agent.process.returncode}'}"
                         f", log: {tail(agent.log_path)!r}")
        if monitor is not None:
            notes.append(f"pioctl {'running' if monitor.process.poll() is None else f'exited {monitor.process.returncode}'}"
                         f", stderr: {monitor.stderr_text().strip()[-300:]!r}")
        if notes:
            raise Skipped(f"{error} ({'; '.join(notes)})") from error
        raise
    finally:
        # pioctl first, with the session still served, so its end of input is seen as it would be in use.
        for step in (monitor and monitor.stop, agent and agent.stop, broker and broker.process and broker.kill,
                     board and board.close):
            if step:
                try:
                    step()
                except Exception:  # one failed step must not leave the others' processes running
                    traceback.print_exc(file=sys.stderr)
        if monitor is not None and monitor.exit_note:
            log(monitor.exit_note)


def wait_socket(agent):
    """Returns once the agent without a broker answers on its control socket and lists the board."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if agent.process.poll() is not None:
            raise Skipped(f"the agent exited with status {agent.process.returncode}")
        result = subprocess.run(["curl", "-sf", "--unix-socket", agent.socket_path, f"http://agent/v1/devices/{PORT_ID}"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if result.returncode == 0 and b'"present":true' in result.stdout:
            return
        time.sleep(0.05)  # a poll with a deadline: the agent signals readiness only to a service manager
    raise Skipped(f"the agent did not list {PORT_ID} on its control socket within {READY_TIMEOUT_S} s")


def measure(daemon, pioctl, workdir):
    """Every serial figure, remote then local, as a dict; {"serial_skipped": why} or {"serial_local_skipped":
    why} for a group that cannot be measured."""
    figures = {}
    for local in (False, True):
        skipped = "serial_local_skipped" if local else "serial_skipped"
        if not local and shutil.which("mosquitto") is None \
                and shutil.which("mosquitto", path="/usr/sbin:/usr/local/sbin") is None:
            figures[skipped] = "mosquitto is not installed"
            continue
        started = time.monotonic()
        directory = tempfile.mkdtemp(prefix="serial-bench.", dir=workdir)
        try:
            figures.update(run(daemon, pioctl, directory, local=local))
        except Skipped as reason:
            log(f"skipped: {reason}")
            figures[skipped] = str(reason)
        except Exception as error:  # never fail the harness over one group of figures
            traceback.print_exc(file=sys.stderr)
            figures[skipped] = f"{type(error).__name__}: {error}"
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        log(f"{'local' if local else 'remote'} took {time.monotonic() - started:.1f} s")
    return figures


def default_bin():
    """The release binaries' directory, as `make bench` passes it (.build/<triple>/release)."""
    for candidate in sorted(glob.glob(os.path.join(ROOT, ".build", "*", "release"))):
        if os.path.exists(os.path.join(candidate, "pio-agentd")):
            return candidate
    return os.path.join(ROOT, ".build", "release")


def main():
    # Being terminated unwinds like Ctrl-C, so the cleanup in run() still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=default_bin(),
                        help="directory holding pio-agentd and pioctl (a release build; default: %(default)s)")
    arguments = parser.parse_args()
    daemon = os.path.join(arguments.bin, "pio-agentd")
    pioctl = os.path.join(arguments.bin, "pioctl")
    workdir = tempfile.mkdtemp(prefix="pio-bench.")
    try:
        figures = measure(daemon, pioctl, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
