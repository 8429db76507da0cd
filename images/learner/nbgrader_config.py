# nbgrader in a trainee's container: the exchange is codelab's HTTP service, never a
# shared folder. URL and token come from the hub (CODELAB_EXCHANGE_URL, JUPYTERHUB_API_TOKEN).
c = get_config()  # noqa: F821
for action, plugin in {
    "exchange": "Exchange",
    "fetch_assignment": "ExchangeFetchAssignment",
    "fetch_feedback": "ExchangeFetchFeedback",
    "submit": "ExchangeSubmit",
    "list": "ExchangeList",
}.items():
    setattr(c.ExchangeFactory, action, f"codelab.exchange.client.{plugin}")
