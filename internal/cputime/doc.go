// Package cputime reads the CPU time the process has used, for the
// benchmarks' cpu-ms/op metric: on a busy 2-core machine wall time says
// more about the neighbours than about the code.
package cputime
