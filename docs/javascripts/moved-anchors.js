// Sections that moved to another page keep their old links working: a link to a section of a
// page that was split (neural-networks/#broadcasting, optimizers/#bias-correction, regularization/#early-stopping) or to an
// erratum of the old conventions page (conventions/#erratum-16) is sent on to where it is now.
(() => {
  const hash = window.location.hash;
  if (!hash || document.getElementById(decodeURIComponent(hash.slice(1)))) return;
  const id = decodeURIComponent(hash.slice(1));
  // page (the end of its path) -> { section id -> the page it moved to, relative to the page }
  const moved = {
    "neural-networks/": {
      "binary-classification": "logistic-regression/", "logistic-regression": "logistic-regression/",
      "cost-function": "logistic-regression/", "gradient-descent": "logistic-regression/",
      "computation-graph": "logistic-regression/",
      "derivatives-with-a-computation-graph": "logistic-regression/",
      "logistic-regression-gradient": "logistic-regression/", "m-examples": "logistic-regression/",
      "vectorization": "logistic-regression/", "vectorized-logistic-regression": "logistic-regression/",
      "training-on-generated-data": "logistic-regression/", "broadcasting": "logistic-regression/",
      "why-this-cost": "logistic-regression/",
      "shallow-network": "shallow/", "representation": "shallow/", "computing-the-output": "shallow/",
      "activation-functions": "shallow/", "shallow-gradient-descent": "shallow/",
      "random-initialization": "shallow/", "training-a-shallow-network": "shallow/",
      "deep-network": "deep/", "forward-and-backward": "deep/", "dimensions": "deep/",
      "why-deep": "deep/", "building-blocks": "deep/", "parameters-vs-hyperparameters": "deep/",
      "pytorch": "deep/", "summary": "deep/",
    },
    "optimizers/": {
      "mini-batch-gradient-descent": "../mini-batch/", "batch-against-stochastic": "../mini-batch/",
      "three-loops": "../mini-batch/", "shuffle-and-partition": "../mini-batch/",
      "exponentially-weighted-averages": "../mini-batch/", "one-over-one-minus-beta": "../mini-batch/",
      "bias-correction": "../mini-batch/",
    },
    "performance/": {
      "floor": "../performance-measured/", "compile": "../performance-measured/",
      "rooms": "../performance-measured/", "limits": "../performance-measured/",
      "method": "../performance-measured/", "reproduce": "../performance-measured/",
    },
    "regularization/": {
      "data-augmentation": "../other-regularization/", "early-stopping": "../other-regularization/",
      "input-normalization": "../other-regularization/", "remedies": "../other-regularization/",
    },
  };
  const path = window.location.pathname;
  for (const [page, sections] of Object.entries(moved)) {
    if (path.endsWith("/" + page) && sections[id]) {
      window.location.replace(new URL(sections[id] + hash, window.location.href).href);
      return;
    }
  }
  if (id.startsWith("erratum-") && path.endsWith("/conventions/")) {
    window.location.replace(new URL("../errata/" + hash, window.location.href).href);
  } else if (id.startsWith("erratum-") && path.endsWith("/errata/")) {
    // the errata index lists every entry: follow its row's link to the entry's page
    const link = document.querySelector(`.md-content table a[href$="${hash}"]`);
    if (link) window.location.replace(link.href);
  }
})();
