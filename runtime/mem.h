/*
 * mem.h - the report path's memory: the C library's allocator normally, a
 * private arena inside a signal handler.
 *
 * A report written from a SIGTERM/SIGINT/SIGABRT handler must not call
 * malloc: the signal may have interrupted the program inside malloc, with
 * the allocator's lock held, or abort() may have been called because the
 * heap is corrupt. So the modules that build a report (thread merge,
 * snapshot, buffers, notes) allocate through these functions, which, on
 * the thread that runs the handler, take memory from an anonymous mapping
 * instead (bump allocation, nothing freed: the process dies right after).
 */
#ifndef SCOPE_MEM_H
#define SCOPE_MEM_H

#include <stddef.h>

/* Set (on the handler's thread only) while a signal-time report is built. */
extern _Thread_local int scope__mem_arena;

void *scope__malloc(size_t size);
void *scope__calloc(size_t n, size_t size);
void *scope__realloc(void *p, size_t size);
void scope__free(void *p);
char *scope__strdup(const char *s);

#endif
