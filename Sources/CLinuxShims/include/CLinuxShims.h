#ifndef C_LINUX_SHIMS_H
#define C_LINUX_SHIMS_H

#include <spawn.h>
#include <stddef.h>
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

#endif
