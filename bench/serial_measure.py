"""Serial figures over any tool that carries a simulated board's bytes to a client, shared by the bench scripts.

A board is simulated with a pty: the bench holds the master (the "board end") and the tool under test opens
the slave as its serial port. The "client end" is whatever the tool delivers the port's bytes to: a connected
socket, a file descriptor, or an object with fileno(). Both ends are read and written through their file
descriptors (os.readv, os.write), so a buffered file object must not be passed: bytes it had buffered would
be invisible here. An fd being read is made non-blocking for the time of the measurement, then restored.

  latency(board_fd, client)            a small unique write at the board end -> all of it read at the client
  latency_to_board(client, board_fd)   the same, the other way
  throughput(board_fd, client)         board -> client, a deterministic pattern checked byte for byte
  make_raw(fd)                         puts a tty in raw mode (no byte is translated, swallowed or echoed)
  sync(board_fd, client)               returns once a byte written at the board end reaches the client
  check_transparent(board_fd, client)  every byte value 0x00-0xFF arrives unchanged, both ways
  figures(prefix, ...)                 the flat bench.py figures from the results above

Every wait has a deadline and raises SerialError when it passes, so a tool that loses a byte cannot hang the
bench. Times are from time.perf_counter_ns().
"""
import contextlib
import itertools
import os
import random
import select
import termios
import threading
import time

MIB = 1 << 20
DEFAULT_TIMEOUT_S = 2.0


class SerialError(Exception):
    """The bytes did not arrive, or arrived changed; the message says what was seen."""


def percentile(values, fraction):
    """The nearest-rank percentile, defined as bench.py's percentile() is, so the figures compare."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _fd(end):
    return end if isinstance(end, int) else end.fileno()


def make_raw(fd):
    """Raw mode as cfmakeraw(3) sets it: 8 data bits, no parity, no input or output translation (ICRNL,
    INLCR, IGNCR, ONLCR...), no XON/XOFF, no echo, no signals, and a read returns as soon as one byte is in."""
    attributes = termios.tcgetattr(fd)
    iflag, oflag, cflag, lflag = attributes[:4]
    iflag &= ~(termios.IGNBRK | termios.BRKINT | termios.PARMRK | termios.ISTRIP | termios.INLCR
               | termios.IGNCR | termios.ICRNL | termios.IXON | termios.IXOFF | termios.IXANY)
    oflag &= ~termios.OPOST
    lflag &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.ISIG | termios.IEXTEN)
    cflag = (cflag & ~(termios.CSIZE | termios.PARENB)) | termios.CS8
    attributes[:4] = iflag, oflag, cflag, lflag
    attributes[6][termios.VMIN] = 1
    attributes[6][termios.VTIME] = 0
    termios.tcsetattr(fd, termios.TCSANOW, attributes)


def _wait(fd, for_write, deadline):
    """Blocks until `fd` is readable (or writable); raises SerialError at `deadline` (a perf_counter value;
    None waits for ever)."""
    while True:
        timeout = None if deadline is None else deadline - time.perf_counter()
        if timeout is not None and timeout <= 0:
            raise SerialError("timed out")
        readable, writable, _ = select.select([] if for_write else [fd], [fd] if for_write else [], [], timeout)
        if readable or writable:
            return


@contextlib.contextmanager
def _nonblocking(fd):
    """`fd` non-blocking for the reads in the block, then as it was. A blocking read can block although
    select() said readable (a tty in canonical mode with no whole line, say), and no read here may block past
    its deadline."""
    was_blocking = os.get_blocking(fd)
    os.set_blocking(fd, False)
    try:
        yield
    finally:
        os.set_blocking(fd, was_blocking)


def _read_into(fd, view, deadline):
    """Reads at most len(view) bytes into `view` once some are there; returns the count. `fd` must be
    non-blocking (see _nonblocking). End of file is an error: no tool under test may close its client end in
    the middle of a measurement."""
    while True:
        _wait(fd, False, deadline)
        try:
            count = os.readv(fd, [view])
        except BlockingIOError:  # readable, yet nothing to read: wait again
            continue
        if count == 0:
            raise SerialError("end of file")
        return count


def _read_exactly(fd, size, deadline):
    """Reads exactly `size` bytes, however they are split; never reads past them."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        try:
            got += _read_into(fd, view[got:], deadline)
        except SerialError as error:
            raise SerialError(f"{error} after {got} of {size} bytes: {bytes(buffer[:got]).hex()}") from None
    return bytes(buffer)


def _write_all(fd, data, deadline=None):
    """Writes all of `data`. A blocking fd blocks while the other side is full (that is the back-pressure); a
    non-blocking one waits for room."""
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            _wait(fd, True, deadline)


def _payload(index, size):
    """A payload of `size` bytes unique to `index` (modulo 256**size): the index times an odd constant modulo
    2**(8*size), which is a bijection that also makes every byte change from one sample to the next."""
    return ((index * 0x9E3779B97F4A7C15) % (1 << (8 * size))).to_bytes(size, "big")


def _one_way(write_fd, read_fd, samples, size, warmup, timeout):
    """Latencies in milliseconds of `samples` writes of `size` bytes on write_fd until read on read_fd,
    one at a time, after `warmup` unrecorded ones."""
    durations = []
    with _nonblocking(read_fd):
        for index in range(warmup + samples):
            payload = _payload(index, size)
            started = time.perf_counter_ns()
            _write_all(write_fd, payload)
            # Exactly `size` bytes are read, so a stray byte would show up as a wrong payload, not be skipped.
            received = _read_exactly(read_fd, size, time.perf_counter() + timeout)
            ended = time.perf_counter_ns()
            if received != payload:
                raise SerialError(f"sample {index}: sent {payload.hex()}, received {received.hex()}")
            if index >= warmup:
                durations.append((ended - started) / 1e6)
    return {"p50_ms": percentile(durations, 0.5), "p99_ms": percentile(durations, 0.99), "samples": samples}


def latency(board_fd, client, samples=500, size=8, warmup=20, timeout=DEFAULT_TIMEOUT_S):
    """Board -> client latency: {"p50_ms", "p99_ms", "samples"}. Each sample writes `size` unique bytes at the
    board end and times until all of them are read at the client; the next one starts after that."""
    return _one_way(_fd(board_fd), _fd(client), samples, size, warmup, timeout)


def latency_to_board(client, board_fd, samples=500, size=8, warmup=20, timeout=DEFAULT_TIMEOUT_S):
    """Client -> board latency, measured as latency() is. A socket client should have TCP_NODELAY set, or
    Nagle's algorithm can hold a write back until the previous one is acknowledged."""
    return _one_way(_fd(client), _fd(board_fd), samples, size, warmup, timeout)


def sync(board_fd, client, probe_timeout=0.1, timeout=10.0):
    """Returns once the tool under test carries board bytes to the client: a tool may accept its client
    before it has the port open, and may flush what was written before. A numbered probe is written at the
    board end until one arrives; since bytes keep their order and nothing is written after the last probe,
    the client end is drained once that probe has been read."""
    board, reader = _fd(board_fd), _fd(client)
    view = memoryview(bytearray(4096))
    with _nonblocking(reader):
        return _sync(board, reader, view, probe_timeout, timeout)


def _sync(board, reader, view, probe_timeout, timeout):
    deadline = time.perf_counter() + timeout
    received = b""
    for index in itertools.count():  # ends by the deadline
        probe = b"\xa5sync" + index.to_bytes(4, "big")
        _write_all(board, probe)
        probe_deadline = min(deadline, time.perf_counter() + probe_timeout)
        while not received.endswith(probe):
            try:
                count = _read_into(reader, view, probe_deadline)
            except SerialError:
                if time.perf_counter() >= deadline:
                    raise SerialError(f"no probe reached the client within {timeout} s "
                                      f"(received {received[-32:].hex()})") from None
                break  # this probe was lost or is late: write the next one
            received = (received + view[:count])[-64:]
        else:
            return


def check_transparent(board_fd, client, timeout=DEFAULT_TIMEOUT_S, client_output=None):
    """Raises SerialError unless every byte value 0x00-0xFF goes each way unchanged (no CR/LF translation,
    no XON/XOFF or telnet IAC handling, no parity stripping). A client whose directions are two pipes (a
    process's standard input and output) passes its input as `client` and its output as `client_output`."""
    every_byte = bytes(range(256))
    client_reads = _fd(client_output if client_output is not None else client)
    for name, write_fd, read_fd in (("board -> client", _fd(board_fd), client_reads),
                                    ("client -> board", _fd(client), _fd(board_fd))):
        _write_all(write_fd, every_byte)
        try:
            with _nonblocking(read_fd):
                received = _read_exactly(read_fd, len(every_byte), time.perf_counter() + timeout)
        except SerialError as error:
            raise SerialError(f"{name}: 0x00-0xFF: {error}") from None
        if received != every_byte:
            offset = next(i for i, (a, b) in enumerate(zip(received, every_byte)) if a != b)
            raise SerialError(f"{name}: byte 0x{offset:02x} arrived as 0x{received[offset]:02x}")


class Board:
    """A pty: the master is the board end; the slave, in raw mode and held open here, is the serial port the
    tool under test opens by path."""

    def __init__(self):
        self.master, self.slave = os.openpty()
        try:
            make_raw(self.slave)
            self.path = os.ttyname(self.slave)
        except BaseException:
            self.close()
            raise

    def close(self):
        # The slave goes first: once no one holds it, a writer blocked on the master fails with EIO.
        for fd in (self.slave, self.master):
            try:
                os.close(fd)
            except OSError:
                pass


def pattern(total, seed=0x5E7A1):
    """`total` deterministic bytes: each byte value 0x00-0xFF once, then pseudo-random bytes, so that a lost
    or repeated stretch of any length shows as a mismatch (a short repeating pattern would hide a loss of a
    multiple of its period)."""
    head = bytes(range(256))[:total]
    return head + random.Random(seed).randbytes(total - len(head))


def throughput(board_fd, client, total=20 * MIB, chunk=64 * 1024, idle_timeout=DEFAULT_TIMEOUT_S,
               extra_window=0.2):
    """Board -> client bulk rate. A writer thread writes `total` pattern bytes to the board end with blocking
    writes (a pty master blocks while the pty is full, so the tool's own back-pressure paces it) while this
    thread reads the client end and compares every byte with the pattern at its offset.

    Returns {"mib_s", "seconds", "total", "received", "lost_bytes", "extra_bytes", "corrupt_bytes",
    "first_bad_offset"}. The time runs from the first write to the last expected byte read; "mib_s" is None
    unless the stream arrived exact (nothing lost, extra or changed). Reading stops when `total` bytes are
    in, or when nothing arrives for `idle_timeout` s (then the missing bytes count as lost); bytes still
    arriving in the `extra_window` s after the total count as extra. "corrupt_bytes" counts positions whose
    byte differs from the pattern, so one lost byte makes most later positions differ: it says the stream is
    wrong, lost/extra say by how much.

    If the client stops reading for good, the writer stays blocked in write() until the pty's slave side is
    closed by everyone (the kernel then fails the write with EIO); the caller's teardown does that."""
    board, reader = _fd(board_fd), _fd(client)
    data = pattern(total)
    failure = []

    def feed():
        view = memoryview(data)
        try:
            for offset in range(0, total, chunk):
                _write_all(board, view[offset:offset + chunk])
        except OSError as error:
            failure.append(error)

    writer = threading.Thread(target=feed, name="serial-throughput-writer", daemon=True)
    with _nonblocking(reader):
        started = time.perf_counter_ns()
        writer.start()
        try:
            result = _receive_pattern(reader, data, idle_timeout, extra_window)
        finally:
            writer.join(timeout=idle_timeout)
    if failure:
        raise SerialError(f"writing the board end failed: {failure[0]}")
    ended = result.pop("ended")
    seconds = (ended - started) / 1e9 if ended is not None else None
    exact = result["lost_bytes"] == 0 and result["extra_bytes"] == 0 and result["corrupt_bytes"] == 0
    return {"mib_s": round(total / MIB / seconds, 2) if seconds and exact else None,
            "seconds": round(seconds, 3) if seconds else None, "total": total, **result}


def _receive_pattern(reader, data, idle_timeout, extra_window):
    """throughput()'s reading side: reads `data` from `reader`, checking each byte; "ended" is the
    perf_counter_ns() at which the last expected byte was in, or None."""
    total = len(data)
    buffer = memoryview(bytearray(256 * 1024))
    received = corrupt = extra = 0
    first_bad = ended = None
    while received < total:
        try:
            count = _read_into(reader, buffer, time.perf_counter() + idle_timeout)
        except SerialError:
            break  # idle for idle_timeout, or end of file: what is missing is lost
        in_range = min(count, total - received)
        # bytes compare with memcmp; memoryviews would compare element by element, ~3 times slower here.
        got, want = bytes(buffer[:in_range]), data[received:received + in_range]
        if got != want:
            mismatches = [i for i, (a, b) in enumerate(zip(got, want)) if a != b]
            corrupt += len(mismatches)
            if first_bad is None:
                first_bad = received + mismatches[0]
        extra += count - in_range
        received += count
        if received >= total:
            ended = time.perf_counter_ns()
    # An observation window after the timing: a tool that duplicates bytes delivers more than the total.
    while ended is not None:
        try:
            count = _read_into(reader, buffer, time.perf_counter() + extra_window)
        except SerialError:
            break
        extra += count
        received += count
    return {"ended": ended, "received": received, "lost_bytes": total - (received - extra), "extra_bytes": extra,
            "corrupt_bytes": corrupt, "first_bad_offset": first_bad}


def figures(prefix, board_to_client, bulk, client_to_board=None):
    """The flat bench.py figures of one tool, named `<prefix>_latency_ms_p50` and so on."""
    result = {
        f"{prefix}_latency_ms_p50": round(board_to_client["p50_ms"], 3),
        f"{prefix}_latency_ms_p99": round(board_to_client["p99_ms"], 3),
        f"{prefix}_throughput_mib_s": bulk["mib_s"],
        f"{prefix}_lost_bytes": bulk["lost_bytes"],
        f"{prefix}_extra_bytes": bulk["extra_bytes"],
        f"{prefix}_corrupt_bytes": bulk["corrupt_bytes"],
    }
    if client_to_board is not None:
        result[f"{prefix}_latency_to_board_ms_p50"] = round(client_to_board["p50_ms"], 3)
        result[f"{prefix}_latency_to_board_ms_p99"] = round(client_to_board["p99_ms"], 3)
    return result
