"""mDNS figures for bench/bench.py (issue 4): pio-agentd in one network namespace, boards
announced by python-zeroconf (.build/test-venv, installed by `make bench`) in another.

  mdns_discover_ms          50 boards announced at once -> all 50 in the inventory   [<= 1500]
  mdns_goodbye_ms           a board's goodbye -> removed from the inventory           [<= 1100]
  mdns_rss_kib_500          agent VmRSS with 500 boards known; mdns_rss_added_kib_500 is the
                            growth over the same agent with none                      [<= 2048]
  mdns_idle_packets_per_min the agent's own mDNS packets per minute once stable, with 5 and with
                            50 boards (address records live 60 s here); they must not grow in
                            proportion to the boards
The peer announces boards of one batch together, so their refreshes start in step. The veth
pair has IPv6 link-local addresses, so the agent sends each query over IPv4 and over IPv6: the
packets-per-minute figures are twice what an IPv4-only agent sends (the peer answers over IPv4).
"""
import json
import os
import random
import select
import signal
import subprocess
import time

import proc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = os.path.join(ROOT, ".build/test-venv/bin/python")


def ip(*arguments):
    subprocess.run(["ip", *arguments], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Namespaces:
    def __init__(self):
        tag = f"{os.getpid() % 100000}-{random.randrange(65536)}"
        self.first, self.second = f"pio-b{tag}-a", f"pio-b{tag}-b"
        subnet = f"10.{random.randrange(200, 251)}.{random.randrange(256)}"
        self.first_address = f"{subnet}.1"
        ip("netns", "add", self.first)
        ip("netns", "add", self.second)
        ip("link", "add", "veth-a", "netns", self.first, "type", "veth", "peer", "name", "veth-b", "netns", self.second)
        ip("-n", self.first, "addr", "add", f"{subnet}.1/24", "dev", "veth-a")
        ip("-n", self.second, "addr", "add", f"{subnet}.2/24", "dev", "veth-b")
        for namespace, device in ((self.first, "veth-a"), (self.second, "veth-b")):
            ip("-n", namespace, "link", "set", "lo", "up")
            ip("-n", namespace, "link", "set", device, "up")
            ip("-n", namespace, "route", "add", "224.0.0.0/4", "dev", device)

    def delete(self):
        for namespace in (self.first, self.second):
            subprocess.run(["ip", "netns", "delete", namespace], stderr=subprocess.DEVNULL)


class Lines:
    """A process's output lines, read with deadlines."""

    def __init__(self, process):
        self.process = process
        self.buffer = b""

    def next(self, deadline):
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.process.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise RuntimeError("process output ended")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode(errors="replace")


class Peer:
    def __init__(self, namespaces):
        self.process = subprocess.Popen(
            ["ip", "netns", "exec", namespaces.first, PYTHON, os.path.join(ROOT, "Tests/peers/zeroconf_boards.py"),
             "--ip", namespaces.first_address, "--host-ttl", "60"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.lines = Lines(self.process)
        self.wait_for("ready")

    def wait_for(self, prefix, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.next(deadline)
            if line is None:
                raise RuntimeError(f"the zeroconf peer did not say {prefix!r}")
            if line.startswith(prefix):
                return line

    def command(self, text):
        """Sends a command; returns the monotonic time the peer started it (or None) once done."""
        self.process.stdin.write((text + "\n").encode())
        self.process.stdin.flush()
        started = None
        deadline = time.monotonic() + 120
        while True:
            line = self.lines.next(deadline)
            if line is None:
                raise RuntimeError(f"no answer to {text!r}")
            if line.startswith("started "):
                started = float(line.split()[1])
            if line.startswith("ok "):
                return started

    def stop(self):
        self.process.kill()
        self.process.wait()


class Inventory:
    """`pioctl devices --watch --json`: the OTA devices the agent lists, followed live."""

    def __init__(self, pioctl, socket_path):
        self.process = subprocess.Popen([pioctl, "devices", "--watch", "--json"], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=dict(os.environ, PIO_AGENT_SOCKET=socket_path))
        self.lines = Lines(self.process)
        self.ids = set()

    def wait_until(self, predicate, timeout=60):
        """Reads events until predicate(ids) holds; returns the monotonic time it did."""
        deadline = time.monotonic() + timeout
        while not predicate(self.ids):
            line = self.lines.next(deadline)
            if line is None:
                raise RuntimeError(f"the inventory did not get there in time ({len(self.ids)} OTA devices)")
            event = json.loads(line)
            if event["event"] == "snapshot":
                self.ids = {device["id"] for device in event["devices"] if device["kind"] == "ota"}
            elif event.get("device", {}).get("kind") == "ota":
                if event["event"] == "device.removed":
                    self.ids.discard(event["device"]["id"])
                else:
                    self.ids.add(event["device"]["id"])
        return time.monotonic()

    def stop(self):
        self.process.kill()
        self.process.wait()


def sent_packets(pioctl, socket_path):
    output = subprocess.run(["curl", "-s", "--unix-socket", socket_path, "http://agent/metrics"],
                            capture_output=True, text=True).stdout
    for line in output.splitlines():
        if line.startswith("pio_agent_mdns_packets_sent_total"):
            return float(line.split()[-1])
    return 0.0


def packets_per_minute(pioctl, socket_path, settle=15, window=60):
    time.sleep(settle)  # the figure is defined once stable
    before = sent_packets(pioctl, socket_path)
    time.sleep(window)  # and over one minute
    return (sent_packets(pioctl, socket_path) - before) * 60 / window


def measure(daemon, pioctl, workdir):
    if os.geteuid() != 0:
        return {"mdns_skipped": "needs root for network namespaces"}
    if not os.path.exists(PYTHON):
        return {"mdns_skipped": "python-zeroconf is missing; make bench installs it"}
    figures = {}
    namespaces = Namespaces()
    peer = agent = inventory = None
    try:
        peer = Peer(namespaces)
        directory = os.path.join(workdir, "mdns-agent")
        os.makedirs(directory, exist_ok=True)
        socket_path = os.path.join(directory, "control.sock")
        config = os.path.join(directory, "agent.toml")
        with open(config, "w") as handle:
            handle.write(f'[control]\nsocket = "{socket_path}"\ngroup = ""\n[devices]\ninclude = []\n'
                         '[mdns]\nenabled = true\n[log]\nlevel = "warning"\n')
        agent = subprocess.Popen(["ip", "netns", "exec", namespaces.second, daemon, "--config", config],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env={k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "JOURNAL_STREAM")})
        deadline = time.monotonic() + 10
        while not os.path.exists(socket_path) and time.monotonic() < deadline:
            time.sleep(0.01)
        inventory = Inventory(pioctl, socket_path)
        inventory.wait_until(lambda ids: True)
        time.sleep(5)  # idle RSS is defined after 5 s
        idle_rss = proc.rss_kib(agent.pid)

        started = peer.command("many board 50 _arduino._tcp 3232 board=esp32 auth_upload=no")
        listed = inventory.wait_until(lambda ids: len(ids) >= 50)
        figures["mdns_discover_ms"] = round((listed - started) * 1000, 1)

        figures["mdns_idle_packets_per_min_50"] = round(packets_per_minute(pioctl, socket_path), 1)

        started = peer.command("goodbye board-0")
        removed = inventory.wait_until(lambda ids: not any(i.startswith("mdns:board-0.") for i in ids))
        figures["mdns_goodbye_ms"] = round((removed - started) * 1000, 1)

        for index in range(1, 45):
            peer.command(f"goodbye board-{index}")
        inventory.wait_until(lambda ids: len(ids) == 5)
        figures["mdns_idle_packets_per_min_5"] = round(packets_per_minute(pioctl, socket_path), 1)

        peer.command("many bulk 495 _arduino._tcp 3232 board=esp32 auth_upload=no")
        inventory.wait_until(lambda ids: len(ids) >= 500, timeout=120)
        time.sleep(5)
        figures["mdns_rss_kib_500"] = proc.rss_kib(agent.pid)
        figures["mdns_rss_added_kib_500"] = figures["mdns_rss_kib_500"] - idle_rss
    except RuntimeError as error:
        figures["mdns_skipped"] = str(error)
    finally:
        for process in (inventory, peer):
            if process is not None:
                process.stop()
        if agent is not None:
            agent.send_signal(signal.SIGTERM)
            try:
                agent.wait(10)
            except subprocess.TimeoutExpired:
                agent.kill()
                agent.wait()
        namespaces.delete()
    return figures
