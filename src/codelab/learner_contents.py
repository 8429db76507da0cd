"""The trainee's files as their JupyterLab serves them, with a sentence for a full home.

Runs in the learner image, inside the trainee's server (the image's jupyter_server config
names it). Each home is a file system of its own, of learner.disk bytes
(codelab.home_disks): when it is full, jupyter_server would answer "Unexpected error while
saving file: … [Errno 28] No space left on device" as a 500. The trainee reads instead
what happened and what to do, in their language; the file on disk is left as it was
(jupyter_server writes a copy, then swaps it in).
"""

from __future__ import annotations

import os
from contextlib import contextmanager

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado import web
from traitlets import default

from codelab.faults import out_of_room
from codelab.i18n import t

UNITS = {"fr": ("Go", "Mo"), "en": ("GB", "MB")}


def home_size_text(path: str, language: str) -> str:
    """The home's size as a person says it: '2 Go', '512 Mo'."""
    stats = os.statvfs(path)
    size = stats.f_blocks * stats.f_frsize
    giga, mega = UNITS.get(language, UNITS["fr"])
    if size >= 1024**3:
        return f"{size / 1024**3:.0f} {giga}"
    return f"{size / 1024**2:.0f} {mega}"


class HomeContentsManager(AsyncLargeFileManager):
    """JupyterLab's own contents manager, but a full home is told in a sentence."""

    @default("hide_globs")
    def _default_hide_globs(self) -> list[str]:
        # ext4's own folder at the root of every home: empty, not the trainee's work.
        stock = AsyncLargeFileManager.class_traits()["hide_globs"].make_dynamic_default()
        return [*stock, "lost+found"]

    @contextmanager
    def _room_needed(self):
        try:
            yield
        except (OSError, web.HTTPError) as error:
            if not out_of_room(error):
                raise
            language = os.environ.get("CODELAB_LANGUAGE", "fr")
            size = home_size_text(self.root_dir, language)
            raise web.HTTPError(507, t("home_full", language, size=size)) from error

    async def save(self, model, path=""):
        with self._room_needed():
            return await super().save(model, path)

    async def create_checkpoint(self, path):
        with self._room_needed():
            return await super().create_checkpoint(path)
