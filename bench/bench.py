#!/usr/bin/env python3
"""pio-agent performance harness: prints one JSON object of figures.

Figures (targets in brackets, from issue 2):
  startup_ready_ms         exec -> READY=1 on NOTIFY_SOCKET (socket answering), median of 10 [<= 100]
  idle_rss_kib             VmRSS after 5 s idle                                          [<= 15360]
  idle_cpu_pct             CPU time over 10 s idle, percent of one core                   [<= 0.05]
  hotplug_event_ms_p50/p99 uevent written to sysfs -> event line on /v1/events, 100 times [p99 <= 20]
  pioctl_status_ms_p50/p99 a whole `pioctl status` process, 100 times                     [p50 <= 15]
  api_requests_per_s       GET /v1/status, 4 concurrent keep-alive clients, 3 s
Hotplug needs root and a ttyS0; without them the figure is null and "skipped" says why.
The cloud-link figures (connect_visible_ms, hotplug_remote_ms_*, reconnect_ms,
remote_device_list_ms, idle_rss_cloud_kib) come from bench/cloud_bench.py, against a local
mosquitto with TLS and the contract's ACL. The mDNS figures (mdns_discover_ms, mdns_goodbye_ms,
mdns_rss_kib_500, mdns_idle_packets_per_min_5/_50) come from bench/mdns_bench.py, with boards
announced by python-zeroconf in a network namespace (needs root).
The remote serial figures (issue 5) come from bench/serial_bench.py: a pty board as the agent's static
port, read by `pioctl remote device monitor` through the same kind of mosquitto, measured with
bench/serial_measure.py as the ser2net peer is:
  serial_latency_ms_p50/p99            8 bytes written at the board end -> on pioctl's standard output,
                                       500 samples                                  [p50 <= 0.5, p99 <= 2]
  serial_latency_to_board_ms_p50/p99   the same, pioctl's standard input -> board end
  serial_throughput_mib_s              board -> pioctl, 20 MiB; null unless all arrived byte for byte [>= 40]
  serial_lost_bytes, serial_extra_bytes, serial_corrupt_bytes   that byte-for-byte check
  serial_agent_rss_kib_max             the agent's largest VmRSS during those 20 MiB
When they cannot be measured, serial_skipped says why instead. The same script measures the local
monitor, `pioctl device monitor` on an agent without a broker (its control socket switched to the port's
raw bytes), with the same board and measurements (no targets given):
  serial_local_latency_ms_p50/p99           board end -> pioctl's standard output, 500 samples
  serial_local_latency_to_board_ms_p50/p99  pioctl's standard input -> board end
  serial_local_throughput_mib_s             board -> pioctl, 20 MiB; null unless all arrived byte for byte
  serial_local_lost_bytes, _extra_bytes, _corrupt_bytes, serial_local_agent_rss_kib_max
or serial_local_skipped with the reason.
--peer names the peers measured in the same run, comma-separated (default labgrid,ser2net; none for none).
With labgrid, the labgrid exporter, the Python peer the issue names, is measured (bench/labgrid_peer.py)
and the ratios are reported:
  labgrid_rss_ratio        labgrid exporter idle RSS / pio-agentd idle RSS
  labgrid_startup_ratio    labgrid exporter start -> registered / pio-agentd start -> READY=1
With ser2net, Debian's ser2net, the data plane of labgrid's remote serial, carries a pty board to a raw
TCP client on loopback (bench/ser2net_peer.py, measuring with bench/serial_measure.py), the baseline for
issue 5's serial figures:
  ser2net_version
  ser2net_latency_ms_p50/p99           8 bytes written at the board end -> read at the client, 500 samples
  ser2net_latency_to_board_ms_p50/p99  the same, client -> board end
  ser2net_throughput_mib_s             board -> client, 20 MiB; null unless all arrived byte for byte
  ser2net_lost_bytes, ser2net_extra_bytes, ser2net_corrupt_bytes   that byte-for-byte check
  ser2net_nodelay_*                    the same with ser2net's `chardelay: false`
When ser2net is not installed, ser2net_skipped says so instead. With both measured:
  ser2net_latency_ratio                ser2net_latency_ms_p50 / serial_latency_ms_p50 (above 1: we are faster)
  ser2net_throughput_ratio             serial_throughput_mib_s / ser2net_throughput_mib_s (above 1: we are faster)
Every process the harness starts is stopped by PID before it exits.
"""
import argparse
import json
import multiprocessing
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import cloud_bench
import mdns_bench
import proc
import serial_bench


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Agent:
    """A pio-agentd started on a temporary config, ready once it sent READY=1."""

    def __init__(self, binary, workdir, include):
        self.workdir = workdir
        self.socket_path = os.path.join(workdir, "control.sock")
        self.config = os.path.join(workdir, "agent.toml")
        with open(self.config, "w") as handle:
            globs = ", ".join(json.dumps(glob) for glob in include)
            handle.write(f'[control]\nsocket = "{self.socket_path}"\ngroup = ""\n[devices]\ninclude = [{globs}]\n'
                         '[mdns]\nenabled = false\n')
        notify_path = os.path.join(workdir, "notify.sock")
        if os.path.exists(notify_path):
            os.unlink(notify_path)
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(notify_path)
        self.notify.settimeout(10)
        env = dict(os.environ, NOTIFY_SOCKET=notify_path)
        env.pop("JOURNAL_STREAM", None)
        started = time.perf_counter()
        self.process = subprocess.Popen([binary, "--config", self.config], env=env, stderr=subprocess.DEVNULL)
        while True:
            message = self.notify.recv(4096).decode()
            if "READY=1" in message:
                self.ready_ms = (time.perf_counter() - started) * 1000
                break

    def rss_kib(self):
        return proc.rss_kib(self.process.pid)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.notify.close()


def http_connect(path):
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(path)
    return connection


def read_response(connection, buffer):
    """Reads one Content-Length response from a keep-alive connection; returns the leftover bytes."""
    while b"\r\n\r\n" not in buffer:
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        rest += chunk
    return rest[length:]


def load_client(path, seconds, results):
    connection = http_connect(path)
    request = b"GET /v1/status HTTP/1.1\r\nHost: bench\r\n\r\n"
    count = 0
    buffer = b""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        connection.sendall(request)
        buffer = read_response(connection, buffer)
        count += 1
    connection.close()
    results.put(count)


def measure_api(path, clients=4, seconds=3.0):
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=load_client, args=(path, seconds, results)) for _ in range(clients)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    total = sum(results.get() for _ in workers)
    elapsed = time.perf_counter() - started
    for worker in workers:
        worker.join()
    return total / elapsed


def measure_pioctl(pioctl, socket_path, runs=100):
    env = dict(os.environ, PIO_AGENT_SOCKET=socket_path)
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([pioctl, "status"], env=env, stdout=subprocess.DEVNULL, check=True)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


class EventStream:
    def __init__(self, path):
        self.connection = http_connect(path)
        self.connection.sendall(b"GET /v1/events HTTP/1.1\r\nHost: bench\r\n\r\n")
        self.buffer = b""
        self.wait_for(b'"event":"snapshot"')

    def wait_for(self, fragment, timeout=5):
        self.connection.settimeout(timeout)
        while fragment not in self.buffer:
            chunk = self.connection.recv(65536)
            if not chunk:
                raise ConnectionError("event stream closed")
            self.buffer += chunk
        index = self.buffer.index(fragment)
        end = self.buffer.find(b"\n", index)
        self.buffer = self.buffer[end + 1:] if end >= 0 else b""

    def close(self):
        self.connection.close()


def udevd_running():
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        probe.connect("/run/udev/control")
        return True
    except OSError:
        return False
    finally:
        probe.close()


def start_udevd(workdir):
    """Starts systemd-udevd for the measurement (as udev runs on a board farm); None if one runs."""
    if udevd_running():
        return None
    notify_path = os.path.join(workdir, "udevd-notify.sock")
    if os.path.exists(notify_path):
        os.unlink(notify_path)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    notify.settimeout(10)
    process = subprocess.Popen(
        ["/lib/systemd/systemd-udevd"], env=dict(os.environ, NOTIFY_SOCKET=notify_path),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while b"READY=1" not in notify.recv(4096):
        pass
    notify.close()
    return process


def measure_hotplug(binary, workdir, triggers=100):
    uevent, reason = proc.ttys0_uevent()
    if uevent is None:
        return None, reason
    udevd = start_udevd(workdir)
    agent = Agent(binary, workdir, ["ttyS0"])
    durations = []
    try:
        stream = EventStream(agent.socket_path)
        for index in range(triggers):
            action, event = ("remove", b"device.removed") if index % 2 == 0 else ("add", b"device.added")
            started = time.perf_counter()
            with open(uevent, "w") as handle:
                handle.write(action)
            stream.wait_for(b'"event":"' + event + b'"')
            durations.append((time.perf_counter() - started) * 1000)
        stream.close()
    finally:
        with open(uevent, "w") as handle:
            handle.write("add")
        agent.stop()
        if udevd is not None:
            udevd.terminate()
            udevd.wait()
    source = "udev" if udevd is not None or udevd_running() else "kernel"
    return durations, source


def measure_labgrid():
    """The labgrid exporter's figures, from bench/labgrid_peer.py (which installs labgrid in a venv)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "labgrid_peer.py")
    result = subprocess.run([sys.executable, script], stdout=subprocess.PIPE, text=True)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"labgrid_skipped": f"labgrid_peer.py printed no JSON (exit status {result.returncode})"}


def measure_ser2net():
    """The ser2net serial figures, from bench/ser2net_peer.py (run apart, like labgrid_peer.py, so that
    nothing it leaves behind on a failure, a writer thread blocked on a pty say, can stall the harness)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ser2net_peer.py")
    result = subprocess.run([sys.executable, script], stdout=subprocess.PIPE, text=True)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"ser2net_skipped": f"ser2net_peer.py printed no JSON (exit status {result.returncode})"}


PEERS = ("labgrid", "ser2net")


def peer_list(text):
    """--peer's value: peer names separated by commas, or none."""
    if text == "none":
        return []
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in PEERS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown peer {', '.join(unknown)} (known: {', '.join(PEERS)}, none)")
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="directory holding pio-agentd and pioctl (a release build)")
    parser.add_argument("--peer", type=peer_list, default="labgrid,ser2net",
                        help="peers to measure alongside, comma-separated: labgrid, ser2net, or none")
    arguments = parser.parse_args()
    daemon = os.path.join(arguments.bin, "pio-agentd")
    pioctl = os.path.join(arguments.bin, "pioctl")
    workdir = tempfile.mkdtemp(prefix="pio-bench.")
    figures = {}
    skipped = {}
    try:
        startups = []
        for _ in range(10):
            agent = Agent(daemon, workdir, ["ttyUSB*", "ttyACM*", "ttyAMA*", "ttyXRUSB*", "rfcomm*", "ttyS*"])
            startups.append(agent.ready_ms)
            agent.stop()
        figures["startup_ready_ms"] = round(statistics.median(startups), 2)

        agent = Agent(daemon, workdir, ["ttyUSB*", "ttyACM*", "ttyAMA*", "ttyXRUSB*", "rfcomm*", "ttyS*"])
        try:
            time.sleep(5)  # the figure is defined as RSS after 5 s of idling
            figures["idle_rss_kib"] = agent.rss_kib()
            # the figure is defined over 10 s of idling
            figures["idle_cpu_pct"] = round(proc.idle_cpu_percent(agent.process.pid, 10), 4)

            pioctl_runs = measure_pioctl(pioctl, agent.socket_path)
            figures["pioctl_status_ms_p50"] = round(percentile(pioctl_runs, 0.5), 2)
            figures["pioctl_status_ms_p99"] = round(percentile(pioctl_runs, 0.99), 2)
            figures["api_requests_per_s"] = round(measure_api(agent.socket_path))
            figures["rss_after_load_kib"] = agent.rss_kib()
        finally:
            agent.stop()

        hotplug, note = measure_hotplug(daemon, workdir)
        if hotplug is None:
            figures["hotplug_event_ms_p50"] = figures["hotplug_event_ms_p99"] = None
            skipped["hotplug"] = note
        else:
            figures["hotplug_event_ms_p50"] = round(percentile(hotplug, 0.5), 2)
            figures["hotplug_event_ms_p99"] = round(percentile(hotplug, 0.99), 2)
            figures["hotplug_udev_source"] = note
        figures.update(cloud_bench.measure(daemon, pioctl, workdir, start_udevd))
        figures.update(mdns_bench.measure(daemon, pioctl, workdir))
        figures.update(serial_bench.measure(daemon, pioctl, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    if "labgrid" in arguments.peer:
        figures.update(measure_labgrid())
        if "labgrid_exporter_idle_rss_kib" in figures:
            figures["labgrid_rss_ratio"] = round(figures["labgrid_exporter_idle_rss_kib"] / figures["idle_rss_kib"], 1)
            figures["labgrid_startup_ratio"] = round(
                figures["labgrid_exporter_ready_ms"] / figures["startup_ready_ms"], 1)
    if "ser2net" in arguments.peer:
        figures.update(measure_ser2net())
        if figures.get("ser2net_latency_ms_p50") and figures.get("serial_latency_ms_p50"):
            figures["ser2net_latency_ratio"] = round(
                figures["ser2net_latency_ms_p50"] / figures["serial_latency_ms_p50"], 2)
        if figures.get("ser2net_throughput_mib_s") and figures.get("serial_throughput_mib_s"):
            figures["ser2net_throughput_ratio"] = round(
                figures["serial_throughput_mib_s"] / figures["ser2net_throughput_mib_s"], 2)

    targets = {
        "startup_ready_ms": ("<=", 100), "idle_rss_kib": ("<=", 15 * 1024), "idle_cpu_pct": ("<=", 0.05),
        "hotplug_event_ms_p99": ("<=", 20), "pioctl_status_ms_p50": ("<=", 15),
        "connect_visible_ms": ("<=", 150), "hotplug_remote_ms_p99": ("<=", 30),
        "remote_device_list_ms_max": ("<=", 3100), "idle_rss_cloud_kib": ("<=", 20 * 1024),
        "mdns_discover_ms": ("<=", 1500), "mdns_goodbye_ms": ("<=", 1100), "mdns_rss_added_kib_500": ("<=", 2048),
        "serial_latency_ms_p50": ("<=", 0.5), "serial_latency_ms_p99": ("<=", 2),
        "serial_throughput_mib_s": (">=", 40),
    }
    compare = {"<=": lambda value, limit: value <= limit, ">=": lambda value, limit: value >= limit}
    figures["targets_met"] = {
        name: (figures.get(name) is not None and compare[op](figures[name], limit))
        for name, (op, limit) in targets.items()
    }
    if skipped:
        figures["skipped"] = skipped
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
