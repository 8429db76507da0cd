"""A command's exit code in the grading container is read once Docker has recorded it."""

from codelab.grading import _exit_code


class SlowDaemon:
    """exec_inspect as Docker answers right after the output stream ends, under load."""

    def __init__(self, running_answers: int, code: int):
        self.answers = [{"Running": True, "ExitCode": None}] * running_answers
        self.answers.append({"Running": False, "ExitCode": code})

    def exec_inspect(self, exec_id):
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def test_the_code_is_waited_for_when_the_stream_ends_first():
    assert _exit_code(SlowDaemon(running_answers=3, code=0), "x") == 0
    assert _exit_code(SlowDaemon(running_answers=3, code=2), "x") == 2


def test_a_command_still_running_after_the_patience_is_not_a_success():
    assert _exit_code(SlowDaemon(running_answers=10**6, code=0), "x", patience=0.2) is None
