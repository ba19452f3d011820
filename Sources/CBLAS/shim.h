// OpenBLAS's CBLAS interface plus its thread and configuration queries.
#pragma once
#include <cblas.h>
