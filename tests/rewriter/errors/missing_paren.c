/* missing_paren.c - no ')' after the name. */
// @profile("compute"
int f(void) { return 0; }
