"""The exercise checks' verdicts in both languages: one table, chosen by GAN_TUTORIAL_LANGUAGE."""

import ast
import re

import pytest

from gan_tutorial import exercises, verdicts

CJK = re.compile(r"[\u4e00-\u9fff]")
RATE = "lambda step: 0.03 * 0.95 ** (step // 150)"  # chapter 4's solution


def _exercises_source():
    return ast.parse(open(exercises.__file__, encoding="utf-8").read())


def _check_keys():
    """Every message key exercises.py passes to ``Check`` as a constant (its second argument)."""
    return {
        node.args[1].value
        for node in ast.walk(_exercises_source())
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "Check"
        and len(node.args) > 1
        and isinstance(node.args[1], ast.Constant)
    }


def _strings():
    """Every string constant in exercises.py (chapter 3's hints name their keys in a dict)."""
    return {
        node.value
        for node in ast.walk(_exercises_source())
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


@pytest.mark.parametrize("key", sorted(verdicts.MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    templates = verdicts.MESSAGES[key]
    assert set(templates) == set(verdicts.LANGUAGES), f"{key}: languages {sorted(templates)}"
    english, chinese = templates["en"], templates["zh_CN"]
    assert verdicts.fields(english) == verdicts.fields(chinese), key
    frames = ("_passed", "_subject")  # "✓ {message}", and a full-width colon
    assert CJK.search(chinese) or key in frames, f"{key}: the Chinese is not Chinese"
    assert not CJK.search(english), f"{key}: Chinese in the English"


def test_every_key_the_checks_use_is_in_the_table_and_every_message_is_used():
    used = _check_keys()
    assert len(used) > 30, f"only {sorted(used)} found in Check(..., key) calls"
    assert used <= set(verdicts.MESSAGES), sorted(used - set(verdicts.MESSAGES))
    unused = {k for k in verdicts.MESSAGES if not k.startswith("_")} - _strings()
    assert not unused, f"messages no check gives: {sorted(unused)}"


def test_a_wrong_answer_gets_its_verdict_in_the_chosen_language(monkeypatch):
    smooth = eval("lambda step: 0.03 * 0.95 ** (step / 150)")
    monkeypatch.delenv(verdicts.ENVIRONMENT, raising=False)
    english = exercises.check_learning_rate(smooth)
    assert repr(english).startswith("✗ Not yet: your rate decays smoothly"), repr(english)

    monkeypatch.setenv(verdicts.ENVIRONMENT, "zh_CN")
    chinese = exercises.check_learning_rate(smooth)
    assert repr(chinese) == "✗ 还不对：你的学习率是平滑衰减的；阶梯式衰减要把 step / 150 向下取整"
    stub = exercises.check_learning_rate(lambda step: None)
    assert repr(stub) == "✗ 还不对：它返回了 None。是不是忘了写 return 语句？"
    raising = exercises.check_learning_rate(lambda step: 1 / 0)
    assert repr(raising).startswith("✗ 还不对：调用它时抛出了 ZeroDivisionError："), repr(raising)


def test_a_mistake_in_one_of_two_functions_names_it_in_either_language(monkeypatch):
    import tensorflow as tf

    def loss_d(D1, D2):
        return tf.reduce_mean(-tf.math.log(D1) - tf.math.log(1 - D2))

    monkeypatch.setenv(verdicts.ENVIRONMENT, "zh_CN")
    verdict = exercises.check_losses(loss_d, lambda D2: None)
    assert repr(verdict) == "✗ 还不对：loss_g：它返回了 None。是不是忘了写 return 语句？"
    monkeypatch.setenv(verdicts.ENVIRONMENT, "en")
    assert repr(verdict) == (
        "✗ Not yet: loss_g: it returned None. Did you forget the return statement?"
    )


def test_success_is_chinese_too_and_the_display_carries_the_key_for_the_chinese_edition(
    monkeypatch,
):
    monkeypatch.setenv(verdicts.ENVIRONMENT, "en")
    verdict = exercises.check_learning_rate(eval(RATE))
    assert verdict.passed
    data, metadata = verdict._repr_mimebundle_()
    assert data["text/plain"].startswith("✓ your rate equals")
    # what i18n/zh.py does with the English build's output
    chinese = verdicts.render(metadata[verdicts.METADATA], "zh_CN")
    assert chinese == "✓ 你的学习率在全部 3001 步上都等于 Keras 的 ExponentialDecay(staircase=True)"
    monkeypatch.setenv(verdicts.ENVIRONMENT, "zh_CN")
    assert repr(verdict) == chinese


def test_an_unknown_language_or_key_is_refused_by_name(monkeypatch):
    monkeypatch.setenv(verdicts.ENVIRONMENT, "fr")
    with pytest.raises(ValueError, match="GAN_TUTORIAL_LANGUAGE must be one of en, zh_CN"):
        repr(exercises.check_learning_rate(eval(RATE)))
    with pytest.raises(ValueError, match="language must be one of"):
        verdicts.message("rate_smooth", {}, "de")
    with pytest.raises(ValueError, match="key must be"):
        exercises.Check(False, "no such key")
    with pytest.raises(ValueError, match="args must give expected, got for the message"):
        exercises.Check(False, "rate_step", step=3)
