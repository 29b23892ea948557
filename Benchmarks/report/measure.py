#!/usr/bin/env python3
"""Runs one command and prints its wall time, CPU time and peak memory as one JSON line.

  measure.py LABEL -- COMMAND [ARGS...]

Wall time from time.perf_counter around fork/exec/wait; CPU = user + system time and peak RSS
(ru_maxrss, KiB on Linux) of that child alone, from os.wait4, so the figures of two commands run
one after the other never mix. The command's stdout is discarded, its stderr passed through."""
import json
import os
import subprocess
import sys
import time

label, sep, *command = sys.argv[1:]
assert sep == "--" and command, __doc__
start = time.perf_counter()
child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"label": label, "wall": round(wall, 3), "cpu": round(usage.ru_utime + usage.ru_stime, 3),
                  "rss_mib": round(usage.ru_maxrss / 1024, 1), "exit": code}), flush=True)
sys.exit(1 if code != 0 else 0)
