#include "CCrypto.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// libcrypto's own declarations, so that building needs no OpenSSL headers: the types are opaque.
typedef struct evp_md_st EVP_MD;
typedef int (*digest_function)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, void *);
typedef const EVP_MD *(*algorithm_function)(void);
typedef int (*pbkdf2_function)(const char *, int, const unsigned char *, int, int, const EVP_MD *, int, unsigned char *);
typedef void *(*context_new_function)(void);
typedef void (*context_free_function)(void *);
typedef int (*init_function)(void *, const EVP_MD *, void *);
typedef int (*update_function)(void *, const void *, size_t);
typedef int (*final_function)(void *, unsigned char *, unsigned int *);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[512];
static digest_function evp_digest;
static algorithm_function evp_md5;
static algorithm_function evp_sha256;
static pbkdf2_function pkcs5_pbkdf2_hmac;
static context_new_function context_new;
static context_free_function context_free;
static init_function digest_init;
static update_function digest_update;
static final_function digest_final;

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
    context_new = (context_new_function)dlsym(library, "EVP_MD_CTX_new");
    context_free = (context_free_function)dlsym(library, "EVP_MD_CTX_free");
    digest_init = (init_function)dlsym(library, "EVP_DigestInit_ex");
    digest_update = (update_function)dlsym(library, "EVP_DigestUpdate");
    digest_final = (final_function)dlsym(library, "EVP_DigestFinal_ex");
    if (!evp_digest || !evp_md5 || !evp_sha256 || !pkcs5_pbkdf2_hmac || !context_new || !context_free || !digest_init
        || !digest_update || !digest_final) {
        snprintf(load_error, sizeof load_error, "libcrypto.so.3 lacks a function of EVP_Digest, EVP_MD_CTX and PKCS5_PBKDF2_HMAC");
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

void *pio_sha256_begin(void) {
    if (!loaded()) return NULL;
    void *context = context_new();
    if (!context) return NULL;
    if (digest_init(context, evp_sha256(), NULL) != 1) {
        context_free(context);
        return NULL;
    }
    return context;
}

int pio_sha256_update(void *context, const void *data, size_t length) {
    return context && digest_update(context, data, length) == 1 ? 0 : -1;
}

int pio_sha256_final(void *context, uint8_t *digest) {
    if (!context) return -1;
    int status = 0;
    if (digest) {
        unsigned int size = 0;
        status = digest_final(context, digest, &size) == 1 && size == 32 ? 0 : -1;
    }
    context_free(context);
    return status;
}
