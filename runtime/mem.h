/*
 * mem.h - the runtime's own memory, never the program's heap.
 *
 * Every runtime module allocates through these functions (alloc.h, which
 * the build includes first in every runtime source, maps malloc, calloc,
 * realloc, free and strdup onto them). Blocks come from anonymous mappings
 * of the runtime's own, so the program's heap holds exactly what the
 * program put there, in the same order as without the profiler: a program
 * that reads memory it never initialised reads the same bytes profiled.
 *
 * A report written from a SIGTERM/SIGINT/SIGABRT handler must not take the
 * allocator's lock (the signal may have interrupted the program inside it),
 * so on the thread that runs the handler blocks come from a private arena
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

/* Around fork (api.c's atfork handlers): the allocator's lock is held
 * across, so that the child never starts with it taken. */
void scope__mem_fork_prepare(void);
void scope__mem_fork_parent(void);
void scope__mem_fork_child(void);

#endif
