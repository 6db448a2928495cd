/* utf8.c - UTF-8 in comments, strings and the region name: bytes are
 * kept as they are, in the code and in the epilogue's literals.
 * c89: yes
 */
#include <stdio.h>

/* Grüße: @profile below names the region with non-ASCII letters. */
/* @profile("größe") */
static int size(void)
{
    const char *s = "naïve café";               /* hits: 1 */
    int n = 0;                                  /* hits: 1 */
    while (*s++)                                /* hits: 13 */
        n++;                                    /* hits: 12 */
    return n;                                   /* hits: 1 */
}

int main(void)
{
    printf("%d\n", size());
    return 0;
}
