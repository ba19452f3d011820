// OpenBLAS's worker threads spin (sched_yield) for 2^28 cycles after each call before they sleep. The engine
// alternates BLAS calls with its own parallel loops on the same cores, so on a 2-core machine the spinning
// worker took a core's share from those loops: a fifth of the CPU time went to the scheduler (perf: __schedule,
// do_sched_yield) and system time was 15 s in a 45 s run. OpenBLAS reads OPENBLAS_THREAD_TIMEOUT only when it
// starts its thread pool (in its load-time constructor, before main), so the variable is set here and the pool
// restarted; the entry points are looked up at run time because they are not part of the CBLAS interface.
#define _GNU_SOURCE
#include "CEngineCPU.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int engine_openblas_set_thread_timeout(int log2Cycles) {
    void (*readEnvironment)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "openblas_read_env");
    int (*shutdownThreads)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    int (*timeout)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "openblas_thread_timeout");
    if (!readEnvironment || !shutdownThreads || !timeout) return -1;
    if (getenv("OPENBLAS_THREAD_TIMEOUT") == NULL) {
        char value[16];
        snprintf(value, sizeof value, "%d", log2Cycles);
        setenv("OPENBLAS_THREAD_TIMEOUT", value, 0);
        readEnvironment();
        // The pool restarts with the new timeout at the next BLAS call.
        shutdownThreads();
    }
    return timeout();
}
