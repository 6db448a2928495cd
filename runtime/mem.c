/*
 * mem.c - the runtime's own memory (see mem.h).
 *
 * Nothing of the runtime's lives on the program's heap. A program that
 * reads memory it never initialised (a compressor's work area, say) sees
 * whatever earlier allocations left there; allocations of the runtime's,
 * interleaved with the program's, would change which blocks the program
 * gets and so what it reads, and with it the program's output. So every
 * block comes from anonymous mappings of the runtime's own: blocks of
 * power-of-two classes carved from 1 MiB chunks and kept on per-class free
 * lists, larger ones mapped alone. One spin lock guards the lists (the
 * runtime allocates on first entries and at report time, never on the line
 * probe's path); fork holds it across (scope__mem_fork_*), so the child
 * never inherits it taken.
 *
 * Inside a signal handler (scope__mem_arena set on that thread) the lock
 * may be held by the code the signal interrupted: blocks then come from a
 * separate arena, one mapping handed out with an atomic bump and never
 * freed (the process dies right after the report).
 *
 * Every block starts with a 16-byte header: its usable size, then its
 * class (or LARGE, or ARENA).
 */
#define _GNU_SOURCE
#include "mem.h"

#include <sched.h>
#include <string.h>
#include <sys/mman.h>

_Thread_local int scope__mem_arena;

enum { HEADER = 16, MIN_SHIFT = 4, CLASSES = 17 }; /* 16 B .. 1 MiB */
#define CHUNK ((size_t)1 << 20)
#define LARGE 0xfffeu
#define ARENA 0xffffu

typedef struct head {
    size_t size;       /* usable bytes after the header */
    unsigned kind;     /* class index, LARGE or ARENA */
    unsigned pad;
} head;

typedef struct free_blk {
    struct free_blk *next;
} free_blk;

static free_blk *lists[CLASSES];
static char *chunk, *chunk_end;        /* the chunk being carved */
static int lock_flag;

static void lock(void)
{
    while (__atomic_test_and_set(&lock_flag, __ATOMIC_ACQUIRE))
        sched_yield();
}

static void unlock(void)
{
    __atomic_clear(&lock_flag, __ATOMIC_RELEASE);
}

void scope__mem_fork_prepare(void)
{
    lock();
}

void scope__mem_fork_parent(void)
{
    unlock();
}

void scope__mem_fork_child(void)
{
    unlock();
}

static void *map(size_t n)
{
    void *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return m == MAP_FAILED ? NULL : m;
}

/* ---- the signal handler's arena ------------------------------------- */

static char *arena;
static size_t arena_size;
static size_t arena_used;

static void *arena_alloc(size_t size)
{
    size_t need = (size + HEADER + 15) & ~(size_t)15, at;
    head *h;
    if (need < size)
        return NULL;
    if (!__atomic_load_n(&arena, __ATOMIC_ACQUIRE)) {
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
    if (at + need > arena_size)
        return NULL;
    h = (head *)(arena + at);
    h->size = need - HEADER;
    h->kind = ARENA;
    return (char *)h + HEADER;
}

/* ---- the general allocator -------------------------------------------- */

static unsigned class_of(size_t size)
{
    unsigned k = 0;
    while (k < CLASSES && ((size_t)1 << (k + MIN_SHIFT)) - HEADER < size)
        k++;
    return k;
}

static void *block_alloc(size_t size)
{
    unsigned k;
    head *h;
    if (size > (size_t)-1 - CHUNK)
        return NULL;
    k = class_of(size);
    if (k >= CLASSES) {
        size_t n = (size + HEADER + 4095) & ~(size_t)4095;
        h = map(n);
        if (!h)
            return NULL;
        h->size = n - HEADER;
        h->kind = LARGE;
        return (char *)h + HEADER;
    }
    size_t bytes = (size_t)1 << (k + MIN_SHIFT);
    lock();
    if (lists[k]) {
        free_blk *b = lists[k];
        lists[k] = b->next;
        unlock();
        return b;
    }
    if (!chunk || (size_t)(chunk_end - chunk) < bytes) {
        /* What is left of the chunk goes to the lists of the classes that
         * fit, so that nothing is lost. */
        while (chunk && (size_t)(chunk_end - chunk) >= ((size_t)1 << MIN_SHIFT)) {
            unsigned j = CLASSES;
            while (j > 0 && (size_t)(chunk_end - chunk) < ((size_t)1 << (j - 1 + MIN_SHIFT)))
                j--;
            j--;
            head *r = (head *)chunk;
            r->size = ((size_t)1 << (j + MIN_SHIFT)) - HEADER;
            r->kind = j;
            free_blk *b = (free_blk *)((char *)r + HEADER);
            b->next = lists[j];
            lists[j] = b;
            chunk += (size_t)1 << (j + MIN_SHIFT);
        }
        chunk = map(CHUNK);
        if (!chunk) {
            chunk_end = NULL;
            unlock();
            return NULL;
        }
        chunk_end = chunk + CHUNK;
    }
    h = (head *)chunk;
    chunk += bytes;
    unlock();
    h->size = bytes - HEADER;
    h->kind = k;
    return (char *)h + HEADER;
}

static void block_free(void *p)
{
    head *h = (head *)((char *)p - HEADER);
    if (h->kind == ARENA)
        return;
    if (h->kind == LARGE) {
        munmap(h, h->size + HEADER);
        return;
    }
    free_blk *b = p;
    lock();
    b->next = lists[h->kind];
    lists[h->kind] = b;
    unlock();
}

void *scope__malloc(size_t size)
{
    return scope__mem_arena ? arena_alloc(size) : block_alloc(size);
}

void *scope__calloc(size_t n, size_t size)
{
    void *p;
    if (size && n > (size_t)-1 / size)
        return NULL;
    p = scope__malloc(n * size);
    /* A block from a free list holds what its last owner left. */
    if (p && !scope__mem_arena)
        memset(p, 0, n * size);
    return p;
}

void *scope__realloc(void *p, size_t size)
{
    head *h;
    void *q;
    if (!p)
        return scope__malloc(size);
    h = (head *)((char *)p - HEADER);
    if (size <= h->size && h->kind != ARENA)
        return p;
    q = scope__malloc(size);
    if (!q)
        return NULL;
    memcpy(q, p, h->size < size ? h->size : size);
    if (!scope__mem_arena)
        block_free(p);
    return q;
}

void scope__free(void *p)
{
    if (!p || scope__mem_arena)
        return;
    block_free(p);
}

char *scope__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = scope__malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}
