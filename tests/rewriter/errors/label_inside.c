/* label_inside.c - a region around a statement holding a label that a goto
 * from outside reaches (the jump would bypass the region's entry). */
int f(int n)
{
    if (n > 5)
        goto inside;
    // @profile("loop")
    while (n < 10) {
inside:
        n++;
    }
    return n;
}
