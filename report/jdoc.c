/*
 * jdoc.c - a JSON document from yajl's parse events, in a reused arena
 * (see jdoc.h).
 *
 * yajl checks the syntax and the UTF-8 and decodes the strings; this file
 * only links the values it reports into a tree. Numbers arrive as their
 * text, so integers are converted exactly here (a data file's counts and
 * whole nanoseconds must not pass through a double).
 */
#include "jdoc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "util.h"

#define BLOCK (1u << 20)

typedef struct block {
    struct block *next;
    size_t cap, used;
    char *mem;
} block;

struct jd_arena {
    block *blocks;         /* every block, kept from file to file */
    block *cur;            /* the one being filled */
    jd_val *root;
    jd_val **stack;        /* open arrays and objects */
    size_t depth, stack_cap;
    const char *key;       /* the member name waiting for its value */
    size_t keylen;
    char err[128];         /* a conversion error of ours, else empty */
    char *doc, *doc_end;   /* the document being parsed */
};

jd_arena *jd_new(void)
{
    return xcalloc(1, sizeof(jd_arena));
}

void jd_delete(jd_arena *a)
{
    block *b, *n;
    if (!a)
        return;
    for (b = a->blocks; b; b = n) {
        n = b->next;
        free(b->mem);
        free(b);
    }
    free(a->stack);
    free(a);
}

static void *take(jd_arena *a, size_t n)
{
    block *b = a->cur;
    n = (n + 7) & ~(size_t)7;
    while (b && b->used + n > b->cap) {
        b = b->next;
        if (b)
            b->used = 0;
    }
    if (!b) {
        b = xcalloc(1, sizeof *b);
        b->cap = n > BLOCK ? n : BLOCK;
        b->mem = xrealloc(NULL, b->cap);
        /* New blocks go after the current one, so a reset walks them all. */
        if (a->cur) {
            b->next = a->cur->next;
            a->cur->next = b;
        } else {
            b->next = a->blocks;
            a->blocks = b;
        }
    }
    a->cur = b;
    b->used += n;
    return b->mem + b->used - n;
}

static int add(jd_arena *a, jd_val *v)
{
    jd_val *parent;
    if (a->depth == 0) {
        a->root = v;
        return 1;
    }
    parent = a->stack[a->depth - 1];
    if (parent->type == JD_OBJECT) {
        v->key = a->key;
        v->keylen = a->keylen;
        a->key = NULL;
    }
    if (parent->u.kids.last)
        parent->u.kids.last->next = v;
    else
        parent->u.kids.first = v;
    parent->u.kids.last = v;
    parent->u.kids.n++;
    return 1;
}

static jd_val *val(jd_arena *a, jd_type t)
{
    jd_val *v = take(a, sizeof *v);
    memset(v, 0, sizeof *v);
    v->type = t;
    return v;
}

static int on_null(void *ctx)
{
    return add(ctx, val(ctx, JD_NULL));
}

static int on_bool(void *ctx, int b)
{
    jd_val *v = val(ctx, JD_BOOL);
    v->u.i = b != 0;
    return add(ctx, v);
}

static const double pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int on_number(void *ctx, const char *s, size_t len)
{
    jd_arena *a = ctx;
    jd_val *v;
    size_t i = 0;
    uint64_t m = 0, lim;
    unsigned digits = 0;
    int neg = 0, dot = 0, frac = 0, exp = 0, fast = 1;
    if (s[0] == '-') {
        neg = 1;
        i = 1;
    }
    lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < len; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (s[i] == '.') {
            dot = 1;
            continue;
        }
        if (d > 9)
            break;             /* the exponent */
        if (m > (lim - d) / 10) {
            if (!dot && !memchr(s, '.', len) && !memchr(s, 'e', len) && !memchr(s, 'E', len)) {
                snprintf(a->err, sizeof a->err, "too big integer");
                return 0;
            }
            fast = 0;          /* more digits than a double holds: strtod */
            break;
        }
        m = m * 10 + d;
        digits += m != 0;
        frac += dot;
    }
    if (fast && i < len) {     /* e[+-]digits, as yajl checked */
        int eneg = 0;
        i++;
        if (s[i] == '+' || s[i] == '-')
            eneg = s[i++] == '-';
        for (; i < len && exp < 1000; i++)
            exp = exp * 10 + (s[i] - '0');
        if (i < len)
            fast = 0;
        if (eneg)
            exp = -exp;
    }
    if (fast && !dot && exp == 0 && i == len && !memchr(s, 'e', len) && !memchr(s, 'E', len)) {
        v = val(a, JD_INT);
        v->u.i = neg ? (m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m) : (int64_t)m;
    } else if (fast && digits <= 15 && exp - frac >= -22 && exp - frac <= 22) {
        /* m and the power of ten are exact doubles, so one multiplication
         * or division rounds correctly: what strtod gives (Clinger's fast
         * path), at a fraction of its cost. */
        int k = exp - frac;
        v = val(a, JD_REAL);
        v->u.d = k < 0 ? (double)m / pow10[-k] : (double)m * pow10[k];
        if (neg)
            v->u.d = -v->u.d;
    } else {
        char small[64], *text = len < sizeof small ? small : take(a, len + 1);
        memcpy(text, s, len);
        text[len] = '\0';
        v = val(a, JD_REAL);
        errno = 0;
        v->u.d = strtod(text, NULL);
        if (errno == ERANGE && isinf(v->u.d)) {
            snprintf(a->err, sizeof a->err, "real number overflow");
            return 0;
        }
    }
    return add(a, v);
}

static const char *copy(jd_arena *a, const unsigned char *s, size_t len)
{
    char *c;
    if ((const char *)s >= a->doc && (const char *)s + len < a->doc_end) {
        c = (char *)a->doc + ((const char *)s - a->doc);
        c[len] = '\0';
        return c;
    }
    if (memchr(s, '\0', len)) {
        snprintf(a->err, sizeof a->err, "\\u0000 is not allowed in a string");
        return NULL;
    }
    c = take(a, len + 1);
    memcpy(c, s, len);
    c[len] = '\0';
    return c;
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
    jd_arena *a = ctx;
    jd_val *v = val(a, JD_STRING);
    if (!(v->u.str.s = copy(a, s, len)))
        return 0;
    v->u.str.len = len;
    return add(a, v);
}

static int on_key(void *ctx, const unsigned char *s, size_t len)
{
    jd_arena *a = ctx;
    a->keylen = len;
    return (a->key = copy(a, s, len)) != NULL;
}

static int open_container(jd_arena *a, jd_type t)
{
    jd_val *v = val(a, t);
    add(a, v);
    if (a->depth == a->stack_cap)
        a->stack = xrealloc(a->stack, (a->stack_cap = a->stack_cap ? a->stack_cap * 2 : 16)
                                          * sizeof *a->stack);
    a->stack[a->depth++] = v;
    return 1;
}

static int on_start_map(void *ctx)
{
    return open_container(ctx, JD_OBJECT);
}

static int on_start_array(void *ctx)
{
    return open_container(ctx, JD_ARRAY);
}

static int on_end(void *ctx)
{
    jd_arena *a = ctx;
    a->depth--;
    return 1;
}

static const yajl_callbacks callbacks = {
    on_null, on_bool, NULL, NULL, on_number, on_string,
    on_start_map, on_key, on_end, on_start_array, on_end
};

/* Line and column (1-based, in bytes) of offset `at`. */
static void position(const char *data, size_t at, int *line, int *col)
{
    size_t i, bol = 0;
    int l = 1;
    for (i = 0; i < at; i++)
        if (data[i] == '\n') {
            l++;
            bol = i + 1;
        }
    *line = l;
    *col = (int)(at - bol) + 1;
}

jd_val *jd_parse(jd_arena *a, char *data, size_t len, int *line, int *col,
                 char *err, size_t errlen)
{
    yajl_handle h = yajl_alloc(&callbacks, NULL, a);
    yajl_status st;
    block *b;
    int at_end = 0;
    a->root = NULL;
    a->depth = 0;
    a->key = NULL;
    a->err[0] = '\0';
    a->doc = data;
    a->doc_end = data + len;
    for (b = a->blocks; b; b = b->next)
        b->used = 0;
    a->cur = a->blocks;
    if (!h) {
        snprintf(err, errlen, "out of memory");
        *line = *col = 0;
        return NULL;
    }
    st = yajl_parse(h, (const unsigned char *)data, len);
    if (st == yajl_status_ok) {
        /* An error now is at the end: yajl's count of bytes would be
         * that of the one blank it feeds itself to finish. */
        st = yajl_complete_parse(h);
        at_end = 1;
    }
    if (st != yajl_status_ok || !a->root) {
        size_t at = at_end ? len : yajl_get_bytes_consumed(h);
        if (a->err[0]) {
            snprintf(err, errlen, "%s", a->err);
        } else if (st != yajl_status_ok) {
            unsigned char *msg = yajl_get_error(h, 0, NULL, 0);
            size_t n = strlen((char *)msg);
            while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ' || msg[n - 1] == '.'))
                n--;
            snprintf(err, errlen, "%.*s", (int)n, (char *)msg);
            yajl_free_error(h, msg);
        } else {
            snprintf(err, errlen, "no JSON value");
        }
        if (at > len)
            at = len;
        position(data, at, line, col);   /* NULs put over quotes hold no newline */
        yajl_free(h);
        return NULL;
    }
    yajl_free(h);
    return a->root;
}
