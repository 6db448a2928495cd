/*
 * hotpath.c - one line probe, alone in a function, for reading the machine
 * code the compiler makes of it (bench/run-bench disassembles it at -O2).
 */
#include "scope_profiler.h"

void hotpath_probe(scope_frame *scope__fr);

void hotpath_probe(scope_frame *scope__fr)
{
    SCOPE_LINE(3);
}
