/*
 * alloc.h - included first in every runtime source (the build's -include):
 * the C library's allocation functions become the runtime's own (mem.h),
 * so that no module, nor uthash inside them, touches the program's heap by
 * mistake. mem.c, which implements them, is compiled without it.
 *
 * It includes no system header, so that a source's own _GNU_SOURCE still
 * comes before the first one; the macros are function-like, so they also
 * rename the C library's declarations into declarations of these.
 */
#ifndef SCOPE_ALLOC_H
#define SCOPE_ALLOC_H

void *scope__malloc(__SIZE_TYPE__ size);
void *scope__calloc(__SIZE_TYPE__ n, __SIZE_TYPE__ size);
void *scope__realloc(void *p, __SIZE_TYPE__ size);
void scope__free(void *p);
char *scope__strdup(const char *s);

#define malloc(n) scope__malloc(n)
#define calloc(n, s) scope__calloc(n, s)
#define realloc(p, n) scope__realloc(p, n)
#define free(p) scope__free(p)
#define strdup(s) scope__strdup(s)

#endif
