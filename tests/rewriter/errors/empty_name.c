/* empty_name.c - an empty region name. */
/* @profile("") */
int f(void) { return 0; }
