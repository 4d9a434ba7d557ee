#include "CCrypto.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// libcrypto's own declarations, so that building needs no OpenSSL headers: the types are opaque.
typedef struct evp_md_st EVP_MD;
typedef int (*digest_function)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, void *);
typedef const EVP_MD *(*algorithm_function)(void);
typedef int (*pbkdf2_function)(const char *, int, const unsigned char *, int, int, const EVP_MD *, int, unsigned char *);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[512];
static digest_function evp_digest;
static algorithm_function evp_md5;
static algorithm_function evp_sha256;
static pbkdf2_function pkcs5_pbkdf2_hmac;

static void load(void) {
    void *library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason ? reason : "dlopen libcrypto.so.3 failed");
        return;
    }
    evp_digest = (digest_function)dlsym(library, "EVP_Digest");
    evp_md5 = (algorithm_function)dlsym(library, "EVP_md5");
    evp_sha256 = (algorithm_function)dlsym(library, "EVP_sha256");
    pkcs5_pbkdf2_hmac = (pbkdf2_function)dlsym(library, "PKCS5_PBKDF2_HMAC");
    if (!evp_digest || !evp_md5 || !evp_sha256 || !pkcs5_pbkdf2_hmac) {
        snprintf(load_error, sizeof load_error, "libcrypto.so.3 lacks EVP_Digest, EVP_md5, EVP_sha256 or PKCS5_PBKDF2_HMAC");
        evp_digest = NULL;
    }
}

static int loaded(void) {
    pthread_once(&load_once, load);
    return evp_digest != NULL;
}

const char *pio_crypto_load_error(void) {
    return load_error[0] ? load_error : NULL;
}

static int digest(const void *data, size_t length, uint8_t *out, unsigned int expected, const EVP_MD *algorithm) {
    unsigned int size = 0;
    if (!algorithm) return -1;
    return evp_digest(data, length, out, &size, algorithm, NULL) == 1 && size == expected ? 0 : -1;
}

int pio_md5(const void *data, size_t length, uint8_t out[16]) {
    return loaded() ? digest(data, length, out, 16, evp_md5()) : -1;
}

int pio_sha256(const void *data, size_t length, uint8_t out[32]) {
    return loaded() ? digest(data, length, out, 32, evp_sha256()) : -1;
}

int pio_pbkdf2_sha256(const void *password, size_t password_length, const void *salt, size_t salt_length,
                      unsigned iterations, uint8_t *output, size_t output_length) {
    if (!loaded()) return -1;
    if (password_length > 0x7fffffff || salt_length > 0x7fffffff || iterations > 0x7fffffff
        || output_length > 0x7fffffff) {
        return -1;
    }
    const EVP_MD *algorithm = evp_sha256();
    if (!algorithm) return -1;
    return pkcs5_pbkdf2_hmac(password, (int)password_length, salt, (int)salt_length, (int)iterations, algorithm,
                             (int)output_length, output) == 1 ? 0 : -1;
}
