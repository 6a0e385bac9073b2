#!/usr/bin/env python3
"""Wall and CPU time of a command and of every process it leaves behind.

    bench/cpu_tree.py COMMAND [ARGS...]

The script becomes a child subreaper (Linux), so processes orphaned by the command (a moto
server under its watchdog, stopped after the test binary ends) are reparented here and reaped;
their CPU time counts in RUSAGE_CHILDREN like the command's own.
"""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36

libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed")
start = time.monotonic()
status = subprocess.call(sys.argv[1:])
wall = time.monotonic() - start
# Reap what the command left behind until nothing is left.
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(
    f"exit {status}  wall {wall:.1f} s  user {usage.ru_utime:.1f} s  sys {usage.ru_stime:.1f} s  "
    f"(after reaping: {time.monotonic() - start:.1f} s)",
    file=sys.stderr,
)
sys.exit(status)
