"""``python -m dlnotes.exercises CHAPTER [--notebook [PATH]] [--lang zh] [--markdown]``."""

from dlnotes.exercises import main

raise SystemExit(main())
