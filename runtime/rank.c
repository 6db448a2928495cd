/*
 * rank.c - the MPI rank and size from the launcher's environment (rank.h).
 */
#include "rank.h"

#include <stdlib.h>

static int my_rank = -1;
static int my_size = -1;

int scope__rank_parse(const char *text)
{
    long v = 0;
    if (!text || !*text)
        return -1;
    for (; *text; text++) {
        if (*text < '0' || *text > '9')
            return -1;
        v = v * 10 + (*text - '0');
        if (v > 0x7fffffffL)
            return -1;
    }
    return (int)v;
}

void scope__rank_init(void)
{
    /* Pairs of (rank, size) variables, most specific launcher first. */
    static const char *const vars[][2] = {
        { "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE" },
        { "PMIX_RANK", "PMIX_SIZE" },
        { "PMI_RANK", "PMI_SIZE" },
        { "SLURM_PROCID", "SLURM_NTASKS" },
    };
    unsigned i;
    my_rank = -1;
    my_size = -1;
    for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        int r = scope__rank_parse(getenv(vars[i][0]));
        if (r < 0)
            continue;
        my_rank = r;
        my_size = scope__rank_parse(getenv(vars[i][1]));
        /* PMIx publishes no size variable of its own under Open MPI. */
        if (my_size < 0)
            my_size = scope__rank_parse(getenv("OMPI_COMM_WORLD_SIZE"));
        if (my_size >= 0 && my_size <= my_rank)
            my_size = -1;
        return;
    }
}

int scope__rank(void) { return my_rank; }
int scope__rank_size(void) { return my_size; }
