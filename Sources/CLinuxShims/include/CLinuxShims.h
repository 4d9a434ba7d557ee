#ifndef C_LINUX_SHIMS_H
#define C_LINUX_SHIMS_H

#include <spawn.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// A non-blocking, close-on-exec pipe (pipe2 is hidden from Swift's Glibc module).
/// Returns 0, or -1 with errno set.
int pio_pipe_nonblocking(int fds[2]);

/// Whether `name` matches the shell glob `pattern` (fnmatch without flags).
int pio_glob_matches(const char *pattern, const char *name);

/// Opens a new pseudo-terminal pair's controller side (posix_openpt, grantpt, unlockpt) and writes
/// the device path of its other side (such as /dev/pts/3) into `device_path`.
/// Returns the controller's descriptor (non-blocking, close-on-exec), or -1 with errno set.
int pio_open_pty(char *device_path, size_t device_path_size);

/// Limits glibc malloc to `count` arenas (mallopt M_ARENA_MAX, hidden from Swift's Glibc module).
/// Call it before any thread starts.
void pio_limit_malloc_arenas(int count);

/// A pipe whose two ends are close-on-exec from the start (pipe2 O_CLOEXEC, hidden from Swift's
/// Glibc module). Returns 0, or -1 with errno set.
int pio_pipe_cloexec(int descriptors[2]);

/// Makes a spawned child close every descriptor from `lowest` up before it runs
/// (posix_spawn_file_actions_addclosefrom_np, hidden from Swift's Glibc module), so that it
/// inherits no socket or pipe that was not marked close-on-exec.
/// Returns 0, or an error number.
int pio_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

// MARK: mDNS sockets (IP_PKTINFO and ip_mreqn need _GNU_SOURCE, hidden from Swift's Glibc module)

/// An IPv4 interface as the mDNS querier sees it.
typedef struct {
    int index;
    char name[16];
    uint32_t address;  // network order
    uint32_t netmask;  // network order
    int is_up;
    int is_multicast;
    int is_loopback;
} pio_ipv4_interface;

/// Fills `interfaces` with up to `capacity` IPv4 interface addresses (getifaddrs); returns how
/// many, or -1 with errno set.
int pio_ipv4_interfaces(pio_ipv4_interface *interfaces, int capacity);

/// A UDP socket bound to 0.0.0.0:`port` for mDNS: SO_REUSEADDR and SO_REUSEPORT (to share the port
/// with avahi), IP_PKTINFO on, IP_MULTICAST_ALL off (only groups joined on this socket), multicast
/// TTL 255, loopback on, a 1 MiB receive buffer (capped by net.core.rmem_max), non-blocking,
/// close-on-exec. Returns the descriptor, or -1 with errno set.
int pio_mdns_open(uint16_t port);

/// Joins (or leaves) 224.0.0.251 on one interface. Returns 0, or -1 with errno set.
int pio_mdns_membership(int fd, int ifindex, uint32_t interface_address, int join);

/// An IPv6 interface address as the mDNS querier sees it.
typedef struct {
    int index;
    char name[16];
    uint8_t address[16];  // network order
    int prefix_length;
    int is_up;
    int is_multicast;
    int is_loopback;
    /// Not tentative (duplicate address detection still running) and not failed DAD: the kernel
    /// can send from it.
    int is_usable;
} pio_ipv6_interface;

/// Fills `interfaces` with up to `capacity` IPv6 interface addresses (getifaddrs, and the address
/// flags from /proc/net/if_inet6); returns how many, or -1 with errno set.
int pio_ipv6_interfaces(pio_ipv6_interface *interfaces, int capacity);

/// The IPv6 counterpart of pio_mdns_open: a UDP socket bound to [::]:`port` with IPV6_V6ONLY,
/// SO_REUSEADDR and SO_REUSEPORT, IPV6_RECVPKTINFO on, IPV6_MULTICAST_ALL off where the kernel
/// has it (4.20 and later), multicast and unicast hop limit 255, loopback on, a 1 MiB receive
/// buffer, non-blocking, close-on-exec. Returns the descriptor, or -1 with errno set
/// (EAFNOSUPPORT when the system has no IPv6).
int pio_mdns_open6(uint16_t port);

/// Joins (or leaves) ff02::fb on one interface. Returns 0, or -1 with errno set.
int pio_mdns_membership6(int fd, int ifindex, int join);

/// Receives one datagram on an IPv6 socket: its length, the interface it came in on, the source
/// address (16 bytes) and port, and the destination address (16 bytes); -1 with errno set
/// (EAGAIN when nothing is waiting).
long pio_mdns_receive6(int fd, uint8_t *buffer, size_t capacity, int *ifindex, uint8_t *source,
                       uint16_t *source_port, uint8_t *destination);

/// Sends a datagram to `destination` (16 bytes) port `port`, scoped to and out of interface
/// `ifindex`. Returns the bytes sent, or -1 with errno set.
long pio_mdns_send6(int fd, const uint8_t *buffer, size_t length, int ifindex, const uint8_t *destination,
                    uint16_t port);

/// Receives one datagram: its length, the interface it came in on, the source address and port,
/// and the destination address (all addresses in network order); -1 with errno set (EAGAIN when
/// nothing is waiting).
long pio_mdns_receive(int fd, uint8_t *buffer, size_t capacity, int *ifindex, uint32_t *source,
                      uint16_t *source_port, uint32_t *destination);

/// Sends a datagram to `destination`:`port` (network order) out of interface `ifindex`.
/// Returns the bytes sent, or -1 with errno set.
long pio_mdns_send(int fd, const uint8_t *buffer, size_t length, int ifindex, uint32_t destination, uint16_t port);

/// A netlink socket that becomes readable when a link or an IPv4 or IPv6 address comes, goes or
/// changes (an IPv6 address also when its duplicate address detection ends).
/// Returns the descriptor (non-blocking, close-on-exec), or -1 with errno set.
int pio_route_monitor_open(void);

/// Empties the route monitor's queue; returns 0.
int pio_route_monitor_drain(int fd);

// MARK: Serial ports (termios2 and the tty ioctls; <asm/termbits.h> clashes with Glibc's <termios.h>,
// so struct termios2 stays inside serial.c)

/// A serial line's parity.
typedef enum {
    PIO_PARITY_NONE = 0,
    PIO_PARITY_ODD = 1,
    PIO_PARITY_EVEN = 2,
    /// The parity bit is always 1 (PARENB | CMSPAR | PARODD).
    PIO_PARITY_MARK = 3,
    /// The parity bit is always 0 (PARENB | CMSPAR).
    PIO_PARITY_SPACE = 4,
} pio_serial_parity;

/// A serial line's framing and flow control, in the terms of termios2.
typedef struct {
    /// Bits per second, any positive rate (a standard Bnnn code where there is one, BOTHER otherwise).
    /// Read back: the rate the driver holds (c_ospeed), which may differ from the one asked for.
    uint32_t baud;
    /// Data bits per character, 5 to 8 (CSIZE).
    int data_bits;
    pio_serial_parity parity;
    /// CSTOPB: two stop bits (a 16550-style UART sends 1.5 with 5 data bits). Linux has no other
    /// setting, so 1.5 and 2 both set it.
    int two_stop_bits;
    /// CRTSCTS: hardware flow control.
    int rtscts;
    /// IXON | IXOFF: software flow control with DC1 (XON) and DC3 (XOFF). Read back: either is set.
    int xonxoff;
    /// HUPCL, read back only: pio_serial_configure always clears it.
    int hangup_on_close;
} pio_serial_line;

/// Opens a serial port for the agent: O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC (retrying EINTR).
/// Opening changes no modem line beyond what the driver itself does on a first open.
/// Returns the descriptor, or -1 with errno set.
int pio_serial_open(const char *path);

/// Takes the advisory lock on an open port without waiting (flock LOCK_EX | LOCK_NB), the lock a root
/// process cannot bypass. The lock belongs to the open file description: duplicates share it.
/// Returns 0, or -1 with errno set (EWOULDBLOCK when another open file holds it).
int pio_serial_lock(int fd);

/// Releases the advisory lock at once (flock LOCK_UN), for every descriptor of the open file description,
/// even while a process forked at that moment still holds copies of them until it execs.
/// Returns 0, or -1 with errno set.
int pio_serial_unlock(int fd);

/// Makes further opens of the tty fail with EBUSY for processes without CAP_SYS_ADMIN (TIOCEXCL).
/// Returns 0, or -1 with errno set.
int pio_serial_exclusive(int fd);

/// Puts the port in raw mode and applies `line` in one TCSETS2: no echo, no canonical input, no
/// signals, no CR/NL translation or output processing, no parity checking or stripping of input,
/// VMIN 1 and VTIME 0 (with O_NONBLOCK a read returns what is there or EAGAIN, never a spurious 0),
/// CLOCAL | CREAD, HUPCL cleared (so a close leaves DTR and RTS as they are), DC1/DC3 as XON/XOFF.
/// Changes no modem line itself (a driver may when leaving B0 or when RTS/CTS is switched).
/// Returns 0, or -1 with errno set (ENOTTY when `fd` is not a terminal).
int pio_serial_configure(int fd, const pio_serial_line *line);

/// Reads the line settings back (TCGETS2). Returns 0, or -1 with errno set.
int pio_serial_read_line(int fd, pio_serial_line *line);

/// The modem-control lines (TIOCMGET): outputs DTR and RTS, inputs CTS, DSR, RI and CD.
typedef struct {
    int dtr;
    int rts;
    int cts;
    int dsr;
    int ri;
    int cd;
} pio_serial_modem_lines;

/// Reads the modem lines (TIOCMGET). Returns 0, or -1 with errno set (ENOTTY on a pty).
int pio_serial_get_modem_lines(int fd, pio_serial_modem_lines *lines);

/// The modem-control lines the host drives.
typedef enum {
    PIO_SERIAL_DTR = 0,
    PIO_SERIAL_RTS = 1,
} pio_serial_output_line;

/// Raises (TIOCMBIS) or lowers (TIOCMBIC) one output line, leaving the other as it is.
/// Returns 0, or -1 with errno set.
int pio_serial_set_modem_line(int fd, pio_serial_output_line line, int raised);

/// Starts (TIOCSBRK) or ends (TIOCCBRK) a break condition on the transmit line.
/// Returns 0, or -1 with errno set.
int pio_serial_set_break(int fd, int on);

/// Discards data received and not read (`input`), written and not sent (`output`), or both (TCFLSH).
/// Returns 0, or -1 with errno set.
int pio_serial_flush(int fd, int input, int output);

/// A close-on-exec duplicate of `fd` (F_DUPFD_CLOEXEC). Returns it, or -1 with errno set.
int pio_duplicate_descriptor(int fd);

/// Whether `a` and `b` refer to the same open file description in this process (kcmp KCMP_FILE).
/// Returns 1 or 0, or -1 with errno set (ENOSYS on kernels built without kcmp; EBADF when one is closed).
int pio_same_open_file(int a, int b);

/// Puts the terminal on `descriptor` in raw mode (no echo, no line editing, no signals from keys;
/// output processing kept) and arranges for SIGTERM, SIGHUP, SIGQUIT and SIGINT to restore it
/// before they end the process. Returns -1 with errno set when it is not a terminal.
int pio_terminal_enter_raw(int descriptor);

/// Puts back the terminal mode `pio_terminal_enter_raw` saved; does nothing when none is saved.
void pio_terminal_restore(void);

#endif
