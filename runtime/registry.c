/*
 * registry.c - regions by name (uthash) in first-entry order, function
 * descriptors by index, and the report's one-line notes.
 */
#define _GNU_SOURCE
#include "registry.h"
#include "signals.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "mem.h"

pthread_mutex_t scope__lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct region_entry {
    char *name;            /* owned copy of the region name */
    int index;             /* position in first-entry order */
    UT_hash_handle hh;
} region_entry;

typedef struct func_entry {
    const scope_func_desc *desc;
    int region;            /* region index */
} func_entry;

static region_entry *by_name;        /* hash: name -> entry */
static region_entry **regions;       /* index -> entry */
static unsigned nregions, cap_regions;
static func_entry *funcs;
static unsigned nfuncs, cap_funcs;

static char **notes;
static unsigned nnotes, cap_notes;

/* Grow a dynamic array to hold at least `need` items; 0 or -1. */
static int grow(void **items, unsigned *cap, unsigned need, size_t size)
{
    unsigned ncap;
    void *p;
    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    p = scope__realloc(*items, (size_t)ncap * size);
    if (!p)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

static int region_locked(const char *name)
{
    region_entry *e;
    size_t len = strlen(name);
    HASH_FIND(hh, by_name, name, len, e);
    if (e)
        return e->index;
    if (grow((void **)&regions, &cap_regions, nregions + 1, sizeof *regions) != 0)
        return -1;
    e = scope__calloc(1, sizeof *e);
    if (!e)
        return -1;
    e->name = scope__strdup(name);
    if (!e->name) {
        scope__free(e);
        return -1;
    }
    e->index = (int)nregions;
    regions[nregions++] = e;
    HASH_ADD_KEYPTR(hh, by_name, e->name, len, e);
    return e->index;
}

static int region_id_slow(scope_region_site *site);

int scope__region_id(scope_region_site *site)
{
    int id = __atomic_load_n(&site->id, __ATOMIC_ACQUIRE);
    sigset_t old;
    if (id > 0)
        return id - 1;
    /* Signals wait (signals.h: scope__sigs_block). */
    scope__sigs_block(&old);
    id = region_id_slow(site);
    scope__sigs_restore(&old);
    return id;
}

static int region_id_slow(scope_region_site *site)
{
    int id;
    pthread_mutex_lock(&scope__lock);
    id = site->id;
    if (id <= 0) {
        int index = region_locked(site->name ? site->name : "");
        if (index < 0) {
            scope__note_locked("out of memory registering region \"%s\"",
                               site->name ? site->name : "");
            pthread_mutex_unlock(&scope__lock);
            return -1;
        }
        id = index + 1;
        __atomic_store_n(&site->id, id, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&scope__lock);
    return id - 1;
}

static int func_id_slow(scope_func_desc *desc);

int scope__func_id(scope_func_desc *desc)
{
    int id = __atomic_load_n(&desc->id, __ATOMIC_ACQUIRE);
    sigset_t old;
    if (id > 0)
        return id - 1;
    /* Signals wait (signals.h: scope__sigs_block). */
    scope__sigs_block(&old);
    id = func_id_slow(desc);
    scope__sigs_restore(&old);
    return id;
}

static int func_id_slow(scope_func_desc *desc)
{
    int id, region;
    pthread_mutex_lock(&scope__lock);
    id = desc->id;
    if (id > 0) {
        pthread_mutex_unlock(&scope__lock);
        return id - 1;
    }
    if (desc->abi != SCOPE_PROFILER_ABI) {
        scope__note_locked("%s: function %s: descriptor of ABI version %d, runtime "
                           "expects %d; not profiled (rebuild with this header)",
                           desc->file ? desc->file : "?",
                           desc->function ? desc->function : "?", desc->abi,
                           SCOPE_PROFILER_ABI);
        pthread_mutex_unlock(&scope__lock);
        return -1;
    }
    region = region_locked(desc->region.name ? desc->region.name : "");
    if (region < 0 || grow((void **)&funcs, &cap_funcs, nfuncs + 1, sizeof *funcs) != 0) {
        scope__note_locked("out of memory registering function %s",
                           desc->function ? desc->function : "?");
        pthread_mutex_unlock(&scope__lock);
        return -1;
    }
    if (desc->region.id <= 0)
        __atomic_store_n(&desc->region.id, region + 1, __ATOMIC_RELEASE);
    funcs[nfuncs].desc = desc;
    funcs[nfuncs].region = region;
    id = (int)++nfuncs;
    __atomic_store_n(&desc->id, id, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&scope__lock);
    return id - 1;
}

unsigned scope__region_count(void) { return nregions; }
const char *scope__region_name(unsigned index) { return regions[index]->name; }
unsigned scope__func_count(void) { return nfuncs; }
const scope_func_desc *scope__func_desc(unsigned index) { return funcs[index].desc; }
int scope__func_region(unsigned index) { return funcs[index].region; }

int scope__region_lookup(const char *name)
{
    region_entry *e;
    HASH_FIND(hh, by_name, name, strlen(name), e);
    return e ? e->index : -1;
}

static void note_v(const char *fmt, va_list ap)
{
    char text[512];
    unsigned i;
    vsnprintf(text, sizeof text, fmt, ap);
    for (i = 0; i < nnotes; i++)
        if (strcmp(notes[i], text) == 0)
            return;
    /* A bounded list: a program that keeps failing must not grow it. */
    if (nnotes >= 64)
        return;
    if (grow((void **)&notes, &cap_notes, nnotes + 1, sizeof *notes) != 0)
        return;
    notes[nnotes] = scope__strdup(text);
    if (notes[nnotes])
        nnotes++;
}

void scope__note_locked(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    note_v(fmt, ap);
    va_end(ap);
}

void scope__note(const char *fmt, ...)
{
    va_list ap;
    pthread_mutex_lock(&scope__lock);
    va_start(ap, fmt);
    note_v(fmt, ap);
    va_end(ap);
    pthread_mutex_unlock(&scope__lock);
}

unsigned scope__note_count(void) { return nnotes; }
const char *scope__note_text(unsigned index) { return notes[index]; }

void scope__notes_clear(void)
{
    unsigned i;
    for (i = 0; i < nnotes; i++)
        scope__free(notes[i]);
    nnotes = 0;
}
