/*
 * main.c - scope-report: read the data files a profiled program's
 * processes wrote, merge them, and print, compare, check or export them.
 *
 *   scope-report [options] [FILE|DIR...]
 *   scope-report diff [options] OLD NEW
 *   scope-report check --budget FILE [FILE|DIR...]
 *   scope-report export --format FORMAT -o OUT [FILE|DIR...]
 *
 * Without FILE, the runtime's default place: $SCOPE_PROFILER_DIR, else
 * ./scope-profile. Exit status: 0; 1 when an input could not be read (the
 * others are still merged) or a budget was exceeded; 2 for bad usage.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "profile.h"
#include "util.h"
#include "view.h"

#ifndef SCOPE_REPORT_VERSION
#define SCOPE_REPORT_VERSION "0"
#endif

static const char usage_text[] =
    "usage: scope-report [options] [FILE|DIR...]\n"
    "       scope-report diff [options] OLD NEW\n"
    "       scope-report check --budget FILE [FILE|DIR...]\n"
    "       scope-report export --format FORMAT -o OUT [FILE|DIR...]\n"
    "\n"
    "Merge scope-profiler data files (every *.json under a DIR) and print the\n"
    "region blocks and line tables. Without FILE: $SCOPE_PROFILER_DIR, else\n"
    "./scope-profile.\n"
    "\n"
    "  -s, --sort            functions by total time, largest last\n"
    "  -m, --summarize       add '%6.2f seconds - file:line - name' lines\n"
    "  -z, --skip-zero       leave out functions that took no time\n"
    "  -u, --unit SECONDS    unit of the Time column (default 1e-09)\n"
    "  -f, --function REGEX  only functions and regions whose name matches\n"
    "  -n, --top N           only the N functions with most time\n"
    "  -l, --top-lines[=N]   the N lines with most self time (default 20)\n"
    "      --no-tables       leave out the region blocks and line tables\n"
    "  -o, --output FILE     write the text to FILE (atomically) instead of stdout\n"
    "  -h, --help            this text\n"
    "  -V, --version         the version\n"
    "\n"
    "diff: regions and lines of OLD against NEW (files or directories),\n"
    "largest changes first; hit counts apart from times.\n"
    "check: exit status 1 when a figure exceeds its limit in the budget file.\n"
    "export FORMAT: callgrind, lcov, chrome, speedscope, spt, html.\n";

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "scope-report: error: %s%s\n", msg, arg ? arg : "");
    fputs("Try 'scope-report --help'.\n", stderr);
    return 2;
}

static int parse_uint(const char *s, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v > 100000000UL || s[0] == '-')
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Merge the inputs (the default directory when there are none). */
int load_inputs(rp_profile *p, int n, char **paths)
{
    int i;
    if (n == 0) {
        const char *dir = getenv("SCOPE_PROFILER_DIR");
        rp_add_path(p, dir && *dir ? dir : "scope-profile");
    }
    for (i = 0; i < n; i++)
        rp_add_path(p, paths[i]);
    if (p->nfiles == 0 && p->nerrors == 0)
        fputs("scope-report: warning: no data files found\n", stderr);
    if (p->njobs > 1)
        fprintf(stderr, "scope-report: warning: files of %u MPI jobs are mixed (program or size "
                "differ); the ranks are shown per job, the other figures summed over all\n",
                p->njobs);
    if (p->njobs && p->nunranked)
        fprintf(stderr, "scope-report: warning: %u files carry no rank: they are in the summed "
                "figures, not in the ranks tables\n", p->nunranked);
    return p->nerrors ? 1 : 0;
}

int main(int argc, char **argv)
{
    static const struct option longs[] = {
        { "sort", no_argument, NULL, 's' },
        { "summarize", no_argument, NULL, 'm' },
        { "skip-zero", no_argument, NULL, 'z' },
        { "unit", required_argument, NULL, 'u' },
        { "function", required_argument, NULL, 'f' },
        { "top", required_argument, NULL, 'n' },
        { "top-lines", optional_argument, NULL, 'l' },
        { "no-tables", no_argument, NULL, 'T' },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    view_opts o;
    regex_t re;
    rp_profile p;
    scope__buf b = { 0 };
    const char *out = "-";
    int c, rc;

    if (argc > 1 && strcmp(argv[1], "diff") == 0)
        return cmd_diff(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "export") == 0)
        return cmd_export(argc - 1, argv + 1);

    memset(&o, 0, sizeof o);
    o.tables = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "smzu:f:n:l::o:hV", longs, NULL)) != -1) {
        switch (c) {
        case 's': o.sort = 1; break;
        case 'm': o.summarize = 1; break;
        case 'z': o.skip_zero = 1; break;
        case 'u': {
            char *end;
            o.unit = strtod(optarg, &end);
            if (!*optarg || *end || !(o.unit > 0))
                return usage_error("--unit takes a positive number of seconds: ", optarg);
            break;
        }
        case 'f':
            if (o.filter)
                regfree(o.filter);
            if (regcomp(&re, optarg, REG_EXTENDED | REG_NOSUB) != 0)
                return usage_error("--function: not a regular expression: ", optarg);
            o.filter = &re;
            break;
        case 'n':
            if (parse_uint(optarg, &o.top) != 0 || o.top == 0)
                return usage_error("--top takes a positive count: ", optarg);
            break;
        case 'l':
            o.top_lines = 20;
            if (optarg && (parse_uint(optarg, &o.top_lines) != 0 || o.top_lines == 0))
                return usage_error("--top-lines takes a positive count: ", optarg);
            break;
        case 'T': o.tables = 0; break;
        case 'o': out = optarg; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("scope-report %s\n", SCOPE_REPORT_VERSION); return 0;
        default: return bad_option(argv);
        }
    }
    memset(&p, 0, sizeof p);
    rc = load_inputs(&p, argc - optind, argv + optind);
    view_text(&b, &p, &o);
    if (write_atomic(out, b.data ? b.data : "", b.len, argv + optind, argc - optind) != 0)
        rc = 1;
    scope__buf_free(&b);
    rp_profile_free(&p);
    if (o.filter)
        regfree(o.filter);
    return rc;
}
