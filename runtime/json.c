/*
 * json.c - the JSON report (schema in docs/json.md).
 *
 * Seconds are written with Python's repr digits (shortest round trip), so a
 * reader gets exactly the doubles the text report was printed from. Text
 * that is not valid UTF-8 gets U+FFFD for each bad byte: the file must
 * always parse.
 */
#include "report.h"

#include <math.h>
#include <string.h>

#include "timeline.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
static int utf8_len(const unsigned char *s)
{
    int n, i;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, cp = s[0] & 0x1Fu;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, cp = s[0] & 0x0Fu;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, cp = s[0] & 0x07u;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static void string(scope__buf *b, const char *text)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    scope__buf_puts(b, "\"");
    while (*s) {
        int n;
        const unsigned char *run = s;
        /* A run of printable ASCII that needs no escape, at once. */
        while (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\')
            s++;
        if (s > run) {
            scope__buf_put(b, (const char *)run, (size_t)(s - run));
            continue;
        }
        if (*s == '"' || *s == '\\') {
            char esc[3] = { '\\', (char)*s, 0 };
            scope__buf_puts(b, esc);
            s++;
            continue;
        }
        if (*s < 0x20) {
            scope__buf_printf(b, "\\u%04x", *s);
            s++;
            continue;
        }
        n = utf8_len(s);
        if (n == 0) {
            scope__buf_puts(b, "\\ufffd");
            s++;
            continue;
        }
        scope__buf_put(b, (const char *)s, (size_t)n);
        s += n;
    }
    scope__buf_puts(b, "\"");
}

static void number(scope__buf *b, double x)
{
    scope__buf_repr(b, x);
}

void scope__format_json(scope__buf *b, const scope__report *r)
{
    unsigned i, k;
    scope__buf_reserve(b, scope__report_size(r, 112));
    scope__buf_puts(b, "{\n");
    scope__buf_puts(b, "  \"version\": 2,\n");
    /* Data files are renamed into place only once written whole
     * (output.c), so one that exists is complete; the field says so to a
     * reader that is given the text some other way. */
    scope__buf_puts(b, "  \"complete\": true,\n");
    scope__buf_puts(b, "  \"program\": ");
    string(b, r->program);
    scope__buf_printf(b, ",\n  \"pid\": %ld,\n", r->pid);
    scope__buf_puts(b, "  \"argv\": [");
    for (i = 0; i < r->argc; i++) {
        if (i)
            scope__buf_puts(b, ", ");
        string(b, r->argv[i]);
    }
    scope__buf_puts(b, "],\n  \"end\": ");
    string(b, r->end ? r->end : "exit");
    scope__buf_puts(b, ",\n");
    scope__buf_puts(b, "  \"timer_unit\": 1e-09,\n");
    scope__buf_puts(b, "  \"clock\": ");
    string(b, r->clock);
    scope__buf_puts(b, ",\n  \"probe_cost_ns\": ");
    number(b, r->costs.line_ns);
    scope__buf_printf(b, ",\n  \"compensated\": %s,\n", r->compensated ? "true" : "false");
    scope__buf_puts(b, "  \"costs_ns\": {\"line\": ");
    number(b, r->costs.line_ns);
    scope__buf_puts(b, ", \"line_isolated\": ");
    number(b, r->costs.isolated_ns);
    scope__buf_puts(b, ", \"call_enter\": ");
    number(b, r->costs.call_enter_ns);
    scope__buf_puts(b, ", \"call_leave\": ");
    number(b, r->costs.call_leave_ns);
    scope__buf_puts(b, ", \"region_enter\": ");
    number(b, r->costs.region_enter_ns);
    scope__buf_puts(b, ", \"region_leave\": ");
    number(b, r->costs.region_leave_ns);
    scope__buf_puts(b, ", \"inside\": ");
    number(b, r->costs.inside_ns);
    scope__buf_puts(b, ", \"call_inside\": ");
    number(b, r->costs.call_inside_ns);
    scope__buf_puts(b, ", \"first\": ");
    number(b, r->costs.first_ns);
    scope__buf_puts(b, ", \"tail\": ");
    number(b, r->costs.tail_ns);
    scope__buf_puts(b, ", \"call_outside\": ");
    number(b, r->costs.outside_ns);
    scope__buf_puts(b, "},\n");
    scope__buf_printf(b, "  \"abandoned_frames\": %llu,\n", (unsigned long long)r->abandoned);
    /* Sampled line time: how the times were taken (docs/json.md). */
    scope__buf_printf(b, "  \"mode\": \"%s\",\n", r->sampled ? "sampled" : "deterministic");
    if (r->sampled) {
        scope__buf_printf(b, "  \"sampling\": {\"clock\": \"%s\", \"period_ns\": ",
                          r->cpu_time ? "cpu" : "wall");
        number(b, r->period_ns);
        scope__buf_printf(b, ", \"samples\": %llu, \"in_runtime\": %llu},\n",
                          (unsigned long long)r->samples, (unsigned long long)r->in_runtime);
    } else {
        scope__buf_puts(b, "  \"sampling\": null,\n");
    }
    /* MPI (docs/json.md, additions): present only under an MPI launcher. */
    if (r->has_rank) {
        scope__buf_printf(b, "  \"rank\": %d,\n", r->rank);
        if (r->size >= 0)
            scope__buf_printf(b, "  \"size\": %d,\n", r->size);
        else
            scope__buf_puts(b, "  \"size\": null,\n");
    }
    scope__buf_puts(b, "  \"regions\": [");
    for (i = 0; i < r->nregions; i++) {
        const scope__rep_region *g = &r->regions[i];
        scope__buf_puts(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        string(b, g->name);
        scope__buf_printf(b, ", \"calls\": %llu, \"total\": ", (unsigned long long)g->calls);
        number(b, g->total);
        scope__buf_puts(b, ", \"mean\": ");
        number(b, g->mean);
        scope__buf_puts(b, ", \"min\": ");
        number(b, g->min);
        scope__buf_puts(b, ", \"max\": ");
        number(b, g->max);
        scope__buf_puts(b, ", \"std\": ");
        number(b, g->std);
        scope__buf_printf(b, ",\n     \"total_ns\": %llu, \"min_ns\": %llu, \"max_ns\": %llu, "
                          "\"m2_ns2\": ", (unsigned long long)g->total_ns,
                          (unsigned long long)g->min_ns, (unsigned long long)g->max_ns);
        number(b, g->m2_ns2);
        scope__buf_printf(b, ", \"outer_calls\": %llu, \"outer_total_ns\": %llu}",
                          (unsigned long long)g->outer_calls, (unsigned long long)g->outer_total_ns);
    }
    scope__buf_puts(b, r->nregions ? "\n  ],\n" : "],\n");
    scope__buf_puts(b, "  \"functions\": [");
    for (i = 0; r->lines && i < r->nfuncs; i++) {
        const scope__rep_func *f = &r->funcs[i];
        scope_u64 total = 0;
        for (k = 0; k < f->nlines; k++)
            if (f->lines[k].hits)
                total += f->lines[k].ns;
        scope__buf_puts(b, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
        string(b, f->file);
        scope__buf_puts(b, ", \"function\": ");
        string(b, f->function);
        scope__buf_puts(b, ", \"region\": ");
        string(b, f->region);
        scope__buf_printf(b, ",\n     \"first_line\": %u, \"last_line\": %u, \"total_time\": ",
                          f->first_line, f->first_line + f->nlines - 1);
        number(b, (double)total / 1e9);
        scope__buf_printf(b, ", \"mode\": \"%s\"", f->sampled ? "sampled" : "deterministic");
        if (f->sampled) {
            scope__buf_puts(b, ", \"samples\": ");
            number(b, floor(f->samples + 0.5));
            scope__buf_printf(b, ", \"few_samples\": %s",
                              f->samples < SCOPE__FEW_SAMPLES ? "true" : "false");
        }
        scope__buf_puts(b, ",\n     \"lines\": [");
        for (k = 0; k < f->nlines; k++) {
            const scope__rep_line *l = &f->lines[k];
            /* Written piece by piece: printf was most of a report's time. */
            scope__buf_puts(b, k ? ",\n       {\"line\": " : "\n       {\"line\": ");
            scope__buf_u64(b, f->first_line + k);
            scope__buf_puts(b, ", \"hits\": ");
            scope__buf_u64(b, (unsigned long long)l->hits);
            scope__buf_puts(b, ", \"time_ns\": ");
            scope__buf_f1(b, l->hits ? (double)l->ns : 0.0);
            if (f->sampled) {
                scope__buf_puts(b, ", \"self_ns\": ");
                scope__buf_f1(b, l->hits ? (double)l->self_ns : 0.0);
            }
            else if (l->too_short)
                scope__buf_puts(b, ", \"short\": true");
            scope__buf_puts(b, ", \"text\": ");
            string(b, l->text);
            scope__buf_puts(b, "}");
        }
        scope__buf_puts(b, f->nlines ? "\n     ]" : "]");
        if (f->ncalls) {
            scope__buf_puts(b, ",\n     \"calls\": [");
            for (k = 0; k < f->ncalls; k++) {
                const scope__rep_call *c = &f->calls[k];
                scope__buf_printf(b, "%s\n       {\"line\": %u, \"file\": ", k ? "," : "", c->line);
                string(b, c->file);
                scope__buf_puts(b, ", \"function\": ");
                string(b, c->function);
                scope__buf_printf(b, ", \"first_line\": %u, \"count\": %llu, \"time_ns\": %.1f}",
                                  c->first_line, (unsigned long long)c->count, (double)c->ns);
            }
            scope__buf_puts(b, "\n     ]");
        }
        scope__buf_puts(b, "}");
    }
    scope__buf_puts(b, (r->lines && r->nfuncs) ? "\n  ]" : "]");
    if (r->ns_per_tick > 0)
        scope__timeline_json(b, r->ns_per_tick);
    scope__buf_puts(b, "\n}\n");
}
