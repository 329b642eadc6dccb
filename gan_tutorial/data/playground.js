/* The gan-tutorial playground: the book's GAN trained in the reader's browser.
 *
 * One file, no dependencies, no network. The engine is the book's model written out by hand in
 * float32 (Float32Array weights and activations): D is three tanh layers of 8 units and a sigmoid
 * unit, G is 4 softplus units and a linear output. The document's recipe: weights from N(0, 1)
 * and biases 0, D_pre fitted (mean squared error) to the target's density on points uniform on
 * [-5, 5] for 1000 steps and copied into D, then per step one D update on
 * loss_D = mean(-log D(x) - log(1 - D(G(z)))) and one G update on loss_G = mean(-log D(G(z))),
 * each by plain gradient descent at 0.03 decaying x0.95 every 150 of its own updates
 * (staircase), batch 12, 1200 steps; real points sorted draws from the target, noise
 * linspace(-8, 8, 12) plus uniform * 0.01. The book's improved recipe changes eleven ideas
 * (IDEAS, gan_tutorial.presets.IDEAS), each a switch: recipe(ideas) is the document's recipe with
 * those ideas taken from improved. Backpropagation is explicit, the gradient penalties' double
 * backpropagation too. tests/test_playground.py feeds the engine the batches gan_tutorial.document
 * (the document's recipe) and the package's engine (improved) used and compares losses and
 * weights (gan_tutorial/playground.py writes those fixtures).
 *
 * Its random numbers come from its own seeded generator (mulberry32 + Box-Muller): the same seed
 * gives the same run in every browser, but not the run TensorFlow's generators give that seed.
 *
 * In a page: <div class="gan-playground" data-chapter="5"></div>, then GanPlayground.mount(div).
 * Under Node.js: require() returns the same API without the views.
 */
(function (global) {
  "use strict";

  // ---------------------------------------------------------------- random numbers
  function Rng(seed) {
    this.state = seed >>> 0;
    this.spare = null;
  }
  Rng.prototype.uniform = function () { // mulberry32: [0, 1)
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  Rng.prototype.normal = function () { // Box-Muller, both values used
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };

  // ---------------------------------------------------------------- special functions
  const SQRT2PI = Math.sqrt(2 * Math.PI);
  function erfc(x) { // Numerical Recipes' erfcc: fractional error below 1.2e-7
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 +
      t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 +
      t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
  function ndtr(x) { return 0.5 * erfc(-x / Math.SQRT2); }
  function ndtri(p) { // Acklam's rational approximation (relative error 1.15e-9)
    const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2,
      1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
    const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2,
      6.680131188771972e1, -1.328068155288572e1];
    const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838,
      -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996,
      3.754408661907416];
    const low = 0.02425;
    if (p < low) {
      const q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) return -ndtri(1 - p);
    const q = p - 0.5;
    const r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  function normPdf(x, mu, sigma) {
    const z = (x - mu) / sigma;
    return Math.exp(-0.5 * z * z) / (sigma * SQRT2PI);
  }

  // ---------------------------------------------------------------- targets (as --target spells them)
  function PlaygroundError(key, args) {
    this.key = key;
    this.args = args || {};
  }
  function fmt(v) { // Python's f"{v:g}" for the numbers a spec holds
    if (v === 0) return "0";
    const e = Math.floor(Math.log10(Math.abs(v)));
    if (e < -4 || e >= 6) {
      return v.toExponential(5).replace(/\.?0+e/, "e").replace(/e([+-])(\d)$/, "e$10$2");
    }
    return String(Number(v.toPrecision(6)));
  }
  function finite(name, v) {
    if (!isFinite(v)) throw new PlaygroundError("finite", { name: name, value: fmt(v) });
    return v;
  }
  function positive(name, v) {
    if (!isFinite(v) || v <= 0) throw new PlaygroundError("positive", { name: name, value: fmt(v) });
    return v;
  }
  function sortedSample(rng, n, draw) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = draw(rng);
    return out.sort();
  }
  function makeNormal(mu, sigma) {
    finite("mu", mu);
    positive("sigma", sigma);
    return {
      spec: "normal:" + fmt(mu) + "," + fmt(sigma), mean: mu, std: sigma, peak: normPdf(mu, mu, sigma),
      pdf: (x) => normPdf(x, mu, sigma),
      ppf: (u) => mu + sigma * ndtri(u),
      draw: (rng) => mu + sigma * rng.normal(),
    };
  }
  function makeMixture(w, mu1, sigma1, mu2, sigma2) {
    finite("w", w);
    if (!(w > 0 && w < 1)) throw new PlaygroundError("weight", { value: fmt(w) });
    finite("mu1", mu1); positive("sigma1", sigma1); finite("mu2", mu2); positive("sigma2", sigma2);
    if (mu1 === mu2) throw new PlaygroundError("differ", { value: fmt(mu1) });
    const spec = "mixture:" + [w, mu1, sigma1, mu2, sigma2].map(fmt).join(",");
    const mean = w * mu1 + (1 - w) * mu2;
    const second = w * (sigma1 * sigma1 + mu1 * mu1) + (1 - w) * (sigma2 * sigma2 + mu2 * mu2);
    const pdf = (x) => w * normPdf(x, mu1, sigma1) + (1 - w) * normPdf(x, mu2, sigma2);
    const cdf = (x) => w * ndtr((x - mu1) / sigma1) + (1 - w) * ndtr((x - mu2) / sigma2);
    const lo = Math.min(mu1, mu2) - 40 * Math.max(sigma1, sigma2);
    const hi = Math.max(mu1, mu2) + 40 * Math.max(sigma1, sigma2);
    return {
      spec: spec, mean: mean, std: Math.sqrt(second - mean * mean),
      peak: Math.max(pdf(mu1), pdf(mu2)), pdf: pdf,
      ppf: (u) => { // bisection on the CDF, as the package does
        let a = lo, b = hi;
        for (let i = 0; i < 200 && b - a > 1e-9; i++) {
          const m = 0.5 * (a + b);
          if (cdf(m) < u) a = m; else b = m;
        }
        return 0.5 * (a + b);
      },
      draw: (rng) => rng.uniform() < w ? mu1 + sigma1 * rng.normal() : mu2 + sigma2 * rng.normal(),
    };
  }
  function makeLogNormal(s, loc, scale) { // scipy's lognorm(s, loc, scale)
    positive("s", s); finite("loc", loc); positive("scale", scale);
    const pdf = (x) => {
      const y = (x - loc) / scale;
      return y <= 0 ? 0 : Math.exp(-0.5 * Math.pow(Math.log(y) / s, 2)) / (s * y * SQRT2PI * scale);
    };
    const mode = loc + scale * Math.exp(-s * s);
    return {
      spec: "lognormal:" + [s, loc, scale].map(fmt).join(","),
      mean: loc + scale * Math.exp(s * s / 2),
      std: scale * Math.sqrt(Math.exp(s * s) * (Math.exp(s * s) - 1)),
      peak: pdf(mode), pdf: pdf,
      ppf: (u) => loc + scale * Math.exp(s * ndtri(u)),
      draw: (rng) => loc + scale * Math.exp(s * rng.normal()),
    };
  }
  function makeLaplace(loc, scale) { // scipy's laplace(loc, scale)
    finite("loc", loc); positive("scale", scale);
    const ppf = (u) => u < 0.5 ? loc + scale * Math.log(2 * u) : loc - scale * Math.log(2 - 2 * u);
    return {
      spec: "laplace:" + fmt(loc) + "," + fmt(scale), mean: loc, std: Math.SQRT2 * scale,
      peak: 1 / (2 * scale),
      pdf: (x) => Math.exp(-Math.abs(x - loc) / scale) / (2 * scale),
      ppf: ppf,
      draw: (rng) => { let u = 0; while (u === 0) u = rng.uniform(); return ppf(u); },
    };
  }
  const FAMILIES = {
    normal: [makeNormal, "MU,SIGMA"],
    mixture: [makeMixture, "W,MU1,SIGMA1,MU2,SIGMA2"],
    lognormal: [makeLogNormal, "S,LOC,SCALE"],
    laplace: [makeLaplace, "LOC,SCALE"],
  };
  /** A target from its text, as gan_tutorial.targets.parse reads it; PlaygroundError if not. */
  function parseTarget(text) {
    const spec = String(text).trim();
    const colon = spec.indexOf(":");
    const family = colon < 0 ? spec : spec.slice(0, colon);
    const rest = colon < 0 ? "" : spec.slice(colon + 1);
    if (!Object.prototype.hasOwnProperty.call(FAMILIES, family)) {
      throw new PlaygroundError("family", { families: Object.keys(FAMILIES).join(", "), spec: spec });
    }
    const fields = FAMILIES[family][1];
    const parts = rest.trim() ? rest.split(",").map((p) => p.trim()) : [];
    if (parts.length !== fields.split(",").length) {
      throw new PlaygroundError("fields", { family: family, fields: fields, spec: spec });
    }
    const values = parts.map((p) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p) ? Number(p) : NaN));
    if (values.some((v) => Number.isNaN(v))) {
      throw new PlaygroundError("numbers", { family: family, fields: fields, spec: spec });
    }
    const target = FAMILIES[family][0].apply(null, values);
    target.sample = (rng, n) => sortedSample(rng, n, target.draw);
    return target;
  }

  // ---------------------------------------------------------------- recipes
  /** What every recipe keeps from the document: the networks, the batch, the steps, G's noise
   * interval and D_pre's data (uniform on [-5, 5]). */
  const FIXED = { hidden: 4, batch: 12, steps: 1200, noiseRange: 8, pretrainRange: 5 };
  /** gan_tutorial.presets.ORIGINAL and IMPROVED, field by field (in camelCase);
   * tests/test_playground.py checks that they are the package's. */
  const ORIGINAL = {
    learningRate: 0.03, gLearningRate: null, decayRate: 0.95, decaySteps: 150, initStddev: 1.0,
    pretrainSteps: 1000, pretrainObjective: "pdf", noise: "grid", glorotD: false,
    dFirstLayerScale: 1.0, dFirstLayerSpread: 0.0, gStart: "normal", gWeightRate: 1.0,
    gBiasRate: 1.0, standardise: false, logits: false, optimizer: "sgd", beta1: 0.5,
    beta2: 0.999, dSteps: 1, r1: 0.0, r2: 0.0, instanceNoise: 0.0, instanceAnneal: 1.0,
    gAverage: 0.0,
  };
  const IMPROVED = Object.assign({}, ORIGINAL, {
    learningRate: 0.0033, gLearningRate: 0.0055, decayRate: 0.9, pretrainObjective: "none",
    noise: "stratified", glorotD: true, dFirstLayerScale: 3.0, dFirstLayerSpread: 2.0,
    gStart: "kinks", gWeightRate: 3.0, gBiasRate: 16.0, standardise: true, logits: true,
    optimizer: "adam", beta1: 0.0, beta2: 0.99, dSteps: 5, r1: 1.0, r2: 1.0,
    instanceNoise: 0.25, instanceAnneal: 0.7, gAverage: 0.99,
  });
  /** Each idea of ``improved``, with the settings it takes from it: gan_tutorial.presets.IDEAS,
   * in the order chapter 7's ladder adds them. */
  const IDEAS = {
    "gradient-penalties": ["r1", "r2"],
    "adam": ["optimizer", "beta1", "beta2", "learningRate", "gLearningRate", "decayRate"],
    "standardise": ["standardise"],
    "g-average": ["gAverage"],
    "kinks-g-start": ["gStart", "gWeightRate", "gBiasRate"],
    "stratified-noise": ["noise"],
    "instance-noise": ["instanceNoise", "instanceAnneal"],
    "sharp-d-start": ["glorotD", "dFirstLayerScale", "dFirstLayerSpread"],
    "no-d-pre": ["pretrainObjective"],
    "five-d-steps": ["dSteps"],
    "logits": ["logits"],
  };
  /** The document's recipe with ``ideas`` (names of IDEAS) taken from improved. */
  function recipe(ideas) {
    const out = Object.assign({}, ORIGINAL, FIXED);
    for (const idea of ideas) {
      if (!(idea in IDEAS)) throw new Error("ideas must be names of IDEAS, got " + idea);
      for (const field of IDEAS[idea]) out[field] = IMPROVED[field];
    }
    out.ideas = Object.keys(IDEAS).filter((idea) => ideas.indexOf(idea) >= 0);
    return out;
  }
  const RECIPES = { original: recipe([]), improved: recipe(Object.keys(IDEAS)) };

  // ---------------------------------------------------------------- the model
  const f32 = Math.fround;
  const W = 8; // D's width: h_dim * 2
  // D's parameters in one Float32Array, Keras's order: d0 kernel (1, 8), d0 bias, d1 kernel (8, 8)
  // (row = input unit), d1 bias, d2 kernel, d2 bias, d3 kernel (8, 1), d3 bias.
  const D = { W0: 0, b0: 8, W1: 16, b1: 80, W2: 88, b2: 152, W3: 160, b3: 168, size: 169 };
  const D_SHAPES = [[1, 8], [8], [8, 8], [8], [8, 8], [8], [8, 1], [1]];
  const D_OFFSETS = [D.W0, D.b0, D.W1, D.b1, D.W2, D.b2, D.W3, D.b3];
  // G's: g0 kernel (1, 4), g0 bias, g1 kernel (4, 1), g1 bias.
  const G = { W0: 0, b0: 4, W1: 8, b1: 12, size: 13 };
  const G_SHAPES = [[1, 4], [4], [4, 1], [1]];
  const G_OFFSETS = [G.W0, G.b0, G.W1, G.b1];
  const MAX_N = 2048; // the most points one D or G call takes

  function softplus(a) { return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)); }
  function sigmoid(a) { return 1 / (1 + Math.exp(-a)); }

  function Buffers() {
    this.h0 = new Float32Array(MAX_N * W);
    this.h1 = new Float32Array(MAX_N * W);
    this.h2 = new Float32Array(MAX_N * W);
    // d h / d input at each layer, before (r) and after (q) the tanh's slope: for R1 and R2
    this.q0 = new Float64Array(MAX_N * W);
    this.r1 = new Float64Array(MAX_N * W);
    this.q1 = new Float64Array(MAX_N * W);
    this.r2 = new Float64Array(MAX_N * W);
    this.q2 = new Float64Array(MAX_N * W);
    this.slope = new Float64Array(MAX_N); // d logit / d input
    this.out = new Float32Array(MAX_N);
    this.logit = new Float32Array(MAX_N);
    this.ga = new Float32Array(MAX_N * 4); // G's pre-activations
    this.gs = new Float32Array(MAX_N * 4); // G's softplus outputs
    this.gout = new Float32Array(MAX_N);
    this.dlogit = new Float64Array(MAX_N);
    this.dslope = new Float64Array(MAX_N);
    this.dx = new Float64Array(MAX_N);
    this.gradD = new Float64Array(D.size);
    this.gradG = new Float64Array(G.size);
  }

  /** D on x[0..n): activations into b.h0-h2, logits into b.logit, D(x) into b.out. */
  function dForward(p, x, n, b) {
    const h0 = b.h0, h1 = b.h1, h2 = b.h2;
    for (let k = 0; k < n; k++) {
      const xk = x[k], o = k * W;
      for (let j = 0; j < W; j++) h0[o + j] = Math.tanh(f32(f32(p[D.W0 + j] * xk) + p[D.b0 + j]));
      for (let j = 0; j < W; j++) {
        let s = 0;
        for (let i = 0; i < W; i++) s += h0[o + i] * p[D.W1 + i * W + j];
        h1[o + j] = Math.tanh(f32(s) + p[D.b1 + j]);
      }
      for (let j = 0; j < W; j++) {
        let s = 0;
        for (let i = 0; i < W; i++) s += h1[o + i] * p[D.W2 + i * W + j];
        h2[o + j] = Math.tanh(f32(s) + p[D.b2 + j]);
      }
      let s = 0;
      for (let i = 0; i < W; i++) s += h2[o + i] * p[D.W3 + i];
      b.logit[k] = f32(f32(s) + p[D.b3]);
      b.out[k] = sigmoid(f32(s) + p[D.b3]);
    }
  }

  /** Backpropagate b.dlogit (d loss / d D's pre-sigmoid output) through D: adds to b.gradD and,
   * where wanted, writes d loss / d x into b.dx. */
  function dBackward(p, x, n, b, wantDx) {
    const g = b.gradD, h0 = b.h0, h1 = b.h1, h2 = b.h2;
    const d2 = new Float64Array(W), d1 = new Float64Array(W), d0 = new Float64Array(W);
    for (let k = 0; k < n; k++) {
      const o = k * W, g3 = b.dlogit[k];
      g[D.b3] += g3;
      for (let i = 0; i < W; i++) {
        g[D.W3 + i] += g3 * h2[o + i];
        d2[i] = g3 * p[D.W3 + i] * (1 - h2[o + i] * h2[o + i]);
      }
      for (let i = 0; i < W; i++) {
        let s = 0;
        for (let j = 0; j < W; j++) {
          g[D.W2 + i * W + j] += h1[o + i] * d2[j];
          s += p[D.W2 + i * W + j] * d2[j];
        }
        d1[i] = s * (1 - h1[o + i] * h1[o + i]);
      }
      for (let j = 0; j < W; j++) g[D.b2 + j] += d2[j];
      for (let i = 0; i < W; i++) {
        let s = 0;
        for (let j = 0; j < W; j++) {
          g[D.W1 + i * W + j] += h0[o + i] * d1[j];
          s += p[D.W1 + i * W + j] * d1[j];
        }
        d0[i] = s * (1 - h0[o + i] * h0[o + i]);
      }
      let dx = 0;
      for (let j = 0; j < W; j++) {
        g[D.b1 + j] += d1[j];
        g[D.b0 + j] += d0[j];
        g[D.W0 + j] += x[k] * d0[j];
        dx += p[D.W0 + j] * d0[j];
      }
      if (wantDx) b.dx[k] = dx;
    }
  }

  /** After dForward: the slope of D's logit in its input at each point, into b.slope (forward
   * mode, as one input makes it cheap), keeping each layer's part for penaltyBackward. */
  function dSlope(p, n, b) {
    for (let k = 0; k < n; k++) {
      const o = k * W;
      for (let j = 0; j < W; j++) b.q0[o + j] = (1 - b.h0[o + j] * b.h0[o + j]) * p[D.W0 + j];
      for (let j = 0; j < W; j++) {
        let s = 0;
        for (let i = 0; i < W; i++) s += b.q0[o + i] * p[D.W1 + i * W + j];
        b.r1[o + j] = s;
        b.q1[o + j] = (1 - b.h1[o + j] * b.h1[o + j]) * s;
      }
      for (let j = 0; j < W; j++) {
        let s = 0;
        for (let i = 0; i < W; i++) s += b.q1[o + i] * p[D.W2 + i * W + j];
        b.r2[o + j] = s;
        b.q2[o + j] = (1 - b.h2[o + j] * b.h2[o + j]) * s;
      }
      let s = 0;
      for (let i = 0; i < W; i++) s += b.q2[o + i] * p[D.W3 + i];
      b.slope[k] = s;
    }
  }

  /** Back through the 8 x 8 layer at offset ``w`` for the point at ``o``, on both of
   * penaltyBackward's paths: the slope's (r_j = sum_i q_i w_ij, adjoint rb) and the
   * activations' (a_j = sum_i h_i w_ij + b_j, adjoint ab). Adds the layer's weight gradient to
   * ``g`` and writes the adjoints of q and h into qb and hb. */
  function throughLayer(p, g, w, q, h, o, rb, ab, qb, hb) {
    for (let i = 0; i < W; i++) {
      let sq = 0, sh = 0;
      for (let j = 0; j < W; j++) {
        g[w + i * W + j] += q[o + i] * rb[j] + h[o + i] * ab[j];
        sq += p[w + i * W + j] * rb[j];
        sh += p[w + i * W + j] * ab[j];
      }
      qb[i] = sq;
      hb[i] = sh;
    }
  }

  /** Backpropagate b.dslope (d penalty / d slope) through dSlope and the forward pass it reads,
   * into b.gradD: the double backpropagation R1 and R2 need, written out. */
  function penaltyBackward(p, x, n, b) {
    const g = b.gradD;
    const q2b = new Float64Array(W), r2b = new Float64Array(W), h2b = new Float64Array(W);
    const a2b = new Float64Array(W), q1b = new Float64Array(W), h1b = new Float64Array(W);
    const r1b = new Float64Array(W), a1b = new Float64Array(W), q0b = new Float64Array(W);
    const h0b = new Float64Array(W);
    for (let k = 0; k < n; k++) {
      const o = k * W, gb = b.dslope[k];
      if (gb === 0) continue;
      for (let i = 0; i < W; i++) { // slope = sum_i q2_i W3_i; q2 = (1 - h2^2) r2
        g[D.W3 + i] += gb * b.q2[o + i];
        q2b[i] = gb * p[D.W3 + i];
        const s2 = 1 - b.h2[o + i] * b.h2[o + i];
        r2b[i] = q2b[i] * s2;
        h2b[i] = -2 * b.h2[o + i] * q2b[i] * b.r2[o + i];
        a2b[i] = h2b[i] * s2;
        g[D.b2 + i] += a2b[i];
      }
      throughLayer(p, g, D.W2, b.q1, b.h1, o, r2b, a2b, q1b, h1b);
      for (let i = 0; i < W; i++) { // q1 = (1 - h1^2) r1
        const s1 = 1 - b.h1[o + i] * b.h1[o + i];
        r1b[i] = q1b[i] * s1;
        h1b[i] += -2 * b.h1[o + i] * q1b[i] * b.r1[o + i];
        a1b[i] = h1b[i] * s1;
        g[D.b1 + i] += a1b[i];
      }
      throughLayer(p, g, D.W1, b.q0, b.h0, o, r1b, a1b, q0b, h0b);
      for (let j = 0; j < W; j++) { // q0 = (1 - h0^2) W0; h0 = tanh(W0 x + b0)
        const s0 = 1 - b.h0[o + j] * b.h0[o + j];
        g[D.W0 + j] += q0b[j] * s0;
        const a0b = (h0b[j] - 2 * b.h0[o + j] * q0b[j] * p[D.W0 + j]) * s0;
        g[D.W0 + j] += a0b * x[k];
        g[D.b0 + j] += a0b;
      }
    }
  }

  /** G on z[0..n): into out[0..n) (and its activations into b.ga, b.gs). */
  function gForward(p, z, n, b, out) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j < 4; j++) {
        const a = f32(f32(p[G.W0 + j] * z[k]) + p[G.b0 + j]);
        const h = f32(softplus(a));
        b.ga[k * 4 + j] = a;
        b.gs[k * 4 + j] = h;
        s += h * p[G.W1 + j];
      }
      out[k] = f32(s) + p[G.b1];
    }
  }

  /** Backpropagate dout (d loss / d G(z)) through G into b.gradG. */
  function gBackward(p, z, n, b, dout) {
    const g = b.gradG;
    for (let k = 0; k < n; k++) {
      const d = dout[k];
      g[G.b1] += d;
      for (let j = 0; j < 4; j++) {
        g[G.W1 + j] += d * b.gs[k * 4 + j];
        const da = d * p[G.W1 + j] * sigmoid(b.ga[k * 4 + j]);
        g[G.W0 + j] += da * z[k];
        g[G.b0 + j] += da;
      }
    }
  }

  /**
   * The package's optimizers (gan_tutorial.optimizer) in float32: gradient descent, or Adam with
   * bias correction, at ``initial`` decaying x``decay`` every ``decaySteps`` of this optimizer's
   * own updates (Keras's staircase), each parameter's step times its ``multipliers`` entry.
   */
  function Optimizer(r, size, initial, decaySteps, multipliers) {
    this.adam = r.optimizer === "adam";
    this.initial = initial;
    this.decay = r.decayRate;
    this.decaySteps = decaySteps;
    this.beta1 = r.beta1;
    this.beta2 = r.beta2;
    this.multipliers = multipliers || null;
    this.batch = 0;
    // Adam's running moments; gradient descent keeps none
    this.m = this.adam ? new Float32Array(size) : null;
    this.v = this.adam ? new Float32Array(size) : null;
  }
  Optimizer.prototype.rate = function () {
    const p = Math.floor(this.batch / this.decaySteps);
    return f32(f32(this.initial) * f32(Math.pow(f32(this.decay), p)));
  };
  /** One update of ``params`` along ``grad`` (cleared after); false if a weight is no longer
   * finite. */
  Optimizer.prototype.apply = function (params, grad) {
    let lr = this.rate();
    this.batch++;
    let ok = true;
    const mult = this.multipliers;
    if (this.adam) {
      const t = this.batch, b1 = f32(this.beta1), b2 = f32(this.beta2);
      const b1c = f32(1 - f32(Math.pow(b1, t))), b2c = f32(1 - f32(Math.pow(b2, t)));
      lr = f32(f32(lr * f32(Math.sqrt(b2c))) / b1c);
      const k1 = f32(1 - this.beta1), k2 = f32(1 - this.beta2), eps = f32(1e-8);
      for (let i = 0; i < params.length; i++) {
        const gi = f32(grad[i]);
        this.m[i] = f32(f32(b1 * this.m[i]) + f32(k1 * gi));
        this.v[i] = f32(f32(b2 * this.v[i]) + f32(k2 * f32(gi * gi)));
        const step = f32(f32(f32(lr * (mult ? mult[i] : 1)) * this.m[i]) /
          f32(f32(Math.sqrt(this.v[i])) + eps));
        params[i] = f32(params[i] - step);
        if (!isFinite(params[i])) ok = false;
      }
    } else {
      for (let i = 0; i < params.length; i++) {
        const rate = mult ? f32(lr * mult[i]) : lr;
        params[i] = params[i] - f32(rate * f32(grad[i]));
        if (!isFinite(params[i])) ok = false;
      }
    }
    grad.fill(0);
    return ok;
  };

  /** Kernels from N(0, stddev**2) (one stddev per layer), biases 0, in Keras's order. */
  function normalInit(p, rng, layers) {
    for (const [offset, size, stddev] of layers) {
      for (let i = 0; i < size; i++) p[offset + i] = f32(stddev * rng.normal());
    }
  }
  /** gan_tutorial.stabilisers.kinks_start: G's four units bend at the centres of equal cells of
   * [-range, range], with slopes from N(0, 4) and output weights that move G by about half a
   * standardised unit each; the output bias centres G's mean output at 0. */
  function kinksStart(p, rng, range) {
    const bends = [0, 1, 2, 3].map((i) => range * ((2 * i + 1) / 4 - 1));
    for (let j = 0; j < 4; j++) {
      const w = 2 * rng.normal();
      p[G.W0 + j] = f32(w);
      p[G.b0 + j] = f32(-w * bends[j]);
      p[G.W1 + j] = f32((0.5 * rng.normal()) / (Math.abs(w) * range));
    }
    let mean = 0;
    for (let i = 0; i <= 1000; i++) {
      const z = -range + (2 * range * i) / 1000;
      for (let j = 0; j < 4; j++) mean += softplus(z * p[G.W0 + j] + p[G.b0 + j]) * p[G.W1 + j];
    }
    p[G.b1] = f32(-mean / 1001);
  }

  /**
   * One GAN: weights, optimizers and the updates of a recipe. ``options``: recipe ("original",
   * "improved" or a recipe(ideas) object), learningRate (D's; G's too unless the recipe gives G
   * its own), target (an object from parseTarget), seed.
   */
  function Engine(options) {
    const r = (this.recipe = typeof options.recipe === "object" ? options.recipe
      : RECIPES[options.recipe || "original"]);
    this.learningRate = options.learningRate || r.learningRate;
    this.pretrainSteps = r.pretrainObjective === "none" ? 0 : r.pretrainSteps; // D_pre's
    this.target = options.target || parseTarget("normal:4,0.5");
    this.seed = options.seed || 0;
    this.rng = new Rng(this.seed);
    this.b = new Buffers();
    this.dPre = new Float32Array(D.size);
    this.d = new Float32Array(D.size);
    this.g = new Float32Array(G.size);
    // D's kernels: N(0, 1) as the document draws them, or Glorot's scale; the first layer's
    // times dFirstLayerScale, its units centred uniformly on [-spread, spread].
    const glorot = (a, c) => (r.glorotD ? Math.sqrt(2 / (a + c)) : r.initStddev);
    const dLayers = [[D.W0, 8, glorot(1, 8) * r.dFirstLayerScale], [D.W1, 64, glorot(8, 8)],
      [D.W2, 64, glorot(8, 8)], [D.W3, 8, glorot(8, 1)]];
    const spread = (p) => {
      if (!r.dFirstLayerSpread) return;
      for (let j = 0; j < W; j++) {
        const centre = (2 * this.rng.uniform() - 1) * r.dFirstLayerSpread;
        p[D.b0 + j] = f32(-p[D.W0 + j] * centre);
      }
    };
    normalInit(this.dPre, this.rng, dLayers);
    spread(this.dPre);
    if (r.gStart === "kinks") kinksStart(this.g, this.rng, r.noiseRange);
    else normalInit(this.g, this.rng, [[G.W0, 4, r.initStddev], [G.W1, 4, r.initStddev]]);
    if (this.pretrainSteps) {
      this.d.set(this.dPre); // replaced by D_pre's weights once it is trained
    } else {
      normalInit(this.d, this.rng, dLayers);
      spread(this.d);
    }
    this.gAverage = r.gAverage ? Float32Array.from(this.g) : null;
    const gRate = r.gLearningRate || this.learningRate;
    let gMultipliers = null;
    if (r.gWeightRate !== 1 || r.gBiasRate !== 1) {
      gMultipliers = new Float32Array(G.size).fill(1);
      gMultipliers.fill(r.gWeightRate, G.W0, G.W0 + 4);
      gMultipliers.fill(r.gBiasRate, G.b0, G.b0 + 4);
    }
    this.optPre = new Optimizer(r, D.size, this.learningRate, r.decaySteps);
    // D makes dSteps updates per training step; its rate decays on training steps too
    this.optD = new Optimizer(r, D.size, this.learningRate, r.decaySteps * r.dSteps);
    this.optG = new Optimizer(r, G.size, gRate, r.decaySteps, gMultipliers);
    // the data's running moments (standardise): sums in float32, as RunningMoments keeps them
    this.total = this.totalSq = this.count = 0;
    this.mean = 0;
    this.std = 1;
    this.stepsDone = 0;
    const n = r.batch;
    this.x = new Float32Array(n);
    this.zd = new Float32Array(n);
    this.zg = new Float32Array(n);
    this.gy = new Float32Array(n); // G's raw outputs
    this.gz = new Float32Array(n); // G's batch of the last G step, in data units
    this.noiseReal = new Float32Array(n);
    this.noiseFake = new Float32Array(n);
    this.noiseG = new Float32Array(n);
    this.gradAt = new Float64Array(n); // -d(-log D)/dx at each generated point of the last G step
    this.in2 = new Float32Array(2 * n);
  }
  /** GeneratorDistribution(range).sample(n): the document's grid plus U(0, 0.01). */
  Engine.prototype.noise = function (n, rng, out) {
    const r = this.recipe.noiseRange;
    for (let i = 0; i < n; i++) out[i] = (n === 1 ? -r : -r + (2 * r * i) / (n - 1)) + rng.uniform() * 0.01;
    return out;
  };
  /** The noise G trains on: the document's grid, or one uniform draw in each of n equal cells. */
  Engine.prototype.trainingNoise = function (n, rng, out) {
    if (this.recipe.noise !== "stratified") return this.noise(n, rng, out);
    const r = this.recipe.noiseRange;
    for (let i = 0; i < n; i++) out[i] = -r + (i + rng.uniform()) * ((2 * r) / n);
    return out;
  };
  /** Add a real batch to the running moments (RunningMoments.observe), then read them. */
  Engine.prototype.observe = function (x) {
    let s = 0, sq = 0;
    for (let i = 0; i < x.length; i++) { s += x[i]; sq += f32(x[i] * x[i]); }
    this.total = f32(this.total + f32(s));
    this.totalSq = f32(this.totalSq + f32(sq));
    this.count = f32(this.count + x.length);
    this.mean = f32(this.total / this.count);
    const variance = f32(f32(this.totalSq / this.count) - f32(this.mean * this.mean));
    this.std = f32(Math.sqrt(Math.max(variance, f32(1e-12))));
  };
  /** A point in data units as D sees it (standardised, for recipes that standardise). */
  Engine.prototype.toD = function (x) {
    return this.recipe.standardise ? f32(f32(x - this.mean) / this.std) : x;
  };
  /** G's raw output in data units (mean + std * G(z), for recipes that standardise). */
  Engine.prototype.toData = function (y) {
    return this.recipe.standardise ? f32(this.mean + f32(this.std * y)) : y;
  };
  /** One update of D_pre on points d with labels (the target's pdf there); its loss. */
  Engine.prototype.pretrainStep = function (d, labels) {
    const n = d.length, b = this.b;
    dForward(this.dPre, d, n, b);
    let loss = 0;
    for (let k = 0; k < n; k++) {
      const diff = b.out[k] - labels[k];
      loss += diff * diff;
      b.dlogit[k] = ((2 * diff) / n) * b.out[k] * (1 - b.out[k]);
    }
    dBackward(this.dPre, d, n, b, false);
    const ok = this.optPre.apply(this.dPre, b.gradD);
    return ok ? f32(loss / n) : NaN;
  };
  /** D_pre's step with a batch from this engine's generator. */
  Engine.prototype.pretrainDraw = function () {
    const n = this.recipe.batch, r = this.recipe.pretrainRange;
    const d = new Float32Array(n), labels = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      d[i] = (this.rng.uniform() - 0.5) * 2 * r;
      labels[i] = this.target.pdf(d[i]);
    }
    return this.pretrainStep(d, labels);
  };
  Engine.prototype.copyPretrained = function () { this.d.set(this.dPre); };
  /** The loss of D's logit a on a real point (real) or a generated one: -log D and
   * -log(1 - D) as the document writes them, or from the logit (the same numbers, never
   * infinite). */
  Engine.prototype.pointLoss = function (b, k, real) {
    if (this.recipe.logits) return f32(softplus(real ? -b.logit[k] : b.logit[k]));
    return real ? -Math.log(b.out[k]) : -Math.log(f32(1 - b.out[k]));
  };
  /**
   * One update of D on real points x and noise z, with each input's instance noise (or null):
   * loss_D plus the recipe's penalties, R1 (at the real points) and R2 (at the generated ones),
   * on what D sees. D(x) and D(G(z)) in one call. Returns loss_D.
   */
  Engine.prototype.dStep = function (x, z, noiseReal, noiseFake) {
    const n = x.length, b = this.b, in2 = this.in2, r = this.recipe;
    if (r.standardise) this.observe(x);
    gForward(this.g, z, n, b, this.gy);
    for (let k = 0; k < n; k++) {
      in2[k] = noiseReal ? f32(this.toD(x[k]) + noiseReal[k]) : this.toD(x[k]);
      const fake = this.toD(this.toData(this.gy[k]));
      in2[n + k] = noiseFake ? f32(fake + noiseFake[k]) : fake;
    }
    dForward(this.d, in2, 2 * n, b);
    let loss = 0;
    for (let k = 0; k < n; k++) {
      const d1 = b.out[k], d2 = b.out[n + k];
      loss += this.pointLoss(b, k, true) + this.pointLoss(b, n + k, false);
      b.dlogit[k] = -(1 - d1) / n;
      b.dlogit[n + k] = d2 / n;
    }
    dBackward(this.d, in2, 2 * n, b, false);
    if (r.r1 || r.r2) { // d/d slope of 0.5 * weight * mean(slope^2), at each set of points
      dSlope(this.d, 2 * n, b);
      for (let k = 0; k < 2 * n; k++) b.dslope[k] = ((k < n ? r.r1 : r.r2) * b.slope[k]) / n;
      penaltyBackward(this.d, in2, 2 * n, b);
    }
    const ok = this.optD.apply(this.d, b.gradD);
    return ok ? f32(loss / n) : NaN;
  };
  /** One update of G on noise z (and the instance noise D sees on its samples, or null);
   * loss_G. Keeps the push G's loss gives each generated point, and updates G's average. */
  Engine.prototype.gStep = function (z, noise) {
    const n = z.length, b = this.b, input = this.in2;
    gForward(this.g, z, n, b, this.gy);
    for (let k = 0; k < n; k++) {
      this.gz[k] = this.toData(this.gy[k]);
      input[k] = noise ? f32(this.toD(this.gz[k]) + noise[k]) : this.toD(this.gz[k]);
    }
    dForward(this.d, input, n, b);
    let loss = 0;
    for (let k = 0; k < n; k++) {
      loss += this.pointLoss(b, k, true);
      b.dlogit[k] = -(1 - b.out[k]) / n;
    }
    dBackward(this.d, input, n, b, true);
    b.gradD.fill(0); // D is held fixed
    const std = this.recipe.standardise ? this.std : 1;
    for (let k = 0; k < n; k++) {
      this.gradAt[k] = (-b.dx[k] * n) / std; // in data units
      b.dx[k] = (b.dx[k] / std) * std; // through (mean + std * y - mean) / std
    }
    gBackward(this.g, z, n, b, b.dx);
    const ok = this.optG.apply(this.g, b.gradG);
    if (this.gAverage) {
      const decay = f32(this.recipe.gAverage), rest = f32(1 - this.recipe.gAverage);
      for (let i = 0; i < G.size; i++) {
        this.gAverage[i] = f32(f32(decay * this.gAverage[i]) + f32(rest * this.g[i]));
      }
    }
    return ok ? f32(loss / n) : NaN;
  };
  /** One step of the game with fresh batches from this engine's generator: dSteps updates of D,
   * then one of G, with instance noise fading linearly to 0 at instanceAnneal of the steps:
   * [the last loss_D, loss_G]. */
  Engine.prototype.stepDraw = function () {
    const r = this.recipe, n = r.batch, rng = this.rng;
    const fade = r.instanceNoise *
      Math.max(0, 1 - this.stepsDone / (r.instanceAnneal * r.steps));
    const noisy = (out) => {
      if (!fade) return null;
      for (let i = 0; i < n; i++) out[i] = fade * rng.normal();
      return out;
    };
    let lossD = NaN;
    for (let k = 0; k < r.dSteps; k++) {
      this.x.set(this.target.sample(rng, n));
      this.trainingNoise(n, rng, this.zd);
      lossD = this.dStep(this.x, this.zd, noisy(this.noiseReal), noisy(this.noiseFake));
      if (!isFinite(lossD)) break;
    }
    this.trainingNoise(n, rng, this.zg);
    const lossG = this.gStep(this.zg, noisy(this.noiseG));
    this.stepsDone++;
    return [lossD, lossG];
  };
  /** ``net`` (G's weights) at z (any length up to MAX_N at a time), in data units, into a new
   * Float32Array. */
  Engine.prototype.map = function (net, z) {
    const out = new Float32Array(z.length);
    for (let s = 0; s < z.length; s += MAX_N) {
      const m = Math.min(MAX_N, z.length - s);
      gForward(net, z.subarray(s, s + m), m, this.b, out.subarray(s, s + m));
    }
    for (let i = 0; i < out.length; i++) out[i] = this.toData(out[i]);
    return out;
  };
  /** G's mapping at z, in data units. */
  Engine.prototype.generate = function (z) { return this.map(this.g, z); };
  /** G's samples at z: from its running average, for recipes that keep one (as the engine
   * samples), else from G itself. */
  Engine.prototype.sample = function (z) { return this.map(this.gAverage || this.g, z); };
  Engine.prototype.discriminate = function (x) {
    const out = new Float32Array(x.length), seen = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) seen[i] = this.toD(x[i]);
    dForward(this.d, seen, x.length, this.b);
    out.set(this.b.out.subarray(0, x.length));
    return out;
  };
  /** Weights as Keras's get_weights() lists them: {dPre, d, g, gAverage}, each a list of flat
   * arrays; and the moments. */
  Engine.prototype.getWeights = function () {
    const split = (p, offsets, shapes) => offsets.map((o, i) =>
      Array.from(p.subarray(o, o + shapes[i].reduce((a, c) => a * c, 1))));
    return {
      dPre: split(this.dPre, D_OFFSETS, D_SHAPES),
      d: split(this.d, D_OFFSETS, D_SHAPES),
      g: split(this.g, G_OFFSETS, G_SHAPES),
      gAverage: this.gAverage ? split(this.gAverage, G_OFFSETS, G_SHAPES) : null,
      moments: [this.mean, this.std],
    };
  };
  Engine.prototype.setWeights = function (w) {
    const join = (p, offsets, lists) => lists.forEach((a, i) => p.set(a.flat(Infinity), offsets[i]));
    if (w.dPre) join(this.dPre, D_OFFSETS, w.dPre);
    if (w.d) join(this.d, D_OFFSETS, w.d);
    if (w.g) join(this.g, G_OFFSETS, w.g);
    if (w.gAverage && this.gAverage) join(this.gAverage, G_OFFSETS, w.gAverage);
  };

  const quantileCache = new Map();
  /** W1 of samples to the target (quantile coupling at (i - 0.5) / n), divided by its std. */
  function w1OverStd(samples, target) {
    const g = Float64Array.from(samples).sort();
    const n = g.length, key = target.spec + "/" + n;
    if (!quantileCache.has(key)) {
      const q = new Float64Array(n);
      for (let i = 0; i < n; i++) q[i] = target.ppf((i + 0.5) / n);
      quantileCache.set(key, q);
    }
    const q = quantileCache.get(key);
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(g[i] - q[i]);
    return s / n / target.std;
  }

  /** A whole run without views (for the benchmark and tests): pre-training where the recipe
   * has it, then every step; W1/sigma of 10,000 samples. */
  function run(options) {
    const e = new Engine(options);
    if (options.pretrain !== false && e.pretrainSteps) {
      for (let i = 0; i < e.pretrainSteps; i++) e.pretrainDraw();
      e.copyPretrained();
    }
    for (let i = 0; i < e.recipe.steps; i++) e.stepDraw();
    const z = e.noise(10000, new Rng((e.seed ^ 0x5bd1e995) >>> 0), new Float32Array(10000));
    const samples = e.sample(z);
    return { engine: e, w1: samples.every(isFinite) ? w1OverStd(samples, e.target) : NaN };
  }

  /** A step between ticks: the smallest of 1, 2, 2.5, 3, 5 times a power of ten that cuts
   * ``range`` into at most ``count`` parts. */
  function niceStep(range, count) {
    const p = Math.pow(10, Math.floor(Math.log10(range / count)));
    for (const m of [1, 2, 2.5, 3, 5, 10]) if (m * p * count >= range) return m * p;
    return 10 * p;
  }
  /** The loss panel's y-axis: top (a multiple of tick) at or above every finite loss, and 2 at
   * least, so that log 4 and log 2 are always in view. */
  function lossScale(lossD, lossG) {
    let most = 0;
    for (const a of [lossD, lossG]) for (const v of a) if (isFinite(v) && v > most) most = v;
    const tick = niceStep(Math.max(2, most), 4);
    return { top: Math.max(2, Math.ceil(most / tick - 1e-9) * tick), tick: tick };
  }

  const api = {
    niceStep: niceStep, lossScale: lossScale,
    Rng: Rng, Engine: Engine, RECIPES: RECIPES, IDEAS: IDEAS, recipe: recipe,
    parseTarget: parseTarget, w1OverStd: w1OverStd,
    run: run, PlaygroundError: PlaygroundError, ndtri: ndtri,
  };

  // ================================================================ the views (browser only)
  const STRINGS = {
    en: {
      title: "Playground: the book's GAN, trained in this page",
      play: "Play", pause: "Pause", step: "One step", reset: "Reset", train: "Train to the end",
      speed: "Speed", seed: "Seed", lr: "Learning rate", target: "Target", recipe: "Recipe",
      recipes: { original: "the document's", improved: "improved (all 11 ideas)",
        custom: "your own (the switches below)" },
      ideasTitle: "The ideas of improved, one switch each (in the order of chapter 7's ladder)",
      ideas: {
        "gradient-penalties": "R1 and R2: keep D's slope small at the real and generated points",
        "adam": "Adam, with its own rates for D and G",
        "standardise": "standardised data (the running mean and std of the real points)",
        "g-average": "samples from G's running average",
        "kinks-g-start": "G starts with its bends spread over the noise",
        "stratified-noise": "noise that fills each of the 12 cells",
        "instance-noise": "instance noise on D's inputs, fading out",
        "sharp-d-start": "D's first layer starts sharper (Glorot's scale, three times)",
        "no-d-pre": "no D_pre",
        "five-d-steps": "five D updates per G update",
        "logits": "losses from logits",
      },
      rates: "Learning rates: D {d}, G {g}; each decays ×{decay} every {every} steps",
      outcomesTitle: "Runs of the document's recipe, one of each kind (this page's seeds, not " +
        "the book's):",
      outcomes: { converged: "converged", collapsed: "collapsed", diverged: "diverged",
        oscillating: "oscillating" },
      outcomeButton: "{kind} (seed {seed})",
      speeds: ["1 step a frame", "5 steps a frame", "25 steps a frame", "as fast as it goes"],
      panelData: "Target density (blue), histogram of G's samples (green), D(x) (orange, right " +
        "axis 0–1), D*(x) (black, dashed, where the target or G has mass); green dots: the last " +
        "G step's batch, drawn on D at D(G(z)) (at the edge if beyond the axis); red arrows: " +
        "where the gradient pushes each generated point, long where D is steep, none where D " +
        "is flat",
      panelMap: "G as a mapping: noise z (bottom) to G(z) (top); green lines: this batch's " +
        "noise points z and where G sends them",
      panelLoss: "Losses: loss_D (red), loss_G (purple); dashed: their values at equilibrium, " +
        "when D = ½ everywhere: loss_D = log 4 ≈ 1.386, loss_G = log 2 ≈ 0.693",
      status: "Step {step} of {steps} · loss_D {lossD} · loss_G {lossG} · W₁/σ {w1}",
      statusPre: "D_pre: {pre} pre-training steps, then step {step} of {steps} · loss_D " +
        "{lossD} · loss_G {lossG} · W₁/σ {w1}",
      w1Note: "W₁/σ: the Wasserstein-1 distance from G's samples to the target, in units of " +
        "the target's σ; ≤ 0.2 counts as converged, as in the book. While training: G at " +
        "1,000 evenly spaced z; at the end: 10,000 noise samples, as the book measures it.",
      pretraining: "Pre-training D_pre: {done} of {total} steps",
      untrained: "Untrained D and G (no pre-training): step 0 of {steps}",
      done: "Done: after {steps} steps W₁/σ = {w1} (10,000 samples) — {verdict}.",
      converged: "converged (W₁/σ ≤ 0.2)", notConverged: "did not converge (W₁/σ > 0.2)",
      diverged: "The run diverged at step {step} (a loss or weight is no longer a finite " +
        "number) and stopped: lower the learning rate, or reset.",
      over: "The run is over: reset to start again.",
      outside: "{n} of G's {total} samples lie beyond this axis ({left} left of {lo}, {right} " +
        "right of {hi}): the histogram does not show them, W₁/σ counts them",
      fixFirst: "Correct the value marked in red first: the playground does not run on it.",
      outcomeDone: " This is the {kind} run of its button.",
      family: "target must be one of {families} (as FAMILY:NUMBERS), got '{spec}'",
      fields: "target {family} takes {fields}, got '{spec}'",
      numbers: "target {family} takes numbers {fields}, got '{spec}'",
      finite: "{name} must be a finite number, got {value}",
      positive: "{name} must be a finite number > 0, got {value}",
      weight: "w must be between 0 and 1 (exclusive), got {value}",
      differ: "mu1 and mu2 must differ (two humps), got {value} twice",
      seedBad: "seed must be an integer >= 0 (below 2³²), got '{value}'",
      lrBad: "learning rate must be a number > 0 and at most 10, got '{value}'",
      targets: "Format: normal:MU,SIGMA · mixture:W,MU1,SIGMA1,MU2,SIGMA2 · " +
        "lognormal:S,LOC,SCALE · laplace:LOC,SCALE",
    },
    zh: {
      title: "试验场：本书的 GAN，就在本页中训练",
      play: "播放", pause: "暂停", step: "单步", reset: "重置", train: "训练到结束",
      speed: "速度", seed: "随机种子", lr: "学习率", target: "目标分布", recipe: "方法",
      recipes: { original: "原教程的方法", improved: "improved（全部 11 个技巧）",
        custom: "自选（用下面的开关）" },
      ideasTitle: "本书 improved 预设中的各个技巧，每个一个开关（按第 7 章阶梯的顺序）",
      ideas: {
        "gradient-penalties": "R1 和 R2：让 D 在真实点和生成点处的斜率保持较小",
        "adam": "Adam，D 和 G 各有自己的学习率",
        "standardise": "标准化的数据（真实点的滑动均值和标准差）",
        "g-average": "从 G 的滑动平均中采样",
        "kinks-g-start": "G 起步时折点分布在整个噪声区间",
        "stratified-noise": "填满 12 个小区间的分层噪声",
        "instance-noise": "给 D 的输入加实例噪声，逐渐减弱",
        "sharp-d-start": "D 的第一层起步更锐利（Glorot 尺度的三倍）",
        "no-d-pre": "不用 D_pre",
        "five-d-steps": "每次 G 更新前更新 D 五次",
        "logits": "从对数几率计算损失",
      },
      rates: "学习率：D {d}，G {g}；每 {every} 步衰减为 ×{decay}",
      outcomesTitle: "原教程方法的几次运行，每种结局一次（本页自己的随机种子，不是书中的）：",
      outcomes: { converged: "收敛", collapsed: "坍缩", diverged: "发散", oscillating: "振荡" },
      outcomeButton: "{kind}（随机种子 {seed}）",
      speeds: ["每帧 1 步", "每帧 5 步", "每帧 25 步", "尽可能快"],
      panelData: "目标密度（蓝）、G 的样本直方图（绿）、D(x)（橙，右\u2060轴\u00a00\u2060–\u20601）、" +
        "D*(x)（黑，虚线，只画在目标或 G 有概率质量的地方）；绿点：上一次 G 更新的批次，画在 D " +
        "曲线上的 D(G(z)) 高度（超出坐标轴的画在边缘）；红色箭头：梯度把每个生成点往哪里推，" +
        "D 陡的地方长，D 平坦的地方没有",
      panelMap: "G 作为映射：噪声 z（下）映射到 G(z)（上）；绿线：本批次的噪声点 z 及 G 把它们送到哪里",
      panelLoss: "损失：loss_D（红）、loss_G（紫）；虚线：均衡时（处处 D = ½）的值：" +
        "loss_D = log 4 ≈ 1.386，loss_G = log 2 ≈ 0.693",
      status: "第 {step} 步，共 {steps} 步 · loss_D {lossD} · loss_G {lossG} · W₁/σ {w1}",
      statusPre: "D_pre：预训练 {pre} 步，然后第 {step} 步，共 {steps} 步 · loss_D {lossD} · " +
        "loss_G {lossG} · W₁/σ {w1}",
      w1Note: "W₁/σ：G 的样本到目标分布的 Wasserstein-1 距离，以目标的 σ 为单位；与本书一样，" +
        "≤ 0.2 算作收敛。训练中：G 在 1,000 个均匀分布的 z 上的输出；结束时：10,000 个噪声样本，" +
        "与本书的衡量方式相同。",
      pretraining: "正在预训练 D_pre：{done} / {total} 步",
      untrained: "未训练的 D 和 G（未经预训练）：第 0 步，共 {steps} 步",
      done: "完成：{steps} 步之后 W₁/σ = {w1}（10,000 个样本）——{verdict}。",
      converged: "已收敛（W₁/σ ≤ 0.2）", notConverged: "未收敛（W₁/σ > 0.2）",
      diverged: "训练在第 {step} 步发散（某个损失或权重已不再是有限数）并已停止：请调低学习率，或重置。",
      over: "这次运行已经结束：请重置后重新开始。",
      outside: "G 的 {total} 个样本中有 {n} 个落在坐标轴范围之外（{left} 个在 {lo} 左边，{right} 个在 " +
        "{hi} 右边）：直方图里看不到它们，W₁/σ 会把它们算进去",
      fixFirst: "请先改正标成红色的值：试验场不会用它来运行。",
      outcomeDone: "这就是按钮所说的{kind}的那次运行。",
      family: "目标分布必须是 {families} 之一（写作 分布族:数值），得到的却是 '{spec}'",
      fields: "目标分布 {family} 需要 {fields}，得到的却是 '{spec}'",
      numbers: "目标分布 {family} 需要数值 {fields}，得到的却是 '{spec}'",
      finite: "{name} 必须是有限数，得到的却是 {value}",
      positive: "{name} 必须是大于 0 的有限数，得到的却是 {value}",
      weight: "w 必须在 0 和 1 之间（不含两端），得到的却是 {value}",
      differ: "mu1 和 mu2 必须不同（两个峰），却两次都是 {value}",
      seedBad: "随机种子必须是 >= 0 的整数（小于 2³²），得到的却是 '{value}'",
      lrBad: "学习率必须是大于 0 且不超过 10 的数，得到的却是 '{value}'",
      targets: "写法：normal:MU,SIGMA · mixture:W,MU1,SIGMA1,MU2,SIGMA2 · " +
        "lognormal:S,LOC,SCALE · laplace:LOC,SCALE",
    },
  };
  api.STRINGS = STRINGS;

  const CSS = `
.gan-playground{border:1px solid #bbb;border-radius:6px;padding:.6em;margin:1em 0;font-size:.9em;
  max-width:100%;box-sizing:border-box;background:var(--pst-color-background,#fff)}
.gan-playground .gp-title{font-weight:bold;margin-bottom:.4em}
.gan-playground .gp-row{display:flex;flex-wrap:wrap;gap:.4em .8em;align-items:flex-start;margin:.3em 0}
.gan-playground .gp-field{display:flex;flex-direction:column;min-width:0;max-width:100%}
.gan-playground .gp-field input{width:9em;max-width:100%;font:inherit;padding:.15em .3em}
.gan-playground .gp-field input.gp-wide{width:14em}
.gan-playground button,.gan-playground select{font:inherit;padding:.25em .6em;min-height:2.2em}
.gan-playground :focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.gan-playground .gp-error{color:#b00020;font-size:.85em;max-width:22em;overflow-wrap:anywhere}
.gan-playground .gp-error:empty{display:none}
.gan-playground input[aria-invalid=true]{border:2px solid #b00020}
.gan-playground canvas{width:100%;display:block;margin-top:.3em;touch-action:manipulation}
.gan-playground .gp-caption{font-size:.8em;color:#555}
.gan-playground .gp-status{font-variant-numeric:tabular-nums;margin:.3em 0;min-height:1.4em}
.gan-playground .gp-message{color:#b00020}
.gan-playground .gp-message:empty{display:none}
.gan-playground .gp-hint{font-size:.8em;color:#555;overflow-wrap:anywhere}
.gan-playground .gp-switches{margin:.3em 0;font-size:.85em}
.gan-playground .gp-switches summary{cursor:pointer;min-height:1.6em}
.gan-playground .gp-ideas{display:grid;grid-template-columns:repeat(auto-fill,minmax(17em,1fr));gap:.1em .8em}
.gan-playground .gp-idea{display:flex;gap:.3em;align-items:flex-start}
.gan-playground .gp-idea input{width:1.2em;height:1.2em;margin-top:.1em;flex:none}
.gan-playground .gp-outcomes{align-items:center}`;

  function fill(template, args) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
  }
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    for (const c of children || []) e.appendChild(c);
    return e;
  }
  function fixed(v, digits) { return isFinite(v) ? v.toFixed(digits) : String(v); }

  const LOG4 = Math.log(4), LOG2 = Math.log(2);
  const SPEEDS = [1, 5, 25, Infinity];
  const FRAME_BUDGET_MS = 15; // training work per frame: far below the 100 ms of a long task

  /** The playground in ``root`` (a div.gan-playground). data-chapter "1": untrained D and G,
   * stepped by hand; "5" (default): the document's recipe, D_pre trained from each reset (in
   * short tasks), so that step 0 shows D = D_pre. */
  function Playground(root) {
    this.root = root;
    const pageLang = (document.documentElement.lang || "").toLowerCase();
    const own = (root.getAttribute("data-lang") || "").toLowerCase();
    this.lang = pageLang.startsWith("zh") || own.startsWith("zh") ? "zh" : "en";
    this.t = STRINGS[this.lang];
    this.chapter = root.getAttribute("data-chapter") || "5";
    this.pretrain = this.chapter !== "1";
    const ideas = (root.getAttribute("data-ideas") || "").split(",").filter((i) => i in IDEAS);
    this.settings = {
      seed: Number(root.getAttribute("data-seed") || 0),
      learningRate: recipe(ideas).learningRate,
      target: parseTarget(root.getAttribute("data-target") || "normal:4,0.5"),
      ideas: ideas,
    };
    this.openingTarget = this.settings.target;
    this.outcomeSeeds = JSON.parse(root.getAttribute("data-outcome-seeds") || "{}");
    this.speed = this.chapter === "1" ? 0 : 2;
    this.build();
    this.reset();
    const redraw = () => this.draw();
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(redraw).observe(root);
    else window.addEventListener("resize", redraw);
  }
  const P = Playground.prototype;

  P.build = function () {
    const t = this.t, root = this.root;
    if (!document.getElementById("gan-playground-style")) {
      document.head.appendChild(el("style", { id: "gan-playground-style", text: CSS }));
    }
    root.textContent = "";
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", t.title);
    root.setAttribute("lang", this.lang === "zh" ? "zh-CN" : "en");
    root.appendChild(el("div", { class: "gp-title", text: t.title }));
    const button = (action, label) => {
      const b = el("button", { type: "button", "data-action": action, text: label });
      b.addEventListener("click", () => this.timed(() => this.act(action)));
      return b;
    };
    this.playButton = button("play", t.play);
    this.playButton.setAttribute("aria-pressed", "false");
    const speed = el("select", { "data-control": "speed", "aria-label": t.speed });
    t.speeds.forEach((label, i) => speed.appendChild(el("option", { value: String(i), text: label })));
    speed.value = String(this.speed);
    this.speedSelect = speed;
    speed.addEventListener("change", () => { this.speed = Number(speed.value); });
    root.appendChild(el("div", { class: "gp-row" }, [
      this.playButton, button("step", t.step), button("reset", t.reset), button("train", t.train),
      speed,
    ]));
    this.errors = {};
    this.inputs = {};
    const field = (name, label, value, wide, check) => {
      const id = "gp-" + Math.random().toString(36).slice(2) + "-" + name;
      const input = el("input", { id: id, type: "text", "data-control": name, value: value,
        inputmode: name === "target" ? "text" : "decimal", "aria-describedby": id + "-error",
        autocomplete: "off", spellcheck: "false" });
      if (wide) input.className = "gp-wide";
      this.inputs[name] = input;
      const error = el("span", { id: id + "-error", class: "gp-error", role: "alert" });
      this.errors[name] = error;
      input.addEventListener("change", () => {
        try {
          check(input.value);
          error.textContent = "";
          input.removeAttribute("aria-invalid");
          this.reset();
          if (this.message.textContent === t.fixFirst) this.message.textContent = "";
        } catch (err) {
          if (!(err instanceof PlaygroundError)) throw err;
          error.textContent = fill(t[err.key], err.args);
          input.setAttribute("aria-invalid", "true");
          this.stop();
          if (this.state === "running") this.setState("idle");
        }
      });
      return el("div", { class: "gp-field" }, [el("label", { for: id, text: label }), input, error]);
    };
    const recipeId = "gp-" + Math.random().toString(36).slice(2) + "-recipe";
    const select = (this.recipeSelect = el("select", { id: recipeId, "data-control": "recipe" }));
    for (const name of ["original", "improved", "custom"]) {
      select.appendChild(el("option", { value: name, text: t.recipes[name] }));
    }
    const recipeField = el("div", { class: "gp-field" }, [
      el("label", { for: recipeId, text: t.recipe }), select]);
    select.addEventListener("change", () => {
      if (select.value === "custom") return; // the switches say which ideas
      this.setIdeas(select.value === "improved" ? Object.keys(IDEAS) : []);
    });
    root.appendChild(el("div", { class: "gp-row" }, [
      field("seed", t.seed, String(this.settings.seed), false, (v) => {
        const s = v.trim();
        if (!/^\d+$/.test(s) || Number(s) >= 4294967296) throw new PlaygroundError("seedBad", { value: v });
        this.settings.seed = Number(s);
      }),
      field("learning-rate", t.lr, String(this.settings.learningRate), false, (v) => {
        const s = v.trim();
        const r = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : NaN;
        if (!(r > 0 && r <= 10)) throw new PlaygroundError("lrBad", { value: v });
        this.settings.learningRate = r;
      }),
      field("target", t.target, this.settings.target.spec, true, (v) => {
        this.settings.target = parseTarget(v);
      }),
      recipeField,
    ]));
    root.appendChild(el("div", { class: "gp-hint", text: t.targets }));
    this.ratesHint = el("div", { class: "gp-hint" });
    root.appendChild(this.ratesHint);
    // one switch per idea of improved, folded unless the page opens on some of them
    this.switches = {};
    const list = el("div", { class: "gp-ideas" });
    for (const idea in IDEAS) {
      const id = "gp-" + Math.random().toString(36).slice(2) + "-" + idea;
      const box = el("input", { type: "checkbox", id: id, "data-control": "idea", value: idea });
      box.addEventListener("change", () => this.setIdeas(
        Object.keys(IDEAS).filter((i) => this.switches[i].checked)));
      this.switches[idea] = box;
      list.appendChild(el("div", { class: "gp-idea" }, [box,
        el("label", { for: id }, [el("code", { text: idea }), document.createTextNode(
          this.lang === "zh" ? "：" + t.ideas[idea] : ": " + t.ideas[idea])])]));
    }
    this.ideasBox = el("details", { class: "gp-switches" },
      [el("summary", {}, t.ideasTitle.split(/(improved)/).map((part) =>  // the preset's name
        part === "improved" ? el("code", { text: part }) : document.createTextNode(part))), list]);
    if (this.settings.ideas.length) this.ideasBox.open = true;
    root.appendChild(this.ideasBox);
    if (Object.keys(this.outcomeSeeds).length) {
      root.appendChild(el("div", { class: "gp-hint", text: t.outcomesTitle }));
      const row = el("div", { class: "gp-row gp-outcomes" });
      for (const kind in this.outcomeSeeds) {
        const seed = this.outcomeSeeds[kind];
        const b = el("button", { type: "button", "data-outcome": kind,
          text: fill(t.outcomeButton, { kind: t.outcomes[kind], seed: seed }) });
        b.addEventListener("click", () => this.timed(() => this.watch(kind)));
        row.appendChild(b);
      }
      root.appendChild(row);
    }
    this.showIdeas();
    this.status = el("div", { class: "gp-status", role: "status", "aria-live": "polite" });
    this.message = el("div", { class: "gp-message", role: "alert" });
    root.appendChild(this.status);
    root.appendChild(el("div", { class: "gp-hint", text: t.w1Note }));
    root.appendChild(this.message);
    const canvas = (height, caption) => {
      const c = el("canvas", { height: String(height), role: "img", "aria-label": caption });
      c.cssHeight = height;
      root.appendChild(c);
      root.appendChild(el("div", { class: "gp-caption", text: caption }));
      return c;
    };
    this.cData = canvas(200, t.panelData);
    this.cMap = canvas(110, t.panelMap);
    this.cLoss = canvas(120, t.panelLoss);
  };

  /** The recipe of ``ideas`` (names of IDEAS), with its own learning rate, from step 0. */
  P.setIdeas = function (ideas) {
    // The recipe's own rate replaces the old recipe's (Adam's is not gradient descent's); a
    // rate the reader typed stays, so that a switch changes one thing only.
    const before = recipe(this.settings.ideas).learningRate, after = recipe(ideas).learningRate;
    this.settings.ideas = ideas;
    if (this.settings.learningRate === before && before !== after) {
      this.settings.learningRate = after;
      this.inputs["learning-rate"].value = String(after);
      this.inputs["learning-rate"].removeAttribute("aria-invalid");
      this.errors["learning-rate"].textContent = "";
    }
    this.showIdeas();
    this.reset();
  };
  /** The recipe menu and the switches as the settings' ideas say. */
  P.showIdeas = function () {
    const on = this.settings.ideas, all = Object.keys(IDEAS);
    for (const idea of all) this.switches[idea].checked = on.indexOf(idea) >= 0;
    this.recipeSelect.value = !on.length ? "original" : on.length === all.length ? "improved"
      : "custom";
    this.root.setAttribute("data-ideas", on.join(","));
  };
  /** One click of chapter 6: the document's recipe on the seed of the ``kind`` of run, played
   * from the start at 5 steps a frame, slow enough to watch. */
  P.watch = function (kind) {
    // the run the button names: the document's recipe, its rate, the page's target, the seed
    const values = { seed: String(this.outcomeSeeds[kind]),
      "learning-rate": String(RECIPES.original.learningRate), target: this.openingTarget.spec };
    for (const name in values) {
      this.inputs[name].value = values[name];
      this.inputs[name].removeAttribute("aria-invalid");
      this.errors[name].textContent = "";
    }
    Object.assign(this.settings, { seed: this.outcomeSeeds[kind], ideas: [],
      learningRate: RECIPES.original.learningRate, target: this.openingTarget });
    this.showIdeas();
    this.reset();
    this.watching = kind;
    this.speed = 1;
    this.speedSelect.value = "1";
    this.fullSpeed = false;
    this.start();
  };

  /** A new engine from the settings, at step 0; drawn unless a run starts at once (``quiet``). */
  P.reset = function (quiet) {
    this.stop();
    this.engine = new Engine({ seed: this.settings.seed, learningRate: this.settings.learningRate,
      target: this.settings.target, recipe: recipe(this.settings.ideas) });
    const r = this.engine.recipe;
    this.ratesHint.textContent = fill(this.t.rates, { d: this.engine.learningRate,
      g: r.gLearningRate || this.engine.learningRate, decay: r.decayRate, every: r.decaySteps });
    this.step = 0;
    this.watching = null;
    this.preDone = this.pretrain ? 0 : this.engine.pretrainSteps;
    this.lossD = [];
    this.lossG = [];
    this.w1 = NaN;
    this.diverged = false;
    this.finished = false;
    this.hasBatch = false;
    this.longestTask = 0;
    this.root.removeAttribute("data-longest-task-ms");
    this.message.textContent = "";
    const t = this.settings.target;
    this.xlo = Math.min(-8, t.mean - 4 * t.std);
    this.xhi = Math.max(8, t.mean + 4 * t.std);
    this.root.setAttribute("data-step", "0");
    this.root.removeAttribute("data-w1");
    this.root.removeAttribute("data-diverged");
    this.setState("idle");
    if (this.preTimer) clearTimeout(this.preTimer);
    this.preTimer = null;
    if (this.pretrain) this.pretrainInBackground();
    if (!quiet) {
      this.draw();
      this.announce();
    }
  };

  /** D_pre's steps in short tasks from the reset on, as the document trains D_pre before its
   * loop, so that step 0 shows D = D_pre; a step, play or train first finishes what is left. */
  P.pretrainInBackground = function () {
    const chunk = () => this.timed(() => {
      this.preTimer = null;
      if (this.finished || this.preDone >= this.engine.pretrainSteps) return;
      const going = this.advance(0, FRAME_BUDGET_MS);
      if (going && this.preDone < this.engine.pretrainSteps) {
        this.preTimer = setTimeout(chunk, 0);
      } else if (this.state !== "running") {
        this.draw();
      }
      if (this.state !== "running") this.announce();
    });
    this.preTimer = setTimeout(chunk, 0);
  };

  /** Run ``work`` (one event-loop task: a click, a frame) and keep the longest such task since
   * the last reset in data-longest-task-ms, for checks that the page keeps answering. */
  P.timed = function (work) {
    const start = performance.now();
    work();
    const ms = performance.now() - start;
    if (ms > this.longestTask) {
      this.longestTask = ms;
      this.root.setAttribute("data-longest-task-ms", ms.toFixed(1));
    }
  };

  P.setState = function (state) {
    this.state = state;
    this.root.setAttribute("data-state", state);
    this.playButton.textContent = state === "running" ? this.t.pause : this.t.play;
    this.playButton.setAttribute("aria-pressed", state === "running" ? "true" : "false");
  };

  P.act = function (action) {
    if (action === "reset") return this.reset();
    const marked = Object.keys(this.errors).filter((name) => this.errors[name].textContent);
    if (marked.length) { // it would run on the last good value, not on what the box shows
      this.stop();
      this.setState(this.finished ? "done" : "idle");
      this.message.textContent = this.t.fixFirst;
      return;
    }
    if (action === "train") {
      this.reset(true);
      this.fullSpeed = true;
      return this.start();
    }
    if (this.finished) {
      this.message.textContent = this.diverged ? this.message.textContent : this.t.over;
      return;
    }
    if (action === "play") {
      if (this.state === "running") { this.stop(); this.setState("idle"); this.announce(); }
      else { this.fullSpeed = false; this.start(); }
    } else if (action === "step") {
      this.stop();
      this.setState("idle");
      this.advance(1, Infinity);
      this.draw();
      this.announce();
    }
  };

  /** Up to ``steps`` steps (pre-training first), within ``budget`` ms; false once over. */
  P.advance = function (steps, budget) {
    const e = this.engine, start = performance.now(), total = e.pretrainSteps;
    while (this.preDone < total) {
      const loss = e.pretrainDraw();
      this.preDone++;
      if (!isFinite(loss)) return this.diverge();
      if (this.preDone === total) e.copyPretrained();
      if ((this.preDone & 7) === 0 && performance.now() - start > budget) return true;
    }
    for (let i = 0; i < steps && this.step < e.recipe.steps; i++) {
      const losses = e.stepDraw();
      this.step++;
      this.hasBatch = true;
      this.lossD.push(losses[0]);
      this.lossG.push(losses[1]);
      if (!isFinite(losses[0]) || !isFinite(losses[1])) return this.diverge();
      if (performance.now() - start > budget) break;
    }
    this.root.setAttribute("data-step", String(this.step));
    if (this.step >= e.recipe.steps) return this.finish();
    return true;
  };

  P.diverge = function () {
    this.stop();
    this.diverged = this.finished = true;
    this.root.setAttribute("data-step", String(this.step));
    this.root.setAttribute("data-diverged", "true");
    this.message.textContent = fill(this.t.diverged, { step: this.step });
    this.setState("done");
    return false;
  };

  P.finish = function () {
    this.stop();
    const e = this.engine;
    const z = e.noise(10000, new Rng((e.seed ^ 0x5bd1e995) >>> 0), new Float32Array(10000));
    const samples = e.sample(z);
    this.finished = true;
    if (!samples.every(isFinite)) return this.diverge();
    this.w1 = w1OverStd(samples, e.target);
    this.root.setAttribute("data-w1", this.w1.toFixed(4));
    this.setState("done");
    return false;
  };

  P.start = function () {
    this.stop();
    this.setState("running");
    const frame = () => this.timed(() => {
      this.timer = null;
      const steps = this.fullSpeed ? Infinity : SPEEDS[this.speed];
      const going = this.advance(steps, FRAME_BUDGET_MS);
      this.draw();
      if (going && this.state === "running") {
        if (this.step % 100 === 0 || this.preDone < this.engine.pretrainSteps) this.announce();
        this.schedule(frame);
      } else {
        this.announce();
      }
    });
    this.schedule(frame);
  };
  P.schedule = function (f) {
    // requestAnimationFrame where the page is shown; a timer where it is hidden (rAF stops there)
    if (document.visibilityState === "visible") {
      const id = requestAnimationFrame(f);
      this.timer = () => cancelAnimationFrame(id);
    } else {
      const id = setTimeout(f, 16);
      this.timer = () => clearTimeout(id);
    }
  };
  P.stop = function () {
    if (this.timer) this.timer();
    this.timer = null;
  };

  P.announce = function () {
    const t = this.t, e = this.engine;
    if (this.finished && !this.diverged) {
      this.status.textContent = fill(t.done, { steps: this.step, w1: this.w1.toFixed(3),
        verdict: this.w1 <= 0.2 ? t.converged : t.notConverged }) +
        (this.watching ? fill(t.outcomeDone, { kind: t.outcomes[this.watching] }) : "");
    } else if (this.pretrain && this.preDone < e.pretrainSteps) {
      this.status.textContent = fill(t.pretraining, { done: this.preDone, total: e.pretrainSteps });
    } else if (!this.pretrain && this.step === 0) {
      this.status.textContent = fill(t.untrained, { steps: e.recipe.steps });
    } else {
      const last = (a) => (a.length ? fixed(a[a.length - 1], 3) : "–");
      this.status.textContent = fill(this.pretrain && e.pretrainSteps ? t.statusPre : t.status, {
        step: this.step, steps: e.recipe.steps, pre: e.pretrainSteps,
        lossD: last(this.lossD), lossG: last(this.lossG), w1: fixed(this.liveW1, 3) });
    }
  };

  // ---------------------------------------------------------------- drawing
  function prepare(c) {
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(200, Math.round(c.clientWidth || 600));
    const h = c.cssHeight;
    if (c.width !== Math.round(w * ratio) || c.height !== Math.round(h * ratio)) {
      c.width = Math.round(w * ratio);
      c.height = Math.round(h * ratio);
      c.style.height = h + "px";
    }
    const g = c.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, h);
    g.font = "11px sans-serif";
    g.lineJoin = "round";
    return { g: g, w: w, h: h };
  }
  const GRID_Z = (() => { // G's samples for the views: the noise range, evenly
    const n = 1000, z = new Float32Array(n);
    for (let i = 0; i < n; i++) z[i] = -8 + (16 * (i + 0.5)) / n;
    return z;
  })();

  P.draw = function () {
    if (!this.engine) return;
    const e = this.engine, t = e.target, xlo = this.xlo, xhi = this.xhi;
    const samples = e.sample(GRID_Z);
    this.liveW1 = samples.every(isFinite) ? w1OverStd(samples, t) : NaN;
    // ---- data panel
    let { g, w, h } = prepare(this.cData);
    const left = 8, right = w - 8, top = 14, bottom = h - 18;
    const X = (x) => left + ((x - xlo) / (xhi - xlo)) * (right - left);
    const bins = 60, width = (xhi - xlo) / bins, counts = new Float64Array(bins);
    let outside = 0, leftOf = 0;
    for (const s of samples) {
      const i = Math.floor((s - xlo) / width);
      if (i >= 0 && i < bins) counts[i]++;
      else { outside++; if (!(s >= xlo)) leftOf++; }
    }
    const density = Array.from(counts, (c) => c / samples.length / width);
    const ymax = t.peak * 1.3;
    const Y = (p) => bottom - (Math.min(p, ymax) / ymax) * (bottom - top);
    const YD = (d) => bottom - d * (bottom - top);
    g.fillStyle = "rgba(44,160,44,0.45)";
    for (let i = 0; i < bins; i++) {
      if (density[i] > 0) {
        const x0 = X(xlo + i * width);
        g.fillRect(x0, Y(density[i]), X(xlo + (i + 1) * width) - x0 - 0.5, bottom - Y(density[i]));
      }
    }
    g.strokeStyle = "#888"; g.lineWidth = 1;
    g.beginPath(); g.moveTo(left, bottom); g.lineTo(right, bottom); g.stroke();
    g.fillStyle = "#444"; g.textAlign = "center";
    for (let x = Math.ceil(xlo / 2) * 2; x <= xhi; x += 2) g.fillText(String(x), X(x), h - 5);
    const n = 200, xs = new Float32Array(n);
    for (let i = 0; i < n; i++) xs[i] = xlo + ((xhi - xlo) * i) / (n - 1);
    const line = (color, dash, width2, f) => {
      g.strokeStyle = color; g.setLineDash(dash); g.lineWidth = width2; g.beginPath();
      let pen = false;
      for (let i = 0; i < n; i++) {
        const y = f(i);
        if (!isFinite(y)) { pen = false; continue; }
        if (pen) g.lineTo(X(xs[i]), y); else g.moveTo(X(xs[i]), y);
        pen = true;
      }
      g.stroke(); g.setLineDash([]);
    };
    line("#1f77b4", [], 2, (i) => Y(t.pdf(xs[i])));
    const dx = e.discriminate(xs);
    line("#ff7f0e", [], 2, (i) => YD(dx[i]));
    line("#000", [5, 4], 1.5, (i) => {
      const pd = t.pdf(xs[i]);
      const b = Math.floor((xs[i] - xlo) / width);
      const pg = b >= 0 && b < bins ? density[b] : 0;
      // where neither the target (beyond 1/1000 of its peak) nor G's samples have mass, D* is
      // undefined (0/0): not drawn
      return pd > 1e-3 * t.peak || pg > 0 ? YD(pd / (pd + pg)) : NaN;
    });
    g.fillStyle = "#444"; g.textAlign = "right";
    g.fillText("D = 1", right, YD(1) - 2);
    g.fillText("0.5", right, YD(0.5) - 2);
    if (outside) {
      g.textAlign = "left";
      g.fillStyle = "#b00020";
      const room = right - g.measureText("D = 1").width - 8 - left; // it ends before "D = 1"
      const warning = fill(this.t.outside, { n: outside, total: samples.length, left: leftOf,
        right: outside - leftOf, lo: +xlo.toFixed(1), hi: +xhi.toFixed(1) });
      g.fillText(warning, left, top - 3, room);
    }
    if (this.hasBatch) { // the last G step's points, on D at D(G(z)), and where each is pushed
      const dz = e.discriminate(e.gz);
      for (let k = 0; k < e.gz.length; k++) {
        const x = Math.min(Math.max(e.gz[k], xlo), xhi), beyond = x !== e.gz[k];
        const y = isFinite(dz[k]) ? YD(dz[k]) : bottom;
        const len = Math.max(-70, Math.min(70, 25 * e.gradAt[k]));
        g.fillStyle = "#2ca02c";
        g.beginPath();
        if (beyond) { // a triangle at the edge, pointing the way the point lies
          const s = e.gz[k] < xlo ? -1 : 1;
          g.moveTo(X(x) + 6 * s, y); g.lineTo(X(x), y - 5); g.lineTo(X(x), y + 5);
        } else {
          g.arc(X(x), y, 3, 0, 2 * Math.PI);
        }
        g.fill();
        if (Math.abs(len) > 1) {
          const s = Math.sign(len), x0 = X(x), x1 = x0 + len;
          g.strokeStyle = "#d62728"; g.lineWidth = 1.5;
          g.beginPath(); g.moveTo(x0, y); g.lineTo(x1, y);
          g.lineTo(x1 - 5 * s, y - 3); g.moveTo(x1, y); g.lineTo(x1 - 5 * s, y + 3);
          g.stroke();
        }
      }
    }
    // ---- mapping panel: z on the bottom line, G(z) on the top line
    ({ g, w, h } = prepare(this.cMap));
    const zl = 34, zr = w - 10, yTop = 16, yBot = h - 18;
    const XZ = (z) => zl + ((z + 8) / 16) * (zr - zl);
    const XG = (x) => zl + ((Math.min(Math.max(x, xlo), xhi) - xlo) / (xhi - xlo)) * (zr - zl);
    g.strokeStyle = "#888"; g.lineWidth = 1;
    g.beginPath(); g.moveTo(zl, yTop); g.lineTo(zr, yTop); g.moveTo(zl, yBot); g.lineTo(zr, yBot); g.stroke();
    g.fillStyle = "#444"; g.textAlign = "right";
    g.fillText("G(z)", zl - 6, yTop + 4);
    g.fillText("z", zl - 6, yBot + 4);
    g.textAlign = "center"; g.beginPath();
    for (let x = Math.ceil(xlo / 2) * 2; x <= xhi; x += 2) { // G(z)'s axis: the data panel's x
      g.moveTo(XG(x), yTop); g.lineTo(XG(x), yTop - 3); g.fillText(String(x), XG(x), yTop - 5);
    }
    for (let z = -8; z <= 8; z += 2) {
      g.moveTo(XZ(z), yBot); g.lineTo(XZ(z), yBot + 3); g.fillText(String(z), XZ(z), yBot + 14);
    }
    g.stroke();
    const zs = new Float32Array(33);
    for (let i = 0; i < 33; i++) zs[i] = -8 + i * 0.5;
    const gzs = e.generate(zs);
    g.strokeStyle = "rgba(120,120,120,0.5)";
    for (let i = 0; i < 33; i++) {
      if (!isFinite(gzs[i])) continue;
      g.beginPath(); g.moveTo(XZ(zs[i]), yBot); g.lineTo(XG(gzs[i]), yTop); g.stroke();
    }
    if (this.hasBatch) {
      const gb = e.generate(e.zg);
      g.strokeStyle = "#2ca02c"; g.lineWidth = 1.5;
      for (let k = 0; k < gb.length; k++) {
        if (!isFinite(gb[k])) continue;
        g.beginPath(); g.moveTo(XZ(e.zg[k]), yBot); g.lineTo(XG(gb[k]), yTop); g.stroke();
      }
    }
    // ---- losses panel
    ({ g, w, h } = prepare(this.cLoss));
    const ll = 30, lr = w - 8, lt = 8, lb = h - 16;
    // chapter 1 takes a few steps by hand: the x-axis covers the steps so far (50 at least)
    const steps = this.chapter === "1" ? Math.min(e.recipe.steps, Math.max(this.step, 50))
      : e.recipe.steps;
    const scale = lossScale(this.lossD, this.lossG), lmax = scale.top;
    this.root.setAttribute("data-loss-top", String(lmax));
    this.root.setAttribute("data-loss-right", String(steps));
    const SX = (s) => ll + (s / steps) * (lr - ll);
    const SY = (v) => lb - (Math.min(Math.max(v, 0), lmax) / lmax) * (lb - lt);
    g.strokeStyle = "#888"; g.lineWidth = 1;
    g.beginPath(); g.moveTo(ll, lt); g.lineTo(ll, lb); g.lineTo(lr, lb); g.stroke();
    g.fillStyle = "#444"; g.textAlign = "right";
    for (let v = 0; v <= lmax + 1e-9; v += scale.tick) {
      g.fillText(String(+v.toFixed(2)), ll - 4, SY(v) + 4);
    }
    const sTick = niceStep(steps, 4);
    for (let s = 0; s <= steps; s += sTick) {
      g.textAlign = s === steps ? "right" : "center";
      g.fillText(String(s), SX(s), h - 3);
    }
    for (const [v, c] of [[LOG4, "#d62728"], [LOG2, "#9467bd"]]) {
      g.strokeStyle = c; g.setLineDash([4, 4]); g.beginPath(); g.moveTo(ll, SY(v)); g.lineTo(lr, SY(v)); g.stroke();
    }
    g.setLineDash([]);
    for (const [a, c] of [[this.lossD, "#d62728"], [this.lossG, "#9467bd"]]) {
      g.strokeStyle = c; g.lineWidth = 1; g.beginPath();
      const every = Math.max(1, Math.floor(a.length / (lr - ll)));
      let pen = false;
      for (let i = 0; i < a.length; i += every) {
        if (!isFinite(a[i])) { pen = false; continue; }
        if (pen) g.lineTo(SX(i + 1), SY(a[i])); else g.moveTo(SX(i + 1), SY(a[i]));
        pen = true;
      }
      g.stroke();
    }
  };

  /** Mount a playground on ``root`` (once). */
  function mount(root) {
    if (!root || root.getAttribute("data-mounted")) return null;
    root.setAttribute("data-mounted", "true");
    const p = new Playground(root);
    root.ganPlayground = p;
    return p;
  }
  api.Playground = Playground;
  api.mount = mount;
  api.mountAll = function () {
    document.querySelectorAll(".gan-playground:not([data-mounted])").forEach(mount);
  };

  if (typeof module === "object" && module.exports) module.exports = api;
  else if (!global.GanPlayground) global.GanPlayground = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
