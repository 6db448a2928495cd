/* bad.c - an annotation scope-rewrite must reject (the name is not a string
 * literal): scope-cc compiles the file unprofiled, with a message, and fails
 * under SCOPE_CC_STRICT=1. */
// @profile(bad)
int bad_answer(void)
{
    return 42;
}
