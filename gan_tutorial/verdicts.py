"""The exercise checks' verdicts, in English and in Chinese: one table, no TensorFlow.

A verdict is a message key and its arguments (``gan_tutorial.exercises.Check``); it is put into
words only when it is shown, in the language ``GAN_TUTORIAL_LANGUAGE`` names (``"en"``, the
default, or ``"zh_CN"``). Each notebook's hidden set-up cell sets that variable: ``"en"`` in
the book's notebooks, ``"zh_CN"`` in the Chinese edition's downloads. A displayed verdict also
carries its key and arguments in its output's metadata (under ``METADATA``), from which
``i18n/zh.py`` writes the Chinese edition's verdicts into the English build's outputs (metadata,
unlike an extra MIME type, is what every notebook front end and myst-nb pass over).
"""

import os
import string

LANGUAGES = ("en", "zh_CN")
ENVIRONMENT = "GAN_TUTORIAL_LANGUAGE"
METADATA = "gan_tutorial_verdict"

# key -> {language: template}; the templates of a key name the same arguments.
MESSAGES = {
    # How a verdict is framed: a success, a mistake, a mistake in one of two functions.
    "_passed": {"en": "✓ {message}", "zh_CN": "✓ {message}"},
    "_failed": {"en": "✗ Not yet: {message}", "zh_CN": "✗ 还不对：{message}"},
    "_subject": {"en": "{subject}: {message}", "zh_CN": "{subject}：{message}"},
    # Any exercise: calling the learner's function.
    "not_function": {
        "en": "expected a function, got {type}",
        "zh_CN": "需要的是一个函数，得到的却是 {type}",
    },
    "not_implemented": {
        "en": "the function still raises NotImplementedError: fill it in",
        "zh_CN": "这个函数仍然抛出 NotImplementedError：请把它补完",
    },
    "raised": {
        "en": "calling it raised {error_type}: {error}",
        "zh_CN": "调用它时抛出了 {error_type}：{error}",
    },
    "returned_none": {
        "en": "it returned None. Did you forget the return statement?",
        "zh_CN": "它返回了 None。是不是忘了写 return 语句？",
    },
    # Chapter 1: the generator.
    "generator_passed": {
        "en": "your generator computes what the package's does, at 200 points",
        "zh_CN": "你的生成网络在 200 个点上的计算结果与本书软件包的相同",
    },
    "generator_not_layer": {
        "en": "its output is not a layer's output ({error}); use linear(...)",
        "zh_CN": "它的输出不是某一层的输出（{error}）；请用 linear(...)",
    },
    "generator_shapes": {
        "en": "its weights have shapes {shapes}; expected {expected}: a layer of h_dim units, "
        "then a layer with one output",
        "zh_CN": "它的权重形状是 {shapes}，应为 {expected}：先是一个有 h_dim 个单元的层，"
        "再是一个只有一个输出的层",
    },
    "generator_no_activation": {
        "en": "the hidden layer has no activation: wrap it in softplus",
        "zh_CN": "隐藏层没有激活函数：用 softplus 把它包起来",
    },
    "generator_squashed": {
        "en": "the output looks squashed: G's output layer has no activation",
        "zh_CN": "输出看起来被压缩了：G 的输出层没有激活函数",
    },
    "generator_differs": {
        "en": "the shapes are right but the outputs differ: softplus on the hidden layer, "
        "nothing on the output",
        "zh_CN": "形状对了，但输出不同：隐藏层用 softplus，输出层什么也不加",
    },
    # Chapter 2: D_pre's batch.
    "pretraining_passed": {
        "en": "points uniform on [-5, 5], labelled with the pdf of N(4, 0.5)",
        "zh_CN": "点在 [-5, 5] 上均匀分布，标签是 N(4, 0.5) 的概率密度",
    },
    "pretraining_two_arrays": {
        "en": "return two arrays: (points, labels)",
        "zh_CN": "请返回两个数组：(points, labels)",
    },
    "pretraining_count": {
        "en": "asked for 10000 points, got {points} points and {labels} labels",
        "zh_CN": "要的是 10000 个点，得到的却是 {points} 个点和 {labels} 个标签",
    },
    "pretraining_range": {
        "en": "points range over [{low:.2f}, {high:.2f}]; they must stay in [-5, 5]",
        "zh_CN": "点的范围是 [{low:.2f}, {high:.2f}]；它们必须落在 [-5, 5] 内",
    },
    "pretraining_not_uniform": {
        "en": "the points are in [-5, 5] but not spread uniformly over it",
        "zh_CN": "点都在 [-5, 5] 内，但没有均匀地分布在这个区间上",
    },
    "pretraining_standard_normal": {
        "en": "the labels are the pdf of N(0, 1): use the data's mu=4, sigma=0.5",
        "zh_CN": "标签是 N(0, 1) 的概率密度：请用数据的 mu=4、sigma=0.5",
    },
    "pretraining_binary": {
        "en": "0/1 labels are what the document's prose suggests; the published code labels "
        "each point with the data's density there",
        "zh_CN": "0/1 标签是原教程的文字所暗示的；公开的代码给每个点标上数据在该点的密度",
    },
    "pretraining_labels": {
        "en": "the labels are not the pdf of N(4, 0.5) at the points",
        "zh_CN": "标签不是 N(4, 0.5) 在这些点上的概率密度",
    },
    # Chapter 3: the losses.
    "losses_passed": {
        "en": "both losses match the document's formulas on a test batch",
        "zh_CN": "在一个测试批次上，两个损失都与原教程的公式相符",
    },
    "loss_d_sign": {
        "en": "loss_d has the wrong sign: minimise -log D1 - log(1 - D2)",
        "zh_CN": "loss_d 的符号反了：要最小化的是 -log D1 - log(1 - D2)",
    },
    "loss_d_sum": {
        "en": "loss_d sums over the batch; the document takes the mean",
        "zh_CN": "loss_d 对整批求和；原教程取的是平均值",
    },
    "loss_d_log_d2": {
        "en": "loss_d uses log D2; D wants D2 near 0, so the document writes log(1 - D2)",
        "zh_CN": "loss_d 用了 log D2；D 希望 D2 接近 0，所以原教程写的是 log(1 - D2)",
    },
    "loss_d_value": {
        "en": "loss_d gave {got:.5f} on a test batch, expected {expected:.5f}",
        "zh_CN": "loss_d 在一个测试批次上得到 {got:.5f}，应为 {expected:.5f}",
    },
    "loss_g_saturating": {
        "en": "loss_g is the saturating log(1 - D2): the document uses -log D2",
        "zh_CN": "loss_g 是会饱和的 log(1 - D2)：原教程用的是 -log D2",
    },
    "loss_g_value": {
        "en": "loss_g gave {got:.5f} on a test batch, expected {expected:.5f}",
        "zh_CN": "loss_g 在一个测试批次上得到 {got:.5f}，应为 {expected:.5f}",
    },
    # Chapter 4: the learning rate.
    "rate_passed": {
        "en": "your rate equals Keras's ExponentialDecay(staircase=True) at all 3001 steps",
        "zh_CN": "你的学习率在全部 3001 步上都等于 Keras 的 ExponentialDecay(staircase=True)",
    },
    "rate_smooth": {
        "en": "your rate decays smoothly; the staircase rounds step / 150 down",
        "zh_CN": "你的学习率是平滑衰减的；阶梯式衰减要把 step / 150 向下取整",
    },
    "rate_step0": {
        "en": "at step 0 the rate must be the initial 0.03, not yet decayed",
        "zh_CN": "第 0 步的学习率必须是初始值 0.03，还没有衰减",
    },
    "rate_step": {
        "en": "at step {step} you give {got:.6f}, Keras {expected:.6f}",
        "zh_CN": "在第 {step} 步，你给出 {got:.6f}，Keras 给出 {expected:.6f}",
    },
    # Chapter 5: D's update.
    "d_step_passed": {
        "en": "one update of D on loss_d, G untouched: the same weights as model.d_step",
        "zh_CN": "按 loss_d 更新了 D 一次，G 没有动：权重与 model.d_step 得到的相同",
    },
    "d_step_g_changed": {
        "en": "G's weights changed: apply the gradients to model.d_params only",
        "zh_CN": "G 的权重变了：梯度只能应用到 model.d_params 上",
    },
    "d_step_updates": {
        "en": "opt_d made {updates} updates; make exactly one with model.opt_d.apply_gradients",
        "zh_CN": "opt_d 做了 {updates} 次更新；请用 model.opt_d.apply_gradients 恰好更新一次",
    },
    "d_step_wrong": {
        "en": "D's weights moved, but not as loss_d's gradient says: take "
        "tape.gradient(loss_d, model.d_params)",
        "zh_CN": "D 的权重变了，但不是按 loss_d 的梯度变的：请取 "
        "tape.gradient(loss_d, model.d_params)",
    },
    # Chapter 6: a run's outcome.
    "outcome_passed": {
        "en": "all {count} test runs get the outcome the book gives them",
        "zh_CN": "全部 {count} 次测试运行得到的结果都与本书给出的相同",
    },
    "outcome_wrong": {
        "en": "a run with mean {mean}, std {std} and W1 {w1} on N(4, 0.5) is {expected}, "
        "you said {got}",
        "zh_CN": "在 N(4, 0.5) 上，均值为 {mean}、标准差为 {std}、W1 为 {w1} 的一次运行是 "
        "{expected}，你给出的却是 {got}",
    },
    # Chapter 7: stratified noise.
    "stratified_passed": {
        "en": "one uniform draw in each of the 12 cells, as G's training noise is drawn",
        "zh_CN": "在 12 个格子中各均匀抽取一个点，与 G 的训练噪声的抽取方式相同",
    },
    "stratified_count": {
        "en": "asked for 12 points, got {count}",
        "zh_CN": "要的是 12 个点，得到的却是 {count} 个",
    },
    "stratified_grid": {
        "en": "that is the document's grid plus a jitter of 0.01: each point must be uniform "
        "over its whole cell of width 16/12",
        "zh_CN": "这是原教程的网格加上 0.01 的抖动：每个点都必须在宽为 16/12 的整个格子上均匀分布",
    },
    "stratified_cells": {
        "en": "the points fall in cells {cells}: one per cell, in order",
        "zh_CN": "这些点落在格子 {cells} 中：应当每个格子一个点，按顺序排列",
    },
    "stratified_not_uniform": {
        "en": "one point per cell, but not uniform within its cell",
        "zh_CN": "每个格子一个点，但点在格子内不是均匀分布的",
    },
    # Chapter 8: minibatch features.
    "features_passed": {
        "en": "your features equal the minibatch layer's on a batch of 6 points",
        "zh_CN": "在一批 6 个点上，你的特征与小批量判别层的相同",
    },
    "features_shape": {
        "en": "expected one feature per point and kernel, shape {expected}, got {got}",
        "zh_CN": "每个点、每个核应有一个特征，形状应为 {expected}，得到的却是 {got}",
    },
    "features_self": {
        "en": "each point's distance to itself (0, so exp(0) = 1) belongs in the sum",
        "zh_CN": "每个点到它自己的距离（为 0，所以 exp(0) = 1）也要计入求和",
    },
    "features_squared": {
        "en": "that is the squared distance; the published layer uses the L1 distance",
        "zh_CN": "这是平方距离；公开代码的层用的是 L1 距离",
    },
    "features_differ": {
        "en": "the features differ from exp(-L1 distance) summed over the batch",
        "zh_CN": "这些特征与对整批求和的 exp(-L1 距离) 不同",
    },
}


def fields(template):
    """The names of the arguments ``template`` formats."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def language(value=None):
    """``value``, or else ``$GAN_TUTORIAL_LANGUAGE`` (default ``"en"``); ``ValueError`` if it is
    not one of ``LANGUAGES``."""
    chosen = value if value is not None else os.environ.get(ENVIRONMENT, "en")
    if chosen not in LANGUAGES:
        where = "language" if value is not None else ENVIRONMENT
        raise ValueError(f"{where} must be one of {', '.join(LANGUAGES)}, got {chosen!r}")
    return chosen


def message(key, args, lang=None):
    """The message ``key`` with its ``args``, in ``lang`` (by default the chosen language)."""
    if key not in MESSAGES or key.startswith("_"):
        raise ValueError(f"key must be a verdict's message key, got {key!r}")
    missing = sorted(fields(MESSAGES[key]["en"]) - set(args))
    if missing:
        raise ValueError(f"args must give {', '.join(missing)} for the message {key!r}")
    return MESSAGES[key][language(lang)].format(**args)


def render(verdict, lang=None):
    """A verdict's words: ``verdict`` is the dictionary a ``Check`` puts in its output's metadata
    (``passed``, ``key``, ``args`` and, for one of two functions, ``subject``)."""
    lang = language(lang)
    text = message(verdict["key"], verdict["args"], lang)
    if verdict.get("subject"):
        text = MESSAGES["_subject"][lang].format(subject=verdict["subject"], message=text)
    frame = "_passed" if verdict["passed"] else "_failed"
    return MESSAGES[frame][lang].format(message=text)
