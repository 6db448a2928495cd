/* stats.h - the header of readme_project, found through include/ only: the
 * README's commands must build the project exactly as written. */
#ifndef STATS_H
#define STATS_H

long stats_sum_squares(long n);

#endif
