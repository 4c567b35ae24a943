"""Where the app finds what it ships (schema, resources) and where it keeps the user's files."""

from __future__ import annotations

from pathlib import Path

from ocplan_desktop import APP_NAME, ORGANISATION

_HERE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # Installed wheel and bundle: inside the package. Source checkout: beside it.
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the app's {name}/ folder is missing from {_HERE}")


def migrations_dir() -> Path:
    return _shipped("db")


def resources_dir() -> Path:
    return _shipped("resources")


def user_data_dir() -> Path:
    """The user's data folder (created on first use): demo workspace, backups."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, ORGANISATION, ensure_exists=True)


def default_demo_path() -> Path:
    return user_data_dir() / "Demo workspace.ocplan"


def backups_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def local_copies_dir() -> Path:
    """Where workspaces from network drives are worked on."""
    path = user_data_dir() / "network-copies"
    path.mkdir(parents=True, exist_ok=True)
    return path
