#ifndef C_MOSQUITTO_H
#define C_MOSQUITTO_H

// libmosquitto's API, loaded on first use.
//
// The daemon does not link libmosquitto: loader.c defines each function the MQTT module calls
// as a trampoline that dlopen()s libmosquitto.so.1 the first time any of them runs. An agent
// without a [cloud] section therefore never maps libmosquitto, libssl or libcrypto (about
// 1.8 MiB of resident memory). When the library cannot be loaded, the trampolines report
// MOSQ_ERR_NOT_SUPPORTED (NULL, -1, false) and pio_mosquitto_load_error() says why.
#include <mosquitto.h>
#include <mqtt_protocol.h>

/// Why libmosquitto could not be loaded, or NULL when it is loaded (or not yet tried).
const char *pio_mosquitto_load_error(void);

#endif
