"""Closing trainees off from each other on the lab network: what it costs at N trainees.

codelab keeps one network and has each trainee's container close it in its own network
namespace (a handful of iptables rules, see images/learner/codelab-learner-start). The
other way JupyterHub deployments take is one network per trainee with the hub attached to
each. This prints, in the same run, on this machine's Docker:

- codelab: seconds the rules add to one container start (measured N times), and the rules
  a container holds (the same at any N);
- per-trainee networks: seconds to create N networks and attach one container (the hub)
  to all of them, and how many Docker could make before its default address pools ran out
  (networks made without an explicit subnet, as a spawner would).

Everything made is named codelab-test-bench-… and removed at the end.

Usage: .venv/bin/python benchmarks/network.py [--trainees 100] [--image codelab/learner:latest]
"""

from __future__ import annotations

import argparse
import statistics
import time

import docker

PREFIX = "codelab-test-bench-net"
# The rules' part of the learner's start script, as it runs there (hub address faked).
RULES = r"""
hub_ip=$(ip -4 route show default | awk '{ print $3; exit }')
subnets=$(ip -4 route show scope link | awk '{ print $1 }')
start=$(date +%s%N)
for ipt in iptables iptables-legacy; do "$ipt" -w -L INPUT -n >/dev/null 2>&1 && break; done
$ipt -w -A INPUT -i lo -j ACCEPT
$ipt -w -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
$ipt -w -A INPUT -s "$hub_ip" -j ACCEPT
$ipt -w -A OUTPUT -o lo -j ACCEPT
$ipt -w -A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
$ipt -w -A OUTPUT -d "$hub_ip" -p tcp -m multiport --dports 8000,8081,8090 -j ACCEPT
for subnet in $subnets; do
    $ipt -w -A INPUT -s "$subnet" -j DROP
    $ipt -w -A OUTPUT -d "$subnet" -j REJECT
done
end=$(date +%s%N)
echo "$(( (end - start) / 1000 )) $($ipt -S | grep -c '^-A')"
"""


def codelab_rules(client, image: str, network: str, runs: int) -> tuple[list[float], int]:
    seconds, rules = [], 0
    for index in range(runs):
        output = client.containers.run(
            image, ["sh", "-c", RULES], entrypoint=[], name=f"{PREFIX}-rules-{index}",
            network=network, cap_drop=["ALL"], cap_add=["NET_ADMIN"], remove=True,
        )  # fmt: skip
        micros, rules = (int(x) for x in output.decode().split())
        seconds.append(micros / 1e6)
    return seconds, rules


def per_trainee_networks(client, image: str, trainees: int) -> tuple[float, int, str]:
    """(seconds for the networks made and attached, how many were made, why it stopped)."""
    hub = client.containers.run(
        image, ["sleep", "600"], entrypoint=[], name=f"{PREFIX}-hub", detach=True
    )
    made, stopped = 0, "all made"
    start = time.perf_counter()
    try:
        for index in range(trainees):
            try:
                network = client.networks.create(f"{PREFIX}-{index}", driver="bridge")
            except docker.errors.APIError as error:
                stopped = str(error.explanation or error)[:120]
                break
            network.connect(hub)
            made += 1
        return time.perf_counter() - start, made, stopped
    finally:
        hub.remove(force=True)


def clean(client) -> None:
    for container in client.containers.list(all=True, filters={"name": PREFIX}):
        container.remove(force=True)
    for network in client.networks.list(names=[PREFIX]):
        if network.name.startswith(PREFIX):
            network.remove()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--runs", type=int, default=10, help="container starts to time")
    parser.add_argument("--image", default="codelab/learner:latest")
    args = parser.parse_args()
    client = docker.from_env()
    clean(client)
    try:
        lab_net = client.networks.create(f"{PREFIX}-lab", driver="bridge")
        seconds, rules = codelab_rules(client, args.image, lab_net.name, args.runs)
        networks_s, made, stopped = per_trainee_networks(client, args.image, args.trainees)
    finally:
        clean(client)
    median = statistics.median(seconds)
    print(f"codelab (rules in each trainee's namespace), {args.runs} starts:")
    print(f"  {median * 1000:.1f} ms added to a start (median), {rules} rules per container,")
    print(
        f"  at {args.trainees} trainees: {median * args.trainees:.2f} s of rules in all, 1 network"
    )
    print(f"per-trainee networks, {args.trainees} wanted:")
    print(f"  {made} made and attached to the hub in {networks_s:.1f} s ({stopped})")
    if made:
        per_network = networks_s / made
        print(f"  {per_network * 1000:.0f} ms per trainee; ratio codelab/stock way: "
              f"{median / per_network:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
