/*
 * mpi_merge.c - libscope_profiler_mpi: at MPI_Finalize every rank writes its
 * own data file, then the ranks combine their figures with MPI collectives
 * and rank 0 writes one merged report (docs/mpi.md).
 *
 * Why it is built this way:
 * - MPI_Finalize is intercepted through the standard profiling interface
 *   (PMPI): the program needs no call of its own, and the core runtime
 *   never depends on MPI (the rank for file names comes from the
 *   launcher's environment, rank.h).
 * - The per-rank file is written first, so a merge that cannot finish
 *   loses nothing.
 * - Figures are combined with reductions (sums, minima, maxima, MAXLOC
 *   for the rank of a maximum), never by gathering profiles: the messages
 *   grow with the number of profiled regions and lines, not with ranks
 *   times lines. Ranks agree on their keys (region names, functions)
 *   with one reduction of a digest; only when the digests differ are the
 *   keys' 16-byte hashes gathered (Allgatherv), and names rank 0 lacks
 *   are sent to it by the lowest rank that has them.
 * - A rank that never reaches MPI_Finalize must not hang the others:
 *   every wait is a non-blocking operation tested against a deadline
 *   (SCOPE_PROFILER_MPI_TIMEOUT seconds). Ranks first report their
 *   arrival to rank 0, which tells the arrived ranks who is missing; they
 *   form a communicator of their own (MPI_Comm_create_group, collective
 *   over its members only) and merge there.
 */
#define _GNU_SOURCE
#include <mpi.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../api.h"
#include "../clock.h"
#include "../config.h"
#include "../output.h"
#include "../rank.h"
#include "../registry.h"
#include "../snapshot.h"
#include "scope_profiler_mpi.h"

/* Tags of the merge's point-to-point messages (MPI_COMM_WORLD). */
enum { TAG_ARRIVE = 31001, TAG_GO = 31002, TAG_GROUP = 31003, TAG_TEXT = 31004 };

/* One key: a region (info 0) or a function (info 1<<32 | rows). */
typedef struct key {
    unsigned long long hash;
    unsigned long long info;
} key;

#define FUNC_BIT (1ull << 32)

static unsigned long long fnv(unsigned long long h, const void *data, size_t n)
{
    const unsigned char *p = data;
    while (n--) {
        h ^= *p++;
        h *= 1099511628211ull;
    }
    return h;
}

static unsigned long long fnv_str(unsigned long long h, const char *s)
{
    return fnv(h, s ? s : "", strlen(s ? s : "") + 1);
}

static key region_key(const scope__rep_region *r)
{
    key k;
    k.hash = fnv_str(fnv(14695981039346656037ull, "R", 1), r->name);
    k.info = 0;
    return k;
}

static key func_key(const scope__rep_func *f)
{
    key k;
    unsigned long long h = fnv(14695981039346656037ull, "F", 1);
    unsigned v[2];
    v[0] = f->first_line;
    v[1] = f->nlines;
    h = fnv_str(h, f->file);
    h = fnv_str(h, f->function);
    h = fnv_str(h, f->region);
    k.hash = fnv(h, v, sizeof v);
    k.info = FUNC_BIT | f->nlines;
    return k;
}

static int key_cmp(const void *a, const void *b)
{
    const key *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    if (x->info != y->info)
        return x->info < y->info ? -1 : 1;
    return 0;
}

/* Sort and drop duplicates; returns the new count. */
static int key_unique(key *k, int n)
{
    int i, m = 0;
    qsort(k, (size_t)n, sizeof *k, key_cmp);
    for (i = 0; i < n; i++)
        if (m == 0 || key_cmp(&k[m - 1], &k[i]) != 0)
            k[m++] = k[i];
    return m;
}

double scope_mpi_timeout(void)
{
    const char *s = getenv("SCOPE_PROFILER_MPI_TIMEOUT");
    char *end;
    double v;
    if (!s || !*s)
        return 30.0;
    v = strtod(s, &end);
    if (*end || !(v > 0) || v > 1e6)
        return 30.0;
    return v;
}

/* Test `n` requests until all complete (0) or the deadline passes (-1),
 * letting other processes on an oversubscribed node run between tests. */
static int wait_until(int n, MPI_Request *rq, double deadline)
{
    struct timespec ts = { 0, 100000 };
    for (;;) {
        int done = 0;
        PMPI_Testall(n, rq, &done, MPI_STATUSES_IGNORE);
        if (done)
            return 0;
        if (PMPI_Wtime() > deadline)
            return -1;
        nanosleep(&ts, NULL);
    }
}

/* The state of one merge. */
typedef struct merge {
    MPI_Comm comm;
    int world_rank, world_size;
    int rank, size;               /* in comm */
    int *missing;                 /* world ranks that never arrived */
    int *world_of;                /* per rank of comm: its world rank */
    int nmissing;
    scope__report *rep;           /* this rank's figures */
    key *keys;                    /* the union, sorted */
    int nkeys;
    int *local;                   /* per key: local region/func index, -1 */
    int *slot;                    /* per key: region index or row offset */
    int nregions, nrows;
    int same_keys;                /* every rank holds the same keys */
    int recorded;                 /* this rank recorded anything */
    int any_recorded;             /* some rank did: a merged report */
    double deadline;
    /* What the merge cost (rank 0's view, written to the merged JSON). */
    double t_start, t_arrived, t_done;  /* PMPI_Wtime, seconds */
    int collectives;              /* collective operations started */
    long long key_bytes;          /* bytes of keys each rank received */
    long long reduce_bytes;       /* bytes each rank put into reductions */
    char note[256];               /* why the merge stopped, if it did */
} merge;

/* Arrival at rank 0 and the answer naming the missing ranks. 0, or -1
 * when this rank gives up (the note says why). */
static int gather_arrivals(merge *m, double timeout)
{
    int P = m->world_size, r, i;
    if (P == 1) {
        m->comm = MPI_COMM_WORLD;
        return 0;
    }
    m->missing = malloc(sizeof(int) * (size_t)(P + 1));
    if (!m->missing) {
        snprintf(m->note, sizeof m->note, "out of memory");
        return -1;
    }
    if (m->world_rank == 0) {
        MPI_Request *rq = malloc(sizeof *rq * (size_t)P);
        int *flag = calloc((size_t)P, sizeof(int));
        int *dummy = calloc((size_t)P, sizeof(int));
        int *go;
        if (!rq || !flag || !dummy) {
            free(rq), free(flag), free(dummy);
            snprintf(m->note, sizeof m->note, "out of memory");
            return -1;
        }
        for (r = 1; r < P; r++)
            PMPI_Irecv(&dummy[r], 1, MPI_INT, r, TAG_ARRIVE, MPI_COMM_WORLD, &rq[r]);
        (void)wait_until(P - 1, rq + 1, m->deadline);
        for (r = 1; r < P; r++) {
            PMPI_Test(&rq[r], &flag[r], MPI_STATUS_IGNORE);
            if (!flag[r]) {
                PMPI_Cancel(&rq[r]);
                PMPI_Wait(&rq[r], MPI_STATUS_IGNORE);
                m->missing[m->nmissing++] = r;
            }
        }
        /* The answer: the count of missing ranks, then their numbers. */
        go = malloc(sizeof(int) * (size_t)(m->nmissing + 1));
        if (!go) {
            free(rq), free(flag), free(dummy);
            snprintf(m->note, sizeof m->note, "out of memory");
            return -1;
        }
        go[0] = m->nmissing;
        memcpy(go + 1, m->missing, sizeof(int) * (size_t)m->nmissing);
        i = 0;
        for (r = 1; r < P; r++)
            if (flag[r])
                PMPI_Isend(go, m->nmissing + 1, MPI_INT, r, TAG_GO, MPI_COMM_WORLD, &rq[i++]);
        /* Arrived ranks are waiting for it: the sends complete. */
        (void)wait_until(i, rq, m->deadline + timeout);
        free(go), free(rq), free(flag), free(dummy);
    } else {
        MPI_Request rq[2];
        int one = 1, *go = m->missing, n = 0;
        PMPI_Isend(&one, 1, MPI_INT, 0, TAG_ARRIVE, MPI_COMM_WORLD, &rq[0]);
        PMPI_Irecv(go, P + 1, MPI_INT, 0, TAG_GO, MPI_COMM_WORLD, &rq[1]);
        /* Rank 0 may arrive up to a timeout later and then wait one more. */
        if (wait_until(2, rq, m->deadline + timeout + 1.0) != 0) {
            int done = 0;
            PMPI_Test(&rq[1], &done, MPI_STATUS_IGNORE);
            if (!done) {
                PMPI_Cancel(&rq[1]);
                PMPI_Wait(&rq[1], MPI_STATUS_IGNORE);
            }
            PMPI_Test(&rq[0], &done, MPI_STATUS_IGNORE);
            if (!done)
                PMPI_Request_free(&rq[0]);
            snprintf(m->note, sizeof m->note, "rank 0 did not answer within %g s", timeout);
            return -1;
        }
        n = go[0];
        memmove(go, go + 1, sizeof(int) * (size_t)n);
        m->nmissing = n;
    }
    if (m->nmissing == 0) {
        m->comm = MPI_COMM_WORLD;
        return 0;
    }
    {
        MPI_Group world, alive;
        PMPI_Comm_group(MPI_COMM_WORLD, &world);
        PMPI_Group_excl(world, m->nmissing, m->missing, &alive);
        PMPI_Comm_create_group(MPI_COMM_WORLD, alive, TAG_GROUP, &m->comm);
        m->collectives++;
        PMPI_Group_free(&alive);
        PMPI_Group_free(&world);
    }
    return 0;
}

/* Agree on the union of keys. 0, or -1 (note set). */
static int align_keys(merge *m)
{
    const scope__report *rep = m->rep;
    int nlocal = (int)(rep->nregions + rep->nfuncs), i;
    key *mine = malloc(sizeof *mine * (size_t)(nlocal ? nlocal : 1));
    unsigned long long dig[3], got[3];
    MPI_Request rq;
    if (!mine)
        return snprintf(m->note, sizeof m->note, "out of memory"), -1;
    for (i = 0; i < (int)rep->nregions; i++)
        mine[i] = region_key(&rep->regions[i]);
    for (i = 0; i < (int)rep->nfuncs; i++)
        mine[rep->nregions + (unsigned)i] = func_key(&rep->funcs[i]);
    nlocal = key_unique(mine, nlocal);
    dig[0] = fnv(14695981039346656037ull, mine, sizeof *mine * (size_t)nlocal);
    dig[1] = ~dig[0];
    dig[2] = (unsigned long long)m->recorded;
    /* Same digest everywhere (max == min): every rank holds these keys.
     * The third figure: did any rank record anything. */
    PMPI_Iallreduce(dig, got, 3, MPI_UINT64_T, MPI_MAX, m->comm, &rq);
    m->collectives++;
    m->key_bytes += (long long)sizeof dig;
    if (wait_until(1, &rq, m->deadline) != 0) {
        free(mine);
        return snprintf(m->note, sizeof m->note, "the key digest did not complete in time"), -1;
    }
    m->any_recorded = got[2] != 0;
    if (got[0] == ~got[1]) {
        m->same_keys = 1;
        m->keys = mine;
        m->nkeys = nlocal;
        return 0;
    }
    {
        int *counts = malloc(sizeof(int) * (size_t)m->size);
        int *displs = malloc(sizeof(int) * (size_t)m->size);
        int total = 0, cnt = nlocal * 2;
        key *all;
        if (!counts || !displs) {
            free(mine), free(counts), free(displs);
            return snprintf(m->note, sizeof m->note, "out of memory"), -1;
        }
        PMPI_Iallgather(&cnt, 1, MPI_INT, counts, 1, MPI_INT, m->comm, &rq);
        m->collectives++;
        if (wait_until(1, &rq, m->deadline) != 0) {
            free(mine), free(counts), free(displs);
            return snprintf(m->note, sizeof m->note, "the key counts did not complete in time"), -1;
        }
        for (i = 0; i < m->size; i++) {
            displs[i] = total;
            total += counts[i];
        }
        all = malloc(sizeof(unsigned long long) * (size_t)(total ? total : 1));
        if (!all) {
            free(mine), free(counts), free(displs);
            return snprintf(m->note, sizeof m->note, "out of memory"), -1;
        }
        PMPI_Iallgatherv(mine, cnt, MPI_UINT64_T, all, counts, displs, MPI_UINT64_T, m->comm,
                         &rq);
        m->collectives++;
        m->key_bytes += (long long)sizeof(int) * m->size + 8LL * total;
        i = wait_until(1, &rq, m->deadline);
        free(mine), free(counts), free(displs);
        if (i != 0) {
            free(all);
            return snprintf(m->note, sizeof m->note, "the keys did not complete in time"), -1;
        }
        m->keys = all;
        m->nkeys = key_unique(all, total / 2);
    }
    return 0;
}

/* Local index of every union key, and each key's place in the arrays. */
static int map_keys(merge *m)
{
    const scope__report *rep = m->rep;
    unsigned i;
    int k;
    m->local = malloc(sizeof(int) * (size_t)(m->nkeys ? m->nkeys : 1));
    m->slot = malloc(sizeof(int) * (size_t)(m->nkeys ? m->nkeys : 1));
    if (!m->local || !m->slot)
        return snprintf(m->note, sizeof m->note, "out of memory"), -1;
    for (k = 0; k < m->nkeys; k++) {
        m->local[k] = -1;
        if (m->keys[k].info & FUNC_BIT) {
            m->slot[k] = m->nrows;
            m->nrows += (int)(m->keys[k].info & 0xffffffffu);
        } else {
            m->slot[k] = m->nregions++;
        }
    }
    for (i = 0; i < rep->nregions; i++) {
        key q = region_key(&rep->regions[i]);
        key *f = bsearch(&q, m->keys, (size_t)m->nkeys, sizeof q, key_cmp);
        if (f && m->local[f - m->keys] < 0)
            m->local[f - m->keys] = (int)i;
    }
    for (i = 0; i < rep->nfuncs; i++) {
        key q = func_key(&rep->funcs[i]);
        key *f = bsearch(&q, m->keys, (size_t)m->nkeys, sizeof q, key_cmp);
        if (f && m->local[f - m->keys] < 0)
            m->local[f - m->keys] = (int)i;
    }
    return 0;
}

/* The reduced figures (valid on rank 0). */
typedef struct figures {
    unsigned long long *usum;     /* calls[R], hits[L], ns[L] */
    unsigned long long *umax;     /* calls[R], ns[L] */
    unsigned long long *umin;     /* calls[R] */
    double *dsum;                 /* total[R], sum of squares[R] */
    double *dmin;                 /* total[R], per-call min[R] */
    double *dmax;                 /* per-call max[R] */
    struct dint { double v; int r; } *loc;  /* total[R], calls[R], ns[L] */
} figures;

static void figures_free(figures *f)
{
    free(f->usum), free(f->umax), free(f->umin);
    free(f->dsum), free(f->dmin), free(f->dmax), free(f->loc);
}

/* Fill one side of the reductions (in) and reduce into out at rank 0. */
static int reduce(merge *m, figures *in, figures *out)
{
    int R = m->nregions, L = m->nrows, k, i;
    size_t nus = (size_t)(R + 2 * L), num = (size_t)(R + L), nloc = (size_t)(2 * R + L);
    MPI_Request rq[7];
    figures *f[2] = { in, out };
    for (i = 0; i < 2; i++) {
        f[i]->usum = calloc(nus + 1, sizeof *f[i]->usum);
        f[i]->umax = calloc(num + 1, sizeof *f[i]->umax);
        f[i]->umin = calloc((size_t)R + 1, sizeof *f[i]->umin);
        f[i]->dsum = calloc(2 * (size_t)R + 1, sizeof *f[i]->dsum);
        f[i]->dmin = calloc(2 * (size_t)R + 1, sizeof *f[i]->dmin);
        f[i]->dmax = calloc((size_t)R + 1, sizeof *f[i]->dmax);
        f[i]->loc = calloc(nloc + 1, sizeof *f[i]->loc);
        if (!f[i]->usum || !f[i]->umax || !f[i]->umin || !f[i]->dsum || !f[i]->dmin ||
            !f[i]->dmax || !f[i]->loc)
            return snprintf(m->note, sizeof m->note, "out of memory"), -1;
    }
    for (k = 0; k < m->nkeys; k++) {
        int s = m->slot[k], l = m->local[k];
        if (!(m->keys[k].info & FUNC_BIT)) {
            const scope__rep_region *g = l >= 0 ? &m->rep->regions[l] : NULL;
            unsigned long long calls = g ? g->calls : 0;
            double total = g ? g->total : 0.0;
            in->usum[s] = in->umax[s] = in->umin[s] = calls;
            in->dsum[s] = total;
            in->dsum[R + s] = g ? (double)calls * (g->std * g->std + g->mean * g->mean) : 0.0;
            in->dmin[s] = total;
            in->dmin[R + s] = calls ? g->min : DBL_MAX;
            in->dmax[s] = calls ? g->max : 0.0;
            in->loc[s].v = total;
            in->loc[R + s].v = (double)calls;
            in->loc[s].r = in->loc[R + s].r = m->rank;
        } else {
            int rows = (int)(m->keys[k].info & 0xffffffffu), j;
            const scope__rep_func *fn = l >= 0 ? &m->rep->funcs[l] : NULL;
            for (j = 0; j < rows; j++) {
                unsigned long long hits = fn ? fn->lines[j].hits : 0;
                unsigned long long ns = fn && hits ? fn->lines[j].ns : 0;
                in->usum[R + s + j] = hits;
                in->usum[R + L + s + j] = ns;
                in->umax[R + s + j] = ns;
                in->loc[2 * R + s + j].v = (double)ns;
                in->loc[2 * R + s + j].r = m->rank;
            }
        }
    }
    PMPI_Ireduce(in->usum, out->usum, (int)nus, MPI_UINT64_T, MPI_SUM, 0, m->comm, &rq[0]);
    PMPI_Ireduce(in->umax, out->umax, (int)num, MPI_UINT64_T, MPI_MAX, 0, m->comm, &rq[1]);
    PMPI_Ireduce(in->umin, out->umin, R, MPI_UINT64_T, MPI_MIN, 0, m->comm, &rq[2]);
    PMPI_Ireduce(in->dsum, out->dsum, 2 * R, MPI_DOUBLE, MPI_SUM, 0, m->comm, &rq[3]);
    PMPI_Ireduce(in->dmin, out->dmin, 2 * R, MPI_DOUBLE, MPI_MIN, 0, m->comm, &rq[4]);
    PMPI_Ireduce(in->dmax, out->dmax, R, MPI_DOUBLE, MPI_MAX, 0, m->comm, &rq[5]);
    PMPI_Ireduce(in->loc, out->loc, (int)nloc, MPI_DOUBLE_INT, MPI_MAXLOC, 0, m->comm, &rq[6]);
    m->collectives += 7;
    m->reduce_bytes = (long long)(8 * nus + 8 * num + 8 * (size_t)R + 8 * 2 * (size_t)R +
                                  8 * 2 * (size_t)R + 8 * (size_t)R) +
                      (long long)nloc * (long long)sizeof(struct dint);
    if (wait_until(7, rq, m->deadline) != 0)
        return snprintf(m->note, sizeof m->note, "the reductions did not complete in time"), -1;
    return 0;
}

/* Names and source text of the keys rank 0 lacks: the lowest rank that has
 * a key sends them. Packed as NUL-terminated strings per key, in key order:
 * a region's name; a function's file, function, region and rows. */
typedef struct texts {
    const char **blob;            /* per key: rank 0's copy, or NULL */
    char **msgs;                  /* the received messages (owned) */
    int nmsgs;
} texts;

static void pack(scope__buf *b, const char *s)
{
    scope__buf_put(b, s ? s : "", strlen(s ? s : "") + 1);
}

static int exchange_texts(merge *m, texts *t)
{
    int *owner_in, *owner, k, i, nsend = 0;
    MPI_Request rq;
    t->blob = calloc((size_t)(m->nkeys ? m->nkeys : 1), sizeof *t->blob);
    t->msgs = calloc((size_t)(m->size ? m->size : 1), sizeof *t->msgs);
    owner_in = malloc(sizeof(int) * (size_t)(m->nkeys ? m->nkeys : 1));
    owner = malloc(sizeof(int) * (size_t)(m->nkeys ? m->nkeys : 1));
    if (!t->blob || !t->msgs || !owner_in || !owner) {
        free(owner_in), free(owner);
        return snprintf(m->note, sizeof m->note, "out of memory"), -1;
    }
    /* Rank 0 holds every key already. */
    if (m->same_keys) {
        free(owner_in), free(owner);
        return 0;
    }
    for (k = 0; k < m->nkeys; k++)
        owner_in[k] = m->local[k] >= 0 ? m->rank : INT_MAX;
    PMPI_Iallreduce(owner_in, owner, m->nkeys, MPI_INT, MPI_MIN, m->comm, &rq);
    m->collectives++;
    m->reduce_bytes += (long long)sizeof(int) * m->nkeys;
    if (wait_until(1, &rq, m->deadline) != 0) {
        free(owner_in), free(owner);
        return snprintf(m->note, sizeof m->note, "the key owners did not complete in time"), -1;
    }
    if (m->rank != 0) {
        scope__buf b = { 0 };
        for (k = 0; k < m->nkeys; k++) {
            int l = m->local[k];
            if (owner[k] != m->rank)
                continue;
            nsend++;
            if (!(m->keys[k].info & FUNC_BIT)) {
                pack(&b, m->rep->regions[l].name);
            } else {
                const scope__rep_func *f = &m->rep->funcs[l];
                char first[16];
                unsigned j;
                snprintf(first, sizeof first, "%u", f->first_line);
                pack(&b, first);
                pack(&b, f->file);
                pack(&b, f->function);
                pack(&b, f->region);
                for (j = 0; j < f->nlines; j++)
                    pack(&b, f->lines[j].text);
            }
        }
        if (nsend) {
            PMPI_Isend(b.data, (int)b.len, MPI_CHAR, 0, TAG_TEXT, m->comm, &rq);
            i = wait_until(1, &rq, m->deadline);
        } else {
            i = 0;
        }
        scope__buf_free(&b);
        free(owner_in), free(owner);
        return i == 0 ? 0 : (snprintf(m->note, sizeof m->note, "rank 0 took no names"), -1);
    }
    /* Rank 0: one message from every other owner. */
    for (i = 1; i < m->size; i++) {
        int wanted = 0, flag = 0, len = 0;
        MPI_Status st;
        char *data, *p;
        struct timespec ts = { 0, 100000 };
        for (k = 0; k < m->nkeys; k++)
            wanted |= owner[k] == i;
        if (!wanted)
            continue;
        while (!flag) {
            PMPI_Iprobe(i, TAG_TEXT, m->comm, &flag, &st);
            if (!flag && PMPI_Wtime() > m->deadline) {
                free(owner_in), free(owner);
                return snprintf(m->note, sizeof m->note, "rank %d sent no names in time", i), -1;
            }
            if (!flag)
                nanosleep(&ts, NULL);
        }
        PMPI_Get_count(&st, MPI_CHAR, &len);
        data = malloc((size_t)len + 1);
        if (!data) {
            free(owner_in), free(owner);
            return snprintf(m->note, sizeof m->note, "out of memory"), -1;
        }
        PMPI_Recv(data, len, MPI_CHAR, i, TAG_TEXT, m->comm, MPI_STATUS_IGNORE);
        data[len] = '\0';
        t->msgs[t->nmsgs++] = data;
        /* Hand each key its part of the message (the parts stay in data,
         * which the first key owns). */
        p = data;
        for (k = 0; k < m->nkeys; k++) {
            int n, j;
            if (owner[k] != i)
                continue;
            t->blob[k] = p;
            n = (m->keys[k].info & FUNC_BIT) ? 4 + (int)(m->keys[k].info & 0xffffffffu) : 1;
            for (j = 0; j < n && p < data + len; j++)
                p += strlen(p) + 1;
        }
    }
    free(owner_in), free(owner);
    return 0;
}

/* Ordering of merged functions: line_profiler's (file, first line, name). */
static int func_order(const void *a, const void *b)
{
    const scope__rep_func *x = *(const scope__rep_func *const *)a;
    const scope__rep_func *y = *(const scope__rep_func *const *)b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->first_line != y->first_line)
        return x->first_line < y->first_line ? -1 : 1;
    return strcmp(x->function, y->function);
}

static const char *next_str(const char **p)
{
    const char *s = *p;
    *p += strlen(s) + 1;
    return s;
}

/* Rank 0: the merged report, text and JSON. Ranks are shown as world
 * ranks (W). */
static void write_merged(merge *m, const figures *g, const texts *t)
{
#define W(r) ((r) >= 0 && (r) < m->size ? m->world_of[(r)] : (r))
    const scope__report *mine = m->rep;
    int R = m->nregions, L = m->nrows, P = m->size, k, i, nr = 0, nf = 0;
    scope__report out;
    scope__rep_region *regs = calloc((size_t)R + 1, sizeof *regs);
    scope__rep_func *funcs = calloc((size_t)(m->nkeys + 1), sizeof *funcs);
    scope__rep_func **order = calloc((size_t)(m->nkeys + 1), sizeof *order);
    scope__rep_line *rows = calloc((size_t)L + 1, sizeof *rows);
    int *reg_slot = calloc((size_t)R + 1, sizeof *reg_slot);
    int *func_slot = calloc((size_t)(m->nkeys + 1), sizeof *func_slot);
    scope__buf text = { 0 }, json = { 0 };
    char path[SCOPE__PATH_MAX], err[SCOPE__PATH_MAX + 128], note[512];
    const char *notes[1];
    if (!regs || !funcs || !order || !rows || !reg_slot || !func_slot)
        goto done;
    /* Regions: rank 0's order of first entry, then the others' in key
     * order. */
    for (i = 0; i < (int)mine->nregions + m->nkeys; i++) {
        int s;
        scope__rep_region *r;
        unsigned long long calls;
        double mean, var;
        if (i < (int)mine->nregions) {
            key q = region_key(&mine->regions[i]);
            key *f = bsearch(&q, m->keys, (size_t)m->nkeys, sizeof q, key_cmp);
            if (!f || m->local[f - m->keys] != i)
                continue;
            k = (int)(f - m->keys);
        } else {
            k = i - (int)mine->nregions;
            if ((m->keys[k].info & FUNC_BIT) || m->local[k] >= 0)
                continue;
        }
        s = m->slot[k];
        r = &regs[nr];
        reg_slot[nr++] = s;
        r->name = m->local[k] >= 0 ? mine->regions[m->local[k]].name : t->blob[k];
        calls = g->usum[s];
        r->calls = calls;
        r->total = g->dsum[s];
        mean = calls ? r->total / (double)calls : 0.0;
        r->min = calls ? g->dmin[R + s] : 0.0;
        r->max = calls ? g->dmax[s] : 0.0;
        r->mean = mean < r->min ? r->min : mean > r->max ? r->max : mean;
        var = calls ? g->dsum[R + s] / (double)calls - mean * mean : 0.0;
        r->std = var > 0 ? sqrt(var) : 0.0;
    }
    for (k = 0; k < m->nkeys; k++) {
        int s = m->slot[k], j;
        scope__rep_func *f;
        const char *p = NULL;
        if (!(m->keys[k].info & FUNC_BIT))
            continue;
        f = &funcs[nf];
        func_slot[nf] = s;
        order[nf] = f;
        nf++;
        f->nlines = (unsigned)(m->keys[k].info & 0xffffffffu);
        f->lines = rows + s;
        if (m->local[k] >= 0) {
            const scope__rep_func *o = &mine->funcs[m->local[k]];
            f->file = o->file, f->function = o->function, f->region = o->region;
            f->first_line = o->first_line;
            for (j = 0; j < (int)f->nlines; j++)
                rows[s + j].text = o->lines[j].text;
        } else {
            p = t->blob[k];
            f->first_line = (unsigned)strtoul(next_str(&p), NULL, 10);
            f->file = next_str(&p);
            f->function = next_str(&p);
            f->region = next_str(&p);
            for (j = 0; j < (int)f->nlines; j++)
                rows[s + j].text = next_str(&p);
        }
        for (j = 0; j < (int)f->nlines; j++) {
            rows[s + j].hits = g->usum[R + s + j];
            rows[s + j].ns = g->usum[R + L + s + j];
        }
    }
    qsort(order, (size_t)nf, sizeof *order, func_order);

    memset(&out, 0, sizeof out);
    out.pid = mine->pid;
    out.program = mine->program;
    out.argv = mine->argv;
    out.argc = mine->argc;
    out.end = "finalize";
    out.lines = mine->lines;
    out.clock = mine->clock;
    out.costs = mine->costs;
    out.compensated = mine->compensated;
    out.regions = regs;
    out.nregions = (unsigned)nr;
    {
        scope__rep_func *sorted = malloc(sizeof *sorted * (size_t)(nf + 1));
        int *sslot = malloc(sizeof(int) * (size_t)(nf + 1));
        if (!sorted || !sslot) {
            free(sorted), free(sslot);
            goto done;
        }
        for (i = 0; i < nf; i++) {
            sorted[i] = *order[i];
            sslot[i] = func_slot[order[i] - funcs];
        }
        memcpy(funcs, sorted, sizeof *sorted * (size_t)nf);
        memcpy(func_slot, sslot, sizeof(int) * (size_t)nf);
        free(sorted), free(sslot);
    }
    out.funcs = funcs;
    out.nfuncs = (unsigned)nf;
    out.has_rank = 0;
    if (m->nmissing) {
        size_t n;
        snprintf(note, sizeof note, "MPI: merged %d of %d ranks; missing ranks:", P,
                 m->world_size);
        for (i = 0; i < m->nmissing; i++) {
            n = strlen(note);
            snprintf(note + n, sizeof note - n, " %d", m->missing[i]);
        }
    } else {
        snprintf(note, sizeof note, "MPI: merged %d of %d ranks", P, m->world_size);
    }
    notes[0] = note;
    out.notes = notes;
    out.nnotes = 1;

    /* Text: the seed's region blocks (summed over ranks), then the ranks
     * table, then the line tables (hits and times summed). */
    scope__buf_printf(&text, "scope-profiler: %s\n", note);
    for (i = 0; i < nr; i++)
        scope__format_region(&text, &regs[i]);
    /* The ranks table: per-rank minimum, mean and maximum of each region's
     * calls and time, the rank of the maximum, imbalance = max / mean - 1. */
    scope__format_ranks_head(&text, P);
    for (i = 0; i < nr; i++) {
        int s = reg_slot[i];
        scope__rep_ranks row;
        row.name = regs[i].name;
        row.calls_min = g->umin[s];
        row.calls_mean = (double)g->usum[s] / P;
        row.calls_max = g->umax[s];
        row.calls_max_rank = W(g->loc[R + s].r);
        row.time_min = g->dmin[s];
        row.time_mean = g->dsum[s] / P;
        row.time_max = g->loc[s].v;
        row.time_max_rank = W(g->loc[s].r);
        scope__format_ranks_row(&text, &row);
    }
    scope__buf_puts(&text, "----------------------------------------\n");
    if (out.lines) {
        scope__buf_puts(&text, "Timer unit: 1e-09 s\n\n");
        for (i = 0; i < nf; i++)
            scope__format_func(&text, &funcs[i]);
    }

    /* JSON: the usual schema with the summed figures, plus "mpi". */
    scope__format_json(&json, &out);
    if (json.len >= 3)
        json.len -= 3;        /* "\n}\n" */
    scope__buf_printf(&json, ",\n  \"mpi\": {\"size\": %d, \"merged\": %d, \"missing\": [",
                      m->world_size, P);
    for (i = 0; i < m->nmissing; i++)
        scope__buf_printf(&json, "%s%d", i ? ", " : "", m->missing[i]);
    scope__buf_printf(&json, "],\n    \"cost\": {\"arrival_s\": ");
    scope__buf_repr(&json, m->t_arrived - m->t_start);
    scope__buf_puts(&json, ", \"merge_s\": ");
    scope__buf_repr(&json, m->t_done - m->t_arrived);
    scope__buf_printf(&json, ", \"collectives\": %d, \"key_bytes\": %lld, \"reduce_bytes\": %lld, "
                      "\"keys\": %d, \"rows\": %d},", m->collectives, m->key_bytes,
                      m->reduce_bytes, m->nkeys, m->nrows);
    scope__buf_puts(&json, "\n    \"regions\": [");
    for (i = 0; i < nr; i++) {
        int s = reg_slot[i];
        double cmean = (double)g->usum[s] / P, tmean = g->dsum[s] / P;
        scope__buf_puts(&json, i ? ",\n      " : "\n      ");
        scope__buf_printf(&json, "{\"calls_min\": %llu, \"calls_mean\": ", g->umin[s]);
        scope__buf_repr(&json, cmean);
        scope__buf_printf(&json, ", \"calls_max\": %llu, \"calls_max_rank\": %d, \"calls_imbalance\": ",
                          g->umax[s], W(g->loc[R + s].r));
        scope__buf_repr(&json, scope__imbalance((double)g->umax[s], cmean));
        scope__buf_puts(&json, ",\n       \"time_min\": ");
        scope__buf_repr(&json, g->dmin[s]);
        scope__buf_puts(&json, ", \"time_mean\": ");
        scope__buf_repr(&json, tmean);
        scope__buf_puts(&json, ", \"time_max\": ");
        scope__buf_repr(&json, g->loc[s].v);
        scope__buf_printf(&json, ", \"time_max_rank\": %d, \"imbalance\": ", W(g->loc[s].r));
        scope__buf_repr(&json, scope__imbalance(g->loc[s].v, tmean));
        scope__buf_puts(&json, "}");
    }
    scope__buf_puts(&json, nr ? "\n    ],\n    \"functions\": [" : "],\n    \"functions\": [");
    for (i = 0; out.lines && i < nf; i++) {
        int s = func_slot[i], j;
        scope__buf_puts(&json, i ? ",\n      {\"time_max_ns\": [" : "\n      {\"time_max_ns\": [");
        for (j = 0; j < (int)funcs[i].nlines; j++)
            scope__buf_printf(&json, "%s%llu", j ? ", " : "", g->umax[R + s + j]);
        scope__buf_puts(&json, "], \"time_max_rank\": [");
        for (j = 0; j < (int)funcs[i].nlines; j++)
            scope__buf_printf(&json, "%s%d", j ? ", " : "",
                              g->umax[R + s + j] ? W(g->loc[2 * R + s + j].r) : -1);
        scope__buf_puts(&json, "]}");
    }
    scope__buf_puts(&json, (out.lines && nf) ? "\n    ]}\n}\n" : "]}\n}\n");

    if (json.failed || text.failed) {
        scope__say_error("out of memory writing the merged MPI report");
        goto done;
    }
    if (scope__default_path_rank(path, sizeof path, mine->pid, -1, "mpi.json", err,
                                 sizeof err) != 0 ||
        scope__write_atomic(path, json.data, json.len, NULL, 0, err, sizeof err) != 0)
        scope__say_error(err);
    if (scope__default_path_rank(path, sizeof path, mine->pid, -1, "mpi.txt", err,
                                 sizeof err) != 0 ||
        scope__write_atomic(path, text.data, text.len, NULL, 0, err, sizeof err) != 0)
        scope__say_error(err);
done:
    scope__buf_free(&text);
    scope__buf_free(&json);
    free(regs), free(funcs), free(order), free(rows), free(reg_slot), free(func_slot);
#undef W
}

int scope_mpi_merge(void)
{
    merge m;
    scope__snapshot s;
    figures in, out;
    texts t;
    double timeout = scope_mpi_timeout(), npt;
    int init = 0, fin = 0, rc = -1, k, i;

    PMPI_Initialized(&init);
    PMPI_Finalized(&fin);
    if (!init || fin)
        return -1;
    scope__init();
    if (!__atomic_load_n(&scope__cfg.activated, __ATOMIC_RELAXED) ||
        __atomic_load_n(&scope__closed, __ATOMIC_RELAXED))
        return -1;
    memset(&m, 0, sizeof m);
    m.comm = MPI_COMM_NULL;
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    memset(&t, 0, sizeof t);
    PMPI_Comm_rank(MPI_COMM_WORLD, &m.world_rank);
    PMPI_Comm_size(MPI_COMM_WORLD, &m.world_size);

    /* This rank's figures, then its own files (scope_finalize). */
    npt = scope__clock_ns_per_tick();
    pthread_mutex_lock(&scope__lock);
    k = scope__snapshot_take(&s, NULL, npt);
    pthread_mutex_unlock(&scope__lock);
    scope__finalize_at_rate(npt);
    if (k != 0) {
        scope__snapshot_free(&s);
        scope__say_error("MPI merge: out of memory taking the figures");
        return -1;
    }
    s.rep.pid = (long)getpid();
    s.rep.program = scope__program();
    s.rep.argv = scope__argv();
    s.rep.argc = scope__argc();
    m.rep = &s.rep;
    m.recorded = s.recorded || s.rep.nregions;

    m.t_start = PMPI_Wtime();
    m.deadline = m.t_start + timeout;
    if (gather_arrivals(&m, timeout) != 0)
        goto out;
    if (m.comm == MPI_COMM_NULL) {
        snprintf(m.note, sizeof m.note, "this rank was left out of the merge");
        goto out;
    }
    PMPI_Comm_rank(m.comm, &m.rank);
    PMPI_Comm_size(m.comm, &m.size);
    /* comm keeps the world's order without the missing ranks. */
    m.world_of = malloc(sizeof(int) * (size_t)m.size);
    if (!m.world_of) {
        snprintf(m.note, sizeof m.note, "out of memory");
        goto out;
    }
    for (k = 0, i = 0; k < m.world_size && i < m.size; k++) {
        int j, gone = 0;
        for (j = 0; j < m.nmissing; j++)
            gone |= m.missing[j] == k;
        if (!gone)
            m.world_of[i++] = k;
    }
    /* The ranks of comm are all here: the merge gets a deadline of its own
     * (one a rank that dies now cannot stretch). */
    m.t_arrived = PMPI_Wtime();
    m.deadline = m.t_arrived + timeout;
    if (align_keys(&m) != 0 || map_keys(&m) != 0 || reduce(&m, &in, &out) != 0 ||
        exchange_texts(&m, &t) != 0)
        goto out;
    m.t_done = PMPI_Wtime();
    /* As for one process: nothing recorded, nothing written. */
    if (m.rank == 0 && m.any_recorded)
        write_merged(&m, &out, &t);
    rc = 0;
out:
    if (rc != 0 && m.note[0]) {
        char line[320];
        snprintf(line, sizeof line, "MPI merge on rank %d stopped: %s (its own data file is written)",
                 m.world_rank, m.note);
        scope__say_error(line);
    }
    if (m.comm != MPI_COMM_WORLD && m.comm != MPI_COMM_NULL && rc == 0)
        PMPI_Comm_free(&m.comm);
    for (k = 0; k < t.nmsgs; k++)
        free(t.msgs[k]);
    free(t.msgs);
    free((void *)t.blob);
    figures_free(&in);
    figures_free(&out);
    free(m.keys), free(m.local), free(m.slot), free(m.missing), free(m.world_of);
    scope__snapshot_free(&s);
    return rc;
}

int MPI_Finalize(void)
{
    (void)scope_mpi_merge();
    return PMPI_Finalize();
}
