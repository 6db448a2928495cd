/*
 * signals.c - the report on SIGINT, SIGTERM and abort() (see signals.h;
 * why the report is safe to write from a handler: docs/runtime.md).
 *
 * The handler is installed with SA_RESETHAND and SA_NODEFER: from its
 * first instruction the disposition is SIG_DFL again and the signal is
 * not blocked, so a second signal during the report (a user pressing ^C
 * twice) ends the process at once, and re-raising it after the report
 * ends the process by the default action. The other two signals wait
 * while the handler runs: a test runner killing a helper (SIGTERM) that is
 * writing its report after abort() would otherwise cut the report short
 * and make it die by SIGTERM, where the unprofiled helper died at once by
 * SIGABRT. A program that installs its own handler later simply replaces
 * this one.
 */
#define _GNU_SOURCE
#include "signals.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "api.h"

static const int handled[] = { SIGINT, SIGTERM, SIGABRT };

const char *scope__signal_name(int sig)
{
    switch (sig) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGABRT:
        return "SIGABRT";
    default:
        return "signal";
    }
}

static void on_signal(int sig)
{
    struct sigaction dfl;
    int saved = errno;
    scope__signal_report(sig);
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
    /* Not reached for these signals' default actions. */
    errno = saved;
}

void scope__signals_install(void)
{
    unsigned i;
    for (i = 0; i < sizeof handled / sizeof handled[0]; i++) {
        struct sigaction old, sa;
        unsigned j;
        if (sigaction(handled[i], NULL, &old) != 0)
            continue;
        if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (j = 0; j < sizeof handled / sizeof handled[0]; j++)
            if (j != i)
                sigaddset(&sa.sa_mask, handled[j]);
        sa.sa_flags = SA_RESETHAND | SA_NODEFER | SA_RESTART;
        sigaction(handled[i], &sa, NULL);
    }
}

/* Blocks nest: the first one masks every signal, the inner ones (a slow
 * path that calls others, each blocking on its own) cost nothing, and the
 * mask comes back when the outermost one ends. The depth changes only
 * while every signal is blocked, so no handler ever sees it raised. */
static __thread unsigned block_depth;

void scope__sigs_block(sigset_t *old)
{
    sigset_t all;
    if (block_depth == 0) {
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, old);
    }
    block_depth++;
}

void scope__sigs_restore(const sigset_t *old)
{
    if (block_depth && --block_depth == 0)
        pthread_sigmask(SIG_SETMASK, old, NULL);
}
