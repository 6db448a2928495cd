/* not_own_line.c - an annotation after code on its line. */
int f(int n)
{
    n++; // @profile("late")
    return n;
}
