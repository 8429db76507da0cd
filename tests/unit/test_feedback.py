from nbformat.v4 import new_code_cell, new_notebook, new_output

from codelab.feedback import HideHiddenTests

HIDDEN = (
    "assert salutation('Amina') == 'Bonjour, Amina !'\n"
    "### BEGIN HIDDEN TESTS\n"
    "assert salutation('Jean-Pierre') == 'Bonjour, Jean-Pierre !', 'secret message'\n"
    "### END HIDDEN TESTS"
)


def failed_cell(source):
    traceback = [
        "AssertionError: secret message",
        "----> 3 assert salutation('Jean-Pierre') == 'Bonjour, Jean-Pierre !', 'secret message'",
    ]
    return new_code_cell(
        source,
        outputs=[
            new_output(
                "error", ename="AssertionError", evalue="secret message", traceback=traceback
            )
        ],
    )


def run(notebook, language="fr"):
    processed, _ = HideHiddenTests(language=language).preprocess(notebook, {})
    return processed


def test_hidden_code_and_its_traceback_are_gone_and_a_sentence_stays():
    notebook = run(new_notebook(cells=[failed_cell(HIDDEN)]))
    text = str(notebook)
    assert "Jean-Pierre" not in text and "secret message" not in text
    assert "BEGIN HIDDEN" not in text
    assert "assert salutation('Amina')" in notebook.cells[0].source
    assert "Un test caché n'a pas réussi" in notebook.cells[0].outputs[0].text


def test_passing_hidden_tests_leave_no_output_and_english_is_available():
    cell = new_code_cell(HIDDEN, outputs=[new_output("stream", name="stdout", text="Jean-Pierre")])
    notebook = run(new_notebook(cells=[cell]), language="en")
    assert notebook.cells[0].outputs == []
    assert "# Hidden tests: not shown." in notebook.cells[0].source


def test_visible_test_failures_keep_their_message():
    cell = failed_cell("assert salutation('Amina') == 'Bonjour, Amina !', 'secret message'")
    notebook = run(new_notebook(cells=[cell]))
    assert notebook.cells[0].outputs[0].evalue == "secret message"


def test_a_hidden_test_echoed_into_another_cell_by_the_trainee_is_cut_too():
    hook_output = new_output("stream", name="stdout", text="spy saw:\n" + HIDDEN)
    notebook = new_notebook(
        cells=[
            new_code_cell("get_ipython().events.register('post_run_cell', spy)"),
            failed_cell(HIDDEN),
            new_code_cell("1 + 1", outputs=[hook_output]),
        ]
    )
    cells = run(notebook).cells
    assert "Jean-Pierre" not in str(cells[2].outputs) and cells[2].outputs
