// The engine's C helpers for this CPU: the instruction-set check of an x86-64-v3 build, F16C widening of
// half-precision weights, and OpenBLAS's idle-thread policy. Compiled for baseline x86-64, so that every
// function here runs on any CPU; the F16C code is reached only after a runtime check.
#pragma once
#include <stddef.h>
#include <stdint.h>

/// Nonzero when this CPU (and its OS) runs the F16C conversion instructions.
int engine_cpu_has_f16c(void);

/// Widens `count` IEEE half values (any alignment) to float32 with vcvtph2ps; exact for every number
/// (signalling NaNs come out quiet).
/// Call only where engine_cpu_has_f16c() is nonzero.
void engine_widen_f16_f16c(const void *source, float *destination, size_t count);

/// Makes OpenBLAS's idle worker threads sleep after about 2^log2Cycles cycles of spinning instead of
/// OpenBLAS's default 2^28 (a tenth of a second), by setting OPENBLAS_THREAD_TIMEOUT and restarting its
/// thread pool, unless the user set that variable. Call before any BLAS call runs on another thread.
/// Returns the exponent in effect afterwards, or -1 when this OpenBLAS lacks the entry points (nothing changed).
/// Works with OpenBLAS linked statically too (weak references, not dlsym).
int engine_openblas_set_thread_timeout(int log2Cycles);
