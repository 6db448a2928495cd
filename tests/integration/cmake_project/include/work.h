/* work.h - the profiled helper of the integration test program; found only
 * through the target's include directories. */
#ifndef WORK_H
#define WORK_H

long work_step(long i);
int work_compiler(void);

#endif
