"""A table key given a plain value (`general = "x"`) is a configuration error naming the key,
what was expected and how to write it (exit 2), never "unexpected error (ValueError)". The
fuzz: every table and list of tables of the configuration schema (as the default document
holds them, nested ones included) given a string, an integer, a list, ... through the same
steps as `load_config` (the environment applied, then the validation)."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from queue_app.cli import main
from queue_app.config import apply_env, default_document, load_config, load_general
from queue_app.domain.config_schema import parse_config, read_general
from queue_app.domain.config_schema.keys import TOP_KEYS
from queue_app.domain.errors import ConfigError

ENV = {"MADOGUCHI_LANG": "en", "MADOGUCHI_TIMEZONE": "Asia/Tokyo"}


def _tables(node: object, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a table or a list of tables in `node` (its leaves are not tables)."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if isinstance(value, Mapping) or (
                isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value)
            ):
                yield (*path, key)
            yield from _tables(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, Mapping):
                yield (*path, i)
            yield from _tables(value, (*path, i))


def _written(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


TABLE_PATHS = list(_tables(default_document()))


def test_the_fuzz_covers_every_kind_of_table() -> None:
    written = {_written(p) for p in TABLE_PATHS}
    for expected in ("general", "web", "offices", "offices[0].hours", "offices[0].counters"):
        assert expected in written
    assert {p[0] for p in TABLE_PATHS} >= TOP_KEYS - {"openings"}


@pytest.mark.parametrize("path", TABLE_PATHS, ids=_written)
@pytest.mark.parametrize("bad", ["x", 3, ["x"], 1.5, True], ids=repr)
def test_every_table_key_given_a_plain_value_is_a_clear_config_error(
    path: tuple[Any, ...], bad: object
) -> None:
    doc = copy.deepcopy(default_document())
    node: Any = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = bad
    with pytest.raises(ConfigError) as info:
        parse_config(apply_env(doc, ENV))
    message = info.value.message("en")
    assert _written(path).split("[")[0].split(".")[0] in message  # the key named
    if path[0] in ("general", "display", "inquiry", "reports", "web"):
        with pytest.raises(ConfigError):
            read_general(apply_env(doc, ENV))


@pytest.mark.parametrize("key", sorted(TOP_KEYS))
@pytest.mark.parametrize("value", ['"x"', "3", '["x"]'])
def test_top_level_key_from_the_file_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    path = tmp_path / "madoguchi.toml"
    path.write_text(f"{key} = {value}\n", "utf-8")
    with pytest.raises(ConfigError):
        load_config(str(path), ENV)
    code = main(["config", "check", "--config", str(path), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "unexpected" not in err and "Traceback" not in err, err
    assert (f"{key} = " in err or f"{key}[0] = " in err) and "must be a" in err
    assert f"[{key}]" in err or f"[[{key}]]" in err  # how to write it


def test_general_given_a_string_names_key_expectation_and_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "madoguchi.toml"
    path.write_text('general = "x"\n', "utf-8")
    with pytest.raises(ConfigError):  # `renewal` reads the general table alone
        load_general(str(path), ENV)
    for lang in ("ja", "en"):
        code = main(["config", "check", "--config", str(path), "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2 and "ValueError" not in err, err
        assert "general = 'x'" in err and "must be a table" in err and "[general]" in err
