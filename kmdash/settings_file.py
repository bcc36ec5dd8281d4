"""Settings to and from one TOML file per co-op, generically over the settings' dataclasses (kmdash.settings):
every field is a key, a nested dataclass a table, a tuple of them an array of tables, a field marked
`table` in its metadata ((key, value) pairs, the selector's answers) a table of its own. A key the settings do not
have, or a value of the wrong kind or out of range, is a user error naming the key."""

from __future__ import annotations

import json
import re
import tomllib
import types
import typing
from collections.abc import Collection
from dataclasses import MISSING, fields, is_dataclass
from pathlib import Path

from .errors import LedgerError
from .settings import Settings

HEADER = ("# kmdash settings of one co-op: every threshold here is the project's example, not the handbook's\n"
          "# or the law; change any. Answers: yes, no (or leave the clause out: unknown).\n"
          "# Loan-quality classes ([[classes.rows]]): the default rows are the Registrar's 2544 regulation's rules;\n"
          "# provision = the rate (percent) the co-op's auditor applies, e.g. provision = 100.0 (left out: not set).\n")


def dumps(settings: Settings) -> str:
    """The settings as TOML text: every field, so the file shows each threshold in use."""
    return HEADER + "\n".join(_table(settings, ())) + "\n"


def loads(text: str, questions: Collection[str] | None = None) -> Settings:
    """Settings from TOML text: a key left out keeps its default. `questions`, where given, are the clause
    codes an answer may name."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError.of("settings_bad_toml", reason=exc) from exc
    settings = _build(Settings, data, "")
    unknown = [code for code, _ in settings.selector.answers if questions is not None and code not in questions]
    if unknown:
        raise LedgerError.of("settings_unknown_key", setting=f"selector.answers.{unknown[0]}")
    return settings


def read(path: str | Path, questions: Collection[str] | None = None) -> Settings:
    """Settings from a file; one that cannot be read is a user error naming it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError.of("settings_unreadable", path=path, reason=getattr(exc, "strerror", None) or exc) from exc
    return loads(text, questions)


def write(path: str | Path, settings: Settings) -> None:
    """Settings to a file (its folder made where missing)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(settings), encoding="utf-8")
    except OSError as exc:
        raise LedgerError.of("out_failed", path=path, reason=exc.strerror or type(exc).__name__) from exc


def coop_path(folder: str | Path, coop: str) -> Path:
    """The settings file of a co-op: `<folder>/<co-op's name>.toml`, the name kept readable (Thai too)."""
    name = re.sub(r"[^\w\u0E00-\u0E7F.-]+", "_", coop).strip("._") or "coop"
    return Path(folder) / f"{name}.toml"


# ---------------------------------------------------------------- writing


def _table(obj, path: tuple[str, ...]) -> list[str]:
    """A dataclass as TOML lines: its plain keys, then its tables and arrays of tables (each under its path)."""
    lines, later = [], []
    for f in fields(obj):
        value, key = getattr(obj, f.name), (*path, f.name)
        if value is None:
            continue  # TOML has no null: a key left out reads back as its default, None
        if is_dataclass(value):
            later += ["", f"[{_dotted(key)}]", *_table(value, key)]
        elif f.metadata.get("table"):
            later += ["", f"[{_dotted(key)}]", *(f"{_key(k)} = {_value(v)}" for k, v in value)]
        elif value and isinstance(value, tuple) and all(is_dataclass(v) for v in value):
            later += [line for item in value for line in ("", f"[[{_dotted(key)}]]", *_table(item, key))]
        else:
            lines.append(f"{_key(f.name)} = {_value(value)}")
    return lines + later


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if is_dataclass(value):
        return "{ " + ", ".join(f"{_key(f.name)} = {_value(getattr(value, f.name))}" for f in fields(value)) + " }"
    return "[" + ", ".join(_value(v) for v in value) + "]"


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name, ensure_ascii=False)


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(_key(p) for p in path)


# ---------------------------------------------------------------- reading


def _build(cls, data, where: str):
    """An instance of the dataclass `cls` from a TOML table; a missing key keeps its default."""
    if not isinstance(data, dict):
        raise _bad(where, f"must be a table, not {_kind(data)}")
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    if unknown := [k for k in data if k not in known]:
        raise LedgerError.of("settings_unknown_key", setting=_at(where, unknown[0]))
    values = {}
    for name, value in data.items():
        f, key = known[name], _at(where, name)
        values[name] = _pairs(value, key) if f.metadata.get("table") else _convert(hints[name], value, key)
    if missing := [f.name for f in known.values()
                   if f.name not in values and f.default is MISSING and f.default_factory is MISSING]:
        raise _bad(_at(where, missing[0]), "is missing")
    try:
        return cls(**values)
    except (ValueError, LedgerError) as exc:
        reason = exc.en if isinstance(exc, LedgerError) else str(exc)
        named = reason.split(" ")[0]  # a check's message starts with the field it refuses, where it is one
        raise _bad(_at(where, named) if named.split(".")[0] in known else where or "settings", reason) from exc


def _convert(kind, value, key: str):
    """The TOML value as the field's type says: a dataclass, a tuple, a number, a string or a flag."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if is_dataclass(kind):
        return _build(kind, value, key)
    if origin in (typing.Union, types.UnionType):
        return _convert(next(a for a in args if a is not type(None)), value, key)
    if origin is tuple:
        if not isinstance(value, list):
            raise _bad(key, f"must be a list, not {_kind(value)}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{key}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise _bad(key, f"must have {len(args)} items")
        return tuple(_convert(a, v, f"{key}[{i}]") for i, (a, v) in enumerate(zip(args, value)))
    return _scalar(kind, value, key)


def _scalar(kind, value, key: str):
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind in (str, bool) and isinstance(value, kind):
        return value
    raise _bad(key, f"must be {getattr(kind, '__name__', kind)}, not {_kind(value)}")


def _pairs(value, key: str) -> tuple[tuple[str, str], ...]:
    """A table of text values as sorted (key, value) pairs."""
    if not isinstance(value, dict):
        raise _bad(key, f"must be a table, not {_kind(value)}")
    if bad := [k for k, v in value.items() if not isinstance(v, str)]:
        raise _bad(_at(key, bad[0]), "must be text")
    return tuple(sorted(value.items()))


def _bad(key: str, reason) -> LedgerError:
    return LedgerError.of("settings_bad_value", setting=key, reason=reason)


def _at(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _kind(value) -> str:
    return {dict: "a table", list: "a list", str: "text", bool: "true/false"}.get(type(value), type(value).__name__)
