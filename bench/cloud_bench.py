"""Cloud-link figures for bench/bench.py (issue 3), against a real mosquitto with TLS and the ACL.

  connect_visible_ms        agent exec -> its online presence and inventory seen by a subscribed
                            client, median of 10                                        [<= 150]
  hotplug_remote_ms_p50/p99 uevent written -> updated inventory at a remote subscriber, 100 times
                                                                                        [p99 <= 30]
  reconnect_ms              broker killed and started again -> online presence republished,
                            median of 5
  remote_device_list_ms     `pioctl remote device list` with 50 agents, one frozen, median of 10
                                                                       [<= its 3 s deadline + 100]
  idle_rss_cloud_kib        agent VmRSS after 5 s idle with the TLS link up             [<= 20480]
  idle_cpu_cloud_pct        its CPU over the next 10 s, percent of one core
The broker is the shipped configuration's equivalent: deploy/mosquitto/acl, dev-pki.sh, add-user.sh.
"""
import json
import os
import select
import signal
import socket
import statistics
import subprocess
import time

import proc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


class Broker:
    """mosquitto on a free loopback port with TLS, the contract's ACL and the given users."""

    def __init__(self, workdir, users):
        self.dir = os.path.join(workdir, "broker")
        os.makedirs(self.dir, exist_ok=True)
        subprocess.run([os.path.join(ROOT, "deploy/mosquitto/dev-pki.sh"), os.path.join(self.dir, "pki")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ca = os.path.join(self.dir, "pki", "ca.crt")
        self.passwords = {}
        for user in users:
            self.add_user(user)
        self.port = free_port()
        with open(os.path.join(ROOT, "deploy/mosquitto/acl")) as source, open(os.path.join(self.dir, "acl"), "w") as acl:
            acl.write(source.read())
        self.config = os.path.join(self.dir, "mosquitto.conf")
        with open(self.config, "w") as handle:
            handle.write("\n".join([
                "per_listener_settings false", "allow_anonymous false",
                f"password_file {self.dir}/passwd", f"acl_file {self.dir}/acl", "persistence false",
                "set_tcp_nodelay true", "max_queued_messages 100000", "max_connections -1",
                "user root" if os.geteuid() == 0 else "",
                f"listener {self.port} 127.0.0.1", f"cafile {self.ca}", f"certfile {self.dir}/pki/server.crt",
                f"keyfile {self.dir}/pki/server.key", "tls_version tlsv1.2",
                f"log_dest file {self.dir}/mosquitto.log", "log_type error", "log_type warning", "log_type notice",
                "log_type information", ""]))
        self.process = None
        self.start()

    def add_user(self, user):
        password_file = os.path.join(self.dir, f"{user}.password")
        password = f"bench-{user}-{os.urandom(6).hex()}"
        with open(os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
            handle.write(password + "\n")
        subprocess.run([os.path.join(ROOT, "deploy/mosquitto/add-user.sh"), os.path.join(self.dir, "passwd"), user,
                        password_file], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.passwords[user] = password

    def start(self):
        self.process = subprocess.Popen(["mosquitto", "-c", self.config], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("mosquitto did not start")

    def kill(self):
        self.process.kill()
        self.process.wait()

    def subscribe(self, user, topics, skip_retained=True):
        """mosquitto_sub as `user`: one `topic payload` line per message on its stdout."""
        command = ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(self.port), "--cafile", self.ca, "-u", user,
                   "-P", self.passwords[user], "-V", "mqttv5", "-q", "1", "-v"]
        if skip_retained:
            command.append("-R")
        for topic in topics:
            command += ["-t", topic]
        marker = f"pio/v1/agents/{user}/sync/bench"
        subscriber = Subscriber(subprocess.Popen(command + ["-t", marker], stdout=subprocess.PIPE,
                                                 stderr=subprocess.DEVNULL))
        # Subscribed once a marker published to the user's own topic comes back (a marker sent
        # before the subscription took effect is lost, so send again until one arrives).
        while True:
            subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(self.port), "--cafile", self.ca, "-u", user,
                            "-P", self.passwords[user], "-V", "mqttv5", "-q", "1", "-t", marker, "-m", "ready"],
                           check=True)
            if subscriber.wait_for(lambda line: line.startswith(marker + " "), timeout=1, fail=False, keep=True):
                return subscriber


class CloudAgent:
    """pio-agentd linked to the broker; `owner` and `share` as given."""

    def __init__(self, binary, workdir, broker, name, include=(), owner="alice", share=(), keepalive=30):
        self.dir = os.path.join(workdir, name)
        os.makedirs(self.dir, exist_ok=True)
        self.socket_path = os.path.join(self.dir, "control.sock")
        self.config = os.path.join(self.dir, "agent.toml")
        with open(self.config, "w") as handle:
            handle.write("\n".join([
                "[agent]", f'name = "{name}"', f'owner = "{owner}"', f"share = {json.dumps(list(share))}",
                "[control]", f'socket = "{self.socket_path}"', 'group = ""',
                "[devices]", f"include = {json.dumps(list(include))}", "[mdns]", "enabled = false",
                "[cloud]", f'url = "mqtts://127.0.0.1:{broker.port}"', f'ca_file = "{broker.ca}"',
                f'password_file = "{broker.dir}/{name}.password"', f"keepalive_s = {keepalive}",
                "[log]", f'level = "{os.environ.get("PIO_BENCH_LOG_LEVEL", "warning")}"', ""]))
        # The log goes to a file beside the config, for when a figure goes missing.
        with open(os.path.join(self.dir, "agent.log"), "ab") as log:
            self.process = subprocess.Popen(
                [binary, "--config", self.config], stdout=subprocess.DEVNULL, stderr=log,
                env={k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "JOURNAL_STREAM")})

    def rss_kib(self):
        return proc.rss_kib(self.process.pid)

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Subscriber:
    """A mosquitto_sub process and its output lines, read with deadlines (never a blocking readline)."""

    def __init__(self, process):
        self.process = process
        self.buffer = b""
        self.kept = []

    def next_line(self, deadline):
        """The next line, or None once `deadline` (time.time()) has passed."""
        if self.kept:
            return self.kept.pop(0)
        while b"\n" not in self.buffer:
            remaining = deadline - time.time()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.process.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    raise RuntimeError("subscriber ended")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode(errors="replace")

    def wait_for(self, predicate, timeout=10, fail=True, keep=False):
        """Reads until a line satisfies `predicate`; returns the moment it arrived (None if not, without `fail`).
        With `keep`, the lines passed over are read again by the next wait."""
        deadline = time.time() + timeout
        passed = []
        try:
            while True:
                line = self.next_line(deadline)
                if line is None:
                    if fail:
                        raise RuntimeError("nothing matching in time")
                    return None
                if predicate(line):
                    return time.perf_counter()
                passed.append(line)
        finally:
            if keep:
                self.kept = passed + self.kept

    def stop(self):
        self.process.kill()
        self.process.wait()


def online(agent):
    return lambda line: line.startswith(f"pio/v1/agents/{agent}/presence ") and '"online":true' in line


def inventory(agent, user):
    return lambda line: line.startswith(f"pio/v1/agents/{agent}/for/{user}/inventory ")


def measure_connect_visible(daemon, workdir, broker, runs=10):
    durations = []
    for _ in range(runs):
        subscriber = broker.subscribe("alice", ["pio/v1/agents/farm1/presence", "pio/v1/agents/farm1/for/alice/#"])
        started = time.perf_counter()
        agent = CloudAgent(daemon, workdir, broker, "farm1")
        seen = set()

        def both_seen(line):
            if online("farm1")(line):
                seen.add("presence")
            elif inventory("farm1", "alice")(line):
                seen.add("inventory")
            return len(seen) == 2

        arrived = subscriber.wait_for(both_seen)
        durations.append((arrived - started) * 1000)
        agent.stop()
        subscriber.stop()
    return statistics.median(durations)


def measure_idle(daemon, workdir, broker):
    """VmRSS after 5 s of idling with the link up, and CPU over the next 10 s."""
    agent = CloudAgent(daemon, workdir, broker, "farm1")
    try:
        time.sleep(5)  # the figure is defined as RSS after 5 s of idling
        rss = agent.rss_kib()
        return rss, proc.idle_cpu_percent(agent.process.pid, 10)
    finally:
        agent.stop()


def measure_hotplug_remote(daemon, workdir, broker, start_udevd, triggers=100):
    uevent, reason = proc.ttys0_uevent()
    if uevent is None:
        return None, reason
    udevd = start_udevd(workdir)
    subscriber = broker.subscribe("alice", ["pio/v1/agents/farm1/for/alice/inventory"], skip_retained=False)
    agent = CloudAgent(daemon, workdir, broker, "farm1", include=["ttyS0"])
    durations = []
    try:
        subscriber.wait_for(lambda line: '"ttyS0"' in line)
        for index in range(triggers):
            removing = index % 2 == 0
            started = time.perf_counter()
            with open(uevent, "w") as handle:
                handle.write("remove" if removing else "add")
            arrived = subscriber.wait_for(lambda line: ('"ttyS0"' in line) != removing)
            durations.append((arrived - started) * 1000)
    finally:
        with open(uevent, "w") as handle:
            handle.write("add")
        agent.stop()
        subscriber.stop()
        if udevd is not None:
            udevd.terminate()
            udevd.wait()
    return durations, None


def measure_reconnect(daemon, workdir, broker, runs=5):
    agent = CloudAgent(daemon, workdir, broker, "farm1")
    durations = []
    try:
        subscriber = broker.subscribe("alice", ["pio/v1/agents/farm1/presence"], skip_retained=False)
        subscriber.wait_for(online("farm1"))
        subscriber.stop()
        for _ in range(runs):
            started = time.perf_counter()
            broker.kill()
            broker.start()
            # persistence is off: the online presence can only come from the agent coming back.
            subscriber = broker.subscribe("alice", ["pio/v1/agents/farm1/presence"], skip_retained=False)
            arrived = subscriber.wait_for(online("farm1"), timeout=30)
            durations.append((arrived - started) * 1000)
            subscriber.stop()
    finally:
        agent.stop()
    return statistics.median(durations)


def measure_remote_list(daemon, pioctl, workdir, broker, agents=50, runs=10):
    names = [f"farm{index:02d}" for index in range(agents)]
    for name in names:
        broker.add_user(name)
    broker.kill()  # mosquitto reads its password file at start
    broker.start()
    started = [CloudAgent(daemon, workdir, broker, name, share=["bob"]) for name in names]
    env = dict(os.environ, PIOCTL_BROKER=f"mqtts://127.0.0.1:{broker.port}", PIOCTL_USERNAME="bob",
               PIO_AUTH_TOKEN=broker.passwords["bob"], PIOCTL_CA_FILE=broker.ca)
    try:
        # Wait until every inventory is on the broker, then freeze one agent.
        deadline = time.time() + 30
        while time.time() < deadline:
            listing = subprocess.run([pioctl, "remote", "device", "list", "--json"], env=env, capture_output=True,
                                     timeout=30)
            if listing.returncode == 0 and len(json.loads(listing.stdout)) == agents:
                break
            time.sleep(0.2)
        os.kill(started[0].process.pid, signal.SIGSTOP)
        durations = []
        complete = True
        for _ in range(runs):
            begun = time.perf_counter()
            listing = subprocess.run([pioctl, "remote", "device", "list", "--json", "--timeout", "3"], env=env,
                                     capture_output=True, timeout=30)
            durations.append((time.perf_counter() - begun) * 1000)
            complete = complete and listing.returncode == 0 and len(json.loads(listing.stdout or b"[]")) == agents
        return statistics.median(durations), max(durations), complete
    finally:
        for agent in started:
            agent.stop()


def measure(daemon, pioctl, workdir, start_udevd):
    """Every cloud figure, as a dict; "cloud_skipped" says why when mosquitto is missing."""
    if subprocess.run(["which", "mosquitto"], capture_output=True).returncode != 0:
        return {"cloud_skipped": "mosquitto is not installed"}
    figures = {}
    broker = Broker(workdir, ["farm1", "alice", "bob"])
    try:
        figures["connect_visible_ms"] = round(measure_connect_visible(daemon, workdir, broker), 2)
        rss, cpu = measure_idle(daemon, workdir, broker)
        figures["idle_rss_cloud_kib"] = rss
        figures["idle_cpu_cloud_pct"] = round(cpu, 4)
        hotplug, note = measure_hotplug_remote(daemon, workdir, broker, start_udevd)
        if hotplug is None:
            figures["hotplug_remote_ms_p50"] = figures["hotplug_remote_ms_p99"] = None
            figures["hotplug_remote_skipped"] = note
        else:
            ordered = sorted(hotplug)
            figures["hotplug_remote_ms_p50"] = round(ordered[len(ordered) // 2], 2)
            figures["hotplug_remote_ms_p99"] = round(ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))], 2)
        figures["reconnect_ms"] = round(measure_reconnect(daemon, workdir, broker), 1)
        median, worst, complete = measure_remote_list(daemon, pioctl, workdir, broker)
        figures["remote_device_list_ms"] = round(median, 2)
        figures["remote_device_list_ms_max"] = round(worst, 2)
        figures["remote_device_list_complete"] = complete
    finally:
        broker.kill()
    return figures
