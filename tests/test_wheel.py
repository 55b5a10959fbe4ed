"""The built wheel is the product as operators install it: it carries every file the
repository ships under its packages, and it makes a working database on its own.

A wheel built from main before this test lacked the core's Alembic scripts (they are
not a package), so `pip install ipreg-*.whl && ipreg demo` failed at its first step.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "schema", "search", "plugins", "testing")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy of the tracked files, as from a fresh clone: an in-tree build/
    # left by an earlier build would otherwise lend its files to this one.
    source = tmp_path_factory.mktemp("source")
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], check=True,
                           capture_output=True).stdout
    if not files:
        pytest.skip("not a git checkout")
    for name in files.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(source)], check=True, timeout=600)
    (built,) = out.glob("ipreg-*.whl")
    return built


def test_the_wheel_carries_every_file_of_the_packages(wheel: Path) -> None:
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", *PACKAGES], check=True,
                             capture_output=True, text=True).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    shipped = {name.removeprefix("ipreg/") for name in zipfile.ZipFile(wheel).namelist()}
    missing = sorted(f for f in tracked if f not in shipped and "/build/" not in f)
    assert missing == []


def test_the_installed_wheel_creates_and_checks_a_database(
        wheel: Path, tmp_path: Path) -> None:
    """`ipreg db upgrade` and `ipreg db check` from the wheel alone, outside the checkout
    (the packages it depends on come from this environment's site-packages)."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The dependencies from this environment: its site-packages as a plain path (its own
    # .pth files, among them the editable install of the checkout, are not run).
    inner = subprocess.run([str(python), "-c", "import sysconfig; "
                            "print(sysconfig.get_paths()['purelib'])"],
                           check=True, capture_output=True, text=True).stdout.strip()
    outer = [p for p in sys.path if p.endswith("site-packages")]
    Path(inner, "outer-site-packages.pth").write_text("\n".join(outer) + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps",
                    "--force-reinstall", str(wheel)], check=True, timeout=600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPREG_")}
    env["IPREG_DATABASE_URL"] = f"sqlite:///{tmp_path / 'wheel.db'}"
    run = {"env": env, "cwd": tmp_path, "capture_output": True, "text": True, "timeout": 300}
    where = subprocess.run([str(python), "-c", "import ipreg; print(ipreg.__file__)"], **run)
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    for args in (["db", "upgrade"], ["db", "check"]):
        done = subprocess.run([str(env_dir / "bin" / "ipreg"), *args], **run)
        assert done.returncode == 0, done.stdout + done.stderr
