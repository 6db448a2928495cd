/* nested_annotated.c - annotations on and inside a GNU nested function,
 * which libclang leaves out of the parse. */
int outer(int n)
{
    // @profile("inner")
    int inner(int x)
    {
        // @profile("body")
        x += 1;
        return x;
    }
    return inner(n);
}
