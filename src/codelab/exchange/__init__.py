"""The exchange: released assignments, submissions and feedback, kept by a hub service.

Trainee containers mount nothing shared: they talk HTTP to the service, which takes who is
calling from the hub, stamps time itself and checks every archive before keeping it.
"""
