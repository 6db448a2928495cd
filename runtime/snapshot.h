/*
 * snapshot.h - gather the figures of every thread into one scope__report.
 */
#ifndef SCOPE_SNAPSHOT_H
#define SCOPE_SNAPSHOT_H

#include "report.h"

typedef struct scope__snapshot {
    scope__report rep;
    char **notes;              /* owned copies */
    struct scope__srcfile *files;  /* source files read for their text */
    int recorded;              /* anything recorded since the last reset */
} scope__snapshot;

/* Fill `s` from the live threads and the retired totals (scope__lock
 * held). With `only_region`, keep that region and its functions only.
 * ns_per_tick converts ticks. Returns 0, or -1 when out of memory. */
int scope__snapshot_take(scope__snapshot *s, const char *only_region, double ns_per_tick);

/* Add one note to the snapshot (owned copy). */
void scope__snapshot_note(scope__snapshot *s, const char *text);

void scope__snapshot_free(scope__snapshot *s);

/* Zero every figure: live threads, retired totals, notes (scope__lock). */
void scope__reset_all(void);

#endif
