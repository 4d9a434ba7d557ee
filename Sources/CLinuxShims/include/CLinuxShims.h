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

#endif
