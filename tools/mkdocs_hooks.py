"""MkDocs hooks: serve KaTeX from the site itself, and draw the figures at build time.

- KaTeX comes from the npm registry (package.json / package-lock.json, installed by the
  Makefile into node_modules/) and is added to the build as generated files under
  ``assets/katex/``, so no page requests a CDN and nothing third-party is committed.
- mkdocs-jupyter's notebook template loads MathJax from a CDN (or from ``src=""`` when no URL
  is set); the hook removes that loader, since KaTeX typesets the notebooks' math too.
- Each ``docs/figures/<name>.py`` defines ``make_figure() -> matplotlib.figure.Figure``; the
  hook runs it and adds ``figures/<name>.svg`` to the build. Pages link the SVG and can include
  the script with a snippet, so a figure is always drawn by the current package code.
- Caches keyed by content, so that a warm build redoes only what changed and never shows a
  stale output: mkdocs-jupyter's own cache keys a notebook by its bytes and the plugin's
  options; the hook puts that cache in a folder named by a digest of ``src/dlnotes/`` and the
  pins (constraints.txt), so a change in the package or a pin re-executes every notebook. A
  figure is redrawn when its script, the package or the pins change (``.cache/figures/``).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import runpy
import shutil
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


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def package_digest(root: Path) -> str:
    """A digest of what every executed output depends on: the package source and the pins."""
    hasher = hashlib.sha256()
    for path in sorted((root / "src" / "dlnotes").rglob("*.py")):
        hasher.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for pins in ("constraints.txt", "package-lock.json"):
        if (root / pins).is_file():
            hasher.update(pins.encode() + b"\0" + (root / pins).read_bytes())
    return hasher.hexdigest()[:16]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Key mkdocs-jupyter's notebook cache by the package and the pins as well."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None and plugin.config["cache"]:
        base = _project_root(config) / ".cache" / "mkdocs-jupyter"
        digest = package_digest(_project_root(config))
        plugin.config["cache_dir"] = str(base / digest)
        if base.is_dir():  # outputs computed with an older package are never used again
            for old in base.iterdir():
                if old.name != digest and old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
    return config


def _figure_files(config: MkDocsConfig) -> list[File]:
    root = _project_root(config)
    cache = root / ".cache" / "figures"
    cache.mkdir(parents=True, exist_ok=True)
    digest = package_digest(root)
    files, used = [], set()
    for script in sorted((Path(config.docs_dir) / "figures").glob("*.py")):
        key = hashlib.sha256(script.read_bytes() + digest.encode()).hexdigest()[:16]
        cached = cache / f"{script.stem}-{key}.svg"
        used.add(cached.name)
        if cached.is_file():
            svg = cached.read_text(encoding="utf-8")
            log.debug("figures/%s.svg from the cache", script.stem)
        else:
            svg = _draw(script)
            cached.write_text(svg, encoding="utf-8")
            log.info("drew figures/%s.svg", script.stem)
        files.append(File.generated(config, f"figures/{script.stem}.svg", content=svg))
    for old in cache.glob("*.svg"):
        if old.name not in used:
            old.unlink()
    return files


def _draw(script: Path) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Text as paths (no font files to fetch) and no date or random ids: the same code draws
    # the same bytes.
    plt.rcParams.update({"svg.fonttype": "path", "svg.hashsalt": "dlnotes"})
    namespace = runpy.run_path(str(script))
    if "make_figure" not in namespace:
        raise PluginError(f"{script} must define make_figure() -> Figure")
    figure = namespace["make_figure"]()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


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
