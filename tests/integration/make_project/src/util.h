/* util.h - helper of the Make test program. The dependency files must keep
 * naming this header after scope-cc maps them back from the temporary copy. */
#ifndef UTIL_H
#define UTIL_H

double util_mean(int n);

#endif
