#ifndef RETENTION_CMALLOC_SHIM_H
#define RETENTION_CMALLOC_SHIM_H
/* glibc's malloc tuning (mallopt, M_ARENA_MAX), which Swift's Glibc module does not export. */
#include <malloc.h>
#endif
