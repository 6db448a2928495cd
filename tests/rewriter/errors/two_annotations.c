/* two_annotations.c - two annotations on one function. */
// @profile("a")
// @profile("b")
int f(void) { return 0; }
