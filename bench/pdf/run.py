"""Benchmark: reading an uploaded PDF into layout facts (core/pdf.py, ``pdf_layout``), and
what it costs the event loop when read in a worker thread (``read_pdf_layout``).

Measures, for text PDFs of 1, 5, 20 and 100 A4 pages (40 lines a page, fpdf2):

* ``read``: seconds per file read by ``pdf_layout`` (best and median of ``--repeat``);
* ``loop lag``: the largest delay of a 1 ms ticker on the event loop while
  ``read_pdf_layout`` reads the 20-page file in a worker thread, against the same read
  done on the loop itself (what the worker thread spares the other requests).

Run: ``.venv/bin/python bench/pdf/run.py`` (a few seconds).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from pdf_samples import make_pdf

from ipreg.core.pdf import pdf_layout, read_pdf_layout


def reads(path: Path, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        pdf_layout(path)
        out.append(time.perf_counter() - start)
    return out


async def lag(path: Path, in_thread: bool) -> float:
    worst = 0.0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal worst
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            worst = max(worst, time.perf_counter() - before - 0.001)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0.01)
    if in_thread:
        await read_pdf_layout(path)
    else:
        pdf_layout(path)
    await asyncio.sleep(0.01)
    done.set()
    await task
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for pages in (1, 5, 20, 100):
            files[pages] = Path(folder) / f"{pages}.pdf"
            files[pages].write_bytes(make_pdf(pages=pages, lines=40))
        print("pages  best s  median s  ms/page")
        for pages, path in files.items():
            times = reads(path, args.repeat)
            print(f"{pages:5d}  {min(times):6.3f}  {statistics.median(times):8.3f}  "
                  f"{1000 * min(times) / pages:7.1f}")
        thread = asyncio.run(lag(files[20], True))
        loop = asyncio.run(lag(files[20], False))
        print(f"loop lag while reading 20 pages: worker thread {1000 * thread:.1f} ms, "
              f"on the loop {1000 * loop:.1f} ms")


if __name__ == "__main__":
    main()
