/* unterminated.c - an unterminated region name. */
// @profile("compute)
int f(void) { return 0; }
