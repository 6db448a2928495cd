/*
 * signals.h - a report when SIGINT, SIGTERM or SIGABRT ends the program,
 * for the signals whose disposition is still the default one.
 */
#ifndef SCOPE_SIGNALS_H
#define SCOPE_SIGNALS_H

#include <signal.h>

/* Install the handler for SIGINT, SIGTERM and SIGABRT where each is
 * SIG_DFL (an ignored signal stays ignored, a program's own handler stays
 * its). The handler writes the report (api.c: scope__signal_report), puts
 * SIG_DFL back and raises the signal again, so that the process ends by
 * the same signal, with the same status, as it would unprofiled. */
void scope__signals_install(void);

/* Block every signal in the calling thread, keeping the mask it had in
 * *old, and put that mask back. Around the runtime's slow paths on the way
 * into a profiled function (registration, a thread's state, a new table or
 * call edge): each takes a lock or allocates, and a signal handler that
 * entered a profiled function for the first time while the same thread
 * held that lock would wait for it forever. Signals that arrive meanwhile
 * are delivered when the mask is restored. Pairs nest: only the outermost
 * one changes the mask (and only its *old is read back). */
void scope__sigs_block(sigset_t *old);
void scope__sigs_restore(const sigset_t *old);

/* "SIGINT", "SIGTERM", "SIGABRT", or "signal" for any other. */
const char *scope__signal_name(int sig);

#endif
