/*
 * write.c - prologue and literal escaping (see write.h).
 */
#include "write.h"

#include <string.h>

/* The characters of a literal whose value is `s` (n bytes), without the
 * quotes. */
static void literal_body(sbuf *out, const char *s, size_t n)
{
    /* Each byte of `s` is one character of the literal's value, escaped or
     * not, so the length check needs no second pass; and runs of bytes that
     * need no escape are copied whole, since the prologue of a large file is
     * mostly such runs. */
    sbuf_reserve(out, n + 2);
    size_t run = 0; /* first byte not yet copied */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != 0x7f && c != '\\' && c != '"' &&
            (c != '?' || i == 0 || s[i - 1] != '?'))
            continue;
        sbuf_add(out, s + run, i - run);
        run = i + 1;
        if (c == '\\' || c == '"') {
            char esc[2] = { '\\', (char)c };
            sbuf_add(out, esc, 2);
        } else if (c == '?') {
            sbuf_add(out, "\\?", 2);
        } else if (c == '\t') {
            sbuf_add(out, "\\t", 2);
        } else {
            sbuf_printf(out, "\\%03o", c);
        }
    }
    sbuf_add(out, s + run, n - run);
}

void write_literal(sbuf *out, const char *s, size_t n)
{
    if (n > WRITE_C90_LITERAL_MAX)
        sbuf_adds(out, "__extension__ ");
    sbuf_addc(out, '"');
    literal_body(out, s, n);
    sbuf_addc(out, '"');
}

char *write_tag(const char *display)
{
    size_t n = strlen(display);
    char *tag = xmalloc(n + 2);
    size_t j = 0;
    /* A name may not start with a digit, but here it follows `scope__f3_`. */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)display[i];
        tag[j++] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z')
                       ? (char)c
                       : '_';
    }
    if (j == 0)
        tag[j++] = '_';
    tag[j] = '\0';
    return tag;
}

const char *write_eol(const char *text, size_t len)
{
    const char *nl = memchr(text, '\n', len);
    return nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Start of line `line` (1-based) in text, or len past the end. The search
 * resumes from the previous answer (*at, *at_line), since functions come
 * in file order; a file with thousands of profiled functions stays linear. */
static size_t line_start(const char *text, size_t len, unsigned line,
                         size_t *at, unsigned *at_line)
{
    if (line < *at_line) {
        *at = 0;
        *at_line = 1;
    }
    size_t i = *at;
    unsigned l = *at_line;
    for (; l < line && i < len; i++)
        if (text[i] == '\n')
            l++;
    *at = i;
    *at_line = l;
    return i;
}

void write_prologue(sbuf *out, const walk_result *res, const char *display,
                    const char *tag, const char *text, size_t len)
{
    const char *eol = write_eol(text, len);
    size_t at = 0;
    unsigned at_line = 1;
    sbuf_printf(out, "#include \"scope_profiler.h\"%s", eol);
    /* Guarded: the copy of a header may be read twice (its own include
     * guard lies below, in the original text). */
    sbuf_printf(out, "#if !defined(SCOPE_PROFILER_DISABLE) && !defined(scope__%s)%s"
                     "#define scope__%s%s", tag, eol, tag, eol);
    for (size_t i = 0; i < res->nfuncs; i++) {
        const walk_func *f = &res->funcs[i];
        if (f->desc < 0)
            continue;
        /* One literal, a piece per line on a line of its own, each ended
         * by "\n": adjacent literals are joined by the compiler's lexer,
         * where an array of one literal per line made clang build (and,
         * without optimisation, emit) a constant and a relocation per
         * line. (A source with a NUL byte is refused before this.) */
        size_t p = line_start(text, len, f->first_line, &at, &at_line);
        size_t q = p, value = 0;
        for (unsigned l = f->first_line; l <= f->last_line; l++) {
            size_t e = q;
            while (e < len && text[e] != '\n')
                e++;
            value += e - q + 1; /* the line and its "\n" */
            q = e < len ? e + 1 : len;
        }
        sbuf_printf(out, "static const char scope__f%d_%s_text[] =%s%s", f->desc, tag,
                    value > WRITE_C90_LITERAL_MAX ? " __extension__" : "", eol);
        for (unsigned l = f->first_line; l <= f->last_line; l++) {
            size_t e = p;
            while (e < len && text[e] != '\n')
                e++;
            size_t te = e;
            if (te > p && text[te - 1] == '\r')
                te--;
            sbuf_adds(out, "    \"");
            literal_body(out, text + p, te - p);
            sbuf_adds(out, "\\n\"");
            if (l == f->last_line)
                sbuf_addc(out, ';');
            sbuf_adds(out, eol);
            p = e < len ? e + 1 : len;
        }
        if (f->nfollow > 0) {
            /* The rows whose probes only follow a counted one: pairs of
             * (row, leader row), ended by 0 (row 0 is never a follower). */
            sbuf_printf(out, "static const unsigned scope__f%d_%s_next[] = {", f->desc, tag);
            for (size_t j = 0; j < f->nfollow; j++) {
                if (j % 8 == 0)
                    sbuf_printf(out, "%s%s    ", j ? "," : "", eol);
                else
                    sbuf_adds(out, ", ");
                sbuf_printf(out, "%u, %u", f->follow[2 * j], f->follow[2 * j + 1]);
            }
            sbuf_printf(out, ", 0 };%s", eol);
        }
        /* `used`: a function that the compiler's own preprocessor leaves
         * out leaves its descriptor unused, which must not warn. */
        sbuf_printf(out, "static scope_func_desc scope__f%d_%s "
                         "__attribute__((used)) = { SCOPE_PROFILER_ABI, ",
                    f->desc, tag);
        write_literal(out, display, strlen(display));
        sbuf_adds(out, ", ");
        write_literal(out, f->name, strlen(f->name));
        sbuf_printf(out, ", %u, %u, scope__f%d_%s_text, { ", f->first_line,
                    f->last_line - f->first_line + 1, f->desc, tag);
        write_literal(out, f->region, strlen(f->region));
        if (f->nfollow > 0)
            sbuf_printf(out, ", 0 }, 0, scope__f%d_%s_next };%s", f->desc, tag, eol);
        else
            sbuf_printf(out, ", 0 }, 0, 0 };%s", eol);
    }
    for (size_t i = 0; i < res->nsites; i++) {
        sbuf_printf(out, "static scope_region_site scope__r%zu_%s "
                         "__attribute__((used)) = { ", i, tag);
        write_literal(out, res->sites[i].name, strlen(res->sites[i].name));
        sbuf_printf(out, ", 0 };%s", eol);
    }
    sbuf_printf(out, "#endif%s", eol);
    sbuf_adds(out, "#line 1 ");
    write_literal(out, display, strlen(display));
    sbuf_adds(out, eol);
}
