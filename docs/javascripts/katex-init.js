// Typeset math with the KaTeX copy that the build serves from this site (no CDN).
// Material swaps pages without reloading (instant navigation), so render on every document$.
document$.subscribe(({ body }) => {
  const strict = [
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true },
  ];
  // Markdown pages: pymdownx.arithmatex wraps each formula in .arithmatex.
  for (const element of body.querySelectorAll(".arithmatex")) {
    renderMathInElement(element, { delimiters: strict, throwOnError: false });
  }
  // Notebook pages: Jupyter Markdown cells use $…$ and $$…$$.
  for (const element of body.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown")) {
    renderMathInElement(element, {
      delimiters: [{ left: "$$", right: "$$", display: true }, { left: "$", right: "$", display: false }, ...strict],
      throwOnError: false,
    });
  }
});
