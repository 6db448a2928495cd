/* local.h - a header beside main.c: the instrumented copy of main.c lives in
 * the build tree, so this quoted include must still find the original. */
#ifndef LOCAL_H
#define LOCAL_H

#define LOCAL_SCALE 3

#endif
