/* work.c - the second source of the integration test program; the tests
 * touch it to check that only its instrumented copy is made again. */
#include <math.h>
#include "work.h"

// @profile("work")
long work_step(long i)
{
    return (long)sqrt((double)(i * i));
}
