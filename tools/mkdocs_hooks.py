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
  options; the hook adds to that key a digest of the dlnotes modules the notebook imports
  (followed through their imports) and of the pins, so a change in one of those modules or a
  pin re-executes it. A figure is redrawn likewise when its script, a module it uses or a pin
  changes (``.cache/figures/``).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import runpy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
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


# from dlnotes[.module] import names | (names, over lines) ; import dlnotes[.module]
DLNOTES_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+dlnotes(?:\.(\w+))?[ \t]+import[ \t]+(\([^)]*\)|[\w, \t]+)"
    r"|import[ \t]+dlnotes(?:\.(\w+))?)",
    re.MULTILINE,
)


def _imported_modules(code: str, package: Path) -> set[str]:
    """The dlnotes modules a piece of code imports (``from dlnotes import x`` counts x too)."""
    modules = set()
    for match in DLNOTES_IMPORT.finditer(code):
        module = match[1] or match[3]
        if module:
            modules.add(module)
        elif match[2]:  # from dlnotes import a, b: modules if such files exist
            names = re.findall(r"\w+", match[2])
            modules.update(n for n in names if (package / f"{n}.py").is_file())
        modules.add("__init__")
    return modules


def dependency_digest(root: Path, code: str) -> str:
    """A digest of the dlnotes modules ``code`` uses, followed through their own imports,
    and of the pins: what an executed output depends on besides its own source."""
    package = root / "src" / "dlnotes"
    todo, seen = _imported_modules(code, package), set()
    while todo:
        module = todo.pop()
        path = package / f"{module}.py"
        if module in seen or not path.is_file():
            continue
        seen.add(module)
        todo |= _imported_modules(path.read_text(encoding="utf-8"), package)
    hasher = hashlib.sha256()
    for module in sorted(seen):
        hasher.update(module.encode() + b"\0" + (package / f"{module}.py").read_bytes())
    for pins in ("constraints.txt", "package-lock.json"):
        if (root / pins).is_file():
            hasher.update(pins.encode() + b"\0" + (root / pins).read_bytes())
    return hasher.hexdigest()[:16]


def _notebook_code(path: str) -> str:
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    return "\n".join(
        "".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Extend mkdocs-jupyter's cache key (the notebook's bytes and the plugin's options) with
    the digest of the dlnotes modules the notebook imports and of the pins."""
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["cache"]:
        return config
    import mkdocs_jupyter.plugin as jupyter_plugin  # 0.26.3, pinned in constraints.txt

    root = _project_root(config)
    plugin.config["cache_dir"] = str(root / ".cache" / "mkdocs-jupyter")
    own_key = getattr(jupyter_plugin._compute_cache_key, "own_key", None)
    own_key = own_key or jupyter_plugin._compute_cache_key

    def cache_key(nb_path: str, plugin_config: object, exec_nb: bool) -> str:
        digest = dependency_digest(root, _notebook_code(nb_path))
        key = own_key(nb_path, plugin_config, exec_nb) + digest
        return hashlib.sha256(key.encode()).hexdigest()

    cache_key.own_key = own_key  # type: ignore[attr-defined]  # a reload wraps the original
    jupyter_plugin._compute_cache_key = cache_key
    return config


def _figure_files(config: MkDocsConfig) -> list[File]:
    root = _project_root(config)
    cache = root / ".cache" / "figures"
    cache.mkdir(parents=True, exist_ok=True)
    files, used = [], set()
    for script in sorted((Path(config.docs_dir) / "figures").glob("*.py")):
        source = script.read_bytes()
        digest = dependency_digest(root, source.decode("utf-8"))
        key = hashlib.sha256(source + digest.encode()).hexdigest()[:16]
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
            old.unlink(missing_ok=True)  # another build may have removed it already
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


# After mkdocs-static-i18n sorts the pages by language (priority -100): it expects every file
# to come from a path, and a generated file has none.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in _katex_files(config) + _figure_files(config):
        files.append(file)
    _notebooks_as_pages(files, config)
    return files


def _notebooks_as_pages(files: Files, config: MkDocsConfig) -> None:
    """Wrap the notebooks again as mkdocs-jupyter does in its own on_files.

    mkdocs-static-i18n (on_files at priority -100, after mkdocs-jupyter's) re-creates every file
    as its own kind, which turns a notebook back into a plain file whose page is the raw JSON
    (mkdocs-static-i18n issue 198, open). Wrapping in place keeps its language-aware Files.
    """
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return
    from mkdocs_jupyter.plugin import NotebookFile  # 0.26.3, pinned in constraints.txt

    for file in list(files):
        if not isinstance(file, NotebookFile) and jupyter.should_include(file):
            files.remove(file)
            files.append(NotebookFile(file, **config))


MATHJAX_LOADER = re.compile(
    r'<!-- Load mathjax -->\s*<script src="[^"]*">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>',
    re.DOTALL,
)


# mkdocs-static-i18n points each page's <link rel="alternate" hreflang> at the same page in the
# other language; Material's script then fetches "sitemap.xml" next to that page (it expects the
# alternates to be language roots), a 404 on every page. The language menu in the header links
# the same page in the other language by itself, so the head links go.
ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    return ALTERNATE_LINK.sub("", MATHJAX_LOADER.sub("", output))
