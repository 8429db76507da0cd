# The course's tools first, in every login shell (JupyterLab's terminal is one): Debian's
# /etc/profile has just reset PATH to /usr/local/bin:/usr/bin:/bin.
case ":$PATH:" in
    *:/opt/codelab/venv/bin:*) ;;
    *) PATH="/opt/codelab/venv/bin:$PATH" ;;
esac
export PATH
