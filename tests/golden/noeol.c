/* noeol.c - a file without a final newline: the epilogue starts on a
 * line of its own, the last original line is left as it is.
 * c89: yes
 */
#include <stdio.h>

/* @profile */
static int last(int x) { return x + 1; } /* hits: 1 */

int main(void) { printf("%d\n", last(1)); return 0; }