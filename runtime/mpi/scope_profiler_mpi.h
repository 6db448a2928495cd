/*
 * scope_profiler_mpi.h - libscope_profiler_mpi: the merge of every rank's
 * figures at MPI_Finalize (docs/mpi.md).
 *
 * Linking the library is enough: it defines MPI_Finalize, which merges and
 * then calls PMPI_Finalize. The functions below are for programs that
 * want the merge at another point (before a last MPI_Finalize of their
 * own wrapper, say).
 */
#ifndef SCOPE_PROFILER_MPI_H
#define SCOPE_PROFILER_MPI_H

#ifdef __cplusplus
extern "C" {
#endif

/* Write this rank's data file (as scope_finalize does), then combine the
 * figures of every rank that arrives in time with MPI collectives; rank 0
 * writes <program>.<pid>.mpi.txt and .mpi.json into the data directory.
 * Collective over MPI_COMM_WORLD (a rank that does not call it within
 * scope_mpi_timeout() seconds is named as missing). Returns 0 when this
 * rank took part in a completed merge, -1 otherwise (a reason on stderr
 * when the merge stopped). Needs MPI initialised and not finalized. */
int scope_mpi_merge(void);

/* SCOPE_PROFILER_MPI_TIMEOUT in seconds (default 30). */
double scope_mpi_timeout(void);

#ifdef __cplusplus
}
#endif

#endif
