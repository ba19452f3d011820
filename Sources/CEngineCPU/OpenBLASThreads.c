// OpenBLAS's worker threads spin (sched_yield) for 2^28 cycles after each call before they sleep. The engine
// alternates BLAS calls with its own parallel loops on the same cores, so on a 2-core machine the spinning
// worker took a core's share from those loops: a fifth of the CPU time went to the scheduler (perf: __schedule,
// do_sched_yield) and system time was 15 s in a 45 s run. OpenBLAS reads OPENBLAS_THREAD_TIMEOUT only when it
// starts its thread pool (in its load-time constructor, before main), so the variable is set here and the pool
// restarted. The entry points are not part of the CBLAS interface, so they are weak references: resolved
// against libopenblas.so at load, or against libopenblas.a's objects in the statically linked studio-engine
// (which the GEMMs pull in anyway; dlsym found nothing there, the executable exporting no symbols), and
// null with a BLAS that lacks them.
#include "CEngineCPU.h"
#include <stdio.h>
#include <stdlib.h>

extern void openblas_read_env(void) __attribute__((weak));
extern int blas_thread_shutdown_(void) __attribute__((weak));
extern int openblas_thread_timeout(void) __attribute__((weak));

int engine_openblas_set_thread_timeout(int log2Cycles) {
    if (!openblas_read_env || !blas_thread_shutdown_ || !openblas_thread_timeout) return -1;
    if (getenv("OPENBLAS_THREAD_TIMEOUT") == NULL) {
        char value[16];
        snprintf(value, sizeof value, "%d", log2Cycles);
        setenv("OPENBLAS_THREAD_TIMEOUT", value, 0);
        openblas_read_env();
        // The pool restarts with the new timeout at the next BLAS call.
        blas_thread_shutdown_();
    }
    return openblas_thread_timeout();
}
