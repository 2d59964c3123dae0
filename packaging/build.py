"""Build the one-folder app and print its figures: `.venv/bin/python packaging/build.py` (packaging/README.md).

1. compile the catalogs (python -m desktop.i18n_tools compile) and check every .mo is stamped with its .po;
2. run PyInstaller on packaging/voluntas.spec -> dist/voluntas/ (the executable dist/voluntas/voluntas);
3. print the build time, the folder size, the size as .tar.gz (dist/voluntas-<version>-<os>-<arch>.tar.gz),
   and the start-up times of the built app and of the checkout (same commands, same machine);
4. with --test, run the packaging smoke test (pytest -m packaging tests/packaging) against this build.

Figures are also written to dist/voluntas-figures.json. Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "voluntas.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
NAME = "voluntas"
SMOKE_PREFIX = "VOLUNTAS_SMOKE "
MIB = 1024 * 1024
# The checkout, started as the frozen app starts: the runtime hook first (so VOLUNTAS_GUI_SMOKE_MS works), then
# the `voluntas` entry point. sys.argv[1:] are the command's arguments, as for the executable.
CHECKOUT_BOOT = ("import runpy, sys; runpy.run_path(sys.argv.pop(1)); "
                 "from desktop.cli import main; sys.exit(main())")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def app_path(dist: Path = DIST) -> Path:
    exe = NAME + (".exe" if sys.platform == "win32" else "")
    return dist / NAME / exe


def compile_catalogs() -> None:
    subprocess.run([sys.executable, "-m", "desktop.i18n_tools", "compile"], cwd=ROOT, check=True)
    stale = []
    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        stamp = hashlib.sha256(po.read_bytes()).hexdigest()
        if not mo.is_file() or stamp.encode("ascii") not in mo.read_bytes():
            stale.append(str(mo.relative_to(ROOT)))
    if stale:
        raise SystemExit("build: catalogs not compiled from their .po: " + ", ".join(stale))


def source_state() -> str:
    """The commit built, and whether the working tree had changes: the bundle holds the tree as it was."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "desktop", "forms", "locales", "resources"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" + uncommitted changes in desktop/forms/locales/resources" if dirty else " (clean)")


def run_pyinstaller(dist: Path, work: Path) -> float:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    say("build: " + " ".join(cmd))
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True)
    return time.perf_counter() - started


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def make_tarball(dist: Path) -> Path:
    version = _version()
    machine = platform.machine().lower() or "unknown"
    out = dist / f"{NAME}-{version}-{sys.platform}-{machine}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(dist / NAME, arcname=NAME)
    return out


def _version() -> str:
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def _clean_env(home: Path) -> dict[str, str]:
    """A fresh HOME/XDG/TMPDIR per run: no Qt cache or config from an earlier run is reused."""
    env = dict(os.environ)
    for sub in ("config", "cache", "data", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_DATA_HOME=str(home / "data"), TMPDIR=str(home / "tmp"), QT_QPA_PLATFORM="offscreen",
               VOLUNTAS_GUI_SMOKE_MS="0", VOLUNTAS_DATA_DIR=str(home / "data" / NAME))
    return env


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows: wall time only
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_run(cmd: list[str], window: bool) -> tuple[float, float]:
    """(wall seconds until the window was reported / the command ended, CPU seconds of the whole run).

    CPU time is the steadier figure on a loaded machine; wall time is what the interviewer waits.
    """
    with tempfile.TemporaryDirectory(prefix="voluntas-start-") as tmp:
        env = _clean_env(Path(tmp))
        cpu_before = _children_cpu()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        shown = None
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(SMOKE_PREFIX) and shown is None:
                shown = time.perf_counter() - started
        code = proc.wait(timeout=120)
        ended = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
    if code != 0 or (window and shown is None):
        raise SystemExit(f"build: {' '.join(cmd)} exited {code} (window reported: {shown is not None})")
    return (shown if window and shown is not None else ended), cpu


def start_times(frozen: list[str], checkout: list[str], repeats: int) -> dict[str, dict[str, float]]:
    """Start-up of `--help` (CLI) and `gui --demo` up to the shown window: first run, median wall, median CPU.

    A new process each time with a fresh HOME; the OS file cache is warm after the first run (and after the
    build), so `first` is the closest to a cold start this can measure without dropping the machine's caches.
    The GUI's CPU time covers the whole run (window, 0 ms wait, quit, demo vault wiped).
    """
    figures: dict[str, dict[str, float]] = {}
    for label, base in (("frozen", frozen), ("checkout", checkout)):
        for what, args, window in (("cli_help", ["--help"], False), ("gui_demo_window", ["gui", "--demo"], True)):
            runs = [time_run([*base, *args], window) for _ in range(repeats)]
            figures[f"{label}.{what}"] = {"first": round(runs[0][0], 3),
                                          "median": round(statistics.median(r[0] for r in runs), 3),
                                          "median_cpu": round(statistics.median(r[1] for r in runs), 3)}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="measure the existing dist/voluntas")
    parser.add_argument("--no-tar", action="store_true", help="skip the .tar.gz")
    parser.add_argument("--repeats", type=int, default=3, help="start-up runs per command (default 3)")
    parser.add_argument("--test", action="store_true", help="then run the packaging smoke test on this build")
    parser.add_argument("--debug", action="store_true",
                        help="a debug build in dist/debug/ (VOLUNTAS_DEBUG_EXEC=FILE runs FILE inside it); build only")
    args = parser.parse_args(argv)

    figures: dict[str, object] = {"platform": f"{sys.platform}-{platform.machine()}",
                                  "python": platform.python_version()}
    if args.debug:
        compile_catalogs()
        os.environ["VOLUNTAS_BUILD_DEBUG"] = "1"
        seconds = run_pyinstaller(DIST / "debug", WORK / "debug")
        say(f"debug build in {DIST / 'debug' / NAME} ({seconds:.0f} s); not for release")
        return 0
    if not args.skip_build:
        figures["source"] = source_state()
        say(f"source:          {figures['source']}")
        if "uncommitted" in str(figures["source"]):
            say("                 (a build for the laptops comes from a clean clone of a tagged commit)")
        compile_catalogs()
        figures["build_seconds"] = round(run_pyinstaller(DIST, WORK), 1)
        say(f"build time:      {figures['build_seconds']} s")
    app = app_path()
    if not app.is_file():
        raise SystemExit(f"build: {app} not found (build first)")
    size = folder_bytes(DIST / NAME)
    figures["folder_bytes"] = size
    say(f"folder size:     {size / MIB:.1f} MiB ({size} bytes) in {DIST / NAME}")
    if not args.no_tar:
        tarball = make_tarball(DIST)
        figures["tar_gz_bytes"] = tarball.stat().st_size
        say(f"compressed size: {tarball.stat().st_size / MIB:.1f} MiB as {tarball.name}")
    checkout = [sys.executable, "-c", CHECKOUT_BOOT, str(ROOT / "packaging" / "rthooks" / "rth_voluntas.py")]
    starts = start_times([str(app)], checkout, max(1, args.repeats))
    figures["start_seconds"] = starts
    for key, value in starts.items():
        say(f"start {key:<26} first {value['first']:.2f} s, median {value['median']:.2f} s, "
            f"median CPU {value['median_cpu']:.2f} s")
    (DIST / f"{NAME}-figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.test:
        env = dict(os.environ, VOLUNTAS_FROZEN_APP=str(app))
        cmd = [sys.executable, "-m", "pytest", "-m", "packaging", "tests/packaging"]
        say("test: " + " ".join(cmd))
        return subprocess.call(cmd, cwd=ROOT, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
