/*
 * bench/machine: how steady this machine is, measured the way the
 * throughput benchmarks measure the code.
 *
 * On a shared or virtual machine the medians of a benchmark move with the
 * neighbours' load even in thread CPU time: another tenant on the same
 * core or cache slows every load that misses L1. bench_machine_report()
 * runs two fixed workloads in 11 runs of 0.1 s of thread CPU time each and
 * prints their medians and spread: a loop that touches no memory (its
 * spread is the clock's) and a chase of pointers through 256 KB, which
 * lives in L2 as much of a compile's code and data does. When the second
 * spreads as wide as a benchmark, the spread is the machine's, not the
 * code's. Single-threaded; prints to stdout.
 */
#ifndef XM_BENCH_MACHINE_H
#define XM_BENCH_MACHINE_H

void bench_machine_report(void);

#endif
