"""Each trainee's home on a file system of its own, so one trainee cannot fill the host.

Runs wherever the lab drives Docker for a home: the hub container (the spawner, before each
start) and the admin's host (`codelab cohort archive`).

This kernel has no usable quotas (no XFS project quota under Docker, ext4 built without
CONFIG_QUOTA), so a home is an ext4 image of `learner.disk` bytes, sparse, in the lab's
disks volume, attached to a loop device. The home volume the container mounts is the local
driver's `type=ext4,device=/dev/loopN`: the kernel mounts the block device itself.

Loop devices do not survive a reboot and are numbered by whoever asks first, so the volume
is only a pointer: before every use it is checked against the device that holds *this*
trainee's image, and made again when it points elsewhere. The image is the home; the
volume can always be made again. Nothing here runs a trainee's code: the helper that
attaches images holds SYS_ADMIN, runs no network, and only the lab's own script.
"""

from __future__ import annotations

import secrets
import shlex
from pathlib import Path

import docker

from codelab.config import LabConfig

# The lab's disks volume is mounted here in the helper. Each image is named after its home
# volume, which holds the lab's prefix: a loop device's backing file says whose home it is.
DISKS_MOUNT = "/disks"
LABEL = "codelab.home-disk"
LOOP_MAJOR = 7

# Every script starts here. This container's /dev has no loop devices: make a node for
# each the kernel has, so losetup can tell which one holds an image (by its inode, not
# its path) and mount can open one.
LOOP_NODES = r"""
set -eu
for dev in /sys/class/block/loop*/dev; do
    [ -e "$dev" ] || continue
    node="/dev/$(basename "$(dirname "$dev")")"
    [ -b "$node" ] || mknod "$node" b "$(cut -d: -f1 "$dev")" "$(cut -d: -f2 "$dev")"
done
"""

# Attach (making or growing first) one home image; prints the loop device. Under one
# lock for the whole lab, so an image is never attached twice, which would let two
# mounts of one ext4 write over each other.
ATTACH = r"""
disk="$1" size="$2"
exec 9>"$(dirname "$disk")/.lock"
flock 9
attached() { losetup --list --noheadings --output NAME --associated "$disk" | head -n1; }
if [ ! -e "$disk" ]; then
    truncate -s "$size" "$disk.new"
    # No blocks kept for root: the trainee may use the whole size they were given.
    mkfs.ext4 -q -F -m 0 -L home "$disk.new"
    mv "$disk.new" "$disk"
fi
dev=$(attached)
# lab.yaml gave more room than the image has (or a grow was cut short): grow it, offline,
# never while mounted. Online growth needs CAP_SYS_RESOURCE, which some engines lack. A
# device held by a mount cannot be opened exclusively, in any namespace: then it waits
# for a start when nothing uses it. Once detached, only this script could attach it again.
fs_bytes() { dumpe2fs -h "$disk" 2>/dev/null | awk '/^Block count:/ {c = $3}
    /^Block size:/ {s = $3} END {printf "%d", c * s}'; }
if [ "$(stat -c %s "$disk")" -lt "$size" ] || [ "$(fs_bytes)" -lt "$(stat -c %s "$disk")" ]; then
    if [ -n "$dev" ] && python3 -c 'import os, sys; os.close(os.open(sys.argv[1], os.O_EXCL))' \
        "$dev" 2>/dev/null; then
        losetup --detach "$dev"
        dev=$(attached)  # still there: mounted in between; the next start grows it
    fi
    if [ -z "$dev" ]; then
        [ "$(stat -c %s "$disk")" -ge "$size" ] || truncate -s "$size" "$disk"
        e2fsck -f -p "$disk" >&2 || [ $? -le 1 ]
        resize2fs "$disk" >&2
    fi
fi
tries=0
while [ -z "$dev" ]; do
    # The free device may be newer than this container's /dev: make its node.
    free=$(losetup --find)
    [ -b "$free" ] || mknod "$free" b 7 "${free#/dev/loop}"  # 7: LOOP_MAJOR
    if losetup "$free" "$disk" 2>/dev/null; then dev=$free; fi
    tries=$((tries + 1))
    [ -n "$dev" ] || [ "$tries" -lt 10 ] || { echo "no free loop device" >&2; exit 1; }
done
echo "$dev"
"""

# A home made before disks existed: its files, kept, are copied into the new image.
MOVE_IN = r"""
mkdir -p /new
mount "$1" /new
cp -a /old/. /new/
umount /new
"""


def _device_of(volume) -> str | None:
    return ((volume.attrs.get("Options") or {}) if volume is not None else {}).get("device")


class HomeDiskError(RuntimeError):
    """A home's disk could not be made, attached or filled; the message says why."""


class HomeDisks:
    """The trainee homes of one lab, each on its own fixed-size file system."""

    def __init__(self, client: docker.DockerClient, disks_volume: str, image: str, size: int):
        self.client, self.disks_volume, self.image, self.size = client, disks_volume, image, size

    @classmethod
    def of(cls, client: docker.DockerClient, lab: LabConfig) -> HomeDisks:
        return cls(client, lab.disks_volume, lab.images.learner, lab.learner.disk_bytes)

    def ready(self, volume: str) -> str:
        """Make the home volume `volume` mount this home's own disk; returns its name."""
        disk = f"{volume}.ext4"
        current = self._volume(volume)
        device = _device_of(current)
        if device and self._holds(device, disk):
            return volume  # the usual start: nothing to do, no helper to run
        device = self._helper(ATTACH, f"{DISKS_MOUNT}/{disk}", str(self.size)).strip()
        if current is not None and _device_of(current) == device:
            return volume
        if current is not None:
            self._retire(current, device)
        self.client.volumes.create(
            volume,
            driver="local",
            driver_opts={"type": "ext4", "device": device},
            labels={LABEL: f"{self.disks_volume}/{volume}.ext4"},
        )
        return volume

    def _volume(self, name: str):
        try:
            return self.client.volumes.get(name)
        except docker.errors.NotFound:
            return None

    def _retire(self, volume, device: str) -> None:
        """Drop a volume that points elsewhere; a home of plain files moves in first."""
        if LABEL not in (volume.attrs.get("Labels") or {}):
            old = {volume.name: {"bind": "/old", "mode": "ro"}}
            try:
                self._helper(MOVE_IN, device, volumes=old)
            except HomeDiskError as error:
                raise HomeDiskError(
                    f"The files of {volume.name}, from before homes had a size, did not move "
                    f"into a disk of {self.size} bytes ({error}). They are kept in that "
                    "volume: raise learner.disk in lab.yaml, then start the server again."
                ) from error
        try:
            volume.remove()
        except docker.errors.APIError as error:
            raise HomeDiskError(
                f"The home volume {volume.name} is in use by another container "
                f"({error.explanation}); stop it, then start the server again."
            ) from error

    def _holds(self, device: str, disk: str) -> bool:
        """Whether the loop device holds this home's image, big enough, by the kernel's own
        account (sysfs: the hub and the host see the same)."""
        block = Path("/sys/class/block") / Path(device).name
        try:
            backing = (block / "loop" / "backing_file").read_text().strip()
            sectors = int((block / "size").read_text())
        except (OSError, ValueError):
            return False
        return backing.endswith(f"/{disk}") and sectors * 512 >= self.size

    def _helper(self, script: str, *args: str, volumes: dict | None = None) -> str:
        """Run one of the scripts above in a throwaway container; returns what it printed."""
        mounts = {self.disks_volume: {"bind": DISKS_MOUNT, "mode": "rw"}, **(volumes or {})}
        helper = self.client.containers.create(
            self.image,
            ["sh", "-c", LOOP_NODES + script, "home-disk", *args],
            entrypoint=[],
            name=f"{self.disks_volume}-{secrets.token_hex(4)}",
            network_mode="none",
            # Loop devices and mount need SYS_ADMIN, the loop-control device and block
            # major 7 (mknod: the free device may be newer than this container's /dev).
            # Not --privileged: it asks for more than some engines hold.
            cap_add=["SYS_ADMIN"],
            security_opt=["no-new-privileges"],
            devices=["/dev/loop-control:/dev/loop-control:rwm"],
            device_cgroup_rules=[f"b {LOOP_MAJOR}:* rmw"],
            volumes=mounts,
        )
        try:
            helper.start()
            status = helper.wait()["StatusCode"]
            if status != 0:
                why = helper.logs(stdout=False, stderr=True).decode(errors="replace").strip()
                raise HomeDiskError(f"home disk {shlex.join(args)}: {why} (exit {status})")
            # stdout alone: e2fsck's account stays out of the device name.
            return helper.logs(stdout=True, stderr=False).decode()
        finally:
            helper.remove(force=True)
