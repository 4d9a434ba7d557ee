#include "CLinuxShims.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int pio_map_code_pages_on_demand(void) {
    FILE *maps = fopen("/proc/self/maps", "re");
    if (!maps) return -1;
    char line[4096];
    int count = 0;
    while (fgets(line, sizeof line, maps)) {
        unsigned long start, end;
        char permissions[5];
        int path_offset = 0;
        if (sscanf(line, "%lx-%lx %4s %*s %*s %*s %n", &start, &end, permissions, &path_offset) < 3) continue;
        // Code only: executable, not writable, and backed by a file. Such pages are never
        // written (no text relocations), so dropping them loses nothing; they come back from the
        // page cache when run again.
        if (permissions[0] != 'r' || permissions[1] != '-' || permissions[2] != 'x') continue;
        if (path_offset == 0 || line[path_offset] != '/') continue;
        void *address = (void *)start;
        size_t length = end - start;
        if (madvise(address, length, MADV_RANDOM) != 0) continue;
        if (madvise(address, length, MADV_DONTNEED) != 0) continue;
        count += 1;
    }
    fclose(maps);
    return count;
}
