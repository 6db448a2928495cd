/*
 * compare.c - `scope-report diff OLD NEW` and `scope-report check
 * --budget FILE`: the two ways to hold one profile against another or
 * against limits, for people and for CI.
 *
 * diff keeps hit-count changes apart from time changes: a different hit
 * count means the program did other work, a different time on the same
 * hits means the same work went faster or slower.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "commands.h"
#include "util.h"

/* ---- diff ------------------------------------------------------------- */

typedef struct change {
    const char *name;      /* region name, or function */
    const char *file;      /* NULL for regions */
    unsigned line;
    const char *text;
    double old_v, new_v;   /* seconds or hits */
    uint64_t old_c, new_c; /* calls (regions) */
} change;

typedef struct changes {
    change *v;
    size_t n, cap;
} changes;

static change *push(changes *c)
{
    if (c->n == c->cap)
        c->v = xrealloc(c->v, (c->cap = c->cap ? c->cap * 2 : 64) * sizeof *c->v);
    memset(&c->v[c->n], 0, sizeof *c->v);
    return &c->v[c->n++];
}

static int change_cmp(const void *a, const void *b)
{
    const change *x = a, *y = b;
    double dx = fabs(x->new_v - x->old_v), dy = fabs(y->new_v - y->old_v);
    int c;
    if (dx != dy)
        return dx < dy ? 1 : -1;
    c = strcmp(x->file ? x->file : x->name, y->file ? y->file : y->name);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static void pct(char *out, size_t n, double o, double v)
{
    if (o == 0.0)
        snprintf(out, n, "%s", v == 0.0 ? "0.0%" : "new");
    else
        snprintf(out, n, "%+.1f%%", 100.0 * (v - o) / o);
}

static const char *trimmed(const char *t)
{
    t = t ? t : "";
    while (*t == ' ' || *t == '\t')
        t++;
    return t;
}

static void diff_regions(scope__buf *b, const rp_profile *a, const rp_profile *n)
{
    changes c = { 0 };
    rp_region *g, *o;
    size_t i;
    for (g = n->regions; g; g = g->hh.next) {
        change *x = push(&c);
        HASH_FIND_STR(a->regions, g->name, o);
        x->name = g->name;
        x->new_v = (double)g->total_ns * 1e-9;
        x->new_c = g->calls;
        if (o) {
            x->old_v = (double)o->total_ns * 1e-9;
            x->old_c = o->calls;
        }
    }
    for (o = a->regions; o; o = o->hh.next) {
        HASH_FIND_STR(n->regions, o->name, g);
        if (!g) {
            change *x = push(&c);
            x->name = o->name;
            x->old_v = (double)o->total_ns * 1e-9;
            x->old_c = o->calls;
        }
    }
    qsort(c.v, c.n, sizeof *c.v, change_cmp);
    scope__buf_puts(b, "Regions (total time, largest change first)\n\n");
    scope__buf_printf(b, "%14s %14s %14s %8s %10s %10s  %s\n", "Old (s)", "New (s)", "Change (s)",
                      "Change", "Old calls", "New calls", "Region");
    for (i = 0; i < c.n; i++) {
        char p[32];
        pct(p, sizeof p, c.v[i].old_v, c.v[i].new_v);
        scope__buf_printf(b, "%14.9f %14.9f %+14.9f %8s %10llu %10llu  %s\n", c.v[i].old_v,
                          c.v[i].new_v, c.v[i].new_v - c.v[i].old_v, p,
                          (unsigned long long)c.v[i].old_c, (unsigned long long)c.v[i].new_c,
                          c.v[i].name);
    }
    scope__buf_puts(b, "\n");
    free(c.v);
}

/* Add every line of `f` (and its counterpart `g` in the other profile, or
 * NULL) to the time and hit changes. `f_is_new` says which side f is. */
static void line_changes(changes *t, changes *h, const rp_func *f, const rp_func *g, int f_is_new)
{
    unsigned i, lo = f->first_line, hi = f->first_line + f->nlines;
    if (g && g->first_line + g->nlines > hi)
        hi = g->first_line + g->nlines;
    for (i = lo; i < hi; i++) {
        const rp_line *lf = i - f->first_line < f->nlines ? &f->lines[i - f->first_line] : NULL;
        const rp_line *lg = g && i - g->first_line < g->nlines ? &g->lines[i - g->first_line] : NULL;
        double tf = lf ? (double)lf->ns * 1e-9 : 0, tg = lg ? (double)lg->ns * 1e-9 : 0;
        double hf = lf ? (double)lf->hits : 0, hg = lg ? (double)lg->hits : 0;
        const char *text = lf && lf->text ? lf->text : lg ? lg->text : "";
        if (tf != tg) {
            change *x = push(t);
            x->name = f->function;
            x->file = f->file;
            x->line = i;
            x->text = text;
            x->old_v = f_is_new ? tg : tf;
            x->new_v = f_is_new ? tf : tg;
        }
        if (hf != hg) {
            change *x = push(h);
            x->name = f->function;
            x->file = f->file;
            x->line = i;
            x->text = text;
            x->old_v = f_is_new ? hg : hf;
            x->new_v = f_is_new ? hf : hg;
        }
    }
}

static void diff_lines(scope__buf *b, const rp_profile *a, const rp_profile *n, unsigned limit)
{
    changes t = { 0 }, h = { 0 };
    rp_func *f, *g;
    size_t i;
    for (f = n->funcs; f; f = f->hh.next) {
        HASH_FIND_STR(a->funcs, f->key, g);
        line_changes(&t, &h, f, g, 1);
    }
    for (g = a->funcs; g; g = g->hh.next) {
        HASH_FIND_STR(n->funcs, g->key, f);
        if (!f)
            line_changes(&t, &h, g, NULL, 0);
    }
    qsort(t.v, t.n, sizeof *t.v, change_cmp);
    qsort(h.v, h.n, sizeof *h.v, change_cmp);
    scope__buf_puts(b, "Lines by time change (largest first)\n\n");
    scope__buf_printf(b, "%14s %14s %14s %8s  %s\n", "Old (s)", "New (s)", "Change (s)", "Change",
                      "Location / Line Contents");
    for (i = 0; i < t.n && (!limit || i < limit); i++) {
        char p[32];
        pct(p, sizeof p, t.v[i].old_v, t.v[i].new_v);
        scope__buf_printf(b, "%14.9f %14.9f %+14.9f %8s  %s:%u %s: %s\n", t.v[i].old_v,
                          t.v[i].new_v, t.v[i].new_v - t.v[i].old_v, p, t.v[i].file, t.v[i].line,
                          t.v[i].name, trimmed(t.v[i].text));
    }
    scope__buf_puts(b, "\nLines by hit-count change (largest first)\n\n");
    scope__buf_printf(b, "%12s %12s %12s  %s\n", "Old hits", "New hits", "Change",
                      "Location / Line Contents");
    for (i = 0; i < h.n && (!limit || i < limit); i++)
        scope__buf_printf(b, "%12.0f %12.0f %+12.0f  %s:%u %s: %s\n", h.v[i].old_v, h.v[i].new_v,
                          h.v[i].new_v - h.v[i].old_v, h.v[i].file, h.v[i].line, h.v[i].name,
                          trimmed(h.v[i].text));
    if (h.n == 0)
        scope__buf_puts(b, "(no hit count changed)\n");
    free(t.v);
    free(h.v);
}

int cmd_diff(int argc, char **argv)
{
    static const struct option longs[] = {
        { "top", required_argument, NULL, 'n' },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    rp_profile a, n;
    scope__buf b = { 0 };
    unsigned limit = 0;
    const char *out = "-";
    int c, rc = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "n:o:h", longs, NULL)) != -1) {
        switch (c) {
        case 'n': limit = (unsigned)strtoul(optarg, NULL, 10); break;
        case 'o': out = optarg; break;
        case 'h':
            puts("usage: scope-report diff [-n N] [-o OUT] OLD NEW\n"
                 "OLD and NEW are data files or directories of them (each merged).");
            return 0;
        default: return bad_option(argv);
        }
    }
    if (argc - optind != 2) {
        fputs("scope-report: error: diff takes two inputs, OLD and NEW\n", stderr);
        return 2;
    }
    memset(&a, 0, sizeof a);
    memset(&n, 0, sizeof n);
    rc |= load_inputs(&a, 1, argv + optind);
    rc |= load_inputs(&n, 1, argv + optind + 1);
    scope__buf_printf(&b, "Old: %s (%u data file%s)\nNew: %s (%u data file%s)\n\n", argv[optind],
                      a.nfiles, a.nfiles == 1 ? "" : "s", argv[optind + 1], n.nfiles,
                      n.nfiles == 1 ? "" : "s");
    diff_regions(&b, &a, &n);
    diff_lines(&b, &a, &n, limit);
    if (write_atomic(out, b.data ? b.data : "", b.len, argv + optind, 2) != 0)
        rc = 1;
    scope__buf_free(&b);
    rp_profile_free(&a);
    rp_profile_free(&n);
    return rc;
}

/* ---- check ------------------------------------------------------------ */

/* One budget line: "region NAME time|calls LIMIT", "function NAME time
 * LIMIT" or "line FILE:LINE hits|time LIMIT"; '#' starts a comment. */
static int check_line(const rp_profile *p, const char *budget, unsigned lineno, char *text,
                      unsigned *nchecked, unsigned *nexceeded)
{
    char *words[5], *save = NULL, *w, *end;
    int n = 0;
    double limit, value = 0;
    char *hash = strchr(text, '#');
    if (hash)
        *hash = '\0';
    for (w = strtok_r(text, " \t\r\n", &save); w && n < 5; w = strtok_r(NULL, " \t\r\n", &save))
        words[n++] = w;
    if (n == 0)
        return 0;
    if (n != 4) {
        fprintf(stderr, "%s:%u:1: error: expected 'KIND NAME MEASURE LIMIT'\n", budget, lineno);
        return -1;
    }
    limit = strtod(words[3], &end);
    if (*end || !(limit >= 0)) {
        fprintf(stderr, "%s:%u:1: error: limit '%s' is not a non-negative number\n", budget,
                lineno, words[3]);
        return -1;
    }
    if (strcmp(words[0], "region") == 0 &&
        (strcmp(words[2], "time") == 0 || strcmp(words[2], "calls") == 0)) {
        rp_region *g;
        HASH_FIND_STR(p->regions, words[1], g);
        if (g)
            value = words[2][0] == 't' ? (double)g->total_ns * 1e-9 : (double)g->calls;
    } else if (strcmp(words[0], "function") == 0 && strcmp(words[2], "time") == 0) {
        rp_func *f;
        for (f = p->funcs; f; f = f->hh.next)
            if (strcmp(f->function, words[1]) == 0)
                value += (double)rp_func_total_ns(f) * 1e-9;
    } else if (strcmp(words[0], "line") == 0 &&
               (strcmp(words[2], "hits") == 0 || strcmp(words[2], "time") == 0)) {
        char *colon = strrchr(words[1], ':');
        unsigned long ln;
        rp_func *f;
        if (!colon || !(ln = strtoul(colon + 1, &end, 10)) || *end) {
            fprintf(stderr, "%s:%u:1: error: a line is named FILE:LINE, not '%s'\n", budget,
                    lineno, words[1]);
            return -1;
        }
        *colon = '\0';
        for (f = p->funcs; f; f = f->hh.next)
            if (strcmp(f->file, words[1]) == 0 && ln >= f->first_line &&
                ln < f->first_line + f->nlines) {
                const rp_line *l = &f->lines[ln - f->first_line];
                value += words[2][0] == 'h' ? (double)l->hits : (double)l->ns * 1e-9;
            }
        *colon = ':';
    } else {
        fprintf(stderr, "%s:%u:1: error: unknown budget '%s ... %s' (region time|calls, "
                "function time, line hits|time)\n", budget, lineno, words[0], words[2]);
        return -1;
    }
    (*nchecked)++;
    if (value > limit) {
        (*nexceeded)++;
        printf("%s:%u: exceeded: %s %s %s %.9g > %.9g\n", budget, lineno, words[0], words[1],
               words[2], value, limit);
    }
    return 0;
}

int cmd_check(int argc, char **argv)
{
    static const struct option longs[] = {
        { "budget", required_argument, NULL, 'b' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *budget = NULL;
    rp_profile p;
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0, nchecked = 0, nexceeded = 0;
    int c, rc, bad = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "b:h", longs, NULL)) != -1) {
        switch (c) {
        case 'b': budget = optarg; break;
        case 'h':
            puts("usage: scope-report check --budget FILE [DATA...]\n"
                 "budget lines: region NAME time SECONDS | region NAME calls N |\n"
                 "              function NAME time SECONDS | line FILE:LINE hits N |\n"
                 "              line FILE:LINE time SECONDS");
            return 0;
        default: return bad_option(argv);
        }
    }
    if (!budget) {
        fputs("scope-report: error: check needs --budget FILE\n", stderr);
        return 2;
    }
    f = fopen(budget, "r");
    if (!f) {
        fprintf(stderr, "scope-report: error: %s: %s\n", budget, strerror(errno));
        return 2;
    }
    memset(&p, 0, sizeof p);
    rc = load_inputs(&p, argc - optind, argv + optind);
    while (getline(&line, &cap, f) >= 0)
        if (check_line(&p, budget, ++lineno, line, &nchecked, &nexceeded) != 0)
            bad = 1;
    free(line);
    fclose(f);
    rp_profile_free(&p);
    if (bad)
        return 2;
    printf("scope-report: %u budget%s checked, %u exceeded\n", nchecked, nchecked == 1 ? "" : "s",
           nexceeded);
    if (rc)
        return 2;
    return nexceeded ? 1 : 0;
}
