#include "CMosquitto.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *library;
static char load_error[512];

static void load(void) {
    library = dlopen("libmosquitto.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason ? reason : "dlopen failed");
    }
}

const char *pio_mosquitto_load_error(void) {
    return load_error[0] ? load_error : NULL;
}

static void *symbol(const char *name) {
    pthread_once(&load_once, load);
    return library ? dlsym(library, name) : NULL;
}

// Declares `f`, the library's `name`, resolved once and cached (a benign race: every thread
// resolves the same address).
#define RESOLVE(name)                                                           \
    static __typeof__(&name) cached_##name;                                     \
    __typeof__(&name) f = __atomic_load_n(&cached_##name, __ATOMIC_ACQUIRE);     \
    if (!f) {                                                                   \
        f = (__typeof__(&name))symbol(#name);                                   \
        __atomic_store_n(&cached_##name, f, __ATOMIC_RELEASE);                  \
    }

#define FORWARD_INT(name, parameters, arguments)                                \
    int name parameters {                                                       \
        RESOLVE(name)                                                           \
        return f ? f arguments : MOSQ_ERR_NOT_SUPPORTED;                        \
    }

#define FORWARD_VOID(name, parameters, arguments)                               \
    void name parameters {                                                      \
        RESOLVE(name)                                                           \
        if (f) f arguments;                                                     \
    }

int mosquitto_lib_init(void) {
    RESOLVE(mosquitto_lib_init)
    return f ? f() : MOSQ_ERR_UNKNOWN;
}

struct mosquitto *mosquitto_new(const char *id, bool clean_session, void *obj) {
    RESOLVE(mosquitto_new)
    return f ? f(id, clean_session, obj) : NULL;
}

const char *mosquitto_strerror(int mosq_errno) {
    RESOLVE(mosquitto_strerror)
    return f ? f(mosq_errno) : "libmosquitto is not available";
}

const char *mosquitto_reason_string(int reason_code) {
    RESOLVE(mosquitto_reason_string)
    return f ? f(reason_code) : "unknown";
}

int mosquitto_socket(struct mosquitto *mosq) {
    RESOLVE(mosquitto_socket)
    return f ? f(mosq) : -1;
}

bool mosquitto_want_write(struct mosquitto *mosq) {
    RESOLVE(mosquitto_want_write)
    return f ? f(mosq) : false;
}

const mosquitto_property *mosquitto_property_read_binary(
    const mosquitto_property *proplist, int identifier, void **value, uint16_t *len, bool skip_first) {
    RESOLVE(mosquitto_property_read_binary)
    return f ? f(proplist, identifier, value, len, skip_first) : NULL;
}

const mosquitto_property *mosquitto_property_read_string(
    const mosquitto_property *proplist, int identifier, char **value, bool skip_first) {
    RESOLVE(mosquitto_property_read_string)
    return f ? f(proplist, identifier, value, skip_first) : NULL;
}

FORWARD_VOID(mosquitto_destroy, (struct mosquitto *mosq), (mosq))
FORWARD_VOID(mosquitto_user_data_set, (struct mosquitto *mosq, void *obj), (mosq, obj))
FORWARD_VOID(mosquitto_property_free_all, (mosquitto_property **properties), (properties))
FORWARD_INT(mosquitto_int_option, (struct mosquitto *mosq, enum mosq_opt_t option, int value), (mosq, option, value))
FORWARD_INT(mosquitto_string_option, (struct mosquitto *mosq, enum mosq_opt_t option, const char *value),
            (mosq, option, value))
FORWARD_INT(mosquitto_username_pw_set, (struct mosquitto *mosq, const char *username, const char *password),
            (mosq, username, password))
FORWARD_INT(mosquitto_tls_set,
            (struct mosquitto *mosq, const char *cafile, const char *capath, const char *certfile, const char *keyfile,
             int (*pw_callback)(char *buf, int size, int rwflag, void *userdata)),
            (mosq, cafile, capath, certfile, keyfile, pw_callback))
FORWARD_INT(mosquitto_tls_opts_set, (struct mosquitto *mosq, int cert_reqs, const char *tls_version, const char *ciphers),
            (mosq, cert_reqs, tls_version, ciphers))
FORWARD_INT(mosquitto_tls_insecure_set, (struct mosquitto *mosq, bool value), (mosq, value))
FORWARD_INT(mosquitto_will_set_v5,
            (struct mosquitto *mosq, const char *topic, int payloadlen, const void *payload, int qos, bool retain,
             mosquitto_property *properties),
            (mosq, topic, payloadlen, payload, qos, retain, properties))
FORWARD_INT(mosquitto_connect_bind_v5,
            (struct mosquitto *mosq, const char *host, int port, int keepalive, const char *bind_address,
             const mosquitto_property *properties),
            (mosq, host, port, keepalive, bind_address, properties))
FORWARD_INT(mosquitto_disconnect_v5, (struct mosquitto *mosq, int reason_code, const mosquitto_property *properties),
            (mosq, reason_code, properties))
FORWARD_INT(mosquitto_publish_v5,
            (struct mosquitto *mosq, int *mid, const char *topic, int payloadlen, const void *payload, int qos,
             bool retain, const mosquitto_property *properties),
            (mosq, mid, topic, payloadlen, payload, qos, retain, properties))
FORWARD_INT(mosquitto_subscribe_multiple,
            (struct mosquitto *mosq, int *mid, int sub_count, char *const *const sub, int qos, int options,
             const mosquitto_property *properties),
            (mosq, mid, sub_count, sub, qos, options, properties))
FORWARD_INT(mosquitto_loop_read, (struct mosquitto *mosq, int max_packets), (mosq, max_packets))
FORWARD_INT(mosquitto_loop_write, (struct mosquitto *mosq, int max_packets), (mosq, max_packets))
FORWARD_INT(mosquitto_loop_misc, (struct mosquitto *mosq), (mosq))
FORWARD_INT(mosquitto_property_add_binary,
            (mosquitto_property **proplist, int identifier, const void *value, uint16_t len),
            (proplist, identifier, value, len))
FORWARD_INT(mosquitto_property_add_int32, (mosquitto_property **proplist, int identifier, uint32_t value),
            (proplist, identifier, value))
FORWARD_INT(mosquitto_property_add_string, (mosquitto_property **proplist, int identifier, const char *value),
            (proplist, identifier, value))
FORWARD_VOID(mosquitto_connect_v5_callback_set,
             (struct mosquitto *mosq, void (*on_connect)(struct mosquitto *, void *, int, int, const mosquitto_property *)),
             (mosq, on_connect))
FORWARD_VOID(mosquitto_publish_v5_callback_set,
             (struct mosquitto *mosq, void (*on_publish)(struct mosquitto *, void *, int, int, const mosquitto_property *)),
             (mosq, on_publish))
FORWARD_VOID(mosquitto_subscribe_v5_callback_set,
             (struct mosquitto *mosq,
              void (*on_subscribe)(struct mosquitto *, void *, int, int, const int *, const mosquitto_property *)),
             (mosq, on_subscribe))
FORWARD_VOID(mosquitto_message_v5_callback_set,
             (struct mosquitto *mosq,
              void (*on_message)(struct mosquitto *, void *, const struct mosquitto_message *, const mosquitto_property *)),
             (mosq, on_message))
FORWARD_VOID(mosquitto_log_callback_set,
             (struct mosquitto *mosq, void (*on_log)(struct mosquitto *, void *, int, const char *)),
             (mosq, on_log))
