"""Autograding in throwaway containers: one per submission, several at once.

- `run`: inside the sandbox container, executes the notebook (untrusted side).
- `drop`: starts the kernel under its own uid (inside the sandbox container).
- `service`: the hub service that makes and removes sandbox containers (it holds Docker).
- `preprocessor`: nbgrader's execution step replaced, on the trusted side.
- `autograde`: a whole assignment, submissions in parallel, in the grading container.
"""

# Inside a sandbox: the submission's kernel, and the runner that reports on it (another
# uid, out of the kernel's reach). Its tmpfs is made for the kernel's uid.
KERNEL_UID = 10100
RUNNER_UID = 10101
