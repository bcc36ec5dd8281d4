"""`make fuzz`: build the seeds, fuzz each format in turn (one process at a time), then one line per format.

    python fuzz/run.py [--runs N] [--seconds S] [FORMAT...]   (default: every format, FUZZ_RUNS from make)

Each run starts from the format's corpus (fuzz/corpus/FORMAT, kept between runs) and its seeds
(fuzz/seeds/FORMAT); its logs are fuzz/logs/FORMAT-N.log, one per start. The line gives the executions,
execs/s, libFuzzer's coverage figures (cov: edges of kmdash's code reached, ft: features) and the new findings
under fuzz/crashes/FORMAT/: the harness's (an exception, with its traceback beside) and libFuzzer's own (an
input over the time or memory limit, or a crash the harness could not catch), after which it starts again.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

from archive import FORMATS

HERE = Path(__file__).resolve().parent
# per input: seconds and memory; a zip bomb or a runaway parse stops the run and is kept as a crash
LIMITS = ["-timeout=20", "-rss_limit_mb=3072", "-max_len=65536"]
RESTARTS = 5
_STATS = re.compile(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)\s+cov: (\d+) ft: (\d+)")


def fuzz(fmt: str, runs: int, seconds: int | None) -> dict:
    """Fuzz one format for `runs` executions (or `seconds`); a run libFuzzer stops (out of memory, a timeout, a
    crash outside the harness) is started again from the corpus, up to RESTARTS times."""
    corpus, crashes, logs = HERE / "corpus" / fmt, HERE / "crashes" / fmt, HERE / "logs"
    for folder in (corpus, crashes, logs):
        folder.mkdir(parents=True, exist_ok=True)
    before, started = set(crashes.iterdir()), time.monotonic()
    execs, cov, ft, stops = 0, 0, 0, []
    while execs < runs and len(stops) <= RESTARTS:
        left = seconds - (time.monotonic() - started) if seconds else None
        if left is not None and left < 10:
            break
        command = [sys.executable, str(HERE / "fuzz_read.py"), fmt, f"-runs={runs - execs}", *LIMITS,
                   f"-artifact_prefix={crashes}/", *([f"-max_total_time={int(left)}"] if left else []),
                   str(corpus), str(HERE / "seeds" / fmt)]
        print(" ".join(command), flush=True)
        log = logs / f"{fmt}-{len(stops)}.log"
        with open(log, "w", encoding="utf-8") as out:
            code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT).returncode
        text = log.read_text(encoding="utf-8", errors="replace")
        stats = _STATS.findall(text)
        done, cov, ft = map(int, stats[-1]) if stats else (0, cov, ft)
        execs += done
        stopped = re.search(r"ERROR: libFuzzer: ([\w-]+)", text)
        if not (stopped or code):
            break
        stops.append(stopped[1] if stopped else f"exit {code}")
    took = time.monotonic() - started
    return {"format": fmt, "executions": execs, "seconds": round(took), "execs/s": round(execs / took, 1),
            "cov": cov, "ft": ft, "findings": len([p for p in set(crashes.iterdir()) - before if p.suffix != ".txt"]),
            "libFuzzer stops": ", ".join(stops) or "none"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("formats", nargs="*", metavar="FORMAT", help=f"some of {', '.join(FORMATS)} (default: all)")
    parser.add_argument("--runs", type=int, default=20000, help="executions per format (default 20000)")
    parser.add_argument("--seconds", type=int, help="stop each format after this many seconds")
    args = parser.parse_args()
    if set(args.formats) - set(FORMATS):
        parser.error(f"formats are {', '.join(FORMATS)}")
    subprocess.run([sys.executable, str(HERE / "seeds.py"), str(HERE / "seeds")], check=True)
    lines = [fuzz(fmt, args.runs, args.seconds) for fmt in args.formats or FORMATS]
    print()
    for line in lines:
        print("  ".join(f"{key}: {value}" for key, value in line.items()))
    total = sum(line["executions"] for line in lines)
    print(f"total executions: {total}  new findings: {sum(line['findings'] for line in lines)}")


if __name__ == "__main__":
    main()
