"""Facts about a running process from /proc, shared by the bench scripts."""


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
