/*
 * commands.h - scope-report's subcommands, each given its own argv
 * (argv[0] is the subcommand's name).
 */
#ifndef REPORT_COMMANDS_H
#define REPORT_COMMANDS_H

#include "profile.h"

int cmd_diff(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* Merge the inputs, or the default directory when n is 0; 1 when one
 * could not be read, else 0 (main.c). */
int load_inputs(rp_profile *p, int n, char **paths);

#endif
