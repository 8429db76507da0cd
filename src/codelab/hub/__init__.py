"""Hub-side code: the spawner, the authenticator and the glue that turns lab.yaml into config."""
