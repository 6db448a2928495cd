/* above_nothing.c - an annotation above something that is not a function
 * definition or a statement. */
// @profile("table")
static const int table[3] = { 1, 2, 3 };
int f(void) { return table[0]; }
