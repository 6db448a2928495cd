/* above_decl.c - a statement region needs a statement, not a
 * declaration. */
int f(int n)
{
    // @profile("decl")
    int x = n * 2;
    return x;
}
