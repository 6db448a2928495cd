/*
 * cdb.c - compile_commands.json reader and flag filter (see cdb.h).
 *
 * The JSON parser accepts exactly RFC 8259 syntax but keeps only what the
 * database uses: an array of objects whose "directory", "file", "command"
 * and "arguments" members are read; other members and values are skipped.
 */
#include "cdb.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "path.h"
#include "sbuf.h"

typedef struct jp {
    const char *path;
    const char *t;
    size_t len, i;
    int failed;
} jp;

static void jp_error(jp *p, const char *msg)
{
    if (p->failed)
        return;
    unsigned line = 1, col = 1;
    for (size_t k = 0; k < p->i && k < p->len; k++) {
        if (p->t[k] == '\n')
            line++, col = 1;
        else
            col++;
    }
    diag_error(p->path, line, col, "%s", msg);
    p->failed = 1;
}

static void jp_ws(jp *p)
{
    while (p->i < p->len && (p->t[p->i] == ' ' || p->t[p->i] == '\t' ||
                             p->t[p->i] == '\n' || p->t[p->i] == '\r'))
        p->i++;
}

static int jp_peek(jp *p)
{
    jp_ws(p);
    return p->i < p->len ? (unsigned char)p->t[p->i] : -1;
}

static int jp_expect(jp *p, char c)
{
    if (jp_peek(p) != c) {
        char msg[64];
        snprintf(msg, sizeof msg, "compilation database: expected '%c'", c);
        jp_error(p, msg);
        return -1;
    }
    p->i++;
    return 0;
}

static void utf8_put(sbuf *b, unsigned long cp)
{
    if (cp < 0x80) {
        sbuf_addc(b, (char)cp);
    } else if (cp < 0x800) {
        sbuf_addc(b, (char)(0xC0 | (cp >> 6)));
        sbuf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        sbuf_addc(b, (char)(0xE0 | (cp >> 12)));
        sbuf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sbuf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        sbuf_addc(b, (char)(0xF0 | (cp >> 18)));
        sbuf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        sbuf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sbuf_addc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

static int hex4(jp *p, unsigned long *out)
{
    unsigned long v = 0;
    for (int k = 0; k < 4; k++) {
        if (p->i >= p->len) {
            jp_error(p, "compilation database: bad \\u escape");
            return -1;
        }
        char c = p->t[p->i++];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned long)(c - 'A' + 10);
        else {
            jp_error(p, "compilation database: bad \\u escape");
            return -1;
        }
    }
    *out = v;
    return 0;
}

/* A JSON string; malloc'd result or NULL on error. */
static char *jp_string(jp *p)
{
    if (jp_expect(p, '"') != 0)
        return NULL;
    sbuf b;
    sbuf_init(&b);
    for (;;) {
        if (p->i >= p->len) {
            jp_error(p, "compilation database: unterminated string");
            sbuf_free(&b);
            return NULL;
        }
        char c = p->t[p->i++];
        if (c == '"')
            break;
        if ((unsigned char)c < 0x20) {
            p->i--;
            jp_error(p, "compilation database: control character in string");
            sbuf_free(&b);
            return NULL;
        }
        if (c != '\\') {
            sbuf_addc(&b, c);
            continue;
        }
        if (p->i >= p->len)
            continue;
        c = p->t[p->i++];
        switch (c) {
        case '"': case '\\': case '/': sbuf_addc(&b, c); break;
        case 'b': sbuf_addc(&b, '\b'); break;
        case 'f': sbuf_addc(&b, '\f'); break;
        case 'n': sbuf_addc(&b, '\n'); break;
        case 'r': sbuf_addc(&b, '\r'); break;
        case 't': sbuf_addc(&b, '\t'); break;
        case 'u': {
            unsigned long cp, lo;
            if (hex4(p, &cp) != 0) {
                sbuf_free(&b);
                return NULL;
            }
            if (cp >= 0xD800 && cp < 0xDC00 && p->i + 1 < p->len &&
                p->t[p->i] == '\\' && p->t[p->i + 1] == 'u') {
                p->i += 2;
                if (hex4(p, &lo) != 0) {
                    sbuf_free(&b);
                    return NULL;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            utf8_put(&b, cp);
            break;
        }
        default:
            p->i--;
            jp_error(p, "compilation database: bad escape in string");
            sbuf_free(&b);
            return NULL;
        }
    }
    return sbuf_take(&b);
}

static void jp_skip_value(jp *p);

static void jp_skip_container(jp *p, char open, char close)
{
    p->i++; /* open */
    if (jp_peek(p) == close) {
        p->i++;
        return;
    }
    for (;;) {
        if (open == '{') {
            free(jp_string(p));
            if (p->failed || jp_expect(p, ':') != 0)
                return;
        }
        jp_skip_value(p);
        if (p->failed)
            return;
        int c = jp_peek(p);
        if (c == ',') {
            p->i++;
            continue;
        }
        jp_expect(p, close);
        return;
    }
}

static void jp_skip_value(jp *p)
{
    int c = jp_peek(p);
    if (c == '"') {
        free(jp_string(p));
    } else if (c == '{') {
        jp_skip_container(p, '{', '}');
    } else if (c == '[') {
        jp_skip_container(p, '[', ']');
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        while (p->i < p->len && strchr("+-0123456789.eE", p->t[p->i]))
            p->i++;
    } else {
        static const char *const words[] = { "true", "false", "null" };
        for (int k = 0; k < 3; k++) {
            size_t n = strlen(words[k]);
            if (p->len - p->i >= n && memcmp(p->t + p->i, words[k], n) == 0) {
                p->i += n;
                return;
            }
        }
        jp_error(p, "compilation database: expected a JSON value");
    }
}

static void free_argv(char **argv)
{
    if (!argv)
        return;
    for (char **a = argv; *a; a++)
        free(*a);
    free(argv);
}

void cdb_free_flags(char **argv)
{
    free_argv(argv);
}

char **cdb_split_command(const char *cmd, size_t *argc)
{
    size_t n = 0, cap = 8;
    char **v = xmalloc(cap * sizeof *v);
    const char *s = cmd;

    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        if (!*s)
            break;
        sbuf w;
        sbuf_init(&w);
        char quote = 0;
        while (*s && (quote || (*s != ' ' && *s != '\t' && *s != '\n'))) {
            if (quote == '\'') {
                if (*s == '\'')
                    quote = 0;
                else
                    sbuf_addc(&w, *s);
            } else if (*s == '\\' && s[1] &&
                       (!quote || strchr("\"\\$`", s[1]))) {
                s++;
                sbuf_addc(&w, *s);
            } else if (*s == '"') {
                quote = quote ? 0 : '"';
            } else if (*s == '\'' && !quote) {
                quote = '\'';
            } else {
                sbuf_addc(&w, *s);
            }
            s++;
        }
        if (n + 2 > cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n++] = w.data ? sbuf_take(&w) : xstrdup("");
    }
    v[n] = NULL;
    *argc = n;
    return v;
}

static char *abs_in(const char *dir, const char *p)
{
    char *j = path_join(dir, p);
    char *r = path_normalize(j);
    free(j);
    return r;
}

/* One database entry: an object. Returns 0 and fills *e when it has the
 * members needed; 1 when it is to be ignored; -1 on a syntax error. */
static int jp_entry(jp *p, cdb_entry *e)
{
    char *dir = NULL, *file = NULL, *command = NULL;
    char **args = NULL;
    size_t nargs = 0, cap = 0;

    if (jp_expect(p, '{') != 0)
        return -1;
    if (jp_peek(p) == '}') {
        p->i++;
    } else {
        for (;;) {
            char *key = jp_string(p);
            if (!key || jp_expect(p, ':') != 0) {
                free(key);
                goto fail;
            }
            if (strcmp(key, "directory") == 0 || strcmp(key, "file") == 0 ||
                strcmp(key, "command") == 0) {
                char *v = jp_string(p);
                if (!v) {
                    free(key);
                    goto fail;
                }
                char **slot = key[0] == 'd' ? &dir : key[0] == 'f' ? &file
                                                                   : &command;
                free(*slot);
                *slot = v;
            } else if (strcmp(key, "arguments") == 0) {
                if (jp_expect(p, '[') != 0) {
                    free(key);
                    goto fail;
                }
                free_argv(args);
                args = NULL;
                nargs = cap = 0;
                if (jp_peek(p) == ']') {
                    p->i++;
                } else {
                    for (;;) {
                        char *v = jp_string(p);
                        if (!v) {
                            free(key);
                            goto fail;
                        }
                        if (nargs + 2 > cap) {
                            cap = cap ? cap * 2 : 8;
                            args = xrealloc(args, cap * sizeof *args);
                        }
                        args[nargs++] = v;
                        args[nargs] = NULL;
                        if (jp_peek(p) == ',') {
                            p->i++;
                            continue;
                        }
                        if (jp_expect(p, ']') != 0) {
                            free(key);
                            goto fail;
                        }
                        break;
                    }
                }
            } else {
                jp_skip_value(p);
                if (p->failed) {
                    free(key);
                    goto fail;
                }
            }
            free(key);
            if (jp_peek(p) == ',') {
                p->i++;
                continue;
            }
            if (jp_expect(p, '}') != 0)
                goto fail;
            break;
        }
    }
    if (!dir || !file || (!command && !args)) {
        free(dir);
        free(file);
        free(command);
        free_argv(args);
        return 1;
    }
    if (!args)
        args = cdb_split_command(command, &nargs);
    free(command);
    char *adir = path_abs(dir);
    e->directory = adir;
    e->file = abs_in(adir, file);
    e->argv = args;
    e->argc = nargs;
    free(dir);
    free(file);
    return 0;
fail:
    free(dir);
    free(file);
    free(command);
    free_argv(args);
    return -1;
}

int cdb_parse(const char *path, const char *text, size_t len, cdb *out)
{
    jp p = { path, text, len, 0, 0 };
    size_t cap = 0;

    out->v = NULL;
    out->n = 0;
    if (jp_expect(&p, '[') != 0)
        return -1;
    if (jp_peek(&p) == ']') {
        p.i++;
    } else {
        for (;;) {
            cdb_entry e;
            int r = jp_entry(&p, &e);
            if (r < 0) {
                cdb_free(out);
                return -1;
            }
            if (r == 0) {
                if (out->n == cap) {
                    cap = cap ? cap * 2 : 16;
                    out->v = xrealloc(out->v, cap * sizeof *out->v);
                }
                out->v[out->n++] = e;
            }
            if (jp_peek(&p) == ',') {
                p.i++;
                continue;
            }
            if (jp_expect(&p, ']') != 0) {
                cdb_free(out);
                return -1;
            }
            break;
        }
    }
    if (jp_peek(&p) != -1) {
        jp_error(&p, "compilation database: unexpected text after the array");
        cdb_free(out);
        return -1;
    }
    return 0;
}

int cdb_load(const char *build_dir, cdb *out)
{
    char *p = path_join(build_dir, "compile_commands.json");
    char *text;
    size_t len;
    if (path_read(p, &text, &len) != 0) {
        diag_error(p, 0, 0, "cannot read the compilation database");
        free(p);
        return -1;
    }
    int r = cdb_parse(p, text, len, out);
    free(text);
    free(p);
    return r;
}

void cdb_free(cdb *db)
{
    for (size_t i = 0; i < db->n; i++) {
        free(db->v[i].directory);
        free(db->v[i].file);
        free_argv(db->v[i].argv);
    }
    free(db->v);
    db->v = NULL;
    db->n = 0;
}

const cdb_entry *cdb_find(const cdb *db, const char *file)
{
    for (size_t i = 0; i < db->n; i++)
        if (strcmp(db->v[i].file, file) == 0)
            return &db->v[i];
    /* Entries may name the file through a symbolic link. */
    char *real = path_abs(file);
    for (size_t i = 0; i < db->n; i++) {
        char *r = path_abs(db->v[i].file);
        int same = strcmp(r, real) == 0;
        free(r);
        if (same) {
            free(real);
            return &db->v[i];
        }
    }
    free(real);
    return NULL;
}

/* Options whose path argument is made absolute, in joined (-Ifoo) or
 * separate (-I foo) form. */
static const char *const path_opts[] = {
    "-I", "-isystem", "-iquote", "-idirafter", "-include", "-imacros",
    "--sysroot", "-isysroot", NULL
};

/* Options dropped together with their separate argument. */
static const char *const drop_with_arg[] = { "-o", "-MF", "-MT", "-MQ", NULL };
/* Options dropped alone. */
static const char *const drop_alone[] = { "-c", "-MD", "-MMD", "-MP", "-M",
                                          "-MM", NULL };

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

char **cdb_flags(const cdb_entry *e, size_t *argc)
{
    char **out = xmalloc((e->argc * 2 + 1) * sizeof *out);
    size_t n = 0;

    for (size_t i = 1; i < e->argc; i++) {
        const char *a = e->argv[i];
        if (in_list(a, drop_alone))
            continue;
        if (in_list(a, drop_with_arg)) {
            i++;
            continue;
        }
        if ((a[0] == '-' && a[1] == 'o' && a[2]) || strncmp(a, "-MF", 3) == 0 ||
            strncmp(a, "-MT", 3) == 0 || strncmp(a, "-MQ", 3) == 0)
            continue;
        if (a[0] != '-') {
            char *abs = abs_in(e->directory, a);
            int is_src = strcmp(abs, e->file) == 0;
            free(abs);
            if (is_src)
                continue;
        }
        int done = 0;
        for (const char *const *o = path_opts; *o && !done; o++) {
            size_t ol = strlen(*o);
            if (strcmp(a, *o) == 0 && i + 1 < e->argc) {
                out[n++] = xstrdup(a);
                out[n++] = abs_in(e->directory, e->argv[++i]);
                done = 1;
            } else if (strncmp(a, *o, ol) == 0 && a[ol] &&
                       strcmp(*o, "-I") == 0) {
                /* Only -I is commonly joined; the longer ones would be
                 * ambiguous with other options sharing their prefix. */
                char *p = abs_in(e->directory, a + ol);
                sbuf b;
                sbuf_init(&b);
                sbuf_adds(&b, *o);
                sbuf_adds(&b, p);
                free(p);
                out[n++] = sbuf_take(&b);
                done = 1;
            } else if (strncmp(a, "--sysroot=", 10) == 0 &&
                       strcmp(*o, "--sysroot") == 0) {
                char *p = abs_in(e->directory, a + 10);
                sbuf b;
                sbuf_init(&b);
                sbuf_adds(&b, "--sysroot=");
                sbuf_adds(&b, p);
                free(p);
                out[n++] = sbuf_take(&b);
                done = 1;
            }
        }
        if (!done)
            out[n++] = xstrdup(a);
    }
    out[n] = NULL;
    *argc = n;
    return out;
}
