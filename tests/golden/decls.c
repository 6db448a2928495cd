/* decls.c - declarations: a declaration that runs code (an initializer of
 * an automatic variable, arrays and brace lists included) takes its probe
 * as a declaration of its own just before it, since C90 allows no
 * statement before a declaration and an initializer must keep its type and
 * constant-ness. Statics and declarations without an initializer run
 * nothing and get no probe.
 * c89: yes
 */
#include <stdio.h>

struct pair { int a, b; };

static struct pair make(int a) { struct pair p; p.a = a; p.b = -a; return p; }

/* @profile("decls") */
static int decls(int n)
{
    int plain;
    int a = n + 1;                      /* hits: 1 */
    int b, c = a * 2, d = 3;            /* hits: 1 */
    int arr[3] = { 1, 2, 3 };           /* hits: 1 */
    static int calls = 0;
    const char *s = "text";             /* hits: 1 */
    char buf[] = "xy";                  /* hits: 1 */
    struct pair p = make(n);            /* hits: 1 */
    struct pair q = { 1, 2 };           /* hits: 1 */
    int e =                             /* hits: 1 */
        a + c;
    plain = 0;                          /* hits: 1 */
    b = 1;                              /* hits: 1 */
    calls++;                            /* hits: 1 */
    return plain + b + c + d + arr[0] + s[0] + buf[0] + p.a + q.b + e + calls; /* hits: 1 */
}

int main(void)
{
    printf("%d\n", decls(4));
    return 0;
}
