#define _GNU_SOURCE
#include "CLinuxShims.h"

#include <fcntl.h>
#include <errno.h>
#include <fnmatch.h>
#include <malloc.h>
#include <spawn.h>
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

void pio_limit_malloc_arenas(int count) {
    mallopt(M_ARENA_MAX, count);
}

int pio_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
