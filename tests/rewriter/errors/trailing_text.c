/* trailing_text.c - text after the annotation in its comment. */
// @profile("compute") please
int f(void) { return 0; }
