/* name_not_string.c - the region name must be a string literal. */
// @profile(compute)
int f(void) { return 0; }
