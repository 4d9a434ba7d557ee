#ifndef PIO_CCRYPTO_H
#define PIO_CCRYPTO_H

#include <stddef.h>
#include <stdint.h>

/// MD5 of `length` bytes at `data` into `digest` (16 bytes), with OpenSSL's libcrypto, loaded on
/// first use (the agent loads it for TLS anyway; a local-only agent pays for it only when it
/// needs a digest). Returns 0, or -1 when libcrypto cannot be loaded or refuses (a FIPS-only
/// build); pio_crypto_load_error() then says why.
int pio_md5(const void *data, size_t length, uint8_t digest[16]);

/// SHA-256 of `length` bytes at `data` into `digest` (32 bytes). Returns 0, or -1.
int pio_sha256(const void *data, size_t length, uint8_t digest[32]);

/// PBKDF2-HMAC-SHA256 of `password` with `salt` and `iterations` rounds into `output_length`
/// bytes at `output`. Returns 0, or -1.
int pio_pbkdf2_sha256(const void *password, size_t password_length, const void *salt, size_t salt_length,
                      unsigned iterations, uint8_t *output, size_t output_length);

/// An incremental SHA-256: a context to feed with pio_sha256_update and end with
/// pio_sha256_final (which frees it). Returns NULL when libcrypto cannot be loaded.
void *pio_sha256_begin(void);

/// Feeds `length` bytes to `context`. Returns 0, or -1.
int pio_sha256_update(void *context, const void *data, size_t length);

/// Writes the digest of what `context` was fed into `digest` (32 bytes), unless `digest` is
/// NULL, and frees the context. Returns 0, or -1.
int pio_sha256_final(void *context, uint8_t *digest);

/// Why libcrypto could not be loaded, or NULL when it was (or was not tried yet).
const char *pio_crypto_load_error(void);

#endif
