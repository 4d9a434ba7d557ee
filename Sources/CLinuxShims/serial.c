// Serial ports through termios2 and the tty ioctls. A file of its own: <asm/termbits.h> (struct termios2,
// BOTHER) cannot be included together with glibc's <termios.h>.
#define _GNU_SOURCE
#include "CLinuxShims.h"

#include <asm/termbits.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int pio_serial_open(const char *path) {
    int fd;
    do {
        fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

int pio_serial_lock(int fd) {
    return flock(fd, LOCK_EX | LOCK_NB);
}

int pio_serial_unlock(int fd) {
    return flock(fd, LOCK_UN);
}

int pio_serial_exclusive(int fd) {
    return ioctl(fd, TIOCEXCL);
}

/// The Bnnn code of a standard rate, or BOTHER.
static tcflag_t baud_code(uint32_t baud) {
    static const struct {
        uint32_t rate;
        tcflag_t code;
    } codes[] = {
        {50, B50},         {75, B75},           {110, B110},         {134, B134},         {150, B150},
        {200, B200},       {300, B300},         {600, B600},         {1200, B1200},       {1800, B1800},
        {2400, B2400},     {4800, B4800},       {9600, B9600},       {19200, B19200},     {38400, B38400},
        {57600, B57600},   {115200, B115200},   {230400, B230400},   {460800, B460800},   {500000, B500000},
        {576000, B576000}, {921600, B921600},   {1000000, B1000000}, {1152000, B1152000}, {1500000, B1500000},
        {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000}, {3500000, B3500000}, {4000000, B4000000},
    };
    for (size_t index = 0; index < sizeof codes / sizeof codes[0]; index++) {
        if (codes[index].rate == baud) return codes[index].code;
    }
    return BOTHER;
}

int pio_serial_configure(int fd, const pio_serial_line *line) {
    struct termios2 settings;
    if (ioctl(fd, TCGETS2, &settings) < 0) return -1;

    // Raw mode: what cfmakeraw does, plus the input and output translations pyserial also clears.
    settings.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IUCLC | INPCK | IXON | IXOFF |
                          IXANY | IMAXBEL);
    settings.c_oflag &= ~(OPOST | OLCUC | ONLCR | OCRNL | ONOCR | ONLRET);
    settings.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL | ECHOCTL | ECHOPRT | ECHOKE | ICANON | ISIG | IEXTEN);
    settings.c_cc[VMIN] = 1;
    settings.c_cc[VTIME] = 0;

    settings.c_cflag &= ~(CSIZE | PARENB | PARODD | CMSPAR | CSTOPB | CRTSCTS | HUPCL | CBAUD | (CBAUD << IBSHIFT));
    settings.c_cflag |= CLOCAL | CREAD;
    switch (line->data_bits) {
    case 5: settings.c_cflag |= CS5; break;
    case 6: settings.c_cflag |= CS6; break;
    case 7: settings.c_cflag |= CS7; break;
    case 8: settings.c_cflag |= CS8; break;
    default: errno = EINVAL; return -1;
    }
    switch (line->parity) {
    case PIO_PARITY_NONE: break;
    case PIO_PARITY_ODD: settings.c_cflag |= PARENB | PARODD; break;
    case PIO_PARITY_EVEN: settings.c_cflag |= PARENB; break;
    case PIO_PARITY_MARK: settings.c_cflag |= PARENB | CMSPAR | PARODD; break;
    case PIO_PARITY_SPACE: settings.c_cflag |= PARENB | CMSPAR; break;
    default: errno = EINVAL; return -1;
    }
    if (line->two_stop_bits) settings.c_cflag |= CSTOPB;
    if (line->rtscts) settings.c_cflag |= CRTSCTS;
    if (line->xonxoff) {
        settings.c_iflag |= IXON | IXOFF;
        settings.c_cc[VSTART] = 0x11;
        settings.c_cc[VSTOP] = 0x13;
    }
    if (line->baud == 0) {
        errno = EINVAL;  // B0 would hang the line up (drop DTR): never through this call
        return -1;
    }
    // The input rate bits (CIBAUD) stay 0: the input rate follows the output rate.
    settings.c_cflag |= baud_code(line->baud);
    settings.c_ispeed = line->baud;
    settings.c_ospeed = line->baud;
    return ioctl(fd, TCSETS2, &settings);
}

int pio_serial_read_line(int fd, pio_serial_line *line) {
    struct termios2 settings;
    if (ioctl(fd, TCGETS2, &settings) < 0) return -1;
    line->baud = settings.c_ospeed;
    switch (settings.c_cflag & CSIZE) {
    case CS5: line->data_bits = 5; break;
    case CS6: line->data_bits = 6; break;
    case CS7: line->data_bits = 7; break;
    default: line->data_bits = 8; break;
    }
    if (!(settings.c_cflag & PARENB)) {
        line->parity = PIO_PARITY_NONE;
    } else if (settings.c_cflag & CMSPAR) {
        line->parity = (settings.c_cflag & PARODD) ? PIO_PARITY_MARK : PIO_PARITY_SPACE;
    } else {
        line->parity = (settings.c_cflag & PARODD) ? PIO_PARITY_ODD : PIO_PARITY_EVEN;
    }
    line->two_stop_bits = (settings.c_cflag & CSTOPB) != 0;
    line->rtscts = (settings.c_cflag & CRTSCTS) != 0;
    line->xonxoff = (settings.c_iflag & (IXON | IXOFF)) != 0;
    line->hangup_on_close = (settings.c_cflag & HUPCL) != 0;
    return 0;
}

int pio_serial_get_modem_lines(int fd, pio_serial_modem_lines *lines) {
    int bits = 0;
    if (ioctl(fd, TIOCMGET, &bits) < 0) return -1;
    lines->dtr = (bits & TIOCM_DTR) != 0;
    lines->rts = (bits & TIOCM_RTS) != 0;
    lines->cts = (bits & TIOCM_CTS) != 0;
    lines->dsr = (bits & TIOCM_DSR) != 0;
    lines->ri = (bits & TIOCM_RI) != 0;
    lines->cd = (bits & TIOCM_CD) != 0;
    return 0;
}

int pio_serial_set_modem_line(int fd, pio_serial_output_line line, int raised) {
    int bits;
    switch (line) {
    case PIO_SERIAL_DTR: bits = TIOCM_DTR; break;
    case PIO_SERIAL_RTS: bits = TIOCM_RTS; break;
    default: errno = EINVAL; return -1;
    }
    return ioctl(fd, raised ? TIOCMBIS : TIOCMBIC, &bits);
}

int pio_serial_set_break(int fd, int on) {
    return ioctl(fd, on ? TIOCSBRK : TIOCCBRK);
}

int pio_serial_flush(int fd, int input, int output) {
    if (!input && !output) return 0;
    int queues = input && output ? TCIOFLUSH : (input ? TCIFLUSH : TCOFLUSH);
    return ioctl(fd, TCFLSH, queues);
}

int pio_duplicate_descriptor(int fd) {
    return fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

int pio_same_open_file(int a, int b) {
    pid_t self = getpid();
    long result = syscall(SYS_kcmp, self, self, KCMP_FILE, a, b);
    if (result < 0) return -1;
    return result == 0;
}
