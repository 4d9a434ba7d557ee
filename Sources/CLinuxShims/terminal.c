// The user's terminal in raw mode for `pioctl remote device monitor`, restored on every way out,
// signals included. (A file of its own: serial.c uses the kernel's termios2, which clashes with
// glibc's <termios.h>.)
#include "CLinuxShims.h"

#include <errno.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_mode;
static volatile sig_atomic_t saved_descriptor = -1;

static void restore_and_reraise(int signal_number) {
    if (saved_descriptor >= 0) tcsetattr(saved_descriptor, TCSANOW, &saved_mode);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

int pio_terminal_enter_raw(int descriptor) {
    struct termios mode;
    if (tcgetattr(descriptor, &mode) != 0) return -1;
    saved_mode = mode;
    cfmakeraw(&mode);
    // Keep output processing, so that a board's bare "\n" still starts a new line on screen.
    mode.c_oflag = saved_mode.c_oflag;
    if (tcsetattr(descriptor, TCSANOW, &mode) != 0) return -1;
    saved_descriptor = descriptor;
    int signals[] = {SIGTERM, SIGHUP, SIGQUIT, SIGINT};
    for (unsigned index = 0; index < sizeof signals / sizeof signals[0]; index++) {
        signal(signals[index], restore_and_reraise);
    }
    return 0;
}

void pio_terminal_restore(void) {
    if (saved_descriptor < 0) return;
    int saved = errno;
    tcsetattr(saved_descriptor, TCSANOW, &saved_mode);
    saved_descriptor = -1;
    errno = saved;
}
