/* syntax.c - a file that does not parse: located diagnostics, nothing
 * written. */
// @profile
int broken(int x)
{
    return x +;
}
