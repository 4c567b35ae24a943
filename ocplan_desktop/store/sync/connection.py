"""Reaching the team's PostgreSQL server, and saying in one line why it could not be reached.

A server is named by a libpq URL (`postgresql://jsmith@db.council.local/ocplan?sslmode=verify-full`)
or keywords (`service=ocplan`). A password never goes in it, nor in the workspace, a log or a command
line: libpq finds it in PGPASSWORD, a `.pgpass` file or a service file; failing those the caller
asks the officer (or the system keyring) and hands it over in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ocplan_desktop.domain.errors import OcplanError

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT_S = 10
# A sync that waits longer than this on one statement has lost the server.
STATEMENT_TIMEOUT_MS = 120_000


class ServerError(OcplanError):
    """The team server could not be used; nothing in the workspace was changed."""


class PasswordNeeded(ServerError):
    """The server wants a password and none was found."""


class WrongPassword(ServerError):
    """The server refused the password (or the login)."""


class ServerUnreachable(ServerError):
    """No server answered (down, wrong address, network cut)."""


@dataclass(frozen=True)
class ServerAddress:
    """A server as the officer named it, with the password-free parts libpq will use."""

    text: str
    params: dict[str, str]

    @property
    def user(self) -> str:
        import getpass

        return self.params.get("user") or getpass.getuser()

    @property
    def host(self) -> str:
        return self.params.get("host") or self.params.get("hostaddr") or "localhost"

    @property
    def database(self) -> str:
        return self.params.get("dbname") or self.user

    @property
    def label(self) -> str:
        """`jsmith@db.council.local:5432/ocplan` (or the service name): for messages."""
        if "service" in self.params and "host" not in self.params:
            return f"service {self.params['service']}"
        port = self.params.get("port", "5432")
        return f"{self.user}@{self.host}:{port}/{self.database}"

    @property
    def keyring_key(self) -> str:
        port = self.params.get("port", "5432")
        return f"ocplan:{self.host}:{port}/{self.database}"


def parse_server(text: str) -> ServerAddress:
    """Check a server URL or keyword string; refuse one holding a password."""
    from psycopg.conninfo import conninfo_to_dict

    text = text.strip()
    if not text:
        raise ServerError("give the team server as --server URL (postgresql://user@host/database)")
    try:
        params = {key: str(value) for key, value in conninfo_to_dict(text).items()}
    except Exception as error:  # psycopg.ProgrammingError: the text is not a connection string
        raise ServerError(f"{text!r} is not a PostgreSQL server address ({error})") from None
    if "password" in params:
        raise ServerError(
            "the server address holds a password: remove it, and put the password in PGPASSWORD, "
            "a .pgpass file or a service file (or let ocplan ask for it)"
        )
    return ServerAddress(text, params)


def _message(address: ServerAddress, error: Exception) -> ServerError:
    detail = " ".join(str(error).split())
    lowered = detail.lower()
    if "no password supplied" in lowered or "password is required" in lowered:
        return PasswordNeeded(f"the team server at {address.label} needs {address.user}'s password")
    if "password authentication failed" in lowered or "authentication failed" in lowered:
        return WrongPassword(
            f"the team server at {address.label} refused the password for {address.user}: "
            "nothing was changed"
        )
    if "does not exist" in lowered and "database" in lowered:
        return ServerError(f"the team server has no database {address.database!r}: {detail}")
    if "role" in lowered and "does not exist" in lowered:
        return WrongPassword(
            f"the team server at {address.label} has no login {address.user!r}: ask IT to add it"
        )
    return ServerUnreachable(
        f"cannot reach the team server at {address.label} ({detail}): nothing was changed; "
        "try again when it is back"
    )


def connect(address: ServerAddress, password: str | None = None) -> psycopg.Connection[Any]:
    """An autocommit connection (work is done in explicit transactions) or a `ServerError`."""
    import psycopg

    extra: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "ocplan",
        "autocommit": True,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
    }
    if password is not None:
        extra["password"] = password
    try:
        return psycopg.connect(address.text, **extra)
    except psycopg.Error as error:
        raise _message(address, error) from None


@contextmanager
def server_errors(address: ServerAddress) -> Iterator[None]:
    """Turn a dropped connection or a server that went away into one line."""
    import psycopg

    try:
        yield
    except psycopg.OperationalError as error:
        raise ServerUnreachable(
            f"the connection to the team server at {address.label} was lost "
            f"({' '.join(str(error).split())}): nothing here was changed; sync again to carry on"
        ) from None
    except psycopg.errors.InsufficientPrivilege as error:
        raise ServerError(
            f"{address.user} may not do that on the team server ({error}): ask IT to add the "
            "login to the team's group"
        ) from None
    except psycopg.Error as error:
        raise ServerError(
            f"the team server at {address.label} refused the sync "
            f"({' '.join(str(error).split())}): nothing was changed"
        ) from None


# the system keyring, where there is one -----------------------------------------------------------


def _keyring() -> Any | None:
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # not installed, or no usable backend library
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def keyring_available() -> bool:
    return _keyring() is not None


def keyring_password(address: ServerAddress) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        value = keyring.get_password(address.keyring_key, address.user)
    except Exception:
        return None
    return str(value) if value else None


def remember_password(address: ServerAddress, password: str) -> bool:
    """Keep the password in the system keyring; False where there is none."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(address.keyring_key, address.user, password)
    except Exception:
        return False
    return True


def forget_password(address: ServerAddress) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(address.keyring_key, address.user)
    except Exception:
        return
