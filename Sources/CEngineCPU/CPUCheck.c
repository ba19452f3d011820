// Refuses to start an x86-64-v3 build on a CPU without those instructions, with one line instead of SIGILL.
// The Engine target is compiled with -target-cpu haswell unless the build was made portable (Package.swift
// defines ENGINE_REQUIRES_X86_64_V3 then); this constructor runs before main in every program that links
// the engine, before any of its code can execute an AVX2, FMA or F16C instruction.
#include <stdio.h>
#include <unistd.h>

#if defined(ENGINE_REQUIRES_X86_64_V3) && defined(__x86_64__)
__attribute__((constructor)) static void engine_require_x86_64_v3(void) {
    __builtin_cpu_init();
    // x86-64-v3: AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT, MOVBE, XSAVE with the OS saving the AVX state;
    // v2 adds POPCNT and SSE4.2. Haswell (the target CPU) generates no other instructions without intrinsics.
    if (__builtin_cpu_supports("x86-64-v3") && __builtin_cpu_supports("x86-64-v2")) return;
    static const char message[] =
        "studio: this build of the engine needs an x86-64-v3 CPU (AVX2, FMA, F16C) and this one lacks it; "
        "rebuild it portable: make build PORTABLE=1 (or STUDIO_PORTABLE=1 swift build -c release)\n";
    (void)!write(2, message, sizeof message - 1);
    _exit(78);  // EX_CONFIG
}
#endif
