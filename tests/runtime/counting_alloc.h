/*
 * counting_alloc.h - for test programs that check who allocates: the
 * program defines malloc, calloc, realloc and free itself (forwarding to
 * glibc's), so every allocation of the process passes through them, and
 * counts the calls made while `counting_alloc_on` is set. Included by one
 * source file of the program, which then owns the definitions.
 */
#ifndef COUNTING_ALLOC_H
#define COUNTING_ALLOC_H

#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static int counting_alloc_on;
static unsigned long counting_alloc_calls;

static void counting_alloc_count(void)
{
    if (__atomic_load_n(&counting_alloc_on, __ATOMIC_RELAXED))
        __atomic_fetch_add(&counting_alloc_calls, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size)
{
    counting_alloc_count();
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    counting_alloc_count();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    counting_alloc_count();
    return __libc_realloc(p, size);
}

void free(void *p)
{
    if (p)
        counting_alloc_count();
    __libc_free(p);
}

#endif
