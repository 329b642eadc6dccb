"""What the chapters display besides figures: the package's source and tables."""

import pytest

from gan_tutorial import presets
from gan_tutorial.notebook import show_source, table


def test_table_is_markdown_whose_long_target_names_can_wrap():
    shown = table(["target", "original+minibatch"], [["mixture:0.5,-2,0.5,2,0.5", 1], ["b", 2]])
    lines = shown._repr_markdown_().splitlines()
    assert lines[0] == "| target | original+\u200bminibatch |"
    assert lines[1] == "| --- | --- |"
    assert lines[2:] == ["| mixture:0.5,\u200b-2,\u200b0.5,\u200b2,\u200b0.5 | 1 |", "| b | 2 |"]
    assert "\u200b" not in repr(shown), "the plain-text form is left as written"


def test_show_source_shows_the_lines_asked_for_or_names_the_missing_one():
    shown = show_source(presets, start="IMPROVED = Preset(", stop="g_average=0.99")
    assert shown.text.splitlines()[0] == "IMPROVED = Preset("
    assert shown.text.splitlines()[-1].strip() == "g_average=0.99,"
    with pytest.raises(ValueError, match="stop="):
        show_source(presets, start="IMPROVED = Preset(", stop="no such line")
