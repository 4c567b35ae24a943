"""A throwaway PostgreSQL server in a temporary folder on a free local port (tests and the bench).

PostgreSQL refuses to run as root, and CI runs as root: there `initdb` and `pg_ctl` run as the
`postgres` user (`runuser`), with the folder and the password file owned by that user. A missing
server is an error, not a skip: `.ci/bootstrap test` installs it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ADMIN = "ocplan_admin"


def server_binaries() -> Path:
    """The folder holding `initdb` and `pg_ctl` (the newest installed major version)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name)
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError(
        "PostgreSQL's server programs (initdb, pg_ctl) are not installed: "
        "`.ci/bootstrap test` installs the Debian package `postgresql`"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    folder: Path
    port: int
    admin_password: str
    bin: Path
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120)

    @classmethod
    def create(cls) -> Cluster:
        binaries = server_binaries()
        folder = Path(tempfile.mkdtemp(prefix="ocplan-pg-"))
        password = secrets.token_urlsafe(16)
        pwfile = folder / "pwfile"
        pwfile.write_text(password + "\n")
        cluster = cls(folder, free_port(), password, binaries)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        folder.chmod(0o700)
        pwfile.chmod(0o600)
        cluster._run(
            "initdb",
            "-D",
            str(cluster.data),
            "-A",
            "scram-sha-256",
            f"--pwfile={pwfile}",
            "-U",
            ADMIN,
            "-E",
            "UTF8",
            "--locale=C",
        )
        pwfile.unlink()
        cluster.start()
        return cluster

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-o", options,
            "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, user: str = ADMIN, database: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin_connect(self, database: str = "postgres"):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(
            self.url(ADMIN, database), password=self.admin_password, autocommit=True
        )

    def create_database(self, name: str) -> str:
        with self.admin_connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(ADMIN, name)

    def add_officer(self, name: str, group: str = "ocplan_team") -> str:
        """A login for one officer in the team's group (made here if `server init` has not run)."""
        password = secrets.token_urlsafe(12)
        with self.admin_connect() as conn:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone()
            if not exists:
                conn.execute(f'CREATE ROLE "{group}" NOLOGIN')
            conn.execute(f'CREATE ROLE "{name}" LOGIN IN ROLE "{group}" PASSWORD \'{password}\'')
        self.passwords[name] = password
        return password

    def write_pgpass(self, path: Path) -> Path:
        """A libpq password file holding every officer's password (and the admin's)."""
        lines = [f"127.0.0.1:{self.port}:*:{ADMIN}:{self.admin_password}"]
        lines += [f"127.0.0.1:{self.port}:*:{user}:{pw}" for user, pw in self.passwords.items()]
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o600)
        return path
