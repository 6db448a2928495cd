/*
 * scope_profiler.h - the one public header of scope-profiler for C.
 *
 * It serves two audiences. The probe macros (SCOPE_FRAME, SCOPE_LINE,
 * SCOPE_REGION) are what scope-rewrite emits into instrumented copies of a
 * source file, and what a programmer may write by hand. The C API
 * (scope_setup, scope_finalize, scope_get_region, ...) mirrors scope-profiler's
 * ProfileManager.
 *
 * Why it looks the way it does:
 * - It includes no system header. An instrumented file includes it first, and
 *   the file may define _GNU_SOURCE or _POSIX_C_SOURCE before its own
 *   includes; pulling in <stdint.h> here would freeze the feature macros too
 *   early. Types come from compiler builtins (__UINT64_TYPE__).
 * - Everything is C90 plus GNU attributes and builtins (which -pedantic
 *   accepts), so instrumented code builds under -std=c89 -pedantic -Werror.
 *   Declaration-like macros carry their own semicolon, so that with
 *   SCOPE_PROFILER_DISABLE they leave no empty statement before declarations.
 * - A frame lives in memory the runtime owns, not on the C stack: a longjmp
 *   that skips the cleanup handler leaves an abandoned record the runtime can
 *   recognise and drop, never a link into dead stack memory.
 * - The line probe is inline and comes in two shapes, chosen per compiled
 *   file by SCOPE_PROFILER_SAMPLED: the counting probe (default: a hit count
 *   and a relaxed store of the frame's current row; the runtime's sampler
 *   thread supplies the time) or one unfenced clock read and a few adds into
 *   the calling thread's table. Neither makes a call, takes a lock, does a
 *   thread-local lookup or tests the configuration.
 * - Compile cost is part of the contract (instrumented <= 2x plain): the
 *   clock-per-line probe is shaped for the optimiser as much as for the
 *   processor. On optimised x86-64 it is one asm statement; elsewhere its
 *   memory accesses are volatile, and without optimisation it is a call
 *   (SCOPE__LINE_ON).
 */
#ifndef SCOPE_PROFILER_H
#define SCOPE_PROFILER_H

#define SCOPE_PROFILER_VERSION "0.1.0"
/* Layout version of the descriptors and of the frame below; the runtime
 * refuses (with one line in the report, never an abort) descriptors of
 * another version. 2: the line probe also counts itself in the frame.
 * 3: the counting probe stores a row index, not a row's address.
 * 4: a descriptor's source text is one string, its lines each ended by a
 * line feed; the out-of-line line probes take the frame variable's
 * address and an int row. */
#define SCOPE_PROFILER_ABI 4

#ifdef __cplusplus
extern "C" {
#endif

/* 64-bit unsigned without <stdint.h>; __extension__ keeps -pedantic quiet
 * where the builtin type is "long long" (32-bit targets under C90). */
__extension__ typedef __UINT64_TYPE__ scope_u64;

/* ------------------------------------------------------------------------ */
/* Descriptors: static data in the instrumented file, one per place.         */
/* ------------------------------------------------------------------------ */

/* A place that opens a region (a profiled function, or a statement under an
 * annotation). Every site with the same name adds to the same region. */
typedef struct scope_region_site {
    const char *name;   /* region name, as in @profile("name") */
    int id;             /* runtime's region index + 1; 0 until first entry.
                           Written once by the runtime (atomically). */
} scope_region_site;

/* A profiled function: its region and its line table. */
typedef struct scope_func_desc {
    int abi;                 /* SCOPE_PROFILER_ABI of the emitting header */
    const char *file;        /* source path shown in the report ("File:") */
    const char *function;    /* C name of the function ("Function:") */
    unsigned first_line;     /* first row of the table: the annotation line */
    unsigned nlines;         /* rows: annotation line through closing brace */
    const char *text;        /* the nlines source lines, each ended by one
                                '\n' (one literal: a literal per line and
                                an array of pointers cost clang a quarter
                                of the plain compile of an unoptimised
                                4,000-line function); NULL: the runtime
                                reads them from `file` */
    scope_region_site region;/* the function's region */
    int id;                  /* runtime's function index + 1; 0 until first
                                entry. Written once by the runtime. */
    const unsigned *next;    /* follower rows: pairs (row, leader row),
                                ended by 0. A follower's probe
                                (SCOPE_LINE_NEXT) starts only straight after
                                its leader's run, so in the sampled mode it
                                does not count and the report gives it the
                                leader's hits; NULL: none */
} scope_func_desc;

/* One row of a thread's line table. */
typedef struct scope_line_acc {
    scope_u64 hits;          /* times the line's probe ran */
    scope_u64 ticks;         /* clock ticks charged to the line */
} scope_line_acc;

/* One open function call or region entry. The first four fields are read
 * and written by the inline line probe; the rest belong to the runtime. */
typedef struct scope_frame {
    scope_line_acc *cur;     /* row being timed (a scratch row at entry) */
    scope_u64 last;          /* clock at the previous probe, in ticks */
    scope_line_acc *lines;   /* this thread's table for the function,
                                nlines + 1 rows; NULL for a statement region */
    scope_u64 probes;        /* line probes run on this frame, in probes:
                                what overhead compensation subtracts from the
                                entry's time */
    scope_u64 start;         /* clock at entry, in ticks */
    scope_u64 nested;        /* probe overhead of the entries made inside
                                this one and already closed, in ticks */
    scope_u64 base;          /* statement region: `probes` of its function's
                                frame at entry, in probes */
    struct scope_frame *up;  /* the frame below on the stack, or NULL */
    struct scope_frame *fn;  /* the function frame whose rows are being
                                timed here (itself, or for a statement
                                region the one below), or NULL */
    const void *cfa;         /* frame address of the entering C function,
                                to recognise frames abandoned by longjmp */
    int region;              /* region index (0-based) */
    unsigned depth;          /* position in the thread's frame stack */
    /* Sampled mode (runtime-owned; read by the sampler thread). */
    unsigned at;             /* row this frame is on (an index into
                                `lines`), stored by the counting probe with
                                a relaxed atomic; SCOPE__NO_ROW: nothing
                                for the sampler to charge */
    void *st;                /* the sampled table (runtime's scope__stab) the
                                rows belong to, for self time; relaxed atomic */
    int fid;                 /* function index (0-based) of a function
                                frame whose rows are its thread's table,
                                else -1: the caller of a call edge */
    void *edge;              /* the call edge (runtime's scope__edge) this
                                entry adds to when it closes, or NULL */
    int sampled;             /* 1: an entry of a sampled file. Its time is
                                the sampled time of its thread between entry
                                and exit (start, in ticks, is then a reading
                                of that sum), so entry and exit read no
                                clock */
} scope_frame;

/* scope_frame.at when the frame is on no row. */
#define SCOPE__NO_ROW (~0u)

/* ------------------------------------------------------------------------ */
/* Runtime entry points used by the probes (internal: scope__ prefix).       */
/* ------------------------------------------------------------------------ */

scope_frame *scope__enter(scope_func_desc *desc, const void *cfa);
scope_frame *scope__region_enter(scope_region_site *site, const void *cfa);
void scope__leave(scope_frame **frame);
scope_u64 scope__clock_slow(void);
scope_frame *scope__enter_sampled(scope_func_desc *desc, const void *cfa);
scope_frame *scope__region_enter_sampled(scope_region_site *site, const void *cfa);

/* The probe clock. x86: the time-stamp counter, unfenced (a fence would
 * cost more than the read and serialise the code being measured). aarch64:
 * the virtual counter. Elsewhere, or with -DSCOPE_PROFILER_CLOCK_MONOTONIC:
 * CLOCK_MONOTONIC through the runtime. The runtime converts ticks to ns. */
#if defined(SCOPE_PROFILER_CLOCK_MONOTONIC)
#define SCOPE__CLOCK() scope__clock_slow()
#elif defined(__x86_64__) || defined(__i386__)
#define SCOPE__CLOCK() ((scope_u64)__builtin_ia32_rdtsc())
#elif defined(__aarch64__)
static __inline__ __attribute__((always_inline)) scope_u64 scope__cntvct(void)
{
    scope_u64 v;
    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
    return v;
}
#define SCOPE__CLOCK() scope__cntvct()
#else
#define SCOPE__CLOCK() scope__clock_slow()
#endif

/* Which probe this file gets: 1, the counting probe and sampled line time;
 * 0, a clock read per line. Chosen when the instrumented copy is compiled
 * (-DSCOPE_PROFILER_SAMPLED=0/1), so one copy builds either way. */
#ifndef SCOPE_PROFILER_SAMPLED
#define SCOPE_PROFILER_SAMPLED 1
#endif

/* How the asm probes below are shaped, for compile time and for the place
 * of each probe in the compiled code.
 *
 * Compile time (bench/compile_cost.py, instructions the compilers execute
 * on a 1,000-line function): every operand of an inline asm costs clang
 * about as much as the asm statement itself, and a value the asm needs in
 * a register costs a load that both compilers then track. So each probe
 * is one asm statement with two operands: a memory input, the frame
 * pointer variable itself (`scope__fr`, in memory anyway since the
 * cleanup takes its address), and the row as an immediate (`%c[r]` in the
 * template: the constant without its `$`, which the assembler multiplies
 * by the row size). Its scratch registers are fixed and named as clobbers
 * (cheaper for both compilers than output operands), by their GCC names
 * ("ax" clobbers all of rax): clang looks "rax" up among the aliases and
 * then every register class, 5% of its optimised compile of the clock-
 * per-line probe. A row that is not a
 * constant takes the C probe. The flags are implicitly clobbered on x86.
 *
 * Place: a volatile asm is never removed, and the compilers keep volatile
 * asms in their order; clang also keeps every call and memory access on
 * its side of one. gcc does not: it computed the seed kernel's sin() of the
 * next iteration at the end of the previous one, above the probes of the
 * lines before it, and samples charged the call to the loop's header (82%,
 * against perf's 5%). A signal fence after the asm (SCOPE__PLACE) keeps
 * calls and memory accesses on their side of the probe with gcc, as the
 * relaxed atomic store of earlier probe shapes did, without the store: it
 * emits no instruction. With clang, or without optimisation (nothing is
 * moved then), the fence would only cost compile time.
 *
 * Field offsets are fixed by the frame's layout (runtime/probe.c checks
 * them). The templates are AT&T syntax: code built with -masm=intel, or
 * wanting the C probe anyway, defines SCOPE_PROFILER_NO_ASM. */
#if defined(__clang__) || !defined(__OPTIMIZE__)
#define SCOPE__PLACE() ((void)0)
#else
#define SCOPE__PLACE() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#endif
#if defined(__x86_64__) && defined(__LP64__) && !defined(SCOPE_PROFILER_NO_ASM)
#define SCOPE__X86_ASM 1
#else
#define SCOPE__X86_ASM 0
#endif

#if SCOPE_PROFILER_SAMPLED

/* The counting probe: count the row and say which row the frame is on.
 * No clock: the runtime's sampler thread charges time to the row each open
 * frame is on (runtime/sampler.h). The store is a relaxed atomic because
 * the sampler reads it from another thread; on x86 and aarch64 it is a
 * plain store. */
static __inline__ __attribute__((always_inline))
void scope__line(scope_frame *fr, unsigned row)
{
    fr->lines[row].hits++;
    __atomic_store_n(&fr->at, row, __ATOMIC_RELAXED);
    /* A volatile asm is a scheduling barrier: the compiler may not move
     * the next line's work above this store, nor this line's below the
     * next store, so a sample finds the row whose code is running. */
    __asm__ __volatile__("" : : "r"(fr));
}

/* A sampled file's functions and statement regions open their frames
 * through the sampled entries (which mark the table sampled, start the
 * sampler, and time the entry by the samples, reading no clock); the
 * macros below keep their one shape for both modes. */
#define scope__enter scope__enter_sampled
#define scope__region_enter scope__region_enter_sampled

/* The counting probe out of line (runtime/sampler.c), for clang without
 * optimisation, where a call is less for the compiler than an asm. It
 * takes the frame variable's address and an int row: no load of the
 * variable and no conversion of the row's literal for the compiler to
 * build at every line (6% of clang's unoptimised compile of a 4,000-line
 * function). */
void scope__line_sampled_call(scope_frame *const *frp, int row);

/* SCOPE__LINE_ON(fr, row): the counting probe as the macros emit it. On
 * x86-64 four instructions, the store of the row's index into `at` (the
 * sampler's relaxed atomic load reads it; an aligned 32-bit store is
 * atomic on x86) and the row's count (see above for the shape):
 *   movq scope__fr, %rax;  movl $row, at(%rax);  movq lines(%rax), %rax;
 *   addq $1, row*16(%rax)
 * clang without optimisation calls scope__line_sampled_call() instead (an
 * asm costs it six times a call there); elsewhere scope__line(). */
#if SCOPE__X86_ASM && (defined(__OPTIMIZE__) || !defined(__clang__))
#define SCOPE__LINE_ON(fr, row)                                              \
    (__builtin_constant_p(row) ? SCOPE__COUNT_ASM(fr, row) : scope__line((fr), (row)))
#define SCOPE__COUNT_ASM(fr, row)                                            \
    (__extension__({                                                         \
        __asm__ __volatile__(                                                \
            "movq %[f], %%rax\n\t"                                           \
            "movl %[r], 88(%%rax)\n\t"                                       \
            "movq 16(%%rax), %%rax\n\t"                                      \
            "addq $1, 16*%c[r](%%rax)"                                       \
            :                                                                \
            : [f] "m"(fr), [r] "i"(row)                                      \
            : "ax");                                                         \
        SCOPE__PLACE();                                                      \
    }))
#elif !defined(__OPTIMIZE__)
#define SCOPE__LINE_ON(fr, row) scope__line_sampled_call(&(fr), (row))
#else
#define SCOPE__LINE_ON(fr, row) scope__line((fr), (row))
#endif

/* The follower's probe (SCOPE_LINE_NEXT): only the store of the row's
 * index. Its row starts exactly as often as the leader's (the rewriter
 * proves it, rewriter/flow.h), and the report copies the leader's count.
 * Without optimisation it is the counting probe: that count is then
 * written over, and unoptimised code is not where the cost matters. */
static __inline__ __attribute__((always_inline))
void scope__line_next(scope_frame *fr, unsigned row)
{
    __atomic_store_n(&fr->at, row, __ATOMIC_RELAXED);
    __asm__ __volatile__("" : : "r"(fr));
}
#if SCOPE__X86_ASM && defined(__OPTIMIZE__)
#define SCOPE__NEXT_ON(fr, row)                                              \
    (__builtin_constant_p(row) ? SCOPE__AT_ASM(fr, row) : scope__line_next((fr), (row)))
#define SCOPE__AT_ASM(fr, row)                                               \
    (__extension__({                                                         \
        __asm__ __volatile__(                                                \
            "movq %[f], %%rax\n\t"                                           \
            "movl %[r], 88(%%rax)"                                           \
            :                                                                \
            : [f] "m"(fr), [r] "i"(row)                                      \
            : "ax");                                                         \
        SCOPE__PLACE();                                                      \
    }))
#elif defined(__OPTIMIZE__)
#define SCOPE__NEXT_ON(fr, row) scope__line_next((fr), (row))
#else
#define SCOPE__NEXT_ON(fr, row) SCOPE__LINE_ON(fr, row)
#endif

#else /* SCOPE_PROFILER_SAMPLED == 0: a clock read per line */

/* The line probe: charge the time since the previous probe to the row being
 * timed, then start timing row `row`. The frame also counts its probes, so
 * that the function's region time can be relieved of their cost (one add
 * into the frame, which the probe has just read and written anyway).
 *
 * This is the probe's arithmetic in C, and the shape used where the one
 * below cannot be. Its accesses are volatile: the frame and the rows are
 * the runtime's, never read by the instrumented function itself, and a
 * volatile access is one the optimiser does not try to move, merge or keep
 * in a register. Plain accesses made every probe a dozen loads and stores
 * that partial redundancy elimination chased through the whole function,
 * which made compile time grow with the square of a function's length.
 * Not marked unused: clang's -Wused-but-marked-unused would then flag every
 * probe, and an unused static inline function warns nowhere. */
#define SCOPE__VOL(type, lvalue) (*(type volatile *)&(lvalue))
static __inline__ __attribute__((always_inline))
void scope__line(scope_frame *fr, unsigned row)
{
    scope_line_acc *rows = SCOPE__VOL(scope_line_acc *, fr->lines);
    scope_u64 t;
    scope_line_acc *c;
    /* The row, in `at` (unread in this mode): an atomic store keeps calls
     * in their place around the probe. */
    __atomic_store_n(&fr->at, row, __ATOMIC_RELAXED);
    /* A frame without a line table (line tables off): no clock read. */
    if (!rows)
        return;
    t = SCOPE__CLOCK();
    c = SCOPE__VOL(scope_line_acc *, fr->cur);
    SCOPE__VOL(scope_u64, c->ticks) += t - SCOPE__VOL(scope_u64, fr->last);
    SCOPE__VOL(scope_u64, fr->last) = t;
    c = rows + row;
    SCOPE__VOL(scope_u64, c->hits) += 1;
    SCOPE__VOL(scope_line_acc *, fr->cur) = c;
    SCOPE__VOL(scope_u64, fr->probes) += 1;
}

/* The same probe out of line (runtime/probe.c), for code compiled without
 * optimisation: there a call is much less code for the compiler than the
 * probe's arithmetic spelled out at every line. Its arguments are shaped
 * as scope__line_sampled_call's (above). */
void scope__line_call(scope_frame *const *frp, int row);

/* The same probe for gcc without optimisation on x86-64 (runtime/probe.c):
 * called from an asm with the frame in rax and the row in edx, it keeps
 * every other register. Not for C callers. */
void scope__line_tick(void);

/* SCOPE__LINE_ON(fr, row): the probe as the macros emit it. Four shapes,
 * one arithmetic:
 * - gcc without optimisation on x86-64: a three-instruction asm that loads
 *   the frame pointer variable and the row and calls scope__line_tick.
 *   A call from C makes gcc record and rescan the clobbers of every
 *   caller-saved register at each line; the asm names two. (The call
 *   pushes below the stack pointer, where a leaf function may keep data
 *   in the red zone: gcc uses it only in leaf functions, and a profiled
 *   function calls scope__enter.);
 * - without optimisation otherwise: the call above;
 * - optimised x86-64 with the TSC clock: the probe as one asm statement
 *   shaped as the counting probe is (see above): the frame pointer
 *   variable as its one memory input, rax, rcx and rdx as its scratch
 *   (named clobbers), the row as an immediate. A frame whose `lines` is NULL
 *   (no line table) is skipped by a forward branch before the clock read.
 *   The frame and rows it writes are runtime memory that the instrumented
 *   function never reads;
 * - elsewhere: scope__line(). */
#if !defined(__OPTIMIZE__) && SCOPE__X86_ASM && !defined(__clang__) &&      \
    !defined(SCOPE_PROFILER_CLOCK_MONOTONIC)
#define SCOPE__LINE_ON(fr, row)                                              \
    (__builtin_constant_p(row) ? SCOPE__TICK_ASM(fr, row)                    \
                               : scope__line_call(&(fr), (row)))
#define SCOPE__TICK_ASM(fr, row)                                             \
    (__extension__({                                                         \
        __asm__ __volatile__("movq %[f], %%rax\n\t"                          \
                             "movl %[r], %%edx\n\t"                          \
                             "call scope__line_tick@PLT"                     \
                             :                                               \
                             : [f] "m"(fr), [r] "i"(row)                     \
                             : "rax", "rdx");                                \
    }))
#elif !defined(__OPTIMIZE__)
#define SCOPE__LINE_ON(fr, row) scope__line_call(&(fr), (row))
#elif SCOPE__X86_ASM && !defined(SCOPE_PROFILER_CLOCK_MONOTONIC)
#define SCOPE__LINE_ON(fr, row)                                              \
    (__builtin_constant_p(row) ? SCOPE__LINE_ASM(fr, row) : scope__line((fr), (row)))
#define SCOPE__LINE_ASM(fr, row)                                             \
    (__extension__({                                                         \
        __asm__ __volatile__(                                                \
            "movq %[f], %%rcx\n\t"           /* rcx = fr */                  \
            "movl %[r], 88(%%rcx)\n\t"       /* fr->at = row */              \
            "cmpq $0, 16(%%rcx)\n\t"         /* no line table: */            \
            "je 1f\n\t"                      /* skip the probe */            \
            "rdtsc\n\t"                      /* now = edx:eax */             \
            "shlq $32, %%rdx\n\t"                                            \
            "orq %%rdx, %%rax\n\t"                                           \
            "movq %%rax, %%rdx\n\t"          /* now - fr->last */            \
            "subq 8(%%rcx), %%rdx\n\t"                                       \
            "movq %%rax, 8(%%rcx)\n\t"       /* fr->last = now */            \
            "movq (%%rcx), %%rax\n\t"        /* fr->cur->ticks += ... */     \
            "addq %%rdx, 8(%%rax)\n\t"                                       \
            "movq 16(%%rcx), %%rax\n\t"      /* fr->lines[row].hits++ */     \
            "addq $1, 16*%c[r](%%rax)\n\t"                                   \
            "leaq 16*%c[r](%%rax), %%rax\n\t"                                \
            "movq %%rax, (%%rcx)\n\t"        /* fr->cur = lines + row */     \
            "addq $1, 24(%%rcx)\n"           /* fr->probes++ */              \
            "1:"                                                             \
            :                                                                \
            : [f] "m"(fr), [r] "i"(row)                                      \
            : "ax", "cx", "dx");                                             \
        SCOPE__PLACE();                                                      \
    }))
#else
#define SCOPE__LINE_ON(fr, row) scope__line((fr), (row))
#endif

/* Every probe reads the clock in this mode, a follower's too (its count is
 * its own, which is what lets the tests check the follower map). */
#define SCOPE__NEXT_ON(fr, row) SCOPE__LINE_ON(fr, row)

#endif /* SCOPE_PROFILER_SAMPLED */

/* ------------------------------------------------------------------------ */
/* Probe macros (what scope-rewrite emits).                                  */
/* ------------------------------------------------------------------------ */

#define SCOPE__CAT2(a, b) a##b
#define SCOPE__CAT(a, b) SCOPE__CAT2(a, b)

#ifndef SCOPE_PROFILER_DISABLE

/* Declaration, first in a profiled function's body: opens the function's
 * frame and region; every exit path closes them (cleanup attribute). The
 * line probes use the frame; a function that has none takes
 * SCOPE_FRAME_ONLY, whose frame is marked unused (clang warns about a
 * variable with a cleanup that is never named, and with
 * -Wused-but-marked-unused about one marked unused that is).
 * The cleanup takes the frame pointer's address, so every probe reloads it
 * from memory. A const copy that is never addressed saves clang's GVN the
 * proof that those reloads are redundant (7% of the compile of a 1,000-line
 * function), but costs more at 4,000 lines than it saves: the copy is then
 * one value live across the whole function and every call in it, which the
 * register allocator splits at a cost that grows faster than the function.
 * Compile time that grows with the function's length and no faster is the
 * rule here, so the probes read the cleanup's variable. */
#define SCOPE_FRAME(desc)                                                    \
    scope_frame *scope__fr __attribute__((cleanup(scope__leave))) =          \
        scope__enter(&(desc), __builtin_frame_address(0));
#define SCOPE_FRAME_ONLY(desc)                                               \
    scope_frame *scope__fr __attribute__((cleanup(scope__leave), unused)) =  \
        scope__enter(&(desc), __builtin_frame_address(0));

/* Expression: the statement on table row `row` (source line minus the
 * descriptor's first_line) starts. Usable as a statement (`SCOPE_LINE(3);`)
 * or inside an expression (`while (SCOPE_LINE(3), c)`). The cast to void
 * is what tells clang's -Wcomma that the comma is meant. */
#define SCOPE_LINE(row) ((void)SCOPE__LINE_ON(scope__fr, (row)))

/* Expression: as SCOPE_LINE, for a statement that starts exactly as often
 * as an earlier one of its straight-line run (the descriptor's `next` map
 * names which): in the sampled mode it only says which row the frame is on
 * and takes its hits from that row at report time. */
#define SCOPE_LINE_NEXT(row) ((void)SCOPE__NEXT_ON(scope__fr, (row)))

/* Declaration: the declaration that follows, on table row `row`, starts.
 * A declaration's probe cannot be a statement before it (C90 allows none
 * before a declaration) nor go into its initializer: `(probe, 0)` is no
 * longer a null pointer constant, nor constant at all. So the probe is the
 * initializer of a variable of its own, unique in the function because
 * each row has one probe, and unused. */
#define SCOPE_LINE_DECL(row) SCOPE__DECL_PROBE(row, SCOPE__LINE_ON)
/* Declaration: SCOPE_LINE_DECL with the follower's probe (SCOPE_LINE_NEXT). */
#define SCOPE_LINE_DECL_NEXT(row) SCOPE__DECL_PROBE(row, SCOPE__NEXT_ON)
#define SCOPE__DECL_PROBE(row, on)                                           \
    char SCOPE__CAT(scope__ld_, row) __attribute__((unused)) =               \
        (char)((void)on(scope__fr, (row)), 0);

/* Declaration, first in a block: times the rest of the block as one entry of
 * the region of `site`. The guard's name comes from the site's, so nested
 * regions never shadow each other. */
#define SCOPE_REGION(site)                                                   \
    scope_frame *scope__rg_##site                                            \
        __attribute__((cleanup(scope__leave), unused)) =                     \
        scope__region_enter(&(site), __builtin_frame_address(0));

#else /* SCOPE_PROFILER_DISABLE: every probe expands to nothing */

#define SCOPE_FRAME(desc)
#define SCOPE_FRAME_ONLY(desc)
#define SCOPE_LINE(row) ((void)0)
#define SCOPE_LINE_NEXT(row) ((void)0)
#define SCOPE_LINE_DECL(row)
#define SCOPE_LINE_DECL_NEXT(row)
#define SCOPE_REGION(site)

#endif

/* ------------------------------------------------------------------------ */
/* Hand instrumentation (for code that is not rewritten).                    */
/* ------------------------------------------------------------------------ */

#ifndef SCOPE_PROFILER_DISABLE

/* File-scope definition of a function descriptor for hand use. The source
 * text is read from __FILE__ at report time.
 *   SCOPE_DEFINE_FUNC(compute_desc, "compute", "compute", 10, 17)
 * then `SCOPE_FRAME(compute_desc)` first in the body and `SCOPE_LINE(n);`
 * before each statement, n = line - 10. */
#define SCOPE_DEFINE_FUNC(var, region_name, function_name, first, last)      \
    static scope_func_desc var = {                                           \
        SCOPE_PROFILER_ABI, __FILE__, function_name, (first),                \
        (last) - (first) + 1, 0, { region_name, 0 }, 0, 0 };

/* File-scope definition of a region site: `SCOPE_REGION(var)` uses it. */
#define SCOPE_DEFINE_REGION(var, region_name)                                \
    static scope_region_site var = { region_name, 0 };

/* Declaration, first in a block: the rest of the block is one entry of the
 * region `name` (a string literal). */
#define SCOPE_BLOCK(name)                                                    \
    static scope_region_site SCOPE__CAT(scope__bs_, __LINE__) = { name, 0 }; \
    scope_frame *SCOPE__CAT(scope__bg_, __LINE__)                            \
        __attribute__((cleanup(scope__leave), unused)) =                     \
        scope__region_enter(&SCOPE__CAT(scope__bs_, __LINE__),               \
                            __builtin_frame_address(0));

#else

#define SCOPE_DEFINE_FUNC(var, region_name, function_name, first, last)
#define SCOPE_DEFINE_REGION(var, region_name)
#define SCOPE_BLOCK(name)

#endif

/* ------------------------------------------------------------------------ */
/* C API (mirrors scope-profiler's ProfileManager).                          */
/* ------------------------------------------------------------------------ */

/* Settings. scope_config_init() fills one from the defaults and the
 * environment (SCOPE_PROFILER, SCOPE_PROFILER_LINES, SCOPE_PROFILER_OUTPUT,
 * SCOPE_PROFILER_JSON, SCOPE_PROFILER_DIR, SCOPE_PROFILER_COMPENSATE,
 * SCOPE_PROFILER_RATE, SCOPE_PROFILER_CLOCK); a
 * program changes the fields it cares about and passes it to scope_setup().
 * Always fill one with scope_config_init first: fields may be added.
 *
 * By default the report leaves the program's stdout and stderr alone: each
 * process writes <program>.<pid>.json and <program>.<pid>.txt into `dir`. */
typedef struct scope_config {
    int activated;          /* 0: record nothing, write nothing */
    int lines;              /* 0: region tables only */
    int compensate;         /* 0: do not subtract the probe's own cost */
    const char *output;     /* the tables: "stderr", "stdout" or a file path
                               ("%p" is replaced by the process id); NULL:
                               <dir>/<program>.<pid>.txt */
    const char *json;       /* the data file (JSON) at this path ("%p" as for
                               output); NULL: <dir>/<program>.<pid>.json */
    const char *dir;        /* directory of the default files, created if
                               missing ("%p" as for output); NULL:
                               scope-profile in the current directory */
    unsigned rate;          /* sampled mode: samples per second
                               (SCOPE_PROFILER_RATE, default
                               SCOPE_PROFILER_DEFAULT_RATE); 0: no sampling,
                               exact hits only. Read when the sampler starts */
    int cpu_time;           /* sampled mode: 1 charges each thread's CPU
                               time, 0 wall-clock time (SCOPE_PROFILER_CLOCK
                               = cpu / wall; default wall) */
} scope_config;

/* Samples per second of the sampled mode, unless SCOPE_PROFILER_RATE says
 * otherwise: a 1 s run takes about 20,000 samples. */
#define SCOPE_PROFILER_DEFAULT_RATE 20000

void scope_config_init(scope_config *config);

/* Apply settings (NULL: from the environment). Call it before the first
 * profiled code runs; without it the runtime sets itself up from the
 * environment on first use. Returns 0, or -1 when an output cannot be opened
 * (the reason goes to stderr; the previous settings stay). */
int scope_setup(const scope_config *config);

/* Write the report (the data file and the tables) for everything recorded
 * so far, then reset all figures. Safe to call twice; the second call with nothing new
 * recorded writes nothing. Without a call, the runtime reports at exit (and
 * on SIGINT, SIGTERM or abort() where their disposition is the default). */
void scope_finalize(void);

/* One region's figures, in seconds. */
typedef struct scope_region_stats {
    const char *name;       /* region name (owned by the runtime) */
    scope_u64 calls;        /* entries recorded */
    double total;           /* sum of entry times */
    double mean;            /* total / calls (0 when no calls) */
    double min;
    double max;
    double std;             /* population standard deviation */
} scope_region_stats;

/* Figures of region `name` so far, merged over all threads. Returns 0, or -1
 * when no such region was entered (then *out is zeroed). */
int scope_get_region(const char *name, scope_region_stats *out);

/* Print region `name`'s block and the line tables of the functions whose
 * region it is, to the configured output. Returns 0, or -1 if unknown. */
int scope_print_region(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* SCOPE_PROFILER_H */
