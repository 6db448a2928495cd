/*
 * rank.h - which MPI rank this process is, from the launcher's environment.
 *
 * The core runtime never links MPI: mpirun, srun and the PMI/PMIx
 * launchers tell every process its rank and the job's size in environment
 * variables before main runs, so the data file and the default file names
 * can carry the rank without an MPI call.
 */
#ifndef SCOPE_RANK_H
#define SCOPE_RANK_H

/* Read the rank and size from the environment (once at start-up: the
 * report may run in a signal handler, where getenv is no good). The first
 * variable found wins, in this order: OMPI_COMM_WORLD_RANK/_SIZE (Open
 * MPI), PMIX_RANK (with PMIX_SIZE, or OMPI_COMM_WORLD_SIZE), PMI_RANK/
 * PMI_SIZE (MPICH, Intel MPI), SLURM_PROCID/SLURM_NTASKS (srun). */
void scope__rank_init(void);

/* This process's rank, or -1 when no launcher said one. */
int scope__rank(void);

/* The job's number of ranks, or -1 when unknown. */
int scope__rank_size(void);

/* Parse a rank variable's value: a decimal number 0..2^31-1 with nothing
 * else around it. Returns it, or -1. */
int scope__rank_parse(const char *text);

#endif
