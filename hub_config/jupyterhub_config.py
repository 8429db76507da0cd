# JupyterHub configuration of a codelab lab: thin glue. Everything an admin sets lives in
# lab.yaml (mounted beside this file); the logic lives in the codelab package.
import os

from codelab.config import load_lab_config
from codelab.hub.configure import hub_config

lab = load_lab_config(os.environ.get("CODELAB_CONFIG", "/srv/jupyterhub/lab.yaml"))
c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
c.merge(hub_config(lab, admin_token=os.environ["CODELAB_ADMIN_TOKEN"]))
