"""A throw-away PostgreSQL server in a temp dir, run as the `postgres` user (like .ci/run does)."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port(start: int = 18100, stop: int = 18200) -> int:
    """Return a free TCP port on 127.0.0.1 in [start, stop)."""
    for port in range(start, stop):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}-{stop}")


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        print("PostgreSQL not found: installing it with apt-get (postgresql)")
        subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)  # noqa: S607
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise SystemExit("PostgreSQL server binaries not found; install `postgresql` or pass --db URL.")
    return Path(found[-1]).parent


class ThrowAwayPostgres:
    """initdb + pg_ctl start on 127.0.0.1:<free port>; stop() removes everything unless keep=True."""

    SETTINGS = {
        "listen_addresses": "127.0.0.1",
        "max_connections": "200",
        "shared_buffers": "1GB",
        "effective_cache_size": "4GB",
        "work_mem": "16MB",
        "maintenance_work_mem": "512MB",
        "max_wal_size": "4GB",
        "random_page_cost": "1.1",
    }

    def __init__(self, dbname: str = "sentra_bench") -> None:
        self.bin = _bin_dir()
        self.dbname = dbname
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="sentra-bench-pg-"))
        self.data = self.root / "data"
        self.user = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.dbname}"

    def _run(self, *args: str, **kw) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)  # noqa: S603

    def start(self) -> "ThrowAwayPostgres":
        if self.user:
            shutil.chown(self.root, self.user)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        opts = " ".join(f"-c {k}={v}" for k, v in self.SETTINGS.items())
        opts += f" -p {self.port} -k {self.root}"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "server.log"), "-w", "start")
        for _ in range(50):
            ready = [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)]
            if subprocess.run(ready, stdout=subprocess.DEVNULL).returncode == 0:  # noqa: S603
                break
            time.sleep(0.2)
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", self.dbname)
        return self

    def stop(self, keep: bool = False) -> None:
        if keep:
            print(f"PostgreSQL left running: {self.url}")
            print(f"  stop it with: runuser -u postgres -- {self.bin}/pg_ctl -D {self.data} stop; rm -rf {self.root}")
            return
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
