"""Data-team integrations, run for real (small and fast)."""

import json
import pathlib

import phimask
from phimask.integrations import mask_polars, mask_series

ROOT = pathlib.Path(__file__).resolve().parents[3]
ROWS = ["John Smith SSN 123-45-6789", None, "seen last week, call 617-555-0199"]


def _check(values):
    assert values[1] is None
    assert "123-45-6789" not in values[0] and "John Smith" not in values[0]
    assert "617-555-0199" not in values[2] and "last week" in values[2]


def test_pandas_series(analyzer):
    import pandas as pd

    s = pd.Series(ROWS, index=[10, 20, 30], name="note")
    out = mask_series(s, analyzer)
    assert list(out.index) == [10, 20, 30] and out.name == "note"
    _check([None if not isinstance(v, str) else v for v in out.tolist()])


def test_polars_series_and_expr(analyzer):
    import polars as pl

    df = pl.DataFrame({"id": [1, 2, 3], "note": ROWS})
    _check(mask_polars(df["note"], analyzer).to_list())
    out = df.with_columns(mask_polars(pl.col("note"), analyzer))
    _check(out["note"].to_list())


def test_jsonl_and_parquet_corpus(analyzer, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = ROOT / "corpora" / "generated" / "sample.jsonl"
    records = [json.loads(l) for l in src.read_text().splitlines() if l.strip()][:20]
    texts = [r["text"] for r in records]
    out_path = tmp_path / "masked.jsonl"
    with out_path.open("w") as f:
        for m in analyzer.mask_batch(iter(texts), threads=2):
            f.write(json.dumps({"text": m.text}) + "\n")
    masked = [json.loads(l)["text"] for l in out_path.read_text().splitlines()]
    assert len(masked) == len(texts)
    assert sum(m != t for m, t in zip(masked, texts)) >= len(texts) // 2
    pq.write_table(pa.table({"note": texts}), tmp_path / "notes.parquet")
    table = pq.read_table(tmp_path / "notes.parquet")
    col = [m.text for m in analyzer.mask_batch(table.column("note").to_pylist())]
    pq.write_table(pa.table({"note": col}), tmp_path / "masked.parquet")
    assert pq.read_table(tmp_path / "masked.parquet").column("note").to_pylist() == masked


def _mask_partition(rows, analyzer):
    return [m.text for m in analyzer.mask_batch(rows, threads=1)]


def test_dask_local_cluster_ships_pickled_analyzer(analyzer):
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            bag = db.from_sequence(["John Smith", "SSN 123-45-6789", "last week"], npartitions=2)
            out = bag.map_partitions(_mask_partition, analyzer).compute(scheduler=client)
    assert out[2] == "last week"
    assert "John Smith" not in out[0] and "123-45-6789" not in out[1]


def test_pyspark_local_mode_ships_pickled_analyzer(analyzer):
    import os
    import sys

    from pyspark.sql import SparkSession

    # Workers run this venv's interpreter, where the wheel is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("phimask-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        a = spark.sparkContext.broadcast(analyzer)
        rdd = spark.sparkContext.parallelize(["John Smith", "SSN 123-45-6789", "last week"], 2)
        out = rdd.mapPartitions(lambda rows: [m.text for m in a.value.mask_batch(list(rows))]).collect()
    finally:
        spark.stop()
    assert out[2] == "last week"
    assert "John Smith" not in out[0] and "123-45-6789" not in out[1]
