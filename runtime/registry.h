/*
 * registry.h - the process-wide lists: regions by name (in order of first
 * entry) and profiled functions by descriptor.
 *
 * A descriptor or site gets its index once, under scope__lock, and keeps it
 * in its `id` field (index + 1, written atomically), so later entries need
 * no lock and no hash lookup. The same lock guards the thread list and the
 * retired accumulator (thread.h) and the report.
 */
#ifndef SCOPE_REGISTRY_H
#define SCOPE_REGISTRY_H

#include <pthread.h>

#include "scope_profiler.h"

extern pthread_mutex_t scope__lock;

/* Region index of `site` (0-based), registering its name on first use;
 * -1 when out of memory. Takes scope__lock only on a site's first entry. */
int scope__region_id(scope_region_site *site);

/* Function index of `desc` (0-based), registering it (and its region) on
 * first use; -1 on a foreign ABI version or out of memory. */
int scope__func_id(scope_func_desc *desc);

/* The lists, read under scope__lock. */
unsigned scope__region_count(void);
const char *scope__region_name(unsigned index);
int scope__region_lookup(const char *name);   /* index or -1 */
unsigned scope__func_count(void);
const scope_func_desc *scope__func_desc(unsigned index);
int scope__func_region(unsigned index);       /* region index of a function */

/* One-line problems for the report ("the runtime never aborts"). Repeats of
 * the same text are kept once. scope__note takes scope__lock itself;
 * scope__note_locked expects it held. */
void scope__note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void scope__note_locked(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
unsigned scope__note_count(void);
const char *scope__note_text(unsigned index);
void scope__notes_clear(void);

#endif
