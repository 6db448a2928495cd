/*
 * jdoc.h - one JSON document held in an arena: yajl parses (its event
 * callbacks, no tree of its own), and jdoc keeps the values in a few large
 * blocks that are reused from file to file.
 *
 * Why not a general tree library: merging a test suite reads hundreds of
 * data files of half a megabyte each, and building a malloc'd tree per
 * value was 95% of a merge's time (jansson: 12 ms a file, 60% in malloc
 * and free). Here a value costs a bump of a pointer, nothing is freed
 * value by value, and the arena's memory is that of the largest file.
 */
#ifndef REPORT_JDOC_H
#define REPORT_JDOC_H

#include <stddef.h>
#include <stdint.h>

typedef enum jd_type {
    JD_NULL, JD_BOOL, JD_INT, JD_REAL, JD_STRING, JD_ARRAY, JD_OBJECT
} jd_type;

typedef struct jd_val jd_val;
struct jd_val {
    jd_type type;
    const char *key;       /* member name inside an object, else NULL */
    size_t keylen;
    jd_val *next;          /* next element or member */
    union {
        int64_t i;         /* JD_INT, JD_BOOL */
        double d;          /* JD_REAL */
        struct { const char *s; size_t len; } str;
        struct { jd_val *first, *last; size_t n; } kids;   /* ARRAY, OBJECT */
    } u;
};

typedef struct jd_arena jd_arena;

/* A parser with its arena: one per reader, reused for every file. */
jd_arena *jd_new(void);
void jd_delete(jd_arena *a);

/* Parse len bytes (the whole document). Returns the root, or NULL with
 * line and column (1-based) and a message in err. Strings without escapes
 * are left in `data` (their closing quotes become NULs), so the values
 * live while `data` does, and until the next jd_parse on the arena. */
jd_val *jd_parse(jd_arena *a, char *data, size_t len, int *line, int *col,
                 char *err, size_t errlen);

/* The member `name` of an object (the first, should a name repeat; the
 * runtime never writes one twice), or NULL. Inline: with a literal name
 * the length folds away, and a merge asks this millions of times. */
static inline jd_val *jd_get(const jd_val *obj, const char *name)
{
    jd_val *v;
    size_t n;
    if (!obj || obj->type != JD_OBJECT)
        return NULL;
    n = __builtin_strlen(name);
    for (v = obj->u.kids.first; v; v = v->next)
        if (v->keylen == n && v->key[0] == name[0] && __builtin_memcmp(v->key, name, n) == 0)
            return v;
    return NULL;
}

static inline int jd_is_number(const jd_val *v)
{
    return v && (v->type == JD_INT || v->type == JD_REAL);
}

static inline double jd_number(const jd_val *v)
{
    return v->type == JD_INT ? (double)v->u.i : v->u.d;
}

#endif
