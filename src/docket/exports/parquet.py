"""Apache Parquet (through pyarrow) of a typed table: integers as nullable int64, floats as
float64, dates as date32, booleans as bool, text as UTF-8 strings; pandas and DuckDB read the
types as they are."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def parquet_bytes(rows: Iterable[Mapping[str, Any]], types: Mapping[str, str]) -> bytes:
    """The rows (dicts with the keys of ``types``) as a Parquet file with one typed column per
    key of ``types``, in its order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    arrow |= {"bool": pa.bool_(), "date": pa.date32()}
    columns: dict[str, list[Any]] = {name: [] for name in types}
    for row in rows:
        for name, kind in types.items():
            value = row.get(name)
            columns[name].append(_date(value) if kind == "date" else value)
    schema = pa.schema([pa.field(name, arrow[kind]) for name, kind in types.items()])
    table = pa.table([pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()
