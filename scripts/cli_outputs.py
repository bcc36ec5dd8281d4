"""Every CLI command's output on the shipped samples, written as text to one folder, so two checkouts can be
compared with `diff -r`: `python scripts/cli_outputs.py OUT_DIR`. Workbooks and Word files are written as
their cells' and paragraphs' text (the "made on" line aside: it holds the time)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kmdash.synthetic import LedgerShape, ledger_rows, write_xlsx  # noqa: E402
from kmdash.synthetic.pairs import ledger_pair  # noqa: E402

TH, EN, CSV = (str(ROOT / "sample_data" / n) for n in ("ledger_th.xlsx", "ledger_en.xlsx", "ledger_th_cp874.csv"))
MADE_ON = ("สร้างเมื่อ", "Generated", "Made")


def commands(tmp: Path) -> dict[str, list[str]]:
    old, new = str(tmp / "old.xlsx"), str(tmp / "new.xlsx")
    runs = {}
    for tag, path in (("th", TH), ("en", EN), ("csv", CSV)):
        runs[f"summary_{tag}.json"] = ["summary", path, "--json"]
        runs[f"summary_{tag}.txt"] = ["summary", path]
        runs[f"summary_{tag}_months_en.txt"] = ["summary", path, "--months", "--lang", "en", "--long-days", "180"]
        runs[f"plan_{tag}.csv"] = ["plan", path]
        runs[f"grade_{tag}.json"] = ["grade", path, "--json"]
    runs.update({
        "plan_tools_en.csv": ["plan", TH, "--lang", "en", "--staff", "A,B,C", "--pool", "50000"],
        "plan_tools.xlsx": ["plan", TH, "--staff", "A,B", "--pool", "80000", "--out", "{out}.xlsx"],
        "grade.txt": ["grade", TH],
        "grade_en.txt": ["grade", TH, "--lang", "en", "--off", "legal"],
        "grade.docx": ["grade", TH, "--out", "{out}.docx"],
        "grade.csv": ["grade", TH, "--csv", "{out}.csv"],
        "assign.json": ["assign", TH, "--staff", "สมชาย,สมศรี,มานพ", "--json"],
        "assign_count.json": ["assign", TH, "--staff", "A,B", "--balance", "count", "--within-group", "--json"],
        "assign.txt": ["assign", TH, "--staff", "สมชาย,สมศรี,มานพ"],
        "assign.xlsx": ["assign", TH, "--staff", "A,B", "--out", "{out}.xlsx"],
        "pool.json": ["pool", TH, "--pool", "50000", "--json"],
        "pool_cycles.json": ["pool", TH, "--pool", "50000", "--cycles", "3", "--json"],
        "pool.txt": ["pool", TH, "--pool", "50000", "--cycles", "4"],
        "pool_en.txt": ["pool", EN, "--pool", "30000", "--lang", "en"],
        "leaders.txt": ["leaders", TH, "--out", "{out}.xlsx", "--fee-per-debtor", "50"],
        "leaders.xlsx": ["leaders", TH, "--out", "{out}.xlsx", "--fee-share", "0.02"],
        "leaders.ics": ["leaders", TH, "--out", "{tmp}/p.xlsx", "--calendar", "{out}.ics", "--every-months", "4"],
        "notices.txt": ["notices", TH, "--deadline", "2024-05-31", "--out", "{out}.docx"],
        "notices.docx": ["notices", TH, "--deadline", "31/05/2567", "--out", "{out}.docx", "--min-days", "180"],
        "province.json": ["province", TH, EN, CSV, "--json", "--workers", "1"],
        "province.txt": ["province", TH, EN, CSV, "--workers", "1"],
        "followup.json": ["followup", old, new, "--json"],
        "followup.txt": ["followup", old, new],
        "followup_plan.json": ["followup", old, new, "--plan", str(tmp / "old_plan.csv"), "--json"],
        "followup_plan_en.txt": ["followup", old, new, "--plan", str(tmp / "old_plan.xlsx"), "--lang", "en"],
    })
    return runs


def run(argv: list[str]) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "kmdash", *argv], capture_output=True, cwd=ROOT)
    return done.returncode, done.stdout.decode("utf-8-sig"), done.stderr.decode("utf-8")


def as_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        return "\n".join(f"[{ws.title}] " + " | ".join("" if v is None else str(v) for v in row)
                         for ws in book for row in ws.iter_rows(values_only=True)
                         if not (row and str(row[0]) in MADE_ON))
    if path.suffix == ".docx":
        from docx import Document

        doc = Document(str(path))
        lines = [p.text for p in doc.paragraphs]
        lines += [" | ".join(c.text for c in row.cells) for tb in doc.tables for row in tb.rows]
        return "\n".join(lines)
    if path.suffix == ".ics":
        return "\n".join(line for line in path.read_text().splitlines() if not line.startswith(("DTSTAMP", "UID")))
    return path.read_bytes().decode("utf-8-sig")


def main_(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    pair = ledger_pair(600, seed=3)
    write_xlsx(ledger_rows(pair.old, LedgerShape(), pair.as_of_old), tmp / "old.xlsx")
    write_xlsx(ledger_rows(pair.new, LedgerShape(), pair.as_of_new), tmp / "new.xlsx")
    for plan in ("old_plan.csv", "old_plan.xlsx"):
        run(["plan", str(tmp / "old.xlsx"), "--staff", "A,B,C", "--pool", "60000", "--out", str(tmp / plan)])
    for name, argv in commands(tmp).items():
        target = tmp / Path(name).stem
        argv = [a.format(out=target, tmp=tmp) for a in argv]
        code, stdout, stderr = run(argv)
        written = Path(f"{target}{Path(name).suffix}")
        body = as_text(written) if "{out}" in " ".join(commands(tmp)[name]) and written.exists() else stdout
        if name.endswith(".json") and code == 0:
            body = json.dumps(json.loads(body), ensure_ascii=False, indent=1, sort_keys=True)  # key order aside
        if name.endswith(".txt") and "{out}" in " ".join(commands(tmp)[name]):
            body = stdout.replace(str(tmp), "TMP")
        (out_dir / name).write_text(f"exit {code}\n{stderr}{body}", encoding="utf-8")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main_(Path(sys.argv[1]))
