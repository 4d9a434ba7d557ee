#define _GNU_SOURCE
#include "CLinuxShims.h"

#include <fcntl.h>
#include <errno.h>
#include <fnmatch.h>
#include <malloc.h>
#include <spawn.h>
#include <stdio.h>
#include <ifaddrs.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <unistd.h>

int pio_pipe_nonblocking(int fds[2]) {
    return pipe2(fds, O_NONBLOCK | O_CLOEXEC);
}

int pio_glob_matches(const char *pattern, const char *name) {
    return fnmatch(pattern, name, 0) == 0;
}

int pio_open_pty(char *device_path, size_t device_path_size) {
    int controller = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (controller < 0) {
        return -1;
    }
    if (grantpt(controller) != 0 || unlockpt(controller) != 0
        || ptsname_r(controller, device_path, device_path_size) != 0) {
        int saved = errno;
        close(controller);
        errno = saved;
        return -1;
    }
    return controller;
}

int pio_pipe_cloexec(int descriptors[2]) {
    return pipe2(descriptors, O_CLOEXEC);
}

void pio_limit_malloc_arenas(int count) {
    mallopt(M_ARENA_MAX, count);
}

int pio_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

int pio_ipv4_interfaces(pio_ipv4_interface *interfaces, int capacity) {
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0) return -1;
    int count = 0;
    for (struct ifaddrs *entry = list; entry && count < capacity; entry = entry->ifa_next) {
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET) continue;
        pio_ipv4_interface *out = &interfaces[count++];
        memset(out, 0, sizeof *out);
        out->index = (int)if_nametoindex(entry->ifa_name);
        strncpy(out->name, entry->ifa_name, sizeof out->name - 1);
        out->address = ((struct sockaddr_in *)entry->ifa_addr)->sin_addr.s_addr;
        out->netmask = entry->ifa_netmask ? ((struct sockaddr_in *)entry->ifa_netmask)->sin_addr.s_addr : 0;
        out->is_up = (entry->ifa_flags & IFF_UP) != 0 && (entry->ifa_flags & IFF_RUNNING) != 0;
        out->is_multicast = (entry->ifa_flags & IFF_MULTICAST) != 0;
        out->is_loopback = (entry->ifa_flags & IFF_LOOPBACK) != 0;
    }
    freeifaddrs(list);
    return count;
}

int pio_mdns_open(uint16_t port) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int on = 1, off = 0, ttl = 255;
    unsigned char loop = 1, multicast_ttl = 255;
    // Room for a burst of announcements (many boards powering up together); the kernel caps it at
    // net.core.rmem_max for processes without CAP_NET_ADMIN, which is fine.
    int receive_buffer = 1 << 20;
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr = {htonl(INADDR_ANY)}};
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) < 0 ||
        setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) < 0 ||
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_ALL, &off, sizeof off) < 0 ||
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &multicast_ttl, sizeof multicast_ttl) < 0 ||
        setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl) < 0 ||
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer) < 0 ||
        bind(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int pio_mdns_membership(int fd, int ifindex, uint32_t interface_address, int join) {
    struct ip_mreqn request = {.imr_multiaddr = {htonl(0xE00000FB)}, .imr_address = {interface_address},
                               .imr_ifindex = ifindex};
    return setsockopt(fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &request, sizeof request);
}

long pio_mdns_receive(int fd, uint8_t *buffer, size_t capacity, int *ifindex, uint32_t *source,
                      uint16_t *source_port, uint32_t *destination) {
    struct sockaddr_in from;
    struct iovec vector = {.iov_base = buffer, .iov_len = capacity};
    char control[CMSG_SPACE(sizeof(struct in_pktinfo))];
    struct msghdr message = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &vector, .msg_iovlen = 1,
                             .msg_control = control, .msg_controllen = sizeof control};
    ssize_t count = recvmsg(fd, &message, MSG_TRUNC);
    if (count < 0) return -1;
    *ifindex = 0;
    *destination = 0;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == IPPROTO_IP && header->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo info;
            memcpy(&info, CMSG_DATA(header), sizeof info);
            *ifindex = info.ipi_ifindex;
            *destination = info.ipi_addr.s_addr;
        }
    }
    *source = from.sin_addr.s_addr;
    *source_port = ntohs(from.sin_port);
    return (long)count;
}

long pio_mdns_send(int fd, const uint8_t *buffer, size_t length, int ifindex, uint32_t destination, uint16_t port) {
    struct ip_mreqn interface = {.imr_ifindex = ifindex};
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &interface, sizeof interface) < 0) return -1;
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr = {destination}};
    return (long)sendto(fd, buffer, length, MSG_NOSIGNAL, (struct sockaddr *)&to, sizeof to);
}

/// An address's flags (IFA_F_*) as /proc/net/if_inet6 lists them; getifaddrs does not have them.
typedef struct {
    uint8_t address[16];
    int index;
    unsigned flags;
} pio_inet6_flags;

static int hex_digit(char digit) {
    if (digit >= '0' && digit <= '9') return digit - '0';
    if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
    return -1;
}

/// Reads up to `capacity` lines of /proc/net/if_inet6 ("<32 hex> <ifindex> <prefix> <scope>
/// <flags> <name>", numbers in hex); none when the file is missing (no IPv6).
static int read_inet6_flags(pio_inet6_flags *entries, int capacity) {
    FILE *file = fopen("/proc/net/if_inet6", "re");
    if (!file) return 0;
    char hex[33];
    unsigned index, prefix, scope, flags;
    int count = 0;
    while (count < capacity && fscanf(file, "%32s %x %x %x %x %*s", hex, &index, &prefix, &scope, &flags) == 5) {
        pio_inet6_flags *entry = &entries[count];
        int valid = strlen(hex) == 32;
        for (int byte = 0; valid && byte < 16; byte++) {
            int high = hex_digit(hex[2 * byte]), low = hex_digit(hex[2 * byte + 1]);
            valid = high >= 0 && low >= 0;
            entry->address[byte] = (uint8_t)(high << 4 | low);
        }
        if (!valid) continue;
        entry->index = (int)index;
        entry->flags = flags;
        count++;
    }
    fclose(file);
    return count;
}

int pio_ipv6_interfaces(pio_ipv6_interface *interfaces, int capacity) {
    pio_inet6_flags flags[256];
    int flag_count = read_inet6_flags(flags, (int)(sizeof flags / sizeof flags[0]));
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0) return -1;
    int count = 0;
    for (struct ifaddrs *entry = list; entry && count < capacity; entry = entry->ifa_next) {
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET6) continue;
        pio_ipv6_interface *out = &interfaces[count++];
        memset(out, 0, sizeof *out);
        out->index = (int)if_nametoindex(entry->ifa_name);
        strncpy(out->name, entry->ifa_name, sizeof out->name - 1);
        memcpy(out->address, &((struct sockaddr_in6 *)entry->ifa_addr)->sin6_addr, sizeof out->address);
        out->prefix_length = 128;
        if (entry->ifa_netmask) {
            const uint8_t *mask = ((struct sockaddr_in6 *)entry->ifa_netmask)->sin6_addr.s6_addr;
            out->prefix_length = 0;
            for (int byte = 0; byte < 16; byte++) out->prefix_length += __builtin_popcount(mask[byte]);
        }
        out->is_up = (entry->ifa_flags & IFF_UP) != 0 && (entry->ifa_flags & IFF_RUNNING) != 0;
        out->is_multicast = (entry->ifa_flags & IFF_MULTICAST) != 0;
        out->is_loopback = (entry->ifa_flags & IFF_LOOPBACK) != 0;
        // An address the file does not list (it changed in between) counts as usable: the worst
        // is a send that fails until the next address event.
        out->is_usable = 1;
        for (int line = 0; line < flag_count; line++) {
            if (flags[line].index == out->index && memcmp(flags[line].address, out->address, sizeof out->address) == 0) {
                out->is_usable = (flags[line].flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) == 0;
                break;
            }
        }
    }
    freeifaddrs(list);
    return count;
}

int pio_mdns_open6(uint16_t port) {
    int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int on = 1, off = 0, hops = 255, loop = 1;
    int receive_buffer = 1 << 20;
    struct sockaddr_in6 address = {.sin6_family = AF_INET6, .sin6_port = htons(port), .sin6_addr = IN6ADDR_ANY_INIT};
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) < 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) < 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof on) < 0 ||
        // Linux 4.20 and later; before, the querier's own check of the receiving interface remains.
        (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, &off, sizeof off) < 0 && errno != ENOPROTOOPT) ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops) < 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof hops) < 0 ||
        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer) < 0 ||
        bind(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int pio_mdns_membership6(int fd, int ifindex, int join) {
    struct ipv6_mreq request = {.ipv6mr_multiaddr = {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb}}},
                                .ipv6mr_interface = (unsigned)ifindex};
    return setsockopt(fd, IPPROTO_IPV6, join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, &request, sizeof request);
}

long pio_mdns_receive6(int fd, uint8_t *buffer, size_t capacity, int *ifindex, uint8_t *source,
                       uint16_t *source_port, uint8_t *destination) {
    struct sockaddr_in6 from;
    struct iovec vector = {.iov_base = buffer, .iov_len = capacity};
    char control[CMSG_SPACE(sizeof(struct in6_pktinfo))];
    struct msghdr message = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &vector, .msg_iovlen = 1,
                             .msg_control = control, .msg_controllen = sizeof control};
    ssize_t count = recvmsg(fd, &message, MSG_TRUNC);
    if (count < 0) return -1;
    *ifindex = 0;
    memset(destination, 0, 16);
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == IPPROTO_IPV6 && header->cmsg_type == IPV6_PKTINFO) {
            struct in6_pktinfo info;
            memcpy(&info, CMSG_DATA(header), sizeof info);
            *ifindex = (int)info.ipi6_ifindex;
            memcpy(destination, &info.ipi6_addr, 16);
        }
    }
    memcpy(source, &from.sin6_addr, 16);
    *source_port = ntohs(from.sin6_port);
    return (long)count;
}

long pio_mdns_send6(int fd, const uint8_t *buffer, size_t length, int ifindex, const uint8_t *destination,
                    uint16_t port) {
    unsigned interface = (unsigned)ifindex;
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &interface, sizeof interface) < 0) return -1;
    struct sockaddr_in6 to = {.sin6_family = AF_INET6, .sin6_port = htons(port), .sin6_scope_id = (uint32_t)ifindex};
    memcpy(&to.sin6_addr, destination, 16);
    return (long)sendto(fd, buffer, length, MSG_NOSIGNAL, (struct sockaddr *)&to, sizeof to);
}

int pio_route_monitor_open(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) return -1;
    struct sockaddr_nl address = {.nl_family = AF_NETLINK, .nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR};
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int pio_route_monitor_drain(int fd) {
    char buffer[8192];
    while (recv(fd, buffer, sizeof buffer, 0) > 0) {}
    return 0;
}
