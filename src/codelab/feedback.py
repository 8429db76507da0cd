"""Feedback that never shows hidden tests: not their code, not a traceback quoting them.

nbgrader's feedback is made from the autograded notebook, where hidden tests are back in
place. `HideHiddenTests` runs in GenerateFeedback's preprocessor list: it cuts each hidden
region out of the cell and, when such a cell failed, replaces its outputs (the traceback
quotes the failing assert) with one plain sentence. Visible tests keep their messages.
"""

from __future__ import annotations

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from codelab.i18n import t


class HideHiddenTests(NbGraderPreprocessor):
    begin = Unicode("BEGIN HIDDEN TESTS", help="Marks the start of a hidden region.").tag(
        config=True
    )
    end = Unicode("END HIDDEN TESTS", help="Marks the end of a hidden region.").tag(config=True)
    language = Unicode("fr", help="Language of the sentences put in place: fr or en.").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        hidden = self.hidden_lines(nb)
        nb, resources = super().preprocess(nb, resources)
        # A trainee's code may have echoed a hidden test into another cell's output (an
        # IPython hook printing the cells it sees): such outputs are replaced too.
        for cell in nb.cells:
            if cell.cell_type == "code" and any(_quotes(o, hidden) for o in cell.outputs):
                text = t("hidden_placeholder", self.language)
                cell.outputs = [new_output("stream", name="stdout", text=text)]
        return nb, resources

    def hidden_lines(self, nb) -> set[str]:
        """The telling lines of every hidden region (long enough not to match by chance)."""
        lines, hidden = set(), False
        for cell in nb.cells:
            for line in cell.source.split("\n") if cell.cell_type == "code" else []:
                if self.begin in line:
                    hidden = True
                elif self.end in line:
                    hidden = False
                elif hidden and len(line.strip()) >= 12:
                    lines.add(line.strip())
        return lines

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or self.begin not in cell.source:
            return cell, resources
        cell.source = self.cut_hidden_region(cell.source)
        failed = any(
            o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")
            for o in cell.get("outputs", [])
        )
        message = t("hidden_failed", self.language) if failed else None
        cell.outputs = [new_output("stream", name="stdout", text=message)] if message else []
        return cell, resources

    def cut_hidden_region(self, source: str) -> str:
        kept, hidden = [], False
        for line in source.split("\n"):
            if self.begin in line:
                hidden = True
                kept.append(t("hidden_placeholder", self.language))
            elif self.end in line:
                hidden = False
            elif not hidden:
                kept.append(line)
        return "\n".join(kept)


def _quotes(output, lines: set[str]) -> bool:
    text = output.get("text", "") or ""
    for value in (output.get("data") or {}).values():
        text += value if isinstance(value, str) else ""
    text += "\n".join(output.get("traceback", []) or []) + str(output.get("evalue", ""))
    return any(line in text for line in lines)
