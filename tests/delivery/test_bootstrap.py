"""scripts/bootstrap.sh installs every system library Qt's xcb plugin needs on a Debian desktop.

The tests run offscreen and never load the xcb plugin, so a missing library would only show
on a clerk's desktop ("Could not load the Qt platform plugin 'xcb'"). Here ``ldd`` of the
installed plugin names every library it loads; each must be found, and each must come from a
package bootstrap.sh names or from one those packages depend on.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import PySide6  # noqa: TID251 - where the installed Qt plugin is

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def _named_packages() -> set[str]:
    """Every package named in bootstrap.sh's package arrays."""
    script = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    names: set[str] = set()
    for body in re.findall(r"^\w+_packages\+?=\(([^)]*)\)", script, re.MULTILINE):
        names |= {word for word in body.split() if not word.startswith('"$')}
    return names


def _loaded_libraries() -> dict[str, str]:
    """Library name → resolved path (or "not found") for the plugin, from ``ldd``."""
    out = subprocess.run(["ldd", str(PLUGIN)], capture_output=True, text=True, check=True).stdout
    found = {}
    for name, path in re.findall(r"^\s*(\S+) => (.+?)(?: \(0x[0-9a-f]+\))?$", out, re.MULTILINE):
        found[name] = path
    return found


def _owner(path: str) -> str:
    """The Debian package that installed ``path`` (merged /usr tolerated)."""
    for candidate in (path, f"/usr{path}", str(Path(path).resolve())):
        done = subprocess.run(
            ["dpkg", "-S", candidate], capture_output=True, text=True, check=False
        )
        if done.returncode == 0:
            return done.stdout.split(":")[0].split(",")[0].strip()
    return ""


def _installed_depends() -> dict[str, set[str]]:
    """Every installed package and the packages it depends on (any alternative)."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}\t${Depends}, ${Pre-Depends}\n"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    depends: dict[str, set[str]] = {}
    for line in out.splitlines():
        package, _tab, needs = line.partition("\t")
        options = [option for alternative in needs.split(",") for option in alternative.split("|")]
        names = {option.strip().split(" ")[0].split(":")[0] for option in options}
        depends.setdefault(package, set()).update(name for name in names if name)
    return depends


def _depends_closure(packages: set[str]) -> set[str]:
    """``packages`` and every installed package they depend on, recursively."""
    depends = _installed_depends()
    closure: set[str] = set()
    todo = list(packages)
    while todo:
        package = todo.pop()
        if package not in closure:
            closure.add(package)
            todo.extend(depends.get(package, ()))
    return closure


def test_the_xcb_plugin_finds_every_library_it_loads() -> None:
    missing = [name for name, path in _loaded_libraries().items() if "not found" in path]
    assert missing == [], f"bootstrap.sh installs no package with {missing}"


def test_bootstrap_names_the_packages_of_every_library_the_xcb_plugin_loads() -> None:
    named = _named_packages()
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0"} <= named
    covered = _depends_closure(named)
    libraries = {
        name: path
        for name, path in _loaded_libraries().items()
        if "PySide6" not in path and "not found" not in path
    }
    owners = {name: _owner(path) for name, path in libraries.items()}
    assert all(owners.values()), f"libraries no package installed: {owners}"
    uncovered = {name: owner for name, owner in owners.items() if owner not in covered}
    assert uncovered == {}, f"add to bootstrap.sh: {sorted(set(uncovered.values()))}"
