"""The ten-year workspace for the benchmarks, generated once and kept between runs.

Generating it takes a while (bench/generate.py), so it is kept in a `ocplan-bench` folder under the
system's temporary folder, named by a hash of the generator and the schema: a change to either makes a
new one (and the stale ones are removed). Each run works on a copy, since opening a workspace for
editing may change the file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cache_folder() -> Path:
    return Path(
        os.environ.get("OCPLAN_BENCH_CACHE") or Path(tempfile.gettempdir()) / "ocplan-bench"
    )


def cache_key(scale: float) -> str:
    digest = hashlib.sha256(f"scale={scale}".encode())
    for source in [ROOT / "bench" / "generate.py", *sorted((ROOT / "db").glob("*.sql"))]:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def cached_workspace(scale: float, log: Callable[[str], None] = lambda _text: None) -> Path:
    """The generated workspace at `scale`, made now only when no current one is cached."""
    from generate import generate

    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"large-{scale:g}"
    path = folder / f"{name}-{cache_key(scale)}.ocplan"
    if path.exists():
        log(f"using the cached workspace {path}")
        return path
    for stale in folder.glob(f"{name}-*.ocplan*"):
        stale.unlink(missing_ok=True)
    building = folder / f"{name}-building-{os.getpid()}.ocplan"
    log(f"generating the large workspace into {path} (kept for later runs)…")
    try:
        generate(building, scale)
        os.replace(building, path)
    finally:
        for leftover in folder.glob(f"{building.name}*"):
            leftover.unlink(missing_ok=True)
    return path


def working_copy(scale: float, folder: Path, log: Callable[[str], None]) -> Path:
    """A copy of the cached workspace in `folder`, for this run to open and change."""
    target = folder / "large.ocplan"
    shutil.copyfile(cached_workspace(scale, log), target)
    return target
