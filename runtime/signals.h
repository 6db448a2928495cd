/*
 * signals.h - a report when SIGINT, SIGTERM or SIGABRT ends the program,
 * for the signals whose disposition is still the default one.
 */
#ifndef SCOPE_SIGNALS_H
#define SCOPE_SIGNALS_H

/* Install the handler for SIGINT, SIGTERM and SIGABRT where each is
 * SIG_DFL (an ignored signal stays ignored, a program's own handler stays
 * its). The handler writes the report (api.c: scope__signal_report), puts
 * SIG_DFL back and raises the signal again, so that the process ends by
 * the same signal, with the same status, as it would unprofiled. */
void scope__signals_install(void);

/* "SIGINT", "SIGTERM", "SIGABRT", or "signal" for any other. */
const char *scope__signal_name(int sig);

#endif
