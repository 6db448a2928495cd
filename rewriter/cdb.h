/*
 * cdb.h - compilation database (compile_commands.json) lookup.
 *
 * A file's flags are taken from its entry so that the rewriter parses the
 * file exactly as the build compiles it (macros that only exist with -D,
 * headers only found through -I). The reader is a small JSON parser of its
 * own: the format is simple, and libclang's database API would hide why an
 * entry was not found.
 */
#ifndef SCOPE_REWRITE_CDB_H
#define SCOPE_REWRITE_CDB_H

#include <stddef.h>

typedef struct cdb_entry {
    char *directory;  /* absolute working directory of the command */
    char *file;       /* absolute, normalised source path */
    char **argv;      /* full command line, argv[0] the compiler */
    size_t argc;
} cdb_entry;

typedef struct cdb {
    cdb_entry *v;
    size_t n;
} cdb;

/* Parse `text` (the database's contents; `path` for messages). Returns 0, or
 * -1 after a located diagnostic. */
int cdb_parse(const char *path, const char *text, size_t len, cdb *out);
/* Read and parse BUILD_DIR/compile_commands.json. */
int cdb_load(const char *build_dir, cdb *out);
void cdb_free(cdb *db);

/* The entry for absolute normalised path `file`, or NULL. */
const cdb_entry *cdb_find(const cdb *db, const char *file);

/* The flags of entry `e` to hand to the parser: the compiler, -c, -o OUT,
 * dependency-file options and the source file itself are dropped, and the
 * paths of -I, -isystem, -iquote, -idirafter, -include, -imacros and
 * --sysroot are made absolute against the entry's directory. Returns a
 * malloc'd, NULL-terminated array of malloc'd strings; *argc its length. */
char **cdb_flags(const cdb_entry *e, size_t *argc);
void cdb_free_flags(char **argv);

/* Split a shell command line (the "command" form) into words, honouring
 * single and double quotes and backslashes. NULL-terminated, malloc'd. */
char **cdb_split_command(const char *cmd, size_t *argc);

#endif
