// libsixel's encoder API; SIXEL_FAILED is a function-like macro Swift cannot import.
#pragma once
#include <sixel.h>
static inline int csixel_failed(SIXELSTATUS status) { return SIXEL_FAILED(status) ? 1 : 0; }
