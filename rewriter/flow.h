/*
 * flow.h - which statements control always runs straight through.
 *
 * A counter may serve several lines (gcov's trick) only where every start of
 * the first line is followed by exactly one start of each of the others. The
 * walker (walk.c) chains consecutive statements of one block; this module
 * answers the one question the chain needs about each statement: once it
 * starts, does control always reach its end and nothing else? Kept apart
 * from the walker because it is a rule about C's control flow, not about
 * where a probe may go.
 */
#ifndef SCOPE_REWRITE_FLOW_H
#define SCOPE_REWRITE_FLOW_H

#include <clang-c/Index.h>

/* 1 when statement `c`, once started, always ends by falling through to the
 * statement after it: a declaration, an expression statement or `;` that
 * holds no call (a callee may exit, longjmp or never return), no GNU
 * statement expression (it may hold a jump), no asm (asm goto), no nested
 * function and no variable-length array. Everything else, labels and
 * compound statements included, is 0: the answer errs only towards 0. */
int flow_straight(CXCursor c);

#endif
