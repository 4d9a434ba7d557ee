"""Facts about a running process from /proc, shared by the bench scripts."""
import os
import time


def rss_kib(pid):
    """VmRSS of `pid` in KiB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return None


def thread_cpu_seconds(pid):
    """CPU time of each live thread of `pid` in seconds, nanosecond resolution (/proc/PID/task/*/schedstat)."""
    times = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as handle:
                times[task] = int(handle.read().split()[0]) / 1e9
        except FileNotFoundError:
            pass  # the thread ended while being read
    return times


def idle_cpu_percent(pid, seconds):
    """CPU used by `pid` over `seconds` of wall time, in percent of one core.

    Counted per thread, so a pool thread that ends in between cannot make the sum go down; the
    CPU such a thread used in the window is not counted (it idled, or it would not have ended).
    """
    before, started = thread_cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)
    used = sum(spent - before.get(task, 0) for task, spent in thread_cpu_seconds(pid).items())
    return 100 * used / (time.perf_counter() - started)


def ttys0_uevent():
    """The uevent file that replays ttyS0's hotplug, and None; or None and why it cannot be used."""
    if os.geteuid() != 0:
        return None, "needs root to write uevents"
    uevent = "/sys/class/tty/ttyS0/uevent"
    if not os.path.exists(uevent):
        return None, "no ttyS0"
    return uevent, None
