/* two_annotations_attr.c - two annotations with different names on one
 * function, the second between its attributes and its name. */
// @profile("a")
__attribute__((cold))
// @profile("b")
static int f(void) { return 0; }
int g(void) { return f(); }
