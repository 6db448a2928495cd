/* in_macro.c - an annotation inside a macro definition. */
#define BODY(x) \
    /* @profile("m") */ \
    (x) + 1
int f(int x) { return BODY(x); }
