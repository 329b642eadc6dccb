// Feeds the playground's JavaScript engine the weights and batches gan_tutorial.document (or, for
// improved, the engine) used (a fixture from gan_tutorial.playground.write_fixture) and prints, as JSON, how far its losses
// and weights are from the package's: the largest relative difference of each, and per step.
// Usage: node tools/playground/check_fixture.js FIXTURE.json [path/to/playground.js]
"use strict";
const fs = require("fs");
const path = require("path");

const fixture = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const script = process.argv[3] || path.join(__dirname, "..", "..", "gan_tutorial", "data", "playground.js");
const playground = require(path.resolve(script));

const FLOOR = 1e-3; // |a - b| / max(|b|, FLOOR): relative, except for numbers near zero
const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), FLOOR);
function worst(ours, theirs) {
  const a = ours.flat(Infinity), b = theirs.flat(Infinity);
  if (a.length !== b.length) throw new Error(`${a.length} numbers against ${b.length}`);
  return a.reduce((m, v, i) => Math.max(m, rel(v, b[i])), 0);
}

const f = (a) => Float32Array.from(a);
const lossD = [], lossG = [];
const result = {};
let engine;
if (fixture.recipe === "improved") {
  // the engine's improved preset: no D_pre; per step d_steps D updates, then one G update, each
  // input of D with its instance noise
  engine = new playground.Engine({ seed: fixture.seed, recipe: "improved" });
  engine.setWeights({ d: fixture.initial.d, g: fixture.initial.g,
    gAverage: fixture.initial.g_average });
  const b = fixture.batches;
  for (let i = 0; i < fixture.steps; i++) {
    let last;
    for (let k = 0; k < fixture.d_steps; k++) {
      const row = i * fixture.d_steps + k;
      last = engine.dStep(f(b.x[row]), f(b.z_d[row]), f(b.noise_real[row]), f(b.noise_fake[row]));
    }
    lossD.push(last);
    lossG.push(engine.gStep(f(b.z_g[i]), f(b.noise_g[i])));
  }
} else {
  engine = new playground.Engine({ seed: fixture.seed });
  engine.setWeights({ dPre: fixture.initial.d_pre, g: fixture.initial.g });
  const preLoss = fixture.pretrain.inputs.map((d, i) =>
    engine.pretrainStep(f(d), f(fixture.pretrain.labels[i])));
  engine.copyPretrained();
  const afterPre = engine.getWeights();
  result.pre_loss = worst(preLoss, fixture.pre_loss);
  result.weights_after_pretraining = Math.max(worst(afterPre.d, fixture.after_pretraining.d),
    worst(afterPre.g, fixture.after_pretraining.g));
  for (let i = 0; i < fixture.steps; i++) {
    lossD.push(engine.dStep(f(fixture.batches.x[i]), f(fixture.batches.z_d[i])));
    lossG.push(engine.gStep(f(fixture.batches.z_g[i])));
  }
}
const after = engine.getWeights(), expected = fixture.after_steps;
const perStep = lossD.map((v, i) =>
  Math.max(rel(v, fixture.loss_d[i]), rel(lossG[i], fixture.loss_g[i])));
result.losses = Math.max(...perStep);
result.weights_after_steps = Math.max(worst(after.d, expected.d), worst(after.g, expected.g),
  ...(expected.g_average ? [worst(after.gAverage, expected.g_average),
    worst(after.moments, fixture.moments)] : []));
result.loss_difference_by_step = perStep;
process.stdout.write(JSON.stringify(result) + "\n");
