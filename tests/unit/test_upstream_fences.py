"""The private upstream names codelab leans on are still there, with the shape it expects.

Each has no public equivalent; when an upgrade moves one, this fails before a trainee does.
"""

import inspect
import socket

import docker.api.client
from jupyterhub.handlers.login import LoginHandler
from nbclient import NotebookClient

from codelab.sandbox.container import raw_socket


def test_nbclient_still_stops_its_kernel_through_async_cleanup_kernel():
    # codelab.sandbox.run overrides it: the kernel runs as another uid, not ours to stop.
    hook = NotebookClient._async_cleanup_kernel
    assert inspect.iscoroutinefunction(hook)
    assert list(inspect.signature(hook).parameters) == ["self"]
    assert "await self._async_cleanup_kernel()" in inspect.getsource(NotebookClient)


def test_jupyterhub_login_page_is_still_rendered_by_render_with_the_error_first():
    # codelab.hub.auth passes its own French error through it.
    parameters = list(inspect.signature(LoginHandler._render).parameters)
    assert parameters[:3] == ["self", "login_error", "username"]
    assert "self._render(" in inspect.getsource(LoginHandler.get)
    # Sync, and also how an error on a form post is shown (codelab's override is sync too).
    assert not inspect.iscoroutinefunction(LoginHandler._render)
    assert "return self._render(**ns)" in inspect.getsource(LoginHandler.render_template)


def test_docker_attach_socket_on_a_unix_engine_is_still_a_socketio_over_the_socket():
    source = inspect.getsource(docker.api.client.APIClient._get_raw_response_socket)
    assert "response.raw._fp.fp.raw" in source
    ours, theirs = socket.socketpair()
    try:
        attached = socket.SocketIO(ours, "rwb")
        assert raw_socket(attached) is ours
        raw_socket(attached).shutdown(socket.SHUT_WR)  # the half-close the sandbox needs
        assert theirs.recv(1) == b""
    finally:
        ours.close()
        theirs.close()
