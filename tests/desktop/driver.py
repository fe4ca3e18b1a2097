"""Drive Counter's real window on an X display: keystrokes by xdotool, questions to the probe.

``Display`` is an Xvfb screen of 1366×768 with the openbox window manager and a 40-pixel task
bar kept free (as on a commune laptop); ``App`` is one ``counter-app`` process on it, started
through ``harness.py``. Every key a test sends goes through the X server; ``App.keys`` counts
them (a scan is the scanner's, counted apart in ``App.scans``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WIDTH, HEIGHT = 1366, 768
TASK_BAR = 40  # px kept free at the bottom, as a desktop's panel does
TOOLS = ("Xvfb", "xdotool", "openbox")
URGENT = ("nice", "-n", "-10") if os.geteuid() == 0 else ()  # root may raise a priority
SHIFT, RETURN = 0xFFE1, 0xFF0D  # X keysyms
SPARE_KEYCODES = range(255, 200, -1)  # media keys nobody presses in these tests
HUMAN_DELAY_MS = 60  # between typed keys: well above the scanner filter's 30 ms
OPENBOX_RC = f"""<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>{TASK_BAR}</bottom><left>0</left><right>0</right></margins>
  <focus><focusNew>yes</focusNew><followMouse>no</followMouse></focus>
  <placement><policy>Smart</policy><center>yes</center></placement>
</openbox_config>
"""


def missing_tools() -> list[str]:
    """The programs of the real-window suite this machine lacks."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Display:
    """An Xvfb screen with a window manager; ``name`` is the DISPLAY value."""

    def __init__(self, fixed: str | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="counter-x-"))
        self.processes: list[subprocess.Popen[bytes]] = []
        self.name = fixed or ""
        try:
            self._start_server()
            self._start_window_manager()
            self.scanner = Scanner(self.name)
        except BaseException:
            self.close()
            raise

    def _start_server(self) -> None:
        command = [
            *URGENT,
            "Xvfb",
            "-screen",
            "0",
            f"{WIDTH}x{HEIGHT}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ]
        if self.name:
            server = subprocess.Popen([*command, self.name])
        else:
            read, write = os.pipe()
            server = subprocess.Popen([*command, "-displayfd", str(write)], pass_fds=(write,))
            os.close(write)
            with os.fdopen(read) as pipe:
                self.name = ":" + pipe.readline().strip()
        self.processes.append(server)
        self._wait(lambda: self.run("xdotool", "getdisplaygeometry").returncode == 0, "Xvfb")

    def _start_window_manager(self) -> None:
        rc = self.folder / "rc.xml"
        rc.write_text(OPENBOX_RC)
        env = dict(os.environ, DISPLAY=self.name)
        self.manager_log = self.folder / "openbox.log"
        with self.manager_log.open("wb") as log:
            manager = subprocess.Popen(
                ["openbox", "--config-file", str(rc)], env=env, stdout=log, stderr=log
            )
        self.processes.append(manager)
        self._wait(self._manager_running, "openbox", self.manager_log)

    def _manager_running(self) -> bool:
        found = self.run("xdotool", "search", "--name", "^Openbox$")
        return bool(found.stdout.strip()) or self._root_has("_NET_SUPPORTING_WM_CHECK")

    def _root_has(self, atom: str) -> bool:
        if shutil.which("xprop") is None:
            time.sleep(1)  # no way to ask: give openbox its second
            return True
        found = self.run("xprop", "-root", atom)
        return "window id" in found.stdout

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run an X client on this display."""
        env = dict(os.environ, DISPLAY=self.name)
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False)

    @staticmethod
    def _wait(ready: Any, what: str, log: Path | None = None, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if time.monotonic() > deadline:
                said = log.read_text(errors="replace")[-2000:] if log else ""
                raise RuntimeError(f"{what} did not start {said}")
            time.sleep(0.1)

    def screenshot(self, path: Path) -> Path:
        """The whole screen as a PNG, as a person would see it."""
        from PIL import ImageGrab

        path.parent.mkdir(parents=True, exist_ok=True)
        ImageGrab.grab(xdisplay=self.name).save(path)
        return path

    def close(self) -> None:
        """Stop the window manager and the X server."""
        if hasattr(self, "scanner"):
            self.scanner.close()
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


class Scanner:
    """A handheld scanner on the X server: each reading's keys sent through XTEST in one burst.

    A scanner types far faster than a person, and Counter tells the two apart by the gaps
    between keys (under 30 ms). Sent one by one, as xdotool does, the keys of a reading are
    spread out whenever a busy machine puts the sender aside; queued and flushed together, they
    reach the server at once, as a USB scanner's do. Characters the keyboard map lacks
    (Vietnamese letters) get a spare key of their own first.
    """

    def __init__(self, name: str) -> None:
        from Xlib import display

        self.x = display.Display(name)
        self.spare = list(SPARE_KEYCODES)

    def read(self, text: str) -> None:
        """Send ``text`` and Enter."""
        from Xlib import X
        from Xlib.ext import xtest

        keys = [self._key(_keysym(char)) for char in text]
        keys.append(self._key(RETURN))
        shift = self._key(SHIFT)[0]
        for code, shifted in keys:
            for kind, key in _strokes(code, shifted, shift):
                xtest.fake_input(self.x, X.KeyPress if kind == "down" else X.KeyRelease, key)
        self.x.sync()

    def _key(self, keysym: int) -> tuple[int, bool]:
        """The keycode of ``keysym`` and whether Shift is needed; a spare key when unmapped."""
        for code, index in self.x.keysym_to_keycodes(keysym):
            if index in (0, 1):
                return code, index == 1
        code = self.spare.pop()
        self.x.change_keyboard_mapping(code, [(keysym, keysym)])
        self.x.sync()
        time.sleep(0.3)  # the application reloads the keyboard map before the burst
        return code, False

    def close(self) -> None:
        """Drop the connection."""
        self.x.close()


def _keysym(char: str) -> int:
    point = ord(char)
    return point if point < 0x100 else 0x01000000 | point  # Latin-1 as is, the rest as Unicode


def _strokes(code: int, shifted: bool, shift: int) -> list[tuple[str, int]]:
    keys = [("down", code), ("up", code)]
    return [("down", shift), *keys, ("up", shift)] if shifted else keys


class App:
    """One counter-app process on ``display``, at a scale factor, with a probe to ask."""

    def __init__(
        self,
        display: Display,
        data_dir: Path,
        *,
        scale: float = 1.0,
        lang: str | None = None,
        shots: Path | None = None,
    ) -> None:
        self.display, self.data_dir, self.scale = display, data_dir, scale
        self.shots = shots
        self.keys = 0
        self.scans = 0
        self.socket_path = str(display.folder / f"probe-{os.getpid()}-{time.monotonic_ns()}")
        env = dict(
            os.environ,
            DISPLAY=display.name,
            QT_QPA_PLATFORM="xcb",
            QT_SCALE_FACTOR=str(scale),
            COUNTER_LANG=lang or "vi",
        )
        env.pop("QT_SCREEN_SCALE_FACTORS", None)
        self.log = display.folder / f"app-{time.monotonic_ns()}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.desktop.harness",
                    self.socket_path,
                    "--data-dir",
                    str(data_dir),
                ],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._socket = self._connect()
        self._socket.settimeout(60)
        self._buffer = b""

    # -- the probe ----------------------------------------------------------------------------

    def _connect(self) -> socket.socket:
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"counter-app ended: {self.log.read_text()[-2000:]}")
            try:
                client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                client.connect(self.socket_path)
                return client
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def ask(self, expression: str) -> Any:
        """Evaluate ``expression`` in the window's process (see harness.py) and return it."""
        self._socket.sendall(expression.replace("\n", " ").encode() + b"\n")
        while b"\n" not in self._buffer:
            chunk = self._socket.recv(65536)
            if not chunk:
                raise RuntimeError(f"counter-app ended: {self.log.read_text()[-2000:]}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        answer = json.loads(line)
        if "error" in answer:
            raise AssertionError(f"probe: {expression}\n{answer['error']}")
        return answer["value"]

    def wait(self, expression: str, timeout: float = 15) -> Any:
        """Ask ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.ask(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            time.sleep(0.05)

    def settle(self) -> None:
        """Wait for the background operations to report and the screen to repaint."""
        self.wait("idle()")
        time.sleep(0.3)
        self.wait("idle()")

    # -- the keyboard -------------------------------------------------------------------------

    def type(self, text: str) -> None:
        """Type ``text`` as a person does; each character is one keystroke."""
        self.display.run("xdotool", "type", "--delay", str(HUMAN_DELAY_MS), "--", text)
        self.keys += len(text)
        time.sleep(0.1)  # the scanner filter hands keys back 30 ms after the last

    def key(self, *chords: str) -> None:
        """Press keys or shortcuts (``Return``, ``ctrl+4``, ``F2``), one keystroke each."""
        for chord in chords:
            self.display.run("xdotool", "key", "--delay", str(HUMAN_DELAY_MS), chord)
            self.keys += 1
            time.sleep(0.05)

    def click(self, widget: str) -> None:
        """Click the middle of the widget the expression ``widget`` names (one mouse click)."""
        x, y = self.ask(f"centre({widget})")
        self.display.run("xdotool", "mousemove", str(x), str(y), "click", "1")
        time.sleep(0.1)

    def scan(self, text: str) -> None:
        """A handheld scanner reading ``text``: the characters, then Enter, in one burst."""
        self.display.scanner.read(text)
        self.scans += 1
        time.sleep(0.2)

    # -- sessions -----------------------------------------------------------------------------

    def log_in(self, user: str, password: str) -> None:
        """Answer the login dialog and wait for the main window."""
        self.wait("active() is not None and type(active()).__name__ == 'LoginDialog'", 30)
        self.type(user)
        self.key("Tab")
        self.type(password)
        self.key("Return")
        self.wait("window() is not None and window().isActiveWindow()", 30)
        self.settle()
        self.keys = 0

    def shot(self, name: str) -> Path | None:
        """The screen now, as SHOTS/<percent>/<name>.png (nothing when shots are off)."""
        if self.shots is None:
            return None
        self.settle()
        folder = self.shots / f"{round(self.scale * 100)}"
        return self.display.screenshot(folder / f"{name}.png")

    def close(self) -> None:
        """End the process (the window closes as with the title bar's ×)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._socket.close()
