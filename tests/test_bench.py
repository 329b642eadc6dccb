from gan_tutorial import bench


def test_bench_reports_every_contender_without_judging_speed():
    result = bench.run(
        repeats=2,
        eager_repeats=1,
        num_steps=10,
        keys=("tf1_graph", "document", "original_graph_mode", "original"),
        first_keys=("tf1_graph", "original_graph_mode"),
        first_repeats=1,
        sweep_repeats=0,
        log=lambda line: None,
    )
    rows = result["contenders"]
    assert list(rows) == ["tf1_graph", "document", "original_graph_mode", "original"]
    assert rows["tf1_graph"]["speedup_vs_tf1_graph"] == 1.0
    assert rows["tf1_graph"]["first_result_vs_tf1_graph"] == 1.0
    assert rows["original"]["runs"] == 2
    assert rows["document"]["first_result_seconds"] is None, "not asked for"
    assert all(r["min_seconds"] <= r["median_seconds"] <= r["max_seconds"] for r in rows.values())
    assert all(rows[k]["first_result_seconds"] > 0 for k in ("tf1_graph", "original_graph_mode"))
    assert result["speedup_vs_tf1_graph"] == rows["original"]["speedup_vs_tf1_graph"] > 0
    assert result["next_result_seconds"] == rows["original_graph_mode"]["next_result_seconds"]
    assert "| (a) document's graph" in bench.table(result)
