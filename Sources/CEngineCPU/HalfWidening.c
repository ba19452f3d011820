// F16 → float32 with the F16C instruction vcvtph2ps, eight values per instruction. Compiled for that
// instruction set function by function, so the file builds for baseline x86-64 and callers check
// engine_cpu_has_f16c() first. vcvtph2ps is exact for every half (subnormals, infinities, NaN payloads;
// signalling NaNs come out quiet).
#include "CEngineCPU.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

int engine_cpu_has_f16c(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
}

__attribute__((target("avx,f16c")))
void engine_widen_f16_f16c(const void *source, float *destination, size_t count) {
    const unsigned char *bytes = source;
    size_t i = 0;
    for (; i + 32 <= count; i += 32) {
        __m128i h0 = _mm_loadu_si128((const __m128i *)(bytes + 2 * i));
        __m128i h1 = _mm_loadu_si128((const __m128i *)(bytes + 2 * i + 16));
        __m128i h2 = _mm_loadu_si128((const __m128i *)(bytes + 2 * i + 32));
        __m128i h3 = _mm_loadu_si128((const __m128i *)(bytes + 2 * i + 48));
        _mm256_storeu_ps(destination + i, _mm256_cvtph_ps(h0));
        _mm256_storeu_ps(destination + i + 8, _mm256_cvtph_ps(h1));
        _mm256_storeu_ps(destination + i + 16, _mm256_cvtph_ps(h2));
        _mm256_storeu_ps(destination + i + 24, _mm256_cvtph_ps(h3));
    }
    for (; i + 8 <= count; i += 8) {
        __m128i h = _mm_loadu_si128((const __m128i *)(bytes + 2 * i));
        _mm256_storeu_ps(destination + i, _mm256_cvtph_ps(h));
    }
    if (i < count) {
        // The tail through an eight-value buffer, so that no read goes past the source.
        uint16_t tail[8] = {0};
        memcpy(tail, bytes + 2 * i, 2 * (count - i));
        float widened[8];
        _mm256_storeu_ps(widened, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)tail)));
        memcpy(destination + i, widened, sizeof(float) * (count - i));
    }
}
#else
int engine_cpu_has_f16c(void) { return 0; }
void engine_widen_f16_f16c(const void *source, float *destination, size_t count) {
    (void)source; (void)destination; (void)count;
}
#endif
