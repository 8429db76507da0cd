"""codelab: a browser-based coding lab on JupyterHub, one Docker container per trainee."""

__version__ = "0.1.0"
