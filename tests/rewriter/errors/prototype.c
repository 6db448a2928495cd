/* prototype.c - a bare annotation above a declaration that is not a
 * definition. */
// @profile
int f(void);
int f(void) { return 0; }
