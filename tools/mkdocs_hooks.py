"""MkDocs hooks: serve KaTeX from the site itself, and draw the figures at build time.

- KaTeX comes from the npm registry (package.json / package-lock.json, installed by the
  Makefile into node_modules/) and is added to the build as generated files under
  ``assets/katex/``, so no page requests a CDN and nothing third-party is committed.
- mkdocs-jupyter's notebook template loads MathJax from a CDN (or from ``src=""`` when no URL
  is set); the hook removes that loader, since KaTeX typesets the notebooks' math too.
- Each ``docs/figures/<name>.py`` defines ``make_figure() -> matplotlib.figure.Figure``; the
  hook runs it and adds ``figures/<name>.svg`` to the build. Pages link the SVG and can include
  the script with a snippet, so a figure is always drawn by the current package code.
"""

from __future__ import annotations

import io
import logging
import re
import runpy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.dlnotes")

ROOT = Path(__file__).resolve().parent.parent
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
KATEX_FILES = ["katex.min.js", "katex.min.css", "contrib/auto-render.min.js"]


def _katex_files(config: MkDocsConfig) -> list[File]:
    if not (KATEX_DIST / "katex.min.js").is_file():
        raise PluginError(
            f"KaTeX is not installed in {KATEX_DIST}: run `npm ci` (the Makefile does this)"
        )
    paths = [KATEX_DIST / name for name in KATEX_FILES]
    paths += sorted((KATEX_DIST / "fonts").glob("*.woff2"))
    return [
        File.generated(
            config,
            "assets/katex/" + path.relative_to(KATEX_DIST).as_posix(),
            abs_src_path=str(path),
        )
        for path in paths
    ]


def _figure_files(config: MkDocsConfig) -> list[File]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Text as paths (no font files to fetch) and no date or random ids: the same code draws
    # the same bytes.
    plt.rcParams.update({"svg.fonttype": "path", "svg.hashsalt": "dlnotes"})
    files = []
    for script in sorted((Path(config.docs_dir) / "figures").glob("*.py")):
        namespace = runpy.run_path(str(script))
        if "make_figure" not in namespace:
            raise PluginError(f"{script} must define make_figure() -> Figure")
        figure = namespace["make_figure"]()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(figure)
        svg = buffer.getvalue()
        files.append(File.generated(config, f"figures/{script.stem}.svg", content=svg))
        log.info("drew figures/%s.svg", script.stem)
    return files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in _katex_files(config) + _figure_files(config):
        files.append(file)
    return files


MATHJAX_LOADER = re.compile(
    r'<!-- Load mathjax -->\s*<script src="[^"]*">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>',
    re.DOTALL,
)


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    return MATHJAX_LOADER.sub("", output)
