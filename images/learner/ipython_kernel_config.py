# Every Python kernel of the learner image (the trainee's and the grading sandbox's): a
# test cell that passes says so in one sentence (graders.cells).
c = get_config()  # noqa: F821 (IPython's config loader provides it)
c.InteractiveShellApp.extensions = ["graders.cells"]
