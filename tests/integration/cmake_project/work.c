/* work.c - the second source of the integration test program; the tests
 * touch it to check that only its instrumented copy is made again. */
#include <math.h>
#include "work.h"

// @profile("work")
long work_step(long i)
{
    return (long)sqrt((double)(i * i));
}

/* Built by gcc, this #if must be judged as gcc judges it: the rewriter
 * parses with the build compiler's predefined macros, not libclang's
 * (__GNUC__ 4, __clang__). */
#if defined(__GNUC__) && __GNUC__ >= 5 && !defined(__clang__)
// @profile("compiler_branch")
int work_compiler(void)
{
    return 1;
}
#else
int work_compiler(void)
{
    return 0;
}
#endif
