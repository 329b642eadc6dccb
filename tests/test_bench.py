from gan_tutorial import bench


def test_bench_reports_every_contender_without_judging_speed():
    result = bench.run(
        repeats=2,
        eager_repeats=1,
        num_steps=10,
        presets=("original",),
        sweep_repeats=0,
        log=lambda line: None,
    )
    rows = result["contenders"]
    assert list(rows) == ["tf1_graph", "eager", "original_graph_mode", "original"]
    assert rows["tf1_graph"]["speedup_vs_tf1_graph"] == 1.0
    assert rows["eager"]["runs"] == 1 and rows["original"]["runs"] == 2
    assert all(r["min_seconds"] <= r["median_seconds"] <= r["max_seconds"] for r in rows.values())
    assert result["speedup_vs_tf1_graph"] == rows["original"]["speedup_vs_tf1_graph"] > 0
    assert "| (a) document's graph" in bench.table(result)
