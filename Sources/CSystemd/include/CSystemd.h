#ifndef C_SYSTEMD_H
#define C_SYSTEMD_H

// The four service-manager protocols the daemon speaks, implemented here rather than through
// libsystemd: linking libsystemd maps it and six more libraries (gcrypt, gpg-error, lzma,
// zstd, lz4, cap), about 1 MiB of resident memory, for ~200 lines of documented, stable
// protocol (systemd's "Interface Portability and Stability Promise": sd_notify(3),
// sd_listen_fds(3), sd_watchdog_enabled(3) and the journal's native protocol). Each function
// behaves as its libsystemd namesake: a negative errno on failure.

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

/// The first descriptor systemd passes (SD_LISTEN_FDS_START).
#define PIO_LISTEN_FDS_START 3

/// Sends `state` to $NOTIFY_SOCKET: 1 when sent, 0 when there is no service manager, -errno.
int pio_sd_notify(int unset_environment, const char *state);

/// The number of descriptors passed by socket activation for this process (0 when none), and
/// their names (a malloc'ed NULL-terminated array of malloc'ed strings, "unknown" when unnamed;
/// the caller frees them), or -errno when the environment is malformed.
int pio_sd_listen_fds_with_names(int unset_environment, char ***names);

/// 1 and the interval in `usec` when the service manager expects watchdog pings from this
/// process, 0 when not, -errno when the environment is malformed.
int pio_sd_watchdog_enabled(int unset_environment, uint64_t *usec);

/// Sends one record of `NAME=value` fields to the journal's native socket: 0 when sent or when
/// no journal runs (the record is dropped, as libsystemd does), -errno otherwise.
int pio_sd_journal_sendv(const struct iovec *fields, int count);

/// pio_sd_journal_sendv with another socket path, for tests.
int pio_sd_journal_sendv_to(const char *socket_path, const struct iovec *fields, int count);

#endif
