#!/usr/bin/env python3
"""Peer figures for bench.py: the labgrid exporter (labgrid 26.x from PyPI) measured on this machine.

Prints one JSON object on stdout; progress goes to stderr.

  labgrid_version                 the installed labgrid release
  labgrid_exporter_ready_ms       exporter process start -> a subscribed `labgrid-client monitor` prints
                                  "Resource <exporter>/bench/NetworkSerialPort/console created", median of 5
  labgrid_exporter_idle_rss_kib   exporter VmRSS after 5 s idle once registered (monitor stopped)
  labgrid_exporter_idle_cpu_pct   exporter CPU over the next 10 s, percent of one core, summed from the
                                  nanoseconds in /proc/PID/task/*/schedstat

Setup, as in shared/reference/boardfarm-anchors.md section 2: a labgrid-coordinator listening on
127.0.0.1:<free port> in a temporary working directory; `labgrid-client -vvv -x ADDR monitor`, whose
"Started session" debug line says it is subscribed; then five exporters, one after another, each started as
`labgrid-exporter -c ADDR -n lgbenchN --hostname 127.0.0.1 exporter.yaml` on the config
`bench: {console: {cls: RawSerialPort, port: <pty slave>, speed: 115200}}`, where the pty comes from
os.openpty(). Each exporter is waited for until it logs "creating poll task" (its start-up done; before that
it ignores SIGTERM); the first four are then stopped, and the fifth is the one measured idle.

labgrid is installed with pip into --venv (created when missing). When anything cannot be done, the output is
{"labgrid_skipped": "<reason>"} and the exit status is still 0. Every process started is stopped by PID
(SIGTERM, then SIGKILL) and the temporary directory is removed, on failure too.
"""
import argparse
import glob
import json
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback

DEFAULT_VENV = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".venv-labgrid")
LABGRID_REQUIREMENT = "labgrid>=26,<27"
READY_RUNS = 5
STARTUP_TIMEOUT_S = 30
STOP_TIMEOUT_S = 10  # the coordinator's own graceful stop takes up to 5 s
IDLE_SETTLE_S = 5
IDLE_CPU_WINDOW_S = 10


class Skipped(Exception):
    """The measurement cannot be done here; the message says why."""


def log(message):
    print(f"labgrid_peer: {message}", file=sys.stderr, flush=True)


def run_to_stderr(argv):
    """Runs a setup command with its output on stderr; returns its exit status (127 when it is missing)."""
    try:
        return subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=sys.stderr, stderr=sys.stderr).returncode
    except FileNotFoundError:
        return 127


def create_venv(venv):
    if run_to_stderr([sys.executable, "-m", "venv", venv]) == 0:
        return
    log("python -m venv failed; installing Debian's python3-venv")
    shutil.rmtree(venv, ignore_errors=True)
    if run_to_stderr(["apt-get", "update"]) != 0 or run_to_stderr(["apt-get", "install", "-y", "python3-venv"]) != 0:
        raise Skipped("python3 -m venv failed and python3-venv could not be installed")
    if run_to_stderr(["/usr/bin/python3", "-m", "venv", venv]) != 0:
        raise Skipped("python3 -m venv failed even with python3-venv installed")


def ensure_labgrid(venv):
    """Creates the venv and pip-installs labgrid into it unless its labgrid-exporter is already there."""
    if os.access(os.path.join(venv, "bin", "labgrid-exporter"), os.X_OK):
        return
    log(f"installing {LABGRID_REQUIREMENT} into {venv}")
    try:
        create_venv(venv)
        pip = [os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--disable-pip-version-check"]
        if run_to_stderr(pip + [LABGRID_REQUIREMENT]) != 0:
            raise Skipped("pip install labgrid failed (is PyPI reachable?)")
    except BaseException:
        shutil.rmtree(venv, ignore_errors=True)  # a half-made venv would pass the check above next time
        raise


def labgrid_version(venv):
    query = "from importlib.metadata import version; print(version('labgrid'))"
    result = subprocess.run([os.path.join(venv, "bin", "python"), "-c", query], capture_output=True, text=True)
    if result.returncode != 0:
        raise Skipped(f"labgrid is not importable from {venv}: {result.stderr.strip()[-200:]}")
    return result.stdout.strip()


def free_local_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Child:
    """A process started by this script. A reader thread timestamps each line of its stdout and stderr, so
    that wait_for_line() can block on it."""

    def __init__(self, name, argv, cwd):
        self.name = name
        self.lines = queue.Queue()
        self.tail = []
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.reader = threading.Thread(target=self._read_lines, daemon=True)
        self.reader.start()

    @property
    def pid(self):
        return self.process.pid

    def _read_lines(self):
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line))
        self.lines.put((time.perf_counter(), None))

    def wait_for_line(self, fragment, timeout, watched=()):
        """Returns the perf_counter time at which a line holding `fragment` was read. Raises Skipped when this
        process's output ends, a process in `watched` exits, or `timeout` seconds pass first."""
        deadline = time.monotonic() + timeout
        while True:
            for other in watched:
                if other.process.poll() is not None:
                    raise Skipped(f"{other.name} exited with status {other.process.returncode}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Skipped(f"no {fragment.decode()!r} from {self.name} within {timeout} s")
            try:
                # The short bound only lets a watched process's exit be noticed; the wait is on the line.
                seen, line = self.lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if line is None:
                raise Skipped(f"{self.name} output ended: {b''.join(self.tail[-5:]).decode(errors='replace')!r}")
            self.tail = self.tail[-20:] + [line]
            if fragment in line:
                return seen

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                log(f"{self.name} ignored SIGTERM for {STOP_TIMEOUT_S} s; killing it")
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=STOP_TIMEOUT_S)  # its output ends with the process
        self.process.stdout.close()


def cpu_ns(pid):
    """CPU time of all threads of `pid` in nanoseconds (the first field of each task's schedstat)."""
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as handle:
                total += int(handle.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended between the glob and the read
    return total


def vmrss_kib(pid):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise Skipped(f"no VmRSS for PID {pid}")


def write_exporter_config(workdir, serial_path):
    path = os.path.join(workdir, "exporter.yaml")
    with open(path, "w") as handle:
        handle.write(f"bench:\n  console:\n    cls: RawSerialPort\n    port: {serial_path}\n    speed: 115200\n")
    return path


def measure_exporter(venv, workdir, children):
    """Runs the coordinator, monitor and exporters (appending each to `children` for the caller to stop) and
    returns the exporter figures."""
    bin_dir = os.path.join(venv, "bin")
    address = f"127.0.0.1:{free_local_port()}"
    master, slave = os.openpty()
    try:
        config = write_exporter_config(workdir, os.ttyname(slave))
        coordinator_dir = os.path.join(workdir, "coordinator")
        os.mkdir(coordinator_dir)

        coordinator = Child("labgrid-coordinator", [os.path.join(bin_dir, "labgrid-coordinator"), "-l", address],
                            coordinator_dir)
        children.append(coordinator)
        coordinator.wait_for_line(b"listening on", STARTUP_TIMEOUT_S)
        log(f"coordinator listening on {address}")

        monitor = Child("labgrid-client monitor",
                        [os.path.join(bin_dir, "labgrid-client"), "-vvv", "-x", address, "monitor"], workdir)
        children.append(monitor)
        monitor.wait_for_line(b"Started session", STARTUP_TIMEOUT_S, watched=[coordinator])

        ready_ms = []
        for run in range(1, READY_RUNS + 1):
            name = f"lgbench{run}"
            exporter = Child(
                f"labgrid-exporter {name}",
                [os.path.join(bin_dir, "labgrid-exporter"), "-c", address, "-n", name, "--hostname", "127.0.0.1",
                 config],
                workdir)
            children.append(exporter)
            created = f"Resource {name}/bench/NetworkSerialPort/console created".encode()
            seen = monitor.wait_for_line(created, STARTUP_TIMEOUT_S, watched=[coordinator, exporter])
            ready_ms.append((seen - exporter.started) * 1000)
            log(f"exporter {name} registered after {ready_ms[-1]:.1f} ms")
            # labgrid's exporter ignores SIGTERM until its poll task exists, and idling starts there too.
            exporter.wait_for_line(b"creating poll task", STARTUP_TIMEOUT_S, watched=[coordinator])
            if run < READY_RUNS:
                exporter.stop()
        monitor.stop()

        time.sleep(IDLE_SETTLE_S)  # the figure is defined as RSS after 5 s of idling
        if exporter.process.poll() is not None:
            raise Skipped(f"exporter exited while idle with status {exporter.process.returncode}")
        rss = vmrss_kib(exporter.pid)
        cpu_before, wall_before = cpu_ns(exporter.pid), time.perf_counter()
        time.sleep(IDLE_CPU_WINDOW_S)  # the figure is defined over 10 s of idling
        cpu_s, wall_s = (cpu_ns(exporter.pid) - cpu_before) / 1e9, time.perf_counter() - wall_before
        if exporter.process.poll() is not None:
            raise Skipped(f"exporter exited while idle with status {exporter.process.returncode}")
        return {
            "labgrid_exporter_ready_ms": round(statistics.median(ready_ms), 2),
            "labgrid_exporter_idle_rss_kib": rss,
            "labgrid_exporter_idle_cpu_pct": round(100 * cpu_s / wall_s, 4),
        }
    finally:
        os.close(master)
        os.close(slave)


def measure(venv):
    ensure_labgrid(venv)
    figures = {"labgrid_version": labgrid_version(venv)}
    workdir = tempfile.mkdtemp(prefix="labgrid-peer.")
    children = []
    try:
        figures.update(measure_exporter(venv, workdir, children))
    finally:
        for child in reversed(children):
            child.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", default=DEFAULT_VENV, help=f"venv holding labgrid (default {DEFAULT_VENV})")
    arguments = parser.parse_args()
    # Being terminated unwinds like Ctrl-C, so the cleanup in measure() still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        result = measure(os.path.abspath(arguments.venv))
    except Skipped as reason:
        log(f"skipped: {reason}")
        result = {"labgrid_skipped": str(reason)}
    except Exception as error:  # the peer figures are optional: never fail the harness over them
        traceback.print_exc(file=sys.stderr)
        result = {"labgrid_skipped": f"{type(error).__name__}: {error}"}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
