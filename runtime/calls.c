/*
 * calls.c - the call-edge tables of calls.h.
 */
#include <stdlib.h>
#include <string.h>

/* uthash would exit the process when its bucket array cannot grow; the
 * runtime never ends the program it measures, so a failed add is a
 * missing edge instead. */
#define HASH_NONFATAL_OOM 1
static _Thread_local int add_failed;
#define uthash_nonfatal_oom(e) ((void)(e), add_failed = 1)

#include "calls.h"

scope__edge *scope__edge_find(scope__edge *head, unsigned caller, unsigned row, unsigned callee)
{
    scope__edge key, *e;
    memset(&key, 0, sizeof key);
    key.caller = caller;
    key.row = row;
    key.callee = callee;
    HASH_FIND(hh, head, &key.caller, SCOPE__EDGE_KEYLEN, e);
    return e;
}

scope__edge *scope__edge_get(scope__edge **head, unsigned caller, unsigned row, unsigned callee)
{
    scope__edge *e = scope__edge_find(*head, caller, row, callee);
    if (e)
        return e;
    e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->caller = caller;
    e->row = row;
    e->callee = callee;
    add_failed = 0;
    HASH_ADD(hh, *head, caller, SCOPE__EDGE_KEYLEN, e);
    if (add_failed) {
        free(e);
        return NULL;
    }
    return e;
}

int scope__edges_merge(scope__edge **into, const scope__edge *from)
{
    const scope__edge *e;
    int rc = 0;
    for (e = from; e; e = e->hh.next) {
        scope__edge *d;
        if (e->count == 0)
            continue;
        d = scope__edge_get(into, e->caller, e->row, e->callee);
        if (!d) {
            rc = -1;
            continue;
        }
        d->count += e->count;
        d->ticks += e->ticks;
    }
    return rc;
}

void scope__edges_reset(scope__edge *head)
{
    scope__edge *e;
    for (e = head; e; e = e->hh.next)
        e->count = e->ticks = 0;
}

void scope__edges_free(scope__edge **head)
{
    scope__edge *e, *tmp;
    HASH_ITER(hh, *head, e, tmp) {
        HASH_DEL(*head, e);
        free(e);
    }
}
