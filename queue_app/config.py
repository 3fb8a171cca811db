"""Load the configuration: defaults, then the TOML file, then `MADOGUCHI_*` variables.

CLI flags are applied by the caller (`CliContext`) on top. This is the only module that
reads configuration files; the rules themselves live in `queue_app.domain.config_schema`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from queue_app.domain.config_schema import parse_config, read_general
from queue_app.domain.errors import ConfigError, InputError, SetupError

if TYPE_CHECKING:
    from queue_app.domain.config import Config

# Imported where used, not here: `platformdirs` (only without MADOGUCHI_CONFIG /
# MADOGUCHI_DATA_DIR), `secrets` (only `init` creates a secret). A CLI command that reads
# the configuration (`calendar`, `renewal` without --today) pays for neither; nor for
# `importlib.resources` (pathlib's zip and tempfile machinery): the default configuration
# is a plain file beside this module.
DEFAULT_CONFIG = Path(__file__).with_name("default_config.toml")

APP_NAME = "madoguchi"

# environment variable -> key in the [general] table
ENV_GENERAL = {
    "MADOGUCHI_TIMEZONE": "timezone",
    "MADOGUCHI_LANG": "language",
    "MADOGUCHI_DATABASE_URL": "database_url",
    "MADOGUCHI_DATA_DIR": "data_dir",
    "MADOGUCHI_SECRET_FILE": "secret_file",
    "MADOGUCHI_PRINT_COMMAND": "print_command",
    "MADOGUCHI_ANNOUNCE_COMMAND": "announce_command",
}


def default_text() -> str:
    return DEFAULT_CONFIG.read_text("utf-8")


def default_document() -> dict[str, Any]:
    return tomllib.loads(default_text())


def config_path(flag: str | None, env: Mapping[str, str]) -> Path:
    if flag:
        return Path(flag).expanduser()
    if env.get("MADOGUCHI_CONFIG"):
        return Path(env["MADOGUCHI_CONFIG"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "madoguchi.toml"


def read_document(path: Path) -> dict[str, Any]:
    try:
        # "utf-8-sig": a file saved as "UTF-8 with BOM" (Windows Notepad) reads the same
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(
            "err.config_unreadable", path=str(path), problem=exc.strerror or str(exc)
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError("err.config_not_utf8", path=str(path), position=exc.start) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("err.config_syntax", path=str(path), problem=str(exc)) from None


def merge_documents(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; lists (offices, services, rules) replace the default whole."""
    merged: dict[str, Any] = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge_documents(merged[key], value)
        else:
            merged[key] = value
    return merged


def apply_env(doc: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """The environment's settings over `[general]`. The document is not validated yet: a
    `general` that is not a table is left as it is, for the validation to name it
    (`general = "x"` is a configuration error, not an unexpected one)."""
    if not isinstance(doc.get("general", {}), Mapping):
        return dict(doc)
    general = dict(doc.get("general", {}))
    for var, key in ENV_GENERAL.items():
        if env.get(var):
            general[key] = env[var]
    out = dict(doc)
    out["general"] = general
    return out


def load_document(flag: str | None, env: Mapping[str, str]) -> dict[str, Any]:
    """Defaults, then the file (if it exists), then the environment; not validated yet."""
    doc = default_document()
    path = config_path(flag, env)
    if path.exists():
        doc = merge_documents(doc, read_document(path))
    elif flag:
        raise ConfigError("err.config_missing", path=str(path))
    return apply_env(doc, env)


def load_config(flag: str | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Defaults, then the file (if it exists), then the environment; validated."""
    return parse_config(load_document(flag, os.environ if env is None else env))


def load_general(flag: str | None = None, env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The configured time zone and language alone (`madoguchi renewal` without --today):
    the same file, defaults and environment as `load_config`, checked as `load_config`
    checks them first (unreadable file, syntax, top-level and settings keys, the time zone,
    the language); offices, rules and the rest are neither read nor built (issue 17)."""
    return read_general(load_document(flag, os.environ if env is None else env))


def data_dir(env: Mapping[str, str], config: Config | None = None) -> Path:
    if env.get("MADOGUCHI_DATA_DIR"):
        return Path(env["MADOGUCHI_DATA_DIR"]).expanduser()
    if config is not None and config.settings.data_dir:
        return Path(config.settings.data_dir).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def database_url(flag: str | None, env: Mapping[str, str], config: Config) -> str:
    if flag:
        return flag
    if env.get("MADOGUCHI_DATABASE_URL"):
        return env["MADOGUCHI_DATABASE_URL"]
    if config.settings.database_url:
        return config.settings.database_url
    return f"sqlite:///{data_dir(env, config) / 'madoguchi.db'}"


def secret_path(env: Mapping[str, str], config: Config | None = None) -> Path:
    if env.get("MADOGUCHI_SECRET_FILE"):
        return Path(env["MADOGUCHI_SECRET_FILE"]).expanduser()
    if config is not None and config.settings.secret_file:
        return Path(config.settings.secret_file).expanduser()
    return data_dir(env, config) / "secret.key"


def ensure_secret(path: Path) -> bool:
    """Create the per-install HMAC secret with mode 0600; True if it was created."""
    import secrets

    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    os.chmod(path, 0o600)
    return True


def secret_key(env: Mapping[str, str], config: Config | None = None) -> bytes:
    """The per-install HMAC secret. Refused when group or others may read or write it
    (whoever reads it can forge tickets): `chmod 600` fixes that."""
    path = secret_path(env, config)
    if not path.exists():
        raise InputError("err.secret_missing", path=str(path))
    try:
        mode = path.stat().st_mode
        if os.name == "posix" and mode & 0o077:
            raise SetupError("err.secret_permissions", path=str(path), mode=f"{mode & 0o777:o}")
        value = path.read_bytes().decode("utf-8").strip()
    except OSError as exc:
        raise SetupError(
            "err.secret_unreadable", path=str(path), problem=exc.strerror or str(exc)
        ) from None
    except UnicodeDecodeError:
        raise SetupError("err.secret_not_utf8", path=str(path)) from None
    if len(value) < 32:
        raise InputError("err.secret_invalid", path=str(path))
    return value.encode("utf-8")


def write_default(path: Path, force: bool = False) -> bool:
    """Write the default configuration; never overwrite an edited file unless forced."""
    if path.exists() and not force:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(default_text(), "utf-8")
    return True
