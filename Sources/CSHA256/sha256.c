// SHA-256 compression with the x86 SHA extensions (FIPS 180-4), for GHGCore's SHA256 when the CPU has them.
//
// Only this block function is in C, because Swift cannot emit the SHA instructions; padding, buffering, the digest
// API and the fallback compression (pure Swift) are in GHGCore/Basics/SHA256.swift. On other architectures this file
// compiles to the detection function alone, which answers 0.
#include "CSHA256.h"

#if defined(__x86_64__)
static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};
#endif

// ---------------------------------------------------------------------------------------------------------------------
// x86-64 SHA extensions
//
// SHA256RNDS2 performs two rounds. It keeps the working variables in two registers, laid out (dword 3 … dword 0) as
// ABEF = [A, B, E, F] and CDGH = [C, D, G, H]; its third operand supplies W[t] + K[t] for the two rounds in dwords 0
// and 1. After two rounds the old ABEF is the new CDGH, so the two state registers simply swap roles every call.
//
// SHA256MSG1 and SHA256MSG2 compute the message schedule four words at a time. With M(j) = W[4j … 4j+3]:
//   X      = MSG1(M(j-4), M(j-3))                 W[t-16] + σ0(W[t-15])           for t = 4j … 4j+3
//   X     += (M(j-2):M(j-1) shifted by one word)  + W[t-7]
//   M(j)   = MSG2(X, M(j-1))                      + σ1(W[t-2])  (MSG2 chains the last two words internally)

#if defined(__x86_64__)
#include <immintrin.h>

#define SHANI __attribute__((target("sha,sse4.1")))

// Four rounds 4j … 4j+3 using the schedule words in `m` (W[4j … 4j+3]).
#define SHANI_4ROUNDS(m, j)                                                                     \
    do {                                                                                        \
        __m128i wk = _mm_add_epi32((m), _mm_loadu_si128((const __m128i *)&K[4 * (j)]));        \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);   /* cdgh now holds the new ABEF */       \
        wk = _mm_shuffle_epi32(wk, 0x0E);               /* W+K for rounds 4j+2, 4j+3 to dwords 0, 1 */ \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);   /* and back */                          \
    } while (0)

// M(j) from M(j-4) (overwritten in place, `m0`), M(j-3), M(j-2), M(j-1).
#define SHANI_SCHEDULE(m0, m1, m2, m3)                                                          \
    do {                                                                                        \
        __m128i x = _mm_sha256msg1_epu32((m0), (m1));                                           \
        x = _mm_add_epi32(x, _mm_alignr_epi8((m3), (m2), 4));                                   \
        (m0) = _mm_sha256msg2_epu32(x, (m3));                                                   \
    } while (0)

SHANI void ghg_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // Byte order: reverse the bytes within each dword (big-endian message words).
    const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);

    // state[0..3] = dwords [A B C D] (dword 0 first), state[4..7] = [E F G H]  →  ABEF and CDGH.
    __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);           // dwords 0..3: B A D C
    __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);           // dwords 0..3: H G F E
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);          // dwords 0..3: F E B A
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);       // dwords 0..3: H G D C

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), bswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), bswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), bswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), bswap);

        SHANI_4ROUNDS(m0, 0);
        SHANI_4ROUNDS(m1, 1);
        SHANI_4ROUNDS(m2, 2);
        SHANI_4ROUNDS(m3, 3);
        // Rounds 16 … 63: the four registers are a ring, m0 always holding the oldest group.
        for (int j = 4; j < 16; j += 4) {
            SHANI_SCHEDULE(m0, m1, m2, m3); SHANI_4ROUNDS(m0, j + 0);
            SHANI_SCHEDULE(m1, m2, m3, m0); SHANI_4ROUNDS(m1, j + 1);
            SHANI_SCHEDULE(m2, m3, m0, m1); SHANI_4ROUNDS(m2, j + 2);
            SHANI_SCHEDULE(m3, m0, m1, m2); SHANI_4ROUNDS(m3, j + 3);
        }

        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }

    // Back to [A B C D] [E F G H].
    __m128i afeb = _mm_shuffle_epi32(abef, 0x1B);           // dwords 0..3: A B E F
    __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xB1);           // dwords 0..3: G H C D
    abcd = _mm_blend_epi16(afeb, ghcd, 0xF0);               // A B C D
    efgh = _mm_alignr_epi8(ghcd, afeb, 8);                  // E F G H
    _mm_storeu_si128((__m128i *)&state[0], abcd);
    _mm_storeu_si128((__m128i *)&state[4], efgh);
}

static int detect_shani(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
}
#endif

// -1 until the first call, then 0 or 1. Racing first calls store the same value, so relaxed atomics suffice.
static int shani_state = -1;

int ghg_sha256_has_shani(void) {
#if defined(__x86_64__)
    int s = __atomic_load_n(&shani_state, __ATOMIC_RELAXED);
    if (s < 0) {
        s = detect_shani();
        __atomic_store_n(&shani_state, s, __ATOMIC_RELAXED);
    }
    return s;
#else
    (void)shani_state;
    return 0;
#endif
}

#if !defined(__x86_64__)
void ghg_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state; (void)data; (void)blocks;
}
#endif
