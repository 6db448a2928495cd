/*
 * imbalance.c - an MPI program with deliberate imbalance for the merge
 * tests (tests/mpi/run.py): rank r calls unit() r + 1 times, so the
 * merged figures are known exactly (calls 1..size, hits summed), and only
 * the last rank enters "last_only" (a key that rank 0 lacks).
 *
 *   imbalance [normal|abort|hang] [units]
 * abort: rank 2 calls abort() after its work, before MPI_Finalize.
 * hang: rank 2 never calls MPI_Finalize: it waits until rank 0 has written
 * the merged report (a *.mpi.json in $SCOPE_PROFILER_DIR, at most 120 s),
 * then exits.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile double sink;

// @profile("unit")
static double unit(long n)
{
    double s = 0.0;
    for (long i = 0; i < n; i++)
        s += (double)i * 0.5;
    return s;
}

// @profile("last_only")
static int last_only(int rank)
{
    return rank * 2;
}

/* A merged report in dir? */
static int merged_written(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 9 && strcmp(e->d_name + n - 9, ".mpi.json") == 0)
            found = 1;
    }
    closedir(d);
    return found;
}

int main(int argc, char **argv)
{
    int rank, size, r;
    const char *mode;
    long units;
    double acc = 0.0;
    MPI_Init(&argc, &argv);
    mode = argc > 1 ? argv[1] : "normal";
    units = argc > 2 ? atol(argv[2]) : 20000;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    for (r = 0; r <= rank; r++)
        acc += unit(units);
    if (rank == size - 1)
        acc += last_only(rank);
    sink = acc;
    if (strcmp(mode, "abort") == 0 && rank == 2)
        abort();
    if (strcmp(mode, "hang") == 0 && rank == 2) {
        const char *dir = getenv("SCOPE_PROFILER_DIR");
        struct timespec ts = { 0, 50000000 };
        int i;
        for (i = 0; i < 2400 && dir && !merged_written(dir); i++)
            nanosleep(&ts, NULL);
        _exit(0);
    }
    MPI_Finalize();
    return 0;
}
