// One whole run of the document's recipe (D_pre 1000 steps, then 1200 steps of one D and one G
// update), timed two ways in this Node.js process: TensorFlow.js (@tensorflow/tfjs, pinned in
// package.json; its cpu backend, op by op, gradients by tf.variableGrads) and the playground's
// hand-written engine (gan_tutorial/data/playground.js). Both draw their batches from the
// playground's seeded generator. Prints one JSON object: seconds per run for each.
// Usage: node tools/playground/bench_tfjs.js [REPEATS]   (after `npm ci --prefix tools/playground`)
"use strict";
const path = require("path");
const tf = require("@tensorflow/tfjs");
const playground = require(path.join(__dirname, "..", "..", "gan_tutorial", "data", "playground.js"));

const repeats = Number(process.argv[2] || 3);
const R = playground.RECIPES.original;

function tfjsRun(seed) {
  const rng = new playground.Rng(seed);
  const target = playground.parseTarget("normal:4,0.5");
  const normal = (shape) => tf.tensor(Array.from({ length: shape[0] * shape[1] }, () => rng.normal()), shape);
  const layer = (i, o) => [tf.variable(normal([i, o])), tf.variable(tf.zeros([o]))];
  const dPre = [layer(1, 8), layer(8, 8), layer(8, 8), layer(8, 1)].flat();
  const g = [layer(1, 4), layer(4, 1)].flat();
  const d = dPre.map((v) => tf.variable(v.clone()));
  const D = (p, x) => {
    let h = x;
    for (let i = 0; i < 3; i++) h = tf.tanh(tf.add(tf.matMul(h, p[2 * i]), p[2 * i + 1]));
    return tf.sigmoid(tf.add(tf.matMul(h, p[6]), p[7]));
  };
  const G = (z) => tf.add(tf.matMul(tf.softplus(tf.add(tf.matMul(z, g[0]), g[1])), g[2]), g[3]);
  const sgd = (vars, grads, it) => {
    const lr = R.learningRate * Math.pow(R.decay, Math.floor(it / R.decaySteps));
    vars.forEach((v, i) => v.assign(tf.sub(v, tf.mul(grads[i], lr))));
  };
  const column = (a) => tf.tensor2d(Array.from(a), [a.length, 1]);
  const n = R.batch;
  for (let it = 0; it < R.pretrainSteps; it++) {
    tf.tidy(() => {
      const xs = Array.from({ length: n }, () => (rng.uniform() - 0.5) * 2 * R.pretrainRange);
      const x = column(xs), y = column(xs.map(target.pdf));
      const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(D(dPre, x), y))), dPre);
      sgd(dPre, dPre.map((v) => grads[v.name]), it);
    });
  }
  d.forEach((v, i) => v.assign(dPre[i]));
  const noise = () => column(Array.from({ length: n }, (_, i) => -8 + (16 * i) / (n - 1) + rng.uniform() * 0.01));
  for (let it = 0; it < R.steps; it++) {
    tf.tidy(() => {
      const x = column(target.sample(rng, n)), zd = noise(), zg = noise();
      const lossD = () => {
        const both = D(d, tf.concat([x, G(zd)], 0)); // real and generated through D in one call
        const [d1, d2] = tf.split(both, 2);
        return tf.mean(tf.sub(tf.neg(tf.log(d1)), tf.log(tf.sub(1, d2))));
      };
      let r = tf.variableGrads(lossD, d);
      sgd(d, d.map((v) => r.grads[v.name]), it);
      r = tf.variableGrads(() => tf.mean(tf.neg(tf.log(D(d, G(zg))))), g);
      sgd(g, g.map((v) => r.grads[v.name]), it);
    });
  }
  const w = g.map((v) => v.dataSync()[0]);
  [...dPre, ...d, ...g].forEach((v) => v.dispose());
  return w;
}

function timed(f) {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main() {
  await tf.setBackend("cpu");
  await tf.ready();
  const result = { tfjs_version: tf.version.tfjs, backend: tf.getBackend(), repeats: repeats,
    node: process.version, tfjs_seconds: [], engine_seconds: [] };
  for (let r = 0; r < repeats; r++) { // side by side, run by run
    result.tfjs_seconds.push(timed(() => tfjsRun(r)));
    result.engine_seconds.push(timed(() => playground.run({ seed: r })));
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}
main();
