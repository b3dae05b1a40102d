"""Give every heading of an English page the explicit id it has today: `## Adam {#adam}`.

The Chinese page (x.zh.md) carries the same ids, so every link and anchor resolves in both
languages (DESIGN.md, "Two languages"). The id written is the one MkDocs generates now (the toc
extension run with the site's Markdown extensions), so no existing link changes.

    .venv/bin/python tools/heading_ids.py docs/optimizers.md [more pages]   # rewrite in place
    .venv/bin/python tools/heading_ids.py --check docs/*.md                  # list, change nothing
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^(?P<hashes>#{1,6}) (?P<text>.*?)(?P<attrs>\s*\{[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def _extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions of mkdocs.yml (names and options), without snippets and toc's
    permalink; !ENV and other tags are read as plain values."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name in {"pymdownx.snippets", "toc"}:
            continue
        names.append(name)
        if options:
            configs[name] = options
    return [*names, "toc"], configs


def heading_lines(lines: list[str]) -> list[int]:
    """Indices of the Markdown heading lines outside fenced code."""
    found, fenced = [], False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and HEADING.match(line):
            found.append(i)
    return found


def generated_ids(text: str) -> list[str]:
    names, configs = _extensions()
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    html = md.convert(text)
    return re.findall(r"<h[1-6][^>]*\bid=\"([^\"]+)\"", html)


def with_ids(text: str) -> str:
    lines = text.split("\n")
    indices = heading_lines(lines)
    ids = generated_ids(text)
    if len(ids) != len(indices):
        raise SystemExit(f"{len(indices)} headings but {len(ids)} ids: fix by hand")
    for i, anchor in zip(indices, ids, strict=True):
        match = HEADING.match(lines[i])
        assert match
        if len(match["hashes"]) == 1 or (match["attrs"] and "#" in match["attrs"]):
            continue  # a page's title is not linked to: its URL is
        lines[i] = f"{match['hashes']} {match['text']} {{#{anchor}}}"
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = []
    for name in (a for a in argv if a != "--check"):
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        new = with_ids(text)
        if new != text:
            changed.append(name)
            if not check:
                path.write_text(new, encoding="utf-8")
    label = "headings without an explicit id: " if check else "ids added: "
    print(label + (", ".join(changed) or "none"))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
