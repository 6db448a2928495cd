/* main.c - readme_project: a src/ + include/ program built with exactly the
 * commands of the README (tests/integration/run_readme.cmake). */
#include <stdio.h>
#include "stats.h"

int main(void)
{
    printf("%ld\n", stats_sum_squares(100));
    return 0;
}
