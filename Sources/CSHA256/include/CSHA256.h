// SHA-256 compression with the x86 SHA extensions, for ghg-inventory's manifest hashes.
#ifndef GHG_CSHA256_H
#define GHG_CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 if this CPU has the x86 SHA extensions (checked once), 0 otherwise (and on other architectures).
int ghg_sha256_has_shani(void);

/// Compresses `blocks` consecutive 64-byte blocks at `data` into `state` (H0…H7, host order) with the SHA
/// extensions. Must only be called when `ghg_sha256_has_shani()` returns 1; on other architectures it does nothing.
void ghg_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks);

#ifdef __cplusplus
}
#endif

#endif
