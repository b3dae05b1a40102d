"""MkDocs hook: one exercise notebook per chapter (and the capstone), for download.

Each chapter's Exercises section (``docs/exercises/<chapter>.md``, generated from
``dlnotes.exercises`` and included at the end of the chapter page) links
``exercises/<chapter>.ipynb``. The notebook is the one ``python -m dlnotes.exercises CHAPTER
--notebook`` writes (``dlnotes.exercises._render.notebook_text``), titled with the chapter page's
heading; ``exercises/<chapter>.zh.ipynb`` is the Chinese one (``--lang zh``). The notebooks are
added as generated files with no source path, so mkdocs-jupyter (which converts only files it
can read from ``docs/``) neither executes nor renders them: they are copied to the site as they
are, for download. They are marked included explicitly, since ``exclude_docs`` leaves out
``exercises/`` (the Markdown sections, which the chapter pages include).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def title(chapter: str, docs_dir: Path = DOCS) -> str:
    """The first heading of the page that includes the chapter's section, without its {#id}
    (the chapter name when there is no such page)."""
    from dlnotes.exercises._render import including_page

    page = docs_dir / including_page(chapter, docs_dir)
    if page.is_file():
        heading = re.search(r"^# (.+?)(?:\s*\{#[\w-]+\})?$", page.read_text("utf-8"), re.MULTILINE)
        if heading:
            return heading[1].strip()
    return chapter.replace("-", " ").capitalize()


def notebook_text(chapter: str, lang: str = "en", docs_dir: Path = DOCS) -> str:
    """The notebook of ``chapter`` as the site offers it."""
    from dlnotes.exercises._render import notebook_text as render

    return render(chapter, lang, title(chapter, docs_dir))


# After mkdocs-static-i18n sorts the files by language (priority -100): it expects every file to
# come from a path, and a generated one has none.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from dlnotes.exercises import GROUPS

    docs_dir = Path(config.docs_dir)
    for chapter in GROUPS:
        for lang, suffix in (("en", ""), ("zh", ".zh")):
            files.append(
                File.generated(
                    config,
                    f"exercises/{chapter}{suffix}.ipynb",
                    content=notebook_text(chapter, lang, docs_dir),
                    inclusion=InclusionLevel.INCLUDED,  # exclude_docs leaves out exercises/
                )
            )
    return files
