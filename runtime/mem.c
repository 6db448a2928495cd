/*
 * mem.c - allocation for the report path (see mem.h).
 *
 * The arena is one anonymous mapping, reserved on first use in a handler
 * (mmap is a plain system call: no lock, no allocator state) and handed
 * out with an atomic bump. Each block starts with its size, so that
 * realloc can copy; a block of the C library's (allocated before the
 * signal) is copied using malloc_usable_size, which only reads the
 * block's header, and is never freed.
 */
#define _GNU_SOURCE
#include "mem.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

_Thread_local int scope__mem_arena;

static char *arena;
static size_t arena_size;
static size_t arena_used;

/* Every block: a 16-byte header holding its size, then the data. */
enum { HEADER = 16 };

static int in_arena(const void *p)
{
    return arena && (const char *)p >= arena && (const char *)p < arena + arena_size;
}

static void *arena_alloc(size_t size)
{
    size_t need = (size + HEADER + 15) & ~(size_t)15, at;
    char *p;
    if (!arena) {
        /* Reserve generously; pages are only committed when touched. A
         * system that refuses (strict overcommit) gets a smaller try. */
        static const size_t sizes[] = { (size_t)1 << 30, (size_t)1 << 27, (size_t)1 << 24 };
        unsigned i;
        for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            void *m = mmap(NULL, sizes[i], PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
            if (m != MAP_FAILED) {
                arena_size = sizes[i];
                __atomic_store_n(&arena, (char *)m, __ATOMIC_RELEASE);
                break;
            }
        }
        if (!arena)
            return NULL;
    }
    at = __atomic_fetch_add(&arena_used, need, __ATOMIC_RELAXED);
    if (at + need > arena_size || need < size)
        return NULL;
    p = arena + at;
    memcpy(p, &size, sizeof size);
    return p + HEADER;
}

void *scope__malloc(size_t size)
{
    return scope__mem_arena ? arena_alloc(size) : malloc(size);
}

void *scope__calloc(size_t n, size_t size)
{
    void *p;
    if (!scope__mem_arena)
        return calloc(n, size);
    if (size && n > (size_t)-1 / size)
        return NULL;
    p = arena_alloc(n * size);   /* fresh mapping: already zero */
    return p;
}

void *scope__realloc(void *p, size_t size)
{
    size_t old;
    void *q;
    if (!scope__mem_arena && !in_arena(p))
        return realloc(p, size);
    if (!scope__mem_arena)
        return NULL; /* not reached: arena blocks live only in a handler */
    if (!p)
        return arena_alloc(size);
    if (in_arena(p))
        memcpy(&old, (char *)p - HEADER, sizeof old);
    else
        old = malloc_usable_size(p);
    q = arena_alloc(size);
    if (q)
        memcpy(q, p, old < size ? old : size);
    return q;
}

void scope__free(void *p)
{
    if (!p || in_arena(p) || scope__mem_arena)
        return;
    free(p);
}

char *scope__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = scope__malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}
