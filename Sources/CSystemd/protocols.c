#define _GNU_SOURCE
#include "CSystemd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char *journal_socket = "/run/systemd/journal/socket";

/// Fills `address` from a path, or an abstract name written with a leading '@'.
static int unix_address(const char *path, struct sockaddr_un *address, socklen_t *length) {
    size_t size = strlen(path);
    if (size == 0 || (path[0] != '/' && path[0] != '@')) return -EINVAL;
    if (size >= sizeof address->sun_path) return -ENAMETOOLONG;
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    memcpy(address->sun_path, path, size);
    if (path[0] == '@') address->sun_path[0] = 0;
    // An abstract name has no terminating NUL; a path keeps one.
    *length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + size + (path[0] == '@' ? 0 : 1));
    return 0;
}

int pio_sd_notify(int unset_environment, const char *state) {
    const char *path = getenv("NOTIFY_SOCKET");
    int result = 0;
    if (path && *path) {
        struct sockaddr_un address;
        socklen_t length;
        result = unix_address(path, &address, &length);
        if (result == 0) {
            int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                result = -errno;
            } else {
                ssize_t sent = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&address, length);
                result = sent < 0 ? -errno : 1;
                close(fd);
            }
        }
    }
    if (unset_environment) unsetenv("NOTIFY_SOCKET");
    return result;
}

/// Parses a whole unsigned decimal number; -EINVAL when `text` is not one.
static int parse_unsigned(const char *text, unsigned long long *value) {
    if (!text || !*text || *text == '-') return -EINVAL;
    char *end;
    errno = 0;
    *value = strtoull(text, &end, 10);
    if (errno || *end) return -EINVAL;
    return 0;
}

static void unset_listen_environment(int unset) {
    if (!unset) return;
    unsetenv("LISTEN_PID");
    unsetenv("LISTEN_FDS");
    unsetenv("LISTEN_FDNAMES");
}

int pio_sd_listen_fds_with_names(int unset_environment, char ***names) {
    unsigned long long pid, count;
    if (names) *names = NULL;
    const char *pid_text = getenv("LISTEN_PID");
    if (!pid_text) return 0;
    int result = parse_unsigned(pid_text, &pid);
    if (result < 0) goto done;
    if (pid != (unsigned long long)getpid()) goto done;
    result = parse_unsigned(getenv("LISTEN_FDS"), &count);
    if (result < 0) goto done;
    if (count == 0 || count > INT_MAX - PIO_LISTEN_FDS_START) {
        result = count == 0 ? 0 : -EINVAL;
        goto done;
    }
    for (unsigned long long index = 0; index < count; index++) {
        int fd = PIO_LISTEN_FDS_START + (int)index;
        int flags = fcntl(fd, F_GETFD);
        if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) {
            result = -errno;
            goto done;
        }
    }
    if (names) {
        char **list = calloc(count + 1, sizeof *list);
        if (!list) {
            result = -ENOMEM;
            goto done;
        }
        const char *cursor = getenv("LISTEN_FDNAMES");
        for (unsigned long long index = 0; index < count; index++) {
            if (cursor) {
                const char *colon = strchr(cursor, ':');
                size_t size = colon ? (size_t)(colon - cursor) : strlen(cursor);
                list[index] = strndup(cursor, size);
                cursor = colon ? colon + 1 : NULL;
            } else {
                list[index] = strdup("unknown");
            }
            if (!list[index]) {
                for (unsigned long long other = 0; other < index; other++) free(list[other]);
                free(list);
                result = -ENOMEM;
                goto done;
            }
        }
        *names = list;
    }
    result = (int)count;
done:
    unset_listen_environment(unset_environment);
    return result;
}

static int watchdog_interval(uint64_t *usec) {
    unsigned long long value, pid;
    const char *interval = getenv("WATCHDOG_USEC");
    if (!interval) return 0;
    if (parse_unsigned(interval, &value) < 0 || value == 0) return -EINVAL;
    const char *pid_text = getenv("WATCHDOG_PID");
    if (pid_text) {
        if (parse_unsigned(pid_text, &pid) < 0) return -EINVAL;
        if (pid != (unsigned long long)getpid()) return 0;  // Another process is meant.
    }
    if (usec) *usec = value;
    return 1;
}

int pio_sd_watchdog_enabled(int unset_environment, uint64_t *usec) {
    int result = watchdog_interval(usec);
    if (unset_environment) {
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
    }
    return result;
}

/// Appends one field in the native protocol: `NAME=value\n`, or `NAME\n` + little-endian
/// 64-bit length + value + `\n` when the value holds a line break.
static size_t encode_field(const struct iovec *field, unsigned char *out) {
    const char *text = field->iov_base;
    const char *equals = memchr(text, '=', field->iov_len);
    size_t name_length = equals ? (size_t)(equals - text) : field->iov_len;
    const char *value = equals ? equals + 1 : text + field->iov_len;
    size_t value_length = field->iov_len - name_length - (equals ? 1 : 0);
    if (!memchr(value, '\n', value_length)) {
        if (out) {
            memcpy(out, text, field->iov_len);
            out[field->iov_len] = '\n';
        }
        return field->iov_len + 1;
    }
    if (out) {
        memcpy(out, text, name_length);
        out[name_length] = '\n';
        uint64_t length = value_length;
        for (int byte = 0; byte < 8; byte++) out[name_length + 1 + byte] = (unsigned char)(length >> (8 * byte));
        memcpy(out + name_length + 9, value, value_length);
        out[name_length + 9 + value_length] = '\n';
    }
    return name_length + 9 + value_length + 1;
}

/// Sends a record too large for one datagram as a sealed memfd, as journald accepts.
static int send_as_memfd(int fd, const struct sockaddr_un *address, socklen_t length, const unsigned char *data,
                         size_t size) {
    int memory = memfd_create("journal-record", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (memory < 0) return -errno;
    int result = 0;
    size_t done = 0;
    while (done < size) {
        ssize_t count = write(memory, data + done, size - done);
        if (count < 0) {
            if (errno == EINTR) continue;
            result = -errno;
            break;
        }
        done += (size_t)count;
    }
    if (result == 0 && fcntl(memory, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0) {
        result = -errno;
    }
    if (result == 0) {
        char control[CMSG_SPACE(sizeof(int))];
        memset(control, 0, sizeof control);
        struct msghdr message = {
            .msg_name = (void *)address, .msg_namelen = length, .msg_control = control,
            .msg_controllen = sizeof control,
        };
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(header), &memory, sizeof(int));
        if (sendmsg(fd, &message, MSG_NOSIGNAL) < 0) result = -errno;
    }
    close(memory);
    return result;
}

int pio_sd_journal_sendv_to(const char *socket_path, const struct iovec *fields, int count) {
    if (count <= 0 || !fields) return -EINVAL;
    struct sockaddr_un address;
    socklen_t length;
    int result = unix_address(socket_path, &address, &length);
    if (result < 0) return result;
    size_t size = 0;
    for (int index = 0; index < count; index++) size += encode_field(&fields[index], NULL);
    unsigned char *data = malloc(size);
    if (!data) return -ENOMEM;
    size_t offset = 0;
    for (int index = 0; index < count; index++) offset += encode_field(&fields[index], data + offset);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        free(data);
        return -errno;
    }
    if (sendto(fd, data, size, MSG_NOSIGNAL, (struct sockaddr *)&address, length) < 0) {
        result = -errno;
        if (result == -EMSGSIZE || result == -ENOBUFS) result = send_as_memfd(fd, &address, length, data, size);
    }
    close(fd);
    free(data);
    // No journal (the socket does not exist): the record is dropped, as libsystemd does.
    return result == -ENOENT ? 0 : result;
}

int pio_sd_journal_sendv(const struct iovec *fields, int count) {
    return pio_sd_journal_sendv_to(journal_socket, fields, count);
}
